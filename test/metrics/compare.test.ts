import { describe, expect, it } from 'vitest';
import { compareVariants, estimateMean } from '../../src/metrics/compare.js';
import type { Summary } from '../../src/metrics/summary.js';
import { formatComparisonTable, formatEstimate } from '../../src/report/compare-table.js';
import { smallRunResult } from '../report/fake-run-results.js';

describe('estimateMean', () => {
  it('gives the mean and the Student-t 95% interval of hand-computed samples', () => {
    // 1..5: mean 3, s² = 10/4, half-width t(0.975, 4) · s/√5 = 2.776 · √0.5.
    const estimate = estimateMean([1, 2, 3, 4, 5]);
    expect(estimate.n).toBe(5);
    expect(estimate.mean).toBe(3);
    expect(estimate.sd).toBeCloseTo(Math.sqrt(2.5), 14);
    expect(estimate.halfWidth).toBeCloseTo(2.776 * Math.sqrt(0.5), 12);
    expect(estimate.ci95![0]).toBeCloseTo(3 - 1.9629284, 6);
    expect(estimate.ci95![1]).toBeCloseTo(3 + 1.9629284, 6);

    // 10, 12, 14: mean 12, s = 2, half-width 4.303 · 2/√3 = 4.968676.
    const three = estimateMean([10, 12, 14]);
    expect(three.sd).toBeCloseTo(2, 14);
    expect(three.halfWidth).toBeCloseTo(4.968676, 6);
  });

  it('skips missing values, and has no interval below two values', () => {
    expect(estimateMean([null, 4, null, 6])).toMatchObject({ n: 2, mean: 5 });
    expect(estimateMean([null, 4, null, 6]).halfWidth).toBeCloseTo(12.706, 12);
    expect(estimateMean([7])).toEqual({ n: 1, mean: 7, sd: null, halfWidth: null, ci95: null });
    expect(estimateMean([null])).toEqual({ n: 0, mean: null, sd: null, halfWidth: null, ci95: null });
  });

  it('gives a zero-width interval when every value is the same', () => {
    expect(estimateMean([0.1, 0.1, 0.1])).toEqual({ n: 3, mean: 0.1, sd: 0, halfWidth: 0, ci95: [0.1, 0.1] });
  });
});

/** A summary with the compared measures set; the rest from the report tests' small run. */
function summaryWith(
  replication: number,
  values: {
    throughput: number;
    retransmissions: number;
    timeouts?: number;
    sent?: number;
    delivered?: number;
  },
  availability?: { server: number },
): Summary {
  const summary = structuredClone(smallRunResult().summary);
  summary.replication = replication;
  summary.throughput.messagesPerSecond = values.throughput;
  summary.throughput.goodputBitsPerSecond = values.throughput * 8000;
  summary.latency.mean = 0.01 * (replication + 1);
  summary.latency.p99 = 0.03;
  summary.counts.retransmissions = values.retransmissions;
  summary.counts.retransmissionTimeouts = values.timeouts ?? values.retransmissions;
  summary.counts.sent = values.sent ?? 10;
  summary.counts.delivered = values.delivered ?? 10;
  for (const node of Object.values(summary.availability.nodes)) node.analytic = null;
  if (availability) {
    summary.availability.nodes.server.analytic = 0.9;
    summary.availability.nodes.server.measured = availability.server;
  }
  return summary;
}

const variants = [
  { label: 'loss=0', settings: [{ path: 'links[0].loss', name: 'loss', value: '0' }] },
  { label: 'loss=0.1', settings: [{ path: 'links[0].loss', name: 'loss', value: '0.1' }] },
];

describe('compareVariants', () => {
  const summaries = [
    [
      summaryWith(0, { throughput: 10, retransmissions: 0 }),
      summaryWith(1, { throughput: 12, retransmissions: 0 }),
      summaryWith(2, { throughput: 14, retransmissions: 0, sent: 0, delivered: 0 }),
    ],
    [
      summaryWith(0, { throughput: 8, retransmissions: 3, timeouts: 4 }),
      summaryWith(1, { throughput: 11, retransmissions: 5, timeouts: 9, delivered: 8 }),
      summaryWith(2, { throughput: 11, retransmissions: 7, timeouts: 8 }),
    ],
  ];
  const comparison = compareVariants('demo', variants, summaries);

  it('estimates each measure per variant over its replications', () => {
    expect(comparison.scenario).toBe('demo');
    expect(comparison.replications).toBe(3);
    expect(comparison.measures).toEqual([
      'throughput',
      'goodput',
      'latencyMean',
      'latencyP99',
      'retransmissions',
      'retransmissionTimeouts',
      'deliveredRatio',
    ]);
    const [first, second] = comparison.variants;
    expect(first.estimates.throughput).toMatchObject({ n: 3, mean: 12 });
    expect(first.estimates.throughput!.halfWidth).toBeCloseTo(4.968676, 6);
    expect(first.estimates.goodput!.mean).toBe(96000);
    expect(first.estimates.latencyMean!.mean).toBeCloseTo(0.02, 15);
    expect(first.estimates.latencyP99).toMatchObject({ mean: 0.03, halfWidth: 0 });
    // A replication that sent nothing has no delivered ratio.
    expect(first.estimates.deliveredRatio).toMatchObject({ n: 2, mean: 1, halfWidth: 0 });
    expect(second.estimates.retransmissions).toMatchObject({ n: 3, mean: 5, sd: 2 });
    // 4, 9, 8: mean 7, s² = (9 + 4 + 1) / 2 = 7.
    expect(second.estimates.retransmissionTimeouts).toMatchObject({ n: 3, mean: 7 });
    expect(second.estimates.retransmissionTimeouts!.sd).toBeCloseTo(Math.sqrt(7), 14);
    expect(second.estimates.deliveredRatio!.mean).toBeCloseTo((1 + 0.8 + 1) / 3, 15);
  });

  it('pairs replications for the difference from the first variant', () => {
    expect(comparison.variants[0].differenceFromFirst).toBeNull();
    // Differences -2, -1, -3: mean -2, s = 1, half-width 4.303/√3.
    const difference = comparison.variants[1].differenceFromFirst!.throughput!;
    expect(difference.mean).toBe(-2);
    expect(difference.sd).toBeCloseTo(1, 14);
    expect(difference.halfWidth).toBeCloseTo(4.303 / Math.sqrt(3), 12);
  });

  it('keeps every replication with its seed and values', () => {
    expect(comparison.variants[1].replications[1]).toEqual({
      replication: 1,
      seed: 7,
      values: {
        throughput: 11,
        goodput: 88000,
        latencyMean: 0.02,
        latencyP99: 0.03,
        retransmissions: 5,
        retransmissionTimeouts: 9,
        deliveredRatio: 0.8,
      },
    });
  });

  it('compares service availability, the mean over services, only when there are services', () => {
    expect(comparison.measures).not.toContain('serviceAvailability');
    const withServices = [0.99, 0.97].map((measured, index) => {
      const summary = summaryWith(index, { throughput: 1, retransmissions: 0 });
      const server = summary.availability.nodes.server;
      const service = (value: number) => ({
        ...server,
        measured: value,
        members: ['a', 'b', 'c'],
        needs: 2,
        requests: { flows: [], requests: 0, succeeded: 0, failed: {}, successRatio: null },
      });
      summary.availability.services = { quorum: service(measured), pair: service(1) };
      return summary;
    });
    const compared = compareVariants('demo', variants.slice(0, 1), [withServices]);
    expect(compared.measures).toContain('serviceAvailability');
    expect(compared.variants[0].estimates.serviceAvailability!.mean).toBeCloseTo((0.995 + 0.985) / 2, 15);
  });

  it('compares request throughput (summed) and request latency (per request) of request-reply flows', () => {
    expect(comparison.measures).not.toContain('requestThroughput');
    const summary = summaryWith(0, { throughput: 1, retransmissions: 0 });
    const flow = Object.values(summary.flows)[0];
    const requests = (perSecond: number, mean: number, count: number) => ({
      mode: 'sync' as const,
      maxOutstanding: 1,
      timeout: null,
      interval: { from: 0, to: 1 },
      throughput: { requestsPerSecond: perSecond, completed: count, intervalSeconds: 1 },
      latency: { ...flow.latency, mean, count },
      sent: count,
      replied: count,
      failed: {},
      timeouts: 0,
      retries: 0,
      lateReplies: 0,
      inFlight: 0,
    });
    summary.flows = {
      sync: { ...flow, requests: requests(9, 0.1, 10) },
      async: { ...flow, requests: requests(140, 0.2, 30) },
      plain: flow,
    };
    const compared = compareVariants('demo', variants.slice(0, 1), [[summary]]);
    expect(compared.measures).toEqual(expect.arrayContaining(['requestThroughput', 'requestLatency']));
    expect(compared.variants[0].estimates.requestThroughput!.mean).toBe(149);
    expect(compared.variants[0].estimates.requestLatency!.mean).toBeCloseTo((0.1 * 10 + 0.2 * 30) / 40, 15);
  });

  it('compares availability only over nodes with a failure process', () => {
    const withFailures = compareVariants('demo', variants.slice(0, 1), [
      [0.9, 0.95].map((server, index) =>
        summaryWith(index, { throughput: 1, retransmissions: 0 }, { server }),
      ),
    ]);
    expect(withFailures.measures).toContain('availability');
    expect(withFailures.variants[0].estimates.availability!.mean).toBeCloseTo(0.925, 15);
    expect(withFailures.variants[0].estimates.availability!.halfWidth).toBeCloseTo(
      (12.706 * Math.sqrt(0.00125)) / Math.SQRT2,
      12,
    );
  });

  it('prints mean ± half-width per variant, aligned', () => {
    const table = formatComparisonTable(comparison).split('\n');
    expect(table[0]).toBe(
      'demo: 2 variants, 3 replications each (common random numbers); mean ± half-width of the 95% confidence interval',
    );
    expect(table[1]).toMatch(/^variant {4}T \(messages\/s\) {3}goodput \(kbit\/s\) {3}L mean \(ms\)/);
    // Every replication's T is a whole number here: whole means print as such.
    expect(table[2]).toMatch(/^loss=0 {5}12 ± 5\.0 /);
    expect(table[3]).toMatch(/^loss=0\.1 {3}10 ± 4\.3 /);
    expect(table[2].indexOf('±')).toBe(table[3].indexOf('±'));
  });
});

describe('formatEstimate', () => {
  it('rounds to the half-width’s second significant digit and the mean to at most six digits', () => {
    const of = (mean: number, halfWidth: number | null, n = 5) =>
      formatEstimate({ n, mean, sd: null, halfWidth, ci95: null });
    expect(of(33.32444, 0.05213)).toEqual(['33.324', '0.052']);
    expect(of(123456.7, 1234)).toEqual(['123457', '1234']);
    expect(of(8.234280000001, 1e-13)).toEqual(['8.23428', '0.00000']);
    expect(of(35.714285, 0)).toEqual(['35.7143', '0']);
    expect(of(35.714285, null, 1)).toEqual(['35.7143', 'n/a']);
    expect(formatEstimate({ n: 0, mean: null, sd: null, halfWidth: null, ci95: null })).toEqual(['n/a', '']);
    expect(formatEstimate({ n: 2, mean: 0.0042, sd: null, halfWidth: 0.0011, ci95: null }, 1e-3)).toEqual([
      '4.2',
      '1.1',
    ]);
  });
  it('prints a whole mean of whole values without decimals, a fractional mean with its digits', () => {
    const of = (mean: number, halfWidth: number | null, n = 5) =>
      formatEstimate({ n, mean, sd: null, halfWidth, ci95: null }, 1, true);
    expect(of(237, 0)).toEqual(['237', '0']);
    expect(of(5, null, 1)).toEqual(['5', 'n/a']);
    expect(of(0, 0)).toEqual(['0', '0']);
    expect(of(1234567, 0)).toEqual(['1234567', '0']);
    // The mean of counts need not be whole: 237, 238 and 238.
    expect(of(237 + 2 / 3, null, 3)).toEqual(['237.667', 'n/a']);
    // With an interval, the half-width sets its own decimals only: the mean of whole numbers is
    // exact, not an estimate to round to its spread.
    expect(of(12, 4.968676, 3)).toEqual(['12', '5.0']);
    expect(of(22.5, 44, 2)).toEqual(['22.5', '44']);
    expect(of(237.5, 6.353, 2)).toEqual(['237.5', '6.4']);
    // Not known to be whole values: six significant digits, as before.
    expect(formatEstimate({ n: 5, mean: 237, sd: 0, halfWidth: 0, ci95: [237, 237] })).toEqual([
      '237.000',
      '0',
    ]);
  });
});
