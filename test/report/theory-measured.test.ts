import { describe, expect, it } from 'vitest';
import type { SubscriptionSummary, Summary } from '../../src/metrics/summary.js';
import { compareTheory } from '../../src/report/theory-measured.js';
import { smallRunResult } from './fake-run-results.js';

/**
 * The hand-built run: flow f1 with T = 2.5 messages/s, mean L = 16.4 ms of which t_prop 10 ms
 * and t_queue 1 ms, 60% never queued, 6 sent, 5 delivered, 2 retransmissions, nothing dropped.
 */
function summaryWithBroker(): Summary {
  const { summary } = smallRunResult();
  const queue: SubscriptionSummary = {
    partitioned: false,
    consumers: ['c1', 'c2'],
    routed: 200,
    delivered: 190,
    redeliveries: 0,
    duplicates: 0,
    acked: 190,
    ackTimeouts: 0,
    deadLettered: 0,
    dropped: { queueFull: 10 },
    lost: {},
    depth: { mean: 0.5, max: 4, final: 0 },
    lag: { mean: 2, max: 6, final: 0 },
  };
  summary.brokers = {
    'hub.1': {
      delivery: 'at-least-once',
      persistent: false,
      published: 200,
      unroutable: 0,
      subscriptions: { jobs: queue },
      consumers: {},
    },
  };
  return summary;
}

function measuredOf(summary: Summary, key: string, values: Record<string, number>) {
  return Object.fromEntries(
    compareTheory(summary, key, { formula: 'f', values }).map((row) => [
      row.name,
      row.measured?.value ?? null,
    ]),
  );
}

describe('the measured counterparts of theory values', () => {
  const summary = summaryWithBroker();

  it("reads a flow's throughput, latency split and counts, and Little's law from them", () => {
    const measured = measuredOf(summary, 'link-queue:f1', {
      utilisation: 0.3,
      messagesPerSecond: 2,
      meanQueueingSeconds: 0.001,
      meanSojournSeconds: 0.006,
      meanLatencySeconds: 0.016,
      meanNumberInSystem: 0.02,
      meanNumberInQueue: 0.003,
      probabilityNoWait: 0.5,
      transmissionsPerMessage: 1.5,
      meanTimePerMessageSeconds: 0.5,
    });
    expect(measured.utilisation).toBe(0.00026659577);
    expect(measured.messagesPerSecond).toBe(2.5);
    expect(measured.meanQueueingSeconds).toBe(0.001);
    expect(measured.meanSojournSeconds).toBeCloseTo(0.0064, 15);
    expect(measured.meanLatencySeconds).toBe(0.0164);
    expect(measured.meanNumberInSystem).toBeCloseTo(2.5 * 0.0064, 15);
    expect(measured.meanNumberInQueue).toBeCloseTo(0.0025, 15);
    expect(measured.probabilityNoWait).toBe(0.6);
    // 8 data copies for 5 delivered (6 sent, 2 of them resent; the sixth is not delivered).
    expect(measured.transmissionsPerMessage).toBe(8 / 5);
    expect(measured.meanTimePerMessageSeconds).toBe(2 / 5);
  });

  it("compares stop-and-wait's U = (L/R)/E[t] with the useful share, mean t_trans · T, not the busy share", () => {
    const trans = summary.flows.f1.latency.components.trans.mean!;
    const measured = measuredOf(summary, 'stop-and-wait:f1', { utilisation: 0.02 });
    expect(measured.utilisation).toBeCloseTo(trans * 2.5, 15);
    expect(measured.utilisation).not.toBe(summary.flows.f1.senderUtilisation);
  });

  it('gives the ratio measured / predicted, none for a prediction of 0', () => {
    const rows = compareTheory(summary, 'stop-and-wait:f1', {
      formula: 'f',
      values: { messagesPerSecond: 2, cycleSeconds: 0.03, goodputBitsPerSecond: 0 },
    });
    expect(rows.map((row) => row.ratio)).toEqual([1.25, null, null]);
    expect(rows[1].measured).toBeNull();
  });

  it('measures no utilisation where it is an offered load (with blocking) or a node busy share', () => {
    const blocking = measuredOf(summary, 'link-queue:f1', { utilisation: 0.9, blockingProbability: 0.1 });
    expect(blocking).toEqual({ utilisation: null, blockingProbability: 0 });
    expect(measuredOf(summary, 'node-queue:f1', { utilisation: 0.5, messagesPerSecond: 2 })).toEqual({
      utilisation: null,
      messagesPerSecond: 2.5,
    });
  });

  it("reads a broker queue's depth, consumer lag and drops", () => {
    const measured = measuredOf(summary, 'broker-queue:hub.1/jobs', {
      utilisation: 0.7,
      meanNumberInQueue: 0.4,
      meanNumberInSystem: 1.8,
      meanSojournSeconds: 0.1,
    });
    // (lag − depth) / consumers = (2 − 0.5) / 2.
    expect(measured).toEqual({
      utilisation: 0.75,
      meanNumberInQueue: 0.5,
      meanNumberInSystem: 2,
      meanSojournSeconds: null,
    });
    expect(measuredOf(summary, 'broker-queue:hub.1/jobs', { blockingProbability: 0.04 })).toEqual({
      blockingProbability: 10 / 200,
    });
  });

  it('measures nothing for a model it does not know, or a subject the run does not have', () => {
    expect(measuredOf(summary, 'new-model:f1', { messagesPerSecond: 1 })).toEqual({
      messagesPerSecond: null,
    });
    expect(measuredOf(summary, 'stop-and-wait:nope', { messagesPerSecond: 1 })).toEqual({
      messagesPerSecond: null,
    });
    expect(measuredOf(summary, 'stopAndWaitThroughput', { T: 1 })).toEqual({ T: null });
  });
});
