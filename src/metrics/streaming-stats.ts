import { HISTOGRAM_RELATIVE_ERROR, LogHistogram } from './log-histogram.js';
import type { Stats } from './summary.js';

/** How `LatencySummary.percentiles` names percentiles read from histograms. */
export const APPROXIMATE_PERCENTILES =
  `histogram (relative error <= ${HISTOGRAM_RELATIVE_ERROR * 100}%)` as const;

/** Count, sum and max of a statistic, exact, and its percentiles from a `LogHistogram`. */
export class StreamingStat {
  readonly histogram = new LogHistogram();
  sum = 0;

  add(value: number): void {
    this.histogram.add(value);
    this.sum += value;
  }

  /** `add(value)` `copies` times. */
  addCopies(value: number, copies: number): void {
    if (copies <= 0) return;
    let sum = this.sum;
    for (let k = 0; k < copies; k++) sum += value;
    this.sum = sum;
    this.histogram.addCopies(value, copies);
  }

  /**
   * `add(values[k])` for k from `from` to `to`, in order. Why by runs: a component is often the
   * same for many messages in a row (a link's propagation delay, zero queueing), and a run of
   * equal values is one histogram update; the sum still adds every value in order (the same
   * bits as adding them one by one).
   */
  addAll(values: Float64Array, from: number, to: number): void {
    let sum = this.sum;
    let k = from;
    while (k < to) {
      const value = values[k];
      let end = k + 1;
      sum += value;
      while (end < to && values[end] === value) sum += values[end++];
      this.histogram.addCopies(value, end - k);
      k = end;
    }
    this.sum = sum;
  }

  merge(other: StreamingStat): void {
    this.histogram.merge(other.histogram);
    this.sum += other.sum;
  }

  stats(): Stats {
    const { histogram } = this;
    const count = histogram.count;
    if (count === 0) return { count, mean: null, p50: null, p95: null, p99: null, max: null };
    return {
      count,
      mean: this.sum / count,
      p50: histogram.quantile(0.5),
      p95: histogram.quantile(0.95),
      p99: histogram.quantile(0.99),
      max: histogram.max,
    };
  }
}
