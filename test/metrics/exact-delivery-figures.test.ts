import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeliveryLog } from '../../src/metrics/delivery-log.js';
import type { Delivery } from '../../src/metrics/delivery-records.js';
import { ExactDeliveryFigures } from '../../src/metrics/exact-delivery-figures.js';
import { quantileOfSorted } from '../../src/metrics/stats.js';
import type { Interval, LatencySummary, Stats } from '../../src/metrics/summary.js';

/**
 * Figures of `deliveries` recorded in a log, with the series' orders the log kept while
 * recording (as the summary reads them), or found by a pass over the records (`scanned`).
 */
function figuresOf(
  deliveries: readonly Delivery[],
  channels: number,
  warmup: number,
  orders: 'recorded' | 'scanned' = 'recorded',
): ExactDeliveryFigures {
  const log = new DeliveryLog(channels, warmup);
  for (const delivery of deliveries) log.add(delivery);
  const recorded = orders === 'recorded' ? log.recordedOrders() : null;
  if (orders === 'recorded' && recorded === null) throw new Error('the log kept no orders');
  return new ExactDeliveryFigures(log.records, channels, warmup, recorded);
}

function delivery(flowIndex: number, createdAt: number, deliveredAt: number, parts: Partial<Delivery> = {}) {
  return {
    flowIndex,
    createdAt,
    deliveredAt,
    transSeconds: 0,
    propSeconds: 0,
    queueSeconds: 0,
    procSeconds: 0,
    waitSeconds: 0,
    payloadBytes: 100,
    ...parts,
    latencySeconds: parts.latencySeconds ?? deliveredAt - createdAt,
  };
}

/** The plain definition: sort a copy of the values, sum them in that order, interpolate. */
function referenceStats(values: number[]): Stats {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return { count: 0, mean: null, p50: null, p95: null, p99: null, max: null };
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    mean: sum / sorted.length,
    p50: quantileOfSorted(sorted, 0.5),
    p95: quantileOfSorted(sorted, 0.95),
    p99: quantileOfSorted(sorted, 0.99),
    max: sorted[sorted.length - 1],
  };
}

/** The records of `channels` in the order the summary has always read them: delivery order for all channels, else channel after channel. */
function selected(
  deliveries: readonly Delivery[],
  channels: readonly number[],
  channelCount: number,
): Delivery[] {
  if (channels.length === channelCount && channels.every((channel, i) => channel === i))
    return [...deliveries];
  return channels.flatMap((channel) => deliveries.filter((d) => d.flowIndex === channel));
}

function referenceLatency(measured: Delivery[]): LatencySummary {
  const of = (pick: (d: Delivery) => number) => referenceStats(measured.map(pick));
  return {
    ...of((d) => d.deliveredAt - d.createdAt),
    components: {
      trans: of((d) => d.transSeconds),
      prop: of((d) => d.propSeconds),
      queue: of((d) => d.queueSeconds),
      proc: of((d) => d.procSeconds),
      wait: of((d) => d.waitSeconds),
    },
    noQueueFraction:
      measured.length > 0 ? measured.filter((d) => d.queueSeconds === 0).length / measured.length : null,
  };
}

function referenceDeliveredIn(records: Delivery[], interval: Interval) {
  let delivered = 0;
  let payloadBits = 0;
  for (const d of records) {
    if (d.deliveredAt >= interval.from && d.deliveredAt <= interval.to) {
      delivered++;
      payloadBits += d.payloadBytes * 8;
    }
  }
  return { delivered, payloadBits };
}

/** Deep equality that tells -0 from +0 (toStrictEqual does) and keeps key order out of it. */
function expectSame(actual: unknown, expected: unknown): void {
  expect(actual).toStrictEqual(expected);
}

describe('ExactDeliveryFigures', () => {
  // Channel 0: latencies 3, 1 (created at 0 and 2); channel 1: latency 2, created before the
  // 1 s warm-up (not measured), and 5.
  const deliveries = [
    delivery(0, 0, 3, { queueSeconds: 0.5, transSeconds: 2.5 }),
    delivery(1, 0.5, 2.5),
    delivery(0, 2, 3, { payloadBytes: 50 }),
    delivery(1, 1, 6, { waitSeconds: 5 }),
  ];
  const figures = figuresOf(deliveries, 2, 1);

  it('takes latency statistics of measured messages only, per channel and together', () => {
    // Channel 0 measured: latency 1 (created 2). Channel 1 measured: latency 5. Together 1 and 5.
    expect(figures.latencyOf([0])).toMatchObject({ count: 1, mean: 1, max: 1 });
    expect(figures.channelLatency(1)).toEqual({ count: 1, mean: 5, p50: 5, p95: 5, p99: 5, max: 5 });
    const both = figures.latencyOf([0, 1]);
    expect(both).toMatchObject({ count: 2, mean: 3, p50: 3, max: 5 });
    expect(both.p95).toBeCloseTo(4.8, 12); // 1 + 0.95·4
    expect(both.components.wait).toMatchObject({ count: 2, mean: 2.5, max: 5 });
    expect(both.noQueueFraction).toBe(1);
    expect(figures.latencyOf([1, 0])).toStrictEqual(both);
  });

  it('counts every delivery in the interval for throughput, measured or not', () => {
    expect(figures.deliveredIn([0, 1], { from: 0, to: 10 })).toEqual({ delivered: 4, payloadBits: 2800 });
    expect(figures.deliveredIn([0], { from: 2.9, to: 3 })).toEqual({ delivered: 2, payloadBits: 1200 });
    expect(figures.deliveredIn([1], { from: 3, to: 5.5 })).toEqual({ delivered: 0, payloadBits: 0 });
  });

  it('bins deliveries by time and gives measured latencies in delivery order', () => {
    const bins = figures.bins({ from: 2, to: 6 }, 2);
    expect([...bins.delivered]).toEqual([3, 1]);
    expect([...bins.bits]).toEqual([2000, 800]);
    expect([...bins.latencySum]).toEqual([6, 5]);
    expect(figures.latencies()).toEqual({ values: Float64Array.from([1, 5]), stride: 1 });
  });

  it('keeps the series orders it records only until it folds its records into streams', () => {
    const log = new DeliveryLog(1, 0, 2);
    log.add(delivery(0, 0, 1));
    log.add(delivery(0, 0, 3));
    expect(log.recordedOrders()?.latency.finish(log.records.view('latency'))).toMatchObject({
      sum: 4,
      deliveryRuns: [0, 2],
    });
    log.add(delivery(0, 0, 2));
    expect(log.recordedOrders()).toBeNull();
  });

  it('keeps no series orders when more deliveries than its cap are expected (the fold would drop them)', () => {
    const expectingMore = new DeliveryLog(1, 0, 4, 5);
    expectingMore.add(delivery(0, 0, 1));
    expect(expectingMore.recordedOrders()).toBeNull();
    // A run that ends within the cap after all: the summary scans the records for the orders.
    const figures = new ExactDeliveryFigures(expectingMore.records, 1, 0, expectingMore.recordedOrders());
    expectSame(figures.channelLatency(0), referenceStats([1]));
    const expectingFew = new DeliveryLog(1, 0, 4, 4);
    expectingFew.add(delivery(0, 0, 1));
    expect(expectingFew.recordedOrders()).not.toBeNull();
  });

  it('gives what gathering and sorting each selection gives, bit for bit, with orders recorded or scanned', () => {
    // Ties, zeros of both signs and values in and out of order, so that every path is taken:
    // runs in delivery order, per-channel sorts, merges of channels.
    const value = fc.oneof(
      fc.constantFrom(0, -0, 1e-3, 1e-3 + 1e-18, 0.5),
      fc.double({ min: 0, max: 10, noNaN: true }),
    );
    const record = fc.record({
      flowIndex: fc.nat(3),
      createdAt: fc.constantFrom(0, 0.5, 1, 2),
      latency: value,
      transSeconds: value,
      propSeconds: value,
      queueSeconds: value,
      procSeconds: value,
      waitSeconds: value,
      payloadBytes: fc.oneof(fc.constant(1000), fc.double({ min: 1, max: 1500, noNaN: true })),
    });
    const input = fc.record({
      records: fc.array(record, { maxLength: 60 }),
      ordered: fc.boolean(),
      warmup: fc.constantFrom(0, 1),
      subsets: fc.array(fc.uniqueArray(fc.nat(3), { maxLength: 4 }), { maxLength: 4 }),
      interval: fc.tuple(
        fc.double({ min: 0, max: 12, noNaN: true }),
        fc.double({ min: 0, max: 12, noNaN: true }),
      ),
    });
    fc.assert(
      fc.property(input, ({ records, ordered, warmup, subsets, interval: [a, b] }) => {
        const channels = 4;
        let time = 0;
        const list = records.map((r) => {
          // Delivery times ascend (they are in delivery order); latencies too when `ordered`.
          time += r.latency;
          const deliveredAt = ordered ? r.createdAt + time : r.createdAt + r.latency;
          return delivery(r.flowIndex, r.createdAt, deliveredAt, r);
        });
        const interval = { from: Math.min(a, b), to: Math.max(a, b) };
        const measured = (ds: Delivery[]) => ds.filter((d) => d.createdAt >= warmup);
        for (const orders of ['recorded', 'scanned'] as const) {
          const figures = figuresOf(list, channels, warmup, orders);
          for (const subset of [[0, 1, 2, 3], [3, 2, 1, 0], ...subsets, [0], [2], []]) {
            const chosen = selected(list, subset, channels);
            expectSame(figures.latencyOf(subset), referenceLatency(measured(chosen)));
            expectSame(figures.deliveredIn(subset, interval), referenceDeliveredIn(chosen, interval));
          }
          for (let channel = 0; channel < channels; channel++) {
            const own = measured(list.filter((d) => d.flowIndex === channel));
            expectSame(
              figures.channelLatency(channel),
              referenceStats(own.map((d) => d.deliveredAt - d.createdAt)),
            );
          }
          expectSame(
            figures.latencies().values,
            Float64Array.from(measured(list).map((d) => d.deliveredAt - d.createdAt)),
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
