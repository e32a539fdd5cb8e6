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

/** A stretch of a row shaded by the share of its time down, class `level` of DOWN_SHARE_LEVELS. */
export interface ShadedStretch {
  start: number;
  end: number;
  level: number;
}

/**
 * Lower bounds of the classes of down share the chart shades, about half a decade apart (an
 * unavailability of 1e-3 and one of 1e-2 differ as much as 1e-2 and 1e-1 do): < 1%, 1-3%,
 * 3-10%, 10-30%, ≥ 30%.
 */
export const DOWN_SHARE_LEVELS = [0, 0.01, 0.03, 0.1, 0.3] as const;

/** The class of DOWN_SHARE_LEVELS a share of time down (> 0) falls in. */
export function downShareLevel(share: number): number {
  let level = 0;
  while (level + 1 < DOWN_SHARE_LEVELS.length && share >= DOWN_SHARE_LEVELS[level + 1]) level++;
  return level;
}

/**
 * The stretches of [from, to] (clipped to the run's `end`) in each bin of `downSeconds` (bins
 * `binSeconds` long from 0) that was down at all, each classed by its bin's share of time down;
 * neighbours of one class joined.
 */
export function shadedStretches(
  downSeconds: readonly number[],
  binSeconds: number,
  from: number,
  to: number,
  end: number,
): ShadedStretch[] {
  const stretches: ShadedStretch[] = [];
  const last = Math.min(downSeconds.length - 1, Math.ceil(Math.min(to, end) / binSeconds) - 1);
  for (let bin = Math.max(0, Math.floor(from / binSeconds)); bin <= last; bin++) {
    const binStart = bin * binSeconds;
    const binEnd = Math.min((bin + 1) * binSeconds, end);
    const start = Math.max(binStart, from);
    const stop = Math.min(binEnd, to);
    if (!(stop > start) || !(downSeconds[bin] > 0)) continue;
    const level = downShareLevel(Math.min(1, downSeconds[bin] / (binEnd - binStart)));
    const previous = stretches[stretches.length - 1];
    if (previous !== undefined && previous.level === level && previous.end === start) previous.end = stop;
    else stretches.push({ start, end: stop, level });
  }
  return stretches;
}
