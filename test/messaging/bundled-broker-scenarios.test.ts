import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/scenario/build-simulation.js';
import { loadScenario } from '../../src/scenario/load.js';

const runBundled = (name: string, overrides: string[] = []) =>
  simulate(loadScenario(`scenarios/${name}.yaml`, { overrides })).summary;

describe('bundled broker scenarios teach what their descriptions say', () => {
  it('broker-decoupling: the queue grows at λ - μ while the producer publishes, then drains', () => {
    const summary = runBundled('broker-decoupling');
    const jobs = summary.brokers!.broker.subscriptions.jobs;
    expect(summary.counts.delivered).toBe(summary.counts.sent);
    // (λ - μ)·T = 50 × 10 = 500 at the peak; empty at the end.
    expect(jobs.depth.max).toBeGreaterThan(400);
    expect(jobs.depth.max).toBeLessThan(650);
    expect(jobs.depth.final).toBe(0);
    // The producer never waits; the latency is time in the broker queue.
    expect(summary.latency.components.wait.max).toBe(0);
    expect(summary.latency.components.queue.mean! / summary.latency.mean!).toBeGreaterThan(0.95);
    // The consumer works at its own pace, μ = 100 messages/s.
    expect(summary.throughput.messagesPerSecond).toBeGreaterThan(95);
    expect(summary.throughput.messagesPerSecond).toBeLessThan(105);
  });

  it('broker-fanout: every queue gets every event; the slow one backs up alone', () => {
    const summary = runBundled('broker-fanout');
    const broker = summary.brokers!.broker;
    // As the description says: each consumer sees all 1000 (sent 3000, delivered 3000).
    expect(broker.published).toBe(1000);
    expect(summary.counts).toMatchObject({ sent: 3000, delivered: 3000 });
    expect(summary.counts.sent).toBe(3 * broker.published);
    expect(summary.counts.delivered).toBe(summary.counts.sent);
    for (const consumer of Object.values(broker.consumers)) expect(consumer.delivered).toBe(broker.published);
    expect(broker.subscriptions.billing.depth.max).toBe(0);
    // (100 - 83.3)·10 ≈ 167 events behind at the peak.
    expect(broker.subscriptions.analytics.depth.max).toBeGreaterThan(140);
    expect(broker.subscriptions.analytics.depth.max).toBeLessThan(190);
  });

  it('broker-at-least-once: a crash and lost packets bring redeliveries and duplicates, no loss', () => {
    const summary = runBundled('broker-at-least-once');
    const tasks = summary.brokers!.broker.subscriptions.tasks;
    expect(summary.counts).toMatchObject({ sent: 3000, delivered: 3000, lost: {}, dropped: {} });
    expect(tasks.redeliveries).toBeGreaterThan(tasks.ackTimeouts);
    // The ack timer is the flow's retransmission timer; the producer's own transport loses nothing.
    expect(summary.counts.retransmissionTimeouts).toBe(tasks.ackTimeouts);
    expect(summary.counts.retransmissions).toBe(tasks.redeliveries);
    expect(summary.counts.duplicates).toBeGreaterThan(0);
    expect(tasks.duplicates).toBe(summary.counts.duplicates);
  });

  it('broker-at-least-once at most once: no duplicates, but tasks are lost', () => {
    const summary = runBundled('broker-at-least-once', ['brokers[0].delivery=at-most-once']);
    expect(summary.counts.duplicates).toBe(0);
    expect(summary.brokers!.broker.subscriptions.tasks).toMatchObject({ duplicates: 0, redeliveries: 0 });
    const lost = Object.values(summary.counts.lost).reduce((a, b) => a + b, 0);
    expect(lost).toBeGreaterThan(0);
    expect(summary.counts.delivered + lost).toBe(3000);
  });

  it('broker-at-least-once at most once: no ack timer, and lost deliveries or acks do not leak prefetch', () => {
    // Each worker holds one task in processing and 4 waiting: a sixth outstanding delivery
    // (more than prefetch 5) would be refused there.
    const summary = runBundled('broker-at-least-once', [
      'brokers[0].delivery=at-most-once',
      'nodes[2].queue=4',
      'nodes[3].queue=4',
    ]);
    const tasks = summary.brokers!.broker.subscriptions.tasks;
    expect(tasks.ackTimeouts).toBe(0);
    expect(summary.counts.dropped.nodeQueue ?? 0).toBe(0);
    // Lost packets on w2's link lose tasks (lost.linkLoss or similar), yet the run ends: every
    // task is delivered or lost, and the lost ones are the crash's and the link's.
    expect(summary.counts.delivered + Object.values(summary.counts.lost).reduce((a, b) => a + b, 0)).toBe(
      3000,
    );
    expect(summary.brokers!.broker.consumers.w2.delivered).toBeGreaterThan(1500);
  });
});
