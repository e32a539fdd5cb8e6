/**
 * A component's time down per bin over the whole run, in a fixed number of equal bins from time
 * 0 that double in width (neighbours merged) whenever the run outgrows them: memory stays flat
 * however long the run and however many failures, and the run's end need not be known ahead.
 */
export class DowntimeBins {
  /** Bins per component: at least half of them cover the run, a pixel or two of the chart each. */
  static readonly BIN_COUNT = 1024;
  /** Width of the bins at first (a power of two, so merged widths stay exact). */
  static readonly INITIAL_WIDTH_SECONDS = 2 ** -10;

  private readonly downSeconds: Float64Array;
  width: number;

  /** `binCount` must be even (bins merge in pairs). */
  constructor(
    readonly binCount = DowntimeBins.BIN_COUNT,
    initialWidthSeconds = DowntimeBins.INITIAL_WIDTH_SECONDS,
  ) {
    this.downSeconds = new Float64Array(binCount);
    this.width = initialWidthSeconds;
  }

  /** The component was down from `start` to `end` (seconds, 0 ≤ start ≤ end). */
  addDown(start: number, end: number): void {
    this.extendTo(end);
    addOverlaps(this.downSeconds, this.width, start, end);
  }

  /** Widen the bins until they reach `time`. */
  extendTo(time: number): void {
    while (time > this.binCount * this.width) this.coarsen();
  }

  /**
   * Seconds down in each bin up to the one holding `end` (the last one may end after `end`),
   * with a period still open since `openDownSince` (if given) counted up to `end`.
   */
  binsTo(end: number, openDownSince?: number): number[] {
    this.extendTo(end);
    const used = Math.min(this.binCount, Math.max(1, Math.ceil(end / this.width)));
    const bins = this.downSeconds.slice(0, used);
    if (openDownSince !== undefined) addOverlaps(bins, this.width, openDownSince, end);
    return Array.from(bins);
  }

  private coarsen(): void {
    const values = this.downSeconds;
    for (let i = 0; i < values.length / 2; i++) values[i] = values[2 * i] + values[2 * i + 1];
    values.fill(0, Math.ceil(values.length / 2));
    this.width *= 2;
  }
}

/** Adds to each bin of `bins` (each `width` long, from 0) its overlap with [start, end]. */
function addOverlaps(bins: Float64Array, width: number, start: number, end: number): void {
  const last = Math.min(bins.length - 1, Math.floor(end / width));
  for (let bin = Math.floor(start / width); bin <= last; bin++) {
    const overlap = Math.min(end, (bin + 1) * width) - Math.max(start, bin * width);
    if (overlap > 0) bins[bin] += overlap;
  }
}
