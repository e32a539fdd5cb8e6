import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windowEnd } from '../../src/faults/window-end.js';

describe('windowEnd', () => {
  it('gives the decimal instant a sum of decimals misses by a rounding', () => {
    expect(0.1 + 0.2).toBe(0.30000000000000004);
    expect(windowEnd(0.1, 0.2)).toBe(0.3);
    expect(windowEnd(0.7, 0.1)).toBe(0.8);
    expect(windowEnd(1, 2)).toBe(3);
    expect(windowEnd(3600, 0.001)).toBe(3600.001);
  });

  it('keeps a sum that needs more than 15 digits, or that a tiny window does not move', () => {
    expect(windowEnd(802624135.0685102, 1e-9)).toBe(802624135.0685102);
    expect(windowEnd(100000, 1e-10)).toBe(100000 + 1e-10);
    expect(windowEnd(1e9, 1e-7)).toBe(1e9 + 1e-7);
  });

  it('is never more than two rounding steps from the sum, and after the start whenever the sum is', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        fc.double({ min: 1e-9, max: 1e9, noNaN: true }),
        (at, length) => {
          const sum = at + length;
          const end = windowEnd(at, length);
          expect(Math.abs(end - sum)).toBeLessThanOrEqual(2 * Number.EPSILON * sum);
          expect(end).toBeGreaterThanOrEqual(at);
          if (sum > at) expect(end).toBeGreaterThan(at);
          else expect(end).toBe(at);
        },
      ),
      { numRuns: 500 },
    );
  });
});
