/** Bins a step series keeps at most; the bin width doubles whenever the run outgrows them. */
const MAX_BINS = 512;
const INITIAL_BIN_SECONDS = 1e-3;

/**
 * A value that changes in steps over simulated time (a queue depth), kept in bounded memory:
 * time-weighted mean and maximum per bin (bins widen as the run goes on), and the time-weighted
 * mean and maximum from `from` (the warm-up) to the end.
 */
export class TimeWeightedSeries {
  private binSeconds = INITIAL_BIN_SECONDS;
  private sums = new Float64Array(MAX_BINS);
  private maxima = new Float64Array(MAX_BINS);
  private lastTime = 0;
  private current = 0;
  private measuredArea = 0;
  private measuredMax = 0;

  constructor(private readonly from: number) {}

  get value(): number {
    return this.current;
  }

  /** The value becomes `value` at `time` (times never decrease). */
  set(time: number, value: number): void {
    this.advance(time);
    this.current = value;
    const bin = Math.floor(time / this.binSeconds);
    if (bin < MAX_BINS) this.maxima[bin] = Math.max(this.maxima[bin], value);
    if (time >= this.from) this.measuredMax = Math.max(this.measuredMax, value);
  }

  /**
   * Time-weighted mean over [from, end], and the maximum there; both null when that interval is
   * empty (`end` not after `from`: a warm-up that outlasts the run), where nothing was measured.
   */
  measured(end: number): { mean: number | null; max: number | null } {
    this.advance(end);
    const seconds = end - this.from;
    if (!(seconds > 0)) return { mean: null, max: null };
    return { mean: this.measuredArea / seconds, max: Math.max(this.measuredMax, this.current) };
  }

  /** Bins up to `end`: start time, time-weighted mean, maximum. */
  bins(end: number): { time: number[]; mean: number[]; max: number[] } {
    this.advance(end);
    const time: number[] = [];
    const mean: number[] = [];
    const max: number[] = [];
    for (let bin = 0; bin * this.binSeconds < end && bin < MAX_BINS; bin++) {
      const start = bin * this.binSeconds;
      const covered = Math.min(end, start + this.binSeconds) - start;
      time.push(start);
      mean.push(this.sums[bin] / covered);
      max.push(Math.max(this.maxima[bin], this.sums[bin] / covered));
    }
    return { time, mean, max };
  }

  private advance(time: number): void {
    if (time <= this.lastTime) return;
    while (time >= MAX_BINS * this.binSeconds) this.widen();
    const measuredStart = Math.max(this.lastTime, this.from);
    if (time > measuredStart) this.measuredArea += this.current * (time - measuredStart);
    let start = this.lastTime;
    while (start < time) {
      const bin = Math.floor(start / this.binSeconds);
      const end = Math.min(time, (bin + 1) * this.binSeconds);
      this.sums[bin] += this.current * (end - start);
      if (this.current > this.maxima[bin]) this.maxima[bin] = this.current;
      start = end;
    }
    this.lastTime = time;
  }

  /** Halves the resolution: each pair of bins becomes one. */
  private widen(): void {
    const sums = new Float64Array(MAX_BINS);
    const maxima = new Float64Array(MAX_BINS);
    for (let bin = 0; bin < MAX_BINS / 2; bin++) {
      sums[bin] = this.sums[2 * bin] + this.sums[2 * bin + 1];
      maxima[bin] = Math.max(this.maxima[2 * bin], this.maxima[2 * bin + 1]);
    }
    this.sums = sums;
    this.maxima = maxima;
    this.binSeconds *= 2;
  }
}
