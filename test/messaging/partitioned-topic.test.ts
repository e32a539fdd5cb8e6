import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/net/message.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';
import { brokerScenario } from './broker-scenario.js';

const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7'];

/** Two groups on a 4-partition topic: `workers` (two members, one crashes a while), `audit` (one). */
function partitioned(delivery: string, loss = 0) {
  const scenario = brokerScenario({
    link: { bandwidth: '10Mbps', delay: '1ms' },
    consumers: [
      { node: 'w1', processing: { dist: 'exponential', mean: 0.004 } },
      { node: 'w2', processing: { dist: 'exponential', mean: 0.004 } },
      { node: 'auditor', processing: '1ms' },
    ],
    broker: {
      delivery,
      ackTimeout: '100ms',
      topics: [{ name: 'clicks', partitions: 4 }],
      consumers: [
        { id: 'w1', node: 'w1', topic: 'clicks', group: 'workers', prefetch: 3 },
        { id: 'w2', node: 'w2', topic: 'clicks', group: 'workers', prefetch: 3 },
        { id: 'audit', node: 'auditor', topic: 'clicks', group: 'audit', prefetch: 5 },
      ],
    },
    flow: {
      transport: { protocol: 'stop-and-wait', timeout: '10ms' },
      publish: { topic: 'clicks', keys: KEYS },
      workload: { messages: 300, rate: 300, arrivals: 'poisson' },
    },
    faults: [
      { at: 0.3, crash: 'w1' },
      { at: 0.6, recover: 'w1' },
    ],
  });
  if (loss > 0) scenario.links = scenario.links!.map((link, i) => (i === 0 ? link : { ...link, loss }));
  const { probe, delivered } = recordingProbe();
  const { summary } = run(scenario, { probes: [probe] });
  return { summary, delivered: delivered() };
}

/**
 * Per group and key, the creation times of the delivered messages in delivery order. A message
 * and its copy for the second group share their creation time; the original (smaller id) went
 * to the first group. Keys were given in publishing order, which is creation order.
 */
function deliveriesByGroupAndKey(delivered: readonly Message[]): Map<string, number[]> {
  const published = [...new Set(delivered.map((message) => message.createdAt))].sort((a, b) => a - b);
  const indexOf = new Map(published.map((createdAt, index) => [createdAt, index]));
  const firstId = new Map<number, number>();
  for (const message of delivered) {
    firstId.set(message.createdAt, Math.min(firstId.get(message.createdAt) ?? message.id, message.id));
  }
  const sequences = new Map<string, number[]>();
  for (const message of delivered) {
    const group = firstId.get(message.createdAt) === message.id ? 'workers' : 'audit';
    const key = `${group}/${KEYS[indexOf.get(message.createdAt)! % KEYS.length]}`;
    sequences.set(key, [...(sequences.get(key) ?? []), message.createdAt]);
  }
  return sequences;
}

describe('partitioned topic with consumer groups', () => {
  it('gives every group every message and keeps each key in order through a rebalance', () => {
    const { summary, delivered } = partitioned('at-least-once', 0.05);
    const broker = summary.brokers!.broker;
    expect(broker.published).toBe(300);
    expect(summary.counts).toMatchObject({ sent: 600, delivered: 600, lost: {} });
    const workers = broker.subscriptions['clicks/workers'];
    expect(workers.partitioned).toBe(true);
    expect(workers.delivered).toBe(300);
    expect(broker.subscriptions['clicks/audit'].delivered).toBe(300);
    // The crash hands w1's partitions to w2, from the committed offset: some go again.
    expect(workers.redeliveries).toBeGreaterThan(0);
    expect(broker.consumers.w2.delivered).toBeGreaterThan(broker.consumers.w1.delivered);
    // Within a key (one partition), messages reach each group in the order they were published.
    const sequences = deliveriesByGroupAndKey(delivered);
    expect(sequences.size).toBe(2 * KEYS.length);
    for (const [key, times] of sequences) {
      expect(times, key).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('at-most-once commits as it sends: no duplicates, the crashed member’s messages are lost', () => {
    const { summary } = partitioned('at-most-once');
    expect(summary.counts.duplicates).toBe(0);
    expect(summary.brokers!.broker.subscriptions['clicks/workers'].redeliveries).toBe(0);
    expect(summary.counts.lost.nodeDown).toBeGreaterThan(0);
    expect(summary.counts.delivered + summary.counts.lost.nodeDown).toBe(600);
  });
});
