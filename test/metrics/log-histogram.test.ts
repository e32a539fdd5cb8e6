import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeliveryTimeBins, LatencySample } from '../../src/metrics/delivery-log.js';
import { HISTOGRAM_RELATIVE_ERROR, LogHistogram } from '../../src/metrics/log-histogram.js';
import { quantileOfSorted } from '../../src/metrics/stats.js';

/** The bound, with room for the rounding of a logarithm at a bucket's edge. */
const BOUND = HISTOGRAM_RELATIVE_ERROR * (1 + 1e-9);

/**
 * Largest error allowed for an estimate of `exact`: the relative bound, plus two of the
 * smallest subnormals, because a quantile interpolated at a subnormal q (fast-check draws
 * q = 3.5e-323) is rounded in absolute steps of `Number.MIN_VALUE` and no relative bound holds.
 */
function allowedError(exact: number): number {
  return BOUND * Math.abs(exact) + 2 * Number.MIN_VALUE;
}

/** Latency-like values: magnitudes from nanoseconds to hours, zeros now and then. */
const latency = fc.oneof(
  { weight: 9, arbitrary: fc.double({ min: 1e-9, max: 1e4, noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(0) },
);

function histogramOf(values: readonly number[]): LogHistogram {
  const histogram = new LogHistogram();
  for (const value of values) histogram.add(value);
  return histogram;
}

describe('LogHistogram', () => {
  it('estimates every quantile of non-negative values within its relative error bound', () => {
    fc.assert(
      fc.property(
        fc.array(latency, { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          const sorted = Float64Array.from(values).sort();
          const histogram = histogramOf(values);
          const exact = quantileOfSorted(sorted, q);
          expect(Math.abs(histogram.quantile(q) - exact)).toBeLessThanOrEqual(allowedError(exact));
          for (const p of [0.5, 0.95, 0.99]) {
            const exactP = quantileOfSorted(sorted, p);
            expect(Math.abs(histogram.quantile(p) - exactP)).toBeLessThanOrEqual(allowedError(exactP));
          }
          expect(histogram.min).toBe(sorted[0]);
          expect(histogram.max).toBe(sorted[sorted.length - 1]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('estimates each order statistic of signed values within the bound of its magnitude', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }),
        (values) => {
          const sorted = Float64Array.from(values).sort();
          const histogram = histogramOf(values);
          sorted.forEach((exact, rank) => {
            expect(Math.abs(histogram.valueAtRank(rank) - exact)).toBeLessThanOrEqual(allowedError(exact));
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('merged, gives what one histogram of all the values gives', () => {
    fc.assert(
      fc.property(
        fc.array(latency, { maxLength: 100 }),
        fc.array(latency, { minLength: 1, maxLength: 100 }),
        (a, b) => {
          const merged = histogramOf(a);
          merged.merge(histogramOf(b));
          const whole = histogramOf([...a, ...b]);
          expect(merged.count).toBe(whole.count);
          expect(merged.min).toBe(whole.min);
          expect(merged.max).toBe(whole.max);
          for (let rank = 0; rank < whole.count; rank++)
            expect(merged.valueAtRank(rank)).toBe(whole.valueAtRank(rank));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('puts a value exactly where a single value is (clamped to min and max)', () => {
    const histogram = histogramOf([0.0123]);
    expect(histogram.quantile(0.5)).toBe(0.0123);
    expect(histogram.quantile(0.99)).toBe(0.0123);
  });
});

describe('LatencySample', () => {
  it('keeps every stride-th value, doubling the stride when full', () => {
    const sample = new LatencySample(4);
    for (let i = 0; i < 10; i++) sample.add(i);
    // 0..3 fill it; 4 halves it to 0 2 (stride 2) and adds 4; 6 fills it; 8 halves to 0 4 (stride 4), adds 8.
    expect(Array.from(sample.view())).toEqual([0, 4, 8]);
    expect(sample.stride).toBe(4);
    expect(sample.seen).toBe(10);
  });
});

describe('DeliveryTimeBins', () => {
  it('coarsens by merging neighbours and keeps every delivery counted', () => {
    const bins = new DeliveryTimeBins(10, 10 + DeliveryTimeBins.FINE_BINS / 2);
    expect(bins.width).toBe(1);
    bins.add(10.5, 8, 0.1);
    bins.add(11.5, 8, 0.3);
    bins.add(10 + 3 * DeliveryTimeBins.FINE_BINS, 16, 1);
    expect(bins.width).toBe(4);
    expect(bins.delivered[0]).toBe(2);
    expect(bins.latencySum[0]).toBeCloseTo(0.4, 15);
    expect(bins.delivered[(3 * DeliveryTimeBins.FINE_BINS) / 4]).toBe(1);
    expect(bins.payloadBits.reduce((sum, value) => sum + value, 0)).toBe(32);
  });
});
