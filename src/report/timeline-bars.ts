/**
 * Merges the periods of one timeline row into bars no closer than a given gap, so a row's bar
 * count stays bounded by the chart's width however many periods the run had.
 */

/** A stretch of a row: from `start` to `end`, of which `covered` seconds were in the periods merged. */
export interface MergedBar {
  start: number;
  end: number;
  covered: number;
  /** How many periods were merged into the bar. */
  periods: number;
}

/**
 * Periods (in time order) merged into bars wherever one starts less than `gapSeconds` after the
 * previous bar ends: at most span / gapSeconds + 1 bars.
 */
export function mergePeriods(
  periods: Iterable<{ start: number; end: number }>,
  gapSeconds: number,
): MergedBar[] {
  const bars: MergedBar[] = [];
  let last: MergedBar | undefined;
  for (const { start, end } of periods) {
    if (last !== undefined && start - last.end < gapSeconds) {
      last.end = Math.max(last.end, end);
      last.covered += end - start;
      last.periods++;
    } else {
      last = { start, end, covered: end - start, periods: 1 };
      bars.push(last);
    }
  }
  return bars;
}
