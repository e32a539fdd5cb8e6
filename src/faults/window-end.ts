/**
 * When a fault window (a partition's or a degradation's `for`) that begins at `at` ends.
 *
 * The sum in doubles can miss the instant the scenario means by one rounding: `at: 0.1s` with
 * `for: 0.2s` gives 0.30000000000000004, so a `heal` at `0.3s` would still find the partition in
 * force while one at 3 s after `1s` + `2s` does not. Where the sum lies within two rounding steps
 * of the 15-digit decimal it reads as, the window ends at that decimal; a sum that needs more
 * digits (100000 + 1e-10) is kept as it is, and so is one whose decimal is not after `at`. The
 * fault check and the run both ask this function, so they agree on the instant.
 */
export function windowEnd(at: number, length: number): number {
  const sum = at + length;
  if (sum === at) return sum;
  const decimal = Number(sum.toPrecision(15));
  const near = Math.abs(decimal - sum) <= 2 * Number.EPSILON * sum;
  // A window shorter than the rounding step must still end after it begins.
  return near && decimal > at ? decimal : sum;
}
