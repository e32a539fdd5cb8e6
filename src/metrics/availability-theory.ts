/**
 * Closed-form steady-state availability: one repairable component, k-of-n groups of independent
 * components (series and parallel being the special cases).
 */

/** A = MTTF / (MTTF + MTTR) of an alternating renewal process (any distributions). */
export function steadyStateAvailability(mttfSeconds: number, mttrSeconds: number): number {
  return mttfSeconds / (mttfSeconds + mttrSeconds);
}

/** C(n, j), exact for the small n of replica groups. */
export function binomialCoefficient(n: number, j: number): number {
  if (j < 0 || j > n) return 0;
  let result = 1;
  for (let i = 1; i <= Math.min(j, n - j); i++) result = (result * (n - i + 1)) / i;
  return result;
}

/**
 * k-of-n availability of n independent identical components of availability A:
 * Σ_{j≥k} C(n, j) A^j (1-A)^(n-j).
 */
export function binomialKOfN(n: number, k: number, availability: number): number {
  let sum = 0;
  for (let j = k; j <= n; j++) {
    sum += binomialCoefficient(n, j) * availability ** j * (1 - availability) ** (n - j);
  }
  return sum;
}

/**
 * Probability that at least `k` of independent members with availabilities `availabilities`
 * are up (Poisson-binomial, by dynamic programming over the members). Series: k = n gives
 * Π A_i; parallel: k = 1 gives 1 - Π (1 - A_i).
 */
export function kOfNAvailability(availabilities: readonly number[], k: number): number {
  // upCount[j]: probability that exactly j of the members seen so far are up.
  let upCount = [1];
  for (const a of availabilities) {
    const next = new Array<number>(upCount.length + 1).fill(0);
    upCount.forEach((p, j) => {
      next[j] += p * (1 - a);
      next[j + 1] += p * a;
    });
    upCount = next;
  }
  let sum = 0;
  for (let j = Math.max(0, k); j < upCount.length; j++) sum += upCount[j];
  return Math.min(1, sum);
}
