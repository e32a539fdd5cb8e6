import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jainFairnessIndex } from '../../src/metrics/fairness.js';
import { describeTheory, expectExact, type TheoryCase, theoryCase } from '../helpers/theory-cases.js';

/** The smallest positive normal double: below it, products round in absolute steps of `Number.MIN_VALUE`. */
const SMALLEST_NORMAL = 2 ** -1022;

function allocation(c22: TheoryCase, name: string): number[] {
  const value = c22.inputs[name]?.value;
  if (!Array.isArray(value)) throw new Error(`${c22.id}: input ${name} is not a list`);
  return value;
}

describeTheory("C22 Jain's fairness index for reference allocations", () => {
  const c22 = theoryCase('C22');
  it.each(['a', 'b', 'c', 'd', 'e'])('allocation %s', (name) => {
    expectExact(c22, `J_${name}`, jainFairnessIndex(allocation(c22, name)));
  });
});

describe('jainFairnessIndex', () => {
  it('lies in [1/n, 1], is 1 for equal shares and scale-invariant', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e300, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (values, scale) => {
          fc.pre(values.some((value) => value > 0));
          const index = jainFairnessIndex(values);
          expect(index).toBeGreaterThanOrEqual(1 / values.length - 1e-12);
          expect(index).toBeLessThanOrEqual(1 + 1e-12);
          // Scaling keeps the shares' ratios only while the scaled values stay normal: a subnormal
          // product rounds to a multiple of Number.MIN_VALUE (5e-324 * 0.001 is 0, which turns
          // [5e-324] into an all-zero allocation), so there the index of the scaled values differs.
          if (values.every((value) => value === 0 || value * scale >= SMALLEST_NORMAL)) {
            expect(jainFairnessIndex(values.map((value) => value * scale))).toBeCloseTo(index, 9);
          }
          expect(jainFairnessIndex(values.map(() => scale))).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it('judges subnormal allocations by their ratios, as it does normal ones', () => {
    expect(jainFairnessIndex([Number.MIN_VALUE])).toBe(1);
    expect(jainFairnessIndex([Number.MIN_VALUE, Number.MIN_VALUE, 0])).toBeCloseTo(2 / 3, 15);
    expect(jainFairnessIndex([Number.MIN_VALUE, 1e300])).toBeCloseTo(0.5, 15);
  });

  it('is NaN when there is nothing to compare: no values, or all zero', () => {
    expect(jainFairnessIndex([])).toBeNaN();
    expect(jainFairnessIndex([0, 0, 0])).toBeNaN();
  });

  it('refuses negative or non-finite allocations', () => {
    expect(() => jainFairnessIndex([1, -1])).toThrow(RangeError);
    expect(() => jainFairnessIndex([1, Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => jainFairnessIndex([Number.NaN])).toThrow(RangeError);
  });
});
