import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamingStat } from '../../src/metrics/streaming-stats.js';

/** Everything a StreamingStat shows: its statistics, sum, and histogram extremes and quantiles. */
function viewOf(stat: StreamingStat) {
  const { histogram } = stat;
  const quantiles = [0, 0.1, 0.5, 0.9, 0.99, 1].map((q) =>
    histogram.count > 0 ? histogram.quantile(q) : null,
  );
  return {
    stats: stat.stats(),
    sum: stat.sum,
    count: histogram.count,
    min: histogram.min,
    max: histogram.max,
    quantiles,
  };
}

/** Values in runs of equal ones (a constant component), both zeros, negatives and NaN among them. */
const runs = fc
  .array(
    fc.record({
      value: fc.oneof(
        fc.constantFrom(0, -0, 1e-4, 0.001, -2, Number.NaN),
        fc.double({ min: -1, max: 10, noNaN: true }),
      ),
      length: fc.integer({ min: 1, max: 6 }),
    }),
    { maxLength: 40 },
  )
  .map((parts) => parts.flatMap(({ value, length }) => Array.from({ length }, () => value)));

describe('StreamingStat.addAll', () => {
  it('adds a hand-made slice with runs as one add per value does', () => {
    const values = Float64Array.from([9, 0.5, 0.5, 0.5, -0, 0, 0, 2, 2, 9]);
    const byRuns = new StreamingStat();
    byRuns.addAll(values, 1, 9);
    const oneByOne = new StreamingStat();
    for (let k = 1; k < 9; k++) oneByOne.add(values[k]);
    expect(viewOf(byRuns)).toEqual(viewOf(oneByOne));
    expect(byRuns.stats().count).toBe(8);
    expect(byRuns.sum).toBe(5.5);
    expect(Object.is(byRuns.histogram.min, -0)).toBe(true);
  });

  it('equals adding the values one by one, to the bit, over slices and after earlier values', () => {
    fc.assert(
      fc.property(runs, runs, fc.nat(), fc.nat(), (before, values, a, b) => {
        const array = Float64Array.from(values);
        const from = values.length === 0 ? 0 : a % (values.length + 1);
        const to = from + (values.length === 0 ? 0 : b % (values.length - from + 1));
        const byRuns = new StreamingStat();
        const oneByOne = new StreamingStat();
        for (const value of before) {
          byRuns.add(value);
          oneByOne.add(value);
        }
        byRuns.addAll(array, from, to);
        for (let k = from; k < to; k++) oneByOne.add(array[k]);
        const expected = viewOf(oneByOne);
        const actual = viewOf(byRuns);
        expect(actual).toEqual(expected);
        // toEqual takes -0 for 0: the sums and extremes must be the same bits.
        expect(Object.is(actual.sum, expected.sum)).toBe(true);
        expect(Object.is(actual.min, expected.min)).toBe(true);
        expect(Object.is(actual.max, expected.max)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('StreamingStat.addCopies', () => {
  it('equals adding the value that many times, to the bit', () => {
    fc.assert(
      fc.property(
        // Finite values: a histogram has no bucket for an infinite one.
        fc.array(fc.double({ noDefaultInfinity: true }), { maxLength: 5 }),
        fc.oneof(fc.constantFrom(0, -0, Number.NaN, 1e-4), fc.double({ noDefaultInfinity: true })),
        fc.integer({ min: 0, max: 50 }),
        (before, value, copies) => {
          const copied = new StreamingStat();
          const oneByOne = new StreamingStat();
          for (const earlier of before) {
            copied.add(earlier);
            oneByOne.add(earlier);
          }
          copied.addCopies(value, copies);
          for (let k = 0; k < copies; k++) oneByOne.add(value);
          expect(viewOf(copied)).toEqual(viewOf(oneByOne));
          expect(Object.is(copied.sum, oneByOne.sum)).toBe(true);
          expect(Object.is(copied.histogram.min, oneByOne.histogram.min)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
