import { describe, expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';

const DIGITS = 12;

describe('summarize with a warm-up', () => {
  // 4 msg/s from t = 0, 8 messages; each is delivered 8 ms + 300 ms after creation.
  // Created 0 ... 1.75; warm-up 1 s. Message 3 (created 0.75) is delivered at 1.058.
  const result = run({
    name: 'warmup',
    warmup: '1s',
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [{ between: ['a', 'b'], bandwidth: '1Mbps', delay: '300ms' }],
    flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 8, rate: 4, size: '1000B' } }],
  });
  const { summary } = result;

  it('starts the interval at the warm-up and ends it at the last delivery', () => {
    expect(summary.interval.from).toBe(1);
    expect(summary.interval.to).toBeCloseTo(2.058, DIGITS);
    expect(summary.flows.f.interval).toEqual(summary.interval);
  });

  it('excludes messages created before the warm-up from latency statistics', () => {
    expect(summary.latency.count).toBe(4);
    expect(result.latencies).toHaveLength(4);
    expect(summary.latency.mean).toBeCloseTo(0.308, DIGITS);
    expect(summary.latency.max).toBeCloseTo(0.308, DIGITS);
    expect(summary.latency.components.trans.mean).toBeCloseTo(0.008, DIGITS);
    expect(summary.latency.components.prop.mean).toBeCloseTo(0.3, DIGITS);
  });

  it('counts deliveries inside the interval for T = N/t, including one created before the warm-up', () => {
    const t = summary.throughput;
    expect(t.delivered).toBe(5);
    expect(t.intervalSeconds).toBeCloseTo(1.058, DIGITS);
    expect(t.messagesPerSecond).toBeCloseTo(5 / 1.058, 9);
    expect(t.goodputBitsPerSecond).toBeCloseTo((5 * 8000) / 1.058, 6);
    // Only copies put on the wire after the warm-up (messages 4-7) and creations after it.
    expect(t.wireBitsPerSecond).toBeCloseTo((4 * 8000) / 1.058, 6);
    expect(t.offeredMessagesPerSecond).toBeCloseTo(4 / 1.058, 9);
    expect(summary.flows.f.senderUtilisation).toBeCloseTo((4 * 0.008) / 1.058, 12);
  });

  it('still counts every message in the totals', () => {
    expect(summary.counts.sent).toBe(8);
    expect(summary.counts.delivered).toBe(8);
    expect(summary.counts.inFlight).toBe(0);
  });

  it('bins the interval for the time series with the in-interval deliveries', () => {
    expect(result.timeseries).toHaveLength(100);
    expect(result.timeseries[0].start).toBe(1);
    expect(result.timeseries.at(-1)!.end).toBeCloseTo(2.058, DIGITS);
    expect(result.timeseries.reduce((sum, row) => sum + row.delivered, 0)).toBe(5);
  });
});

describe('summarize availability with a warm-up', () => {
  it('measures up/down time after the warm-up and observes periods that began after it', () => {
    // Constant ttf 10 s, ttr 2 s: down [10,12), [22,24), [34,36); warm-up 11 s, run 40 s.
    // After 11 s: down 1 + 2 + 2 = 5 s, up 10 + 10 + 4 = 24 s.
    const { summary } = run({
      name: 'avail-warmup',
      warmup: 11,
      duration: 40,
      nodes: [
        { id: 'n', failure: { ttf: { dist: 'constant', value: 10 }, ttr: { dist: 'constant', value: 2 } } },
      ],
    });
    const n = summary.availability.nodes.n;
    expect(n.upSeconds).toBe(24);
    expect(n.downSeconds).toBe(5);
    expect(n.measured).toBe(24 / 29);
    expect(n.observedMttf).toBe(10);
    expect(n.observedMttr).toBe(2);
    expect(n.analytic).toBe(10 / 12);
  });
});

describe('summarize without deliveries', () => {
  it('reports null latency statistics and zero throughput', () => {
    const { summary } = run({
      name: 'nothing',
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [{ between: ['a', 'b'], bandwidth: '1Mbps', delay: '1ms', loss: 1 }],
      flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 2, size: '100B' } }],
    });
    expect(summary.latency.count).toBe(0);
    expect(summary.latency.mean).toBeNull();
    expect(summary.latency.noQueueFraction).toBeNull();
    expect(summary.throughput.delivered).toBe(0);
    expect(summary.throughput.messagesPerSecond).toBe(0);
    expect(summary.counts.lost).toEqual({ linkLoss: 2 });
  });
});

describe('summarize node availability per time bin', () => {
  it('gives each bin the fraction each node was up, rows with equal fractions sharing one frozen record', () => {
    // 100 bins of 1 s over [0, 100]; node b is down [25.5, 45.5): bins 25 and 45 half up, 26-44 down.
    const result = run({
      name: 'bins-up',
      duration: 100,
      // c fails as b does (its fractions are b's), d never (like a).
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
      links: [{ between: ['a', 'b'], bandwidth: '1Mbps', delay: '1ms' }],
      flows: [{ id: 'f', from: 'a', to: 'b', workload: { rate: 10, size: '100B' } }],
      faults: [
        { at: 25.5, crash: 'b' },
        { at: 25.5, crash: 'c' },
        { at: 45.5, recover: 'b' },
        { at: 45.5, recover: 'c' },
      ],
    });
    const rows = result.timeseries;
    expect(rows).toHaveLength(100);
    const expected = rows.map((_, bin) => (bin === 25 || bin === 45 ? 0.5 : bin > 25 && bin < 45 ? 0 : 1));
    expect(rows.map((row) => row.nodesUp.b)).toEqual(expected);
    expect(rows.map((row) => row.nodesUp.c)).toEqual(expected);
    expect(rows.every((row) => row.nodesUp.a === 1 && row.nodesUp.d === 1)).toBe(true);
    expect(Object.keys(rows[30].nodesUp)).toEqual(['a', 'b', 'c', 'd']);
    expect(rows[24].nodesUp).toBe(rows[0].nodesUp);
    expect(rows[25].nodesUp).not.toBe(rows[24].nodesUp);
    expect(rows[44].nodesUp).toBe(rows[26].nodesUp);
    expect(rows[99].nodesUp).toBe(rows[46].nodesUp);
    expect(rows[46].nodesUp).toEqual(rows[0].nodesUp);
    expect(Object.isFrozen(rows[0].nodesUp)).toBe(true);
  });
});
