/**
 * What a closed-form value that is not a finite number means, as the terminal and report.html
 * print it: summary.json holds such a value as null (JSON has no Infinity), so the pages say
 * n/a and why, not `Infinity`. A sync request-reply whose round trip and think time are all 0
 * (0 B requests and replies with no header, no delay, no processing) gives T = 1/(C + Z) = 1/0;
 * a bandwidth-delay product of a delay of 1e308 s passes the largest double.
 */
export function nonFiniteTheoryText(value: number): string | null {
  if (Number.isFinite(value)) return null;
  if (Number.isNaN(value)) return 'n/a (the formula has no value here)';
  return 'n/a (unbounded: the formula divides by a time of 0, or its value passes the largest double)';
}
