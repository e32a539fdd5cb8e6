import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ascendingRunStarts,
  insertionSortedNearly,
  isInSortOrder,
  mergeSortedRuns,
  sortedAdaptively,
  sortFewDistinct,
} from '../../src/metrics/sorted-runs.js';

/** Bit-for-bit equality of two arrays (tells -0 from +0, NaN equals NaN). */
function sameValues(actual: Float64Array, expected: Float64Array): boolean {
  return actual.length === expected.length && actual.every((value, i) => Object.is(value, expected[i]));
}

/** Values with ties, both zeros, NaN and infinities among ordinary doubles. */
const value = fc.oneof(
  fc.constantFrom(0, -0, 1, 2.5, 1e-9, -3, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.double({ min: -1e6, max: 1e6 }),
);

describe('isInSortOrder', () => {
  it('follows the order of Float64Array.prototype.sort: -0 before +0, NaN last', () => {
    expect(isInSortOrder(Float64Array.from([1, 2, 2, 3]))).toBe(true);
    expect(isInSortOrder(Float64Array.from([1, 3, 2]))).toBe(false);
    expect(isInSortOrder(Float64Array.from([-0, 0, 0]))).toBe(true);
    expect(isInSortOrder(Float64Array.from([0, -0]))).toBe(false);
    expect(isInSortOrder(Float64Array.from([1, Number.NaN, Number.NaN]))).toBe(true);
    expect(isInSortOrder(Float64Array.from([Number.NaN, 1]))).toBe(false);
    expect(isInSortOrder(new Float64Array(0))).toBe(true);
  });

  it('checks only [from, to)', () => {
    const values = Float64Array.from([5, 1, 2, 3, 0]);
    expect(isInSortOrder(values, 1, 4)).toBe(true);
    expect(isInSortOrder(values, 0, 4)).toBe(false);
    expect(isInSortOrder(values, 1, 5)).toBe(false);
  });

  it('is true exactly when sorting changes nothing', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 30 }), (values) => {
        const array = Float64Array.from(values);
        expect(isInSortOrder(array)).toBe(sameValues(array, Float64Array.from(array).sort()));
      }),
      { numRuns: 500 },
    );
  });
});

describe('ascendingRunStarts', () => {
  it('lists where each ascending run starts, then the length', () => {
    // 1 4 | 2 2 7 | 0 | -0 0 (+0 after -0 ascends, -0 after 0 does not).
    expect(ascendingRunStarts(Float64Array.from([1, 4, 2, 2, 7, 0, -0, 0]), 10)).toEqual([0, 2, 5, 6, 8]);
    expect(ascendingRunStarts(Float64Array.from([1, 2, 3]), 1)).toEqual([0, 3]);
    expect(ascendingRunStarts(new Float64Array(0), 1)).toEqual([0, 0]);
  });

  it('gives up (null) past maxRuns', () => {
    expect(ascendingRunStarts(Float64Array.from([3, 2, 1]), 2)).toBeNull();
    expect(ascendingRunStarts(Float64Array.from([3, 2, 1]), 3)).toEqual([0, 1, 2, 3]);
  });
});

describe('mergeSortedRuns', () => {
  it('merges runs of a hand-made example', () => {
    const values = Float64Array.from([1, 5, 9, 2, 3, 0, 0, 10]);
    expect([...mergeSortedRuns(values, [0, 3, 5, 8])]).toEqual([0, 0, 1, 2, 3, 5, 9, 10]);
  });

  it('puts -0 before +0 and NaN last, as the sort does', () => {
    const merged = mergeSortedRuns(Float64Array.from([0, Number.NaN, -0, 1]), [0, 2, 4]);
    expect(sameValues(merged, Float64Array.from([-0, 0, 1, Number.NaN]))).toBe(true);
  });

  it('accepts empty runs and a single run', () => {
    expect([...mergeSortedRuns(Float64Array.from([2, 1]), [0, 0, 1, 1, 2, 2])]).toEqual([1, 2]);
    expect([...mergeSortedRuns(Float64Array.from([1, 2]), [0, 2])]).toEqual([1, 2]);
    expect([...mergeSortedRuns(new Float64Array(0), [0])]).toEqual([]);
  });

  it('merges long runs of few distinct values (where it copies blocks) exactly as the sort orders them', () => {
    // Two runs of two neighbouring values in blocks of 20/30 and 25/5, then a 2.
    const a = 1e-3;
    const b = 1e-3 + 1e-18;
    const left = [...Array(20).fill(a), ...Array(30).fill(b)];
    const right = [...Array(25).fill(a), ...Array(5).fill(b), 2];
    const merged = mergeSortedRuns(Float64Array.from([...left, ...right]), [0, 50, 81]);
    expect([...merged]).toEqual([...Array(45).fill(a), ...Array(35).fill(b), 2]);
    const few = fc.constantFrom(0, -0, 1e-3, 1e-3 + 1e-18, 2, Number.NaN);
    const runs = fc.array(fc.array(few, { minLength: 0, maxLength: 120 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(runs, (parts) => {
        const sortedParts = parts.map((part) => Float64Array.from(part).sort());
        const joined = Float64Array.from(sortedParts.flatMap((part) => [...part]));
        const starts = [0];
        for (const part of sortedParts) starts.push(starts.at(-1)! + part.length);
        expect(
          sameValues(mergeSortedRuns(Float64Array.from(joined), starts), Float64Array.from(joined).sort()),
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('equals sorting the concatenation of any sorted runs', () => {
    const runs = fc.array(fc.array(value, { maxLength: 12 }), { maxLength: 9 });
    fc.assert(
      fc.property(runs, (parts) => {
        const sortedParts = parts.map((part) => Float64Array.from(part).sort());
        const joined = new Float64Array(sortedParts.reduce((sum, part) => sum + part.length, 0));
        const starts = [0];
        for (const part of sortedParts) {
          joined.set(part, starts.at(-1)!);
          starts.push(starts.at(-1)! + part.length);
        }
        const expected = Float64Array.from(joined).sort();
        expect(sameValues(mergeSortedRuns(joined, starts), expected)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('sortFewDistinct', () => {
  it('sorts by counting: 0.5 0 -0 NaN 0.5 0 -> -0 0 0 0.5 0.5 NaN', () => {
    const values = Float64Array.from([0.5, 0, -0, Number.NaN, 0.5, 0]);
    expect(sortFewDistinct(values, 3)).toBe(true);
    expect(sameValues(values, Float64Array.from([-0, 0, 0, 0.5, 0.5, Number.NaN]))).toBe(true);
  });

  it('gives up, leaving the values as they were, past maxDistinct', () => {
    const values = Float64Array.from([3, 1, 2, 1]);
    expect(sortFewDistinct(values, 2)).toBe(false);
    expect([...values]).toEqual([3, 1, 2, 1]);
  });

  it('equals Float64Array.prototype.sort whenever it sorts, and changes nothing when it does not', () => {
    const few = fc.constantFrom(0, -0, 1e-3, 1e-3 + 1e-18, 2, -1, Number.NaN, Number.POSITIVE_INFINITY);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(few, fc.double()), { maxLength: 80 }),
        fc.integer({ min: 1, max: 8 }),
        (list, max) => {
          const values = Float64Array.from(list);
          const expected = Float64Array.from(list).sort();
          if (sortFewDistinct(values, max)) expect(sameValues(values, expected)).toBe(true);
          else expect(sameValues(values, Float64Array.from(list))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('sortedAdaptively', () => {
  it('equals Float64Array.prototype.sort on any input, in order, in few runs or shuffled', () => {
    const input = fc.tuple(
      fc.array(value, { maxLength: 200 }),
      fc.constantFrom('as is', 'sorted', 'two runs', 'reversed'),
    );
    fc.assert(
      fc.property(input, ([values, shape]) => {
        let array = Float64Array.from(values);
        if (shape === 'sorted') array.sort();
        if (shape === 'two runs') {
          const half = Math.floor(array.length / 2);
          array = Float64Array.from([...array.subarray(half).sort(), ...array.subarray(0, half).sort()]);
        }
        if (shape === 'reversed') array.sort().reverse();
        const expected = Float64Array.from(array).sort();
        expect(sameValues(sortedAdaptively(array), expected)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('sorts a long array of many runs of a few values (the counting path)', () => {
    const jittered = Float64Array.from({ length: 5000 }, (_, i) =>
      ((i * 7919) % 13) % 3 === 0 ? 1e-3 : 1e-3 + 1e-18,
    );
    expect(
      sameValues(sortedAdaptively(Float64Array.from(jittered)), Float64Array.from(jittered).sort()),
    ).toBe(true);
  });

  it('sorts a long array of many short runs (the full-sort path) and of a few long ones', () => {
    const shuffled = Float64Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5003);
    expect(
      sameValues(sortedAdaptively(Float64Array.from(shuffled)), Float64Array.from(shuffled).sort()),
    ).toBe(true);
    const sawtooth = Float64Array.from({ length: 5000 }, (_, i) => i % 1000);
    expect(
      sameValues(sortedAdaptively(Float64Array.from(sawtooth)), Float64Array.from(sawtooth).sort()),
    ).toBe(true);
  });
});

describe('insertionSortedNearly', () => {
  it('sorts values a few places out of order, zeros and NaN as the built-in sort does', () => {
    const values = Float64Array.from([0, -0, 1, 3, 2, Number.NaN, 4, 6, 5, -0]);
    expect(insertionSortedNearly(values, 4)).toBe(true);
    expect(sameValues(values, Float64Array.from([0, -0, 1, 3, 2, Number.NaN, 4, 6, 5, -0]).sort())).toBe(
      true,
    );
    expect(Object.is(values[0], -0) && Object.is(values[1], -0) && Object.is(values[2], 0)).toBe(true);
    expect(values[9]).toBeNaN();
  });

  it('gives up on values in no order, past the slack of 4096 moves', () => {
    let state = 3;
    const random = Float64Array.from({ length: 20000 }, () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state;
    });
    expect(insertionSortedNearly(random, 4)).toBe(false);
    // A descending run of 200 needs 19,900 moves: past 4 a value plus the slack.
    expect(
      insertionSortedNearly(
        Float64Array.from({ length: 200 }, (_, i) => -i),
        4,
      ),
    ).toBe(false);
    expect(
      insertionSortedNearly(
        Float64Array.from({ length: 50 }, (_, i) => -i),
        4,
      ),
    ).toBe(true);
  });

  it('when it succeeds, gives exactly the built-in sort (interleaved ascending flows, any values)', () => {
    const interleaved = fc
      .array(fc.array(value, { maxLength: 40 }), { minLength: 1, maxLength: 8 })
      .chain((flows) => {
        const sortedFlows = flows.map((flow) => Float64Array.from(flow).sort());
        const total = sortedFlows.reduce((sum, flow) => sum + flow.length, 0);
        return fc
          .array(fc.nat(sortedFlows.length - 1), { minLength: total, maxLength: total })
          .map((picks) => {
            // Read the flows' values in an interleaving order, each flow in its own order.
            const next = sortedFlows.map(() => 0);
            const out: number[] = [];
            for (const pick of picks) {
              let flow = pick;
              while (next[flow] >= sortedFlows[flow].length) flow = (flow + 1) % sortedFlows.length;
              out.push(sortedFlows[flow][next[flow]++]);
            }
            return out;
          });
      });
    fc.assert(
      fc.property(
        fc.oneof(interleaved, fc.array(value, { maxLength: 200 })),
        fc.integer({ min: 0, max: 6 }),
        (list, budget) => {
          const values = Float64Array.from(list);
          if (insertionSortedNearly(values, budget))
            return sameValues(values, Float64Array.from(list).sort());
          return values.length > 0;
        },
      ),
      { numRuns: 400 },
    );
  });
});
