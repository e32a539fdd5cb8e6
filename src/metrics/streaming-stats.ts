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
