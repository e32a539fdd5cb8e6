/**
 * Jain's fairness index (Jain, Chiu & Hawe 1984): J = (sum x)^2 / (n sum x^2) for n non-negative
 * allocations (throughputs, rates). J = 1 when all are equal and 1/n when one user has
 * everything; it is scale-invariant. NaN when there is nothing to judge: no values, or all zero
 * (J is undefined there, as 0/0, and neither 1 nor 1/n would be honest on a chart).
 * @throws RangeError when a value is negative or not finite.
 */
export function jainFairnessIndex(values: readonly number[]): number {
  let largest = 0;
  for (const value of values) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`fairness needs finite non-negative allocations, got ${value}`);
    }
    largest = Math.max(largest, value);
  }
  if (largest === 0) return Number.NaN;
  // J is scale-invariant; dividing by the largest keeps the squares from overflowing or underflowing.
  let sum = 0;
  let sumOfSquares = 0;
  for (const value of values) {
    const share = value / largest;
    sum += share;
    sumOfSquares += share * share;
  }
  return (sum * sum) / (values.length * sumOfSquares);
}
