/**
 * Two clock readings closer than this fraction of the time are one instant reached by sums
 * rounded differently (a few ulps: a sum of three readings rounds at most twice). Times are
 * float64 seconds (DESIGN.md §2), so an instant computed two ways (a warm-up typed as 0.42 s, a
 * delivery at 0.02 + 4 × 0.1 s) can differ by an ulp.
 */
export const CLOCK_ROUNDING = 4 * Number.EPSILON;

/** Whether clock readings `a` and `b` name one instant, up to CLOCK_ROUNDING. */
export function sameInstant(a: number, b: number): boolean {
  return Math.abs(a - b) <= CLOCK_ROUNDING * Math.max(Math.abs(a), Math.abs(b));
}
