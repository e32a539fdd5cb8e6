import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeStats,
  quantileOfSorted,
  RunningMoments,
  statsSortingInPlace,
} from '../../src/metrics/stats.js';

describe('computeStats', () => {
  it('interpolates percentiles linearly between order statistics', () => {
    // Sorted 1 2 3 4: p50 at position 1.5 → 2.5; p95 at 2.85 → 3.85; p99 at 2.97 → 3.97.
    const stats = computeStats(Float64Array.from([4, 1, 3, 2]));
    expect(stats.count).toBe(4);
    expect(stats.mean).toBe(2.5);
    expect(stats.p50).toBe(2.5);
    expect(stats.p95).toBeCloseTo(3.85, 14);
    expect(stats.p99).toBeCloseTo(3.97, 14);
    expect(stats.max).toBe(4);
  });

  it('on five values hits order statistics exactly where positions are whole', () => {
    // Sorted 10 20 30 40 100: p50 at position 2 → 30; p95 at 3.8 → 40 + 0.8·60 = 88; p99 at 3.96 → 97.6.
    const stats = computeStats(Float64Array.from([30, 100, 10, 40, 20]));
    expect(stats.mean).toBe(40);
    expect(stats.p50).toBe(30);
    expect(stats.p95).toBeCloseTo(88, 12);
    expect(stats.p99).toBeCloseTo(97.6, 12);
    expect(stats.max).toBe(100);
  });

  it('two values: p95 = a + 0.95·(b - a)', () => {
    const stats = computeStats(Float64Array.from([20, 10]));
    expect(stats.p50).toBe(15);
    expect(stats.p95).toBeCloseTo(19.5, 12);
    expect(stats.p99).toBeCloseTo(19.9, 12);
  });

  it('one value is every percentile; none gives nulls', () => {
    expect(computeStats(Float64Array.from([0.25]))).toEqual({
      count: 1,
      mean: 0.25,
      p50: 0.25,
      p95: 0.25,
      p99: 0.25,
      max: 0.25,
    });
    expect(computeStats(new Float64Array(0))).toEqual({
      count: 0,
      mean: null,
      p50: null,
      p95: null,
      p99: null,
      max: null,
    });
  });

  it('sorts numerically (not as strings) and leaves its input untouched', () => {
    const input = Float64Array.from([100, 9, 1000, 10]);
    const stats = computeStats(input);
    expect(stats.p50).toBe(55); // (10 + 100) / 2; as strings 10 < 100 < 1000 < 9 would give 550
    expect(stats.max).toBe(1000);
    expect([...input]).toEqual([100, 9, 1000, 10]);
  });

  it('skips the sort only when it would change nothing: bit-identical to sorting always', () => {
    // Few distinct values (ties, both zeros, constant runs) and sorted inputs, where the skip applies.
    const value = fc.oneof(
      fc.constantFrom(0, -0, 1, 2.5, 1e-9, -3),
      fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
    );
    const input = fc.tuple(
      fc.array(value, { maxLength: 40 }),
      fc.constantFrom('as is', 'sorted', 'constant'),
    );
    fc.assert(
      fc.property(input, ([values, shape]) => {
        let array = Float64Array.from(values);
        if (shape === 'sorted') array.sort();
        if (shape === 'constant') array = array.fill(values[0] ?? 0);
        const sorted = Float64Array.from(array).sort();
        let sum = 0;
        for (const v of sorted) sum += v;
        const stats = statsSortingInPlace(Float64Array.from(array));
        if (sorted.length === 0) {
          expect(stats.mean).toBeNull();
          return;
        }
        expect(Object.is(stats.mean, sum / sorted.length)).toBe(true);
        expect(Object.is(stats.p50, quantileOfSorted(sorted, 0.5))).toBe(true);
        expect(Object.is(stats.p99, quantileOfSorted(sorted, 0.99))).toBe(true);
        expect(Object.is(stats.max, sorted[sorted.length - 1])).toBe(true);
      }),
      { numRuns: 500 },
    );
    // +0 before -0 is not the sort's order: it must sort (max is +0, not -0).
    expect(Object.is(statsSortingInPlace(Float64Array.from([0, -0])).max, 0)).toBe(true);
  });

  it('quantileOfSorted at 0 and 1 gives min and max', () => {
    const sorted = Float64Array.from([1, 5, 7]);
    expect(quantileOfSorted(sorted, 0)).toBe(1);
    expect(quantileOfSorted(sorted, 1)).toBe(7);
    expect(quantileOfSorted(sorted, 0.25)).toBe(3);
  });
});

describe('RunningMoments', () => {
  it('mean, sample variance and Student-t 95% interval of 2 4 4 4 5 5 7 9', () => {
    const moments = new RunningMoments();
    for (const value of [2, 4, 4, 4, 5, 5, 7, 9]) moments.add(value);
    expect(moments.count).toBe(8);
    expect(moments.mean).toBe(5);
    // Sum of squared deviations 32, over n - 1 = 7.
    expect(moments.variance).toBeCloseTo(32 / 7, 12);
    // t_{0.975} with 7 degrees of freedom.
    const half = 2.365 * Math.sqrt(32 / 7 / 8);
    const [low, high] = moments.ci95()!;
    expect(low).toBeCloseTo(5 - half, 12);
    expect(high).toBeCloseTo(5 + half, 12);
  });

  it('has no interval below two values, and a zero-width one for equal values', () => {
    const moments = new RunningMoments();
    expect(moments.ci95()).toBeNull();
    moments.add(3);
    expect(moments.variance).toBe(0);
    expect(moments.ci95()).toBeNull();
    moments.add(3);
    moments.add(3);
    expect(moments.ci95()).toEqual([3, 3]);
  });

  it('stays accurate for values with a large common offset (Welford)', () => {
    const moments = new RunningMoments();
    for (const value of [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]) moments.add(value);
    expect(moments.mean).toBe(1e9 + 10);
    expect(moments.variance).toBeCloseTo(30, 6); // (36 + 9 + 9 + 36) / 3
  });
});
