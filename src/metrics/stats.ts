import { sortedAdaptively } from './sorted-runs.js';
import type { ConfidenceInterval, Stats } from './summary.js';

/**
 * Mean, percentiles (linear interpolation between order statistics, as numpy's default) and
 * max of `values`; nulls when empty. Sorts a copy, so the input is untouched.
 */
export function computeStats(values: Float64Array): Stats {
  return statsSortingInPlace(Float64Array.from(values));
}

/** `computeStats` of `values`, which it may reorder (for arrays the caller built for it). */
export function statsSortingInPlace(values: Float64Array): Stats {
  // Components are often constant or already in order (the same link's delay for every message):
  // those need no sort (or only a merge of their runs), and give exactly what the sort would.
  return statsOfSorted(sortedAdaptively(values));
}

/**
 * `computeStats` of values already in the order `Float64Array.prototype.sort` gives. The mean
 * sums them in that order, so it is the same to the last bit whichever way they were sorted.
 */
export function statsOfSorted(sorted: Float64Array): Stats {
  const count = sorted.length;
  if (count === 0) return { count, mean: null, p50: null, p95: null, p99: null, max: null };
  let sum = 0;
  for (let i = 0; i < count; i++) sum += sorted[i];
  return {
    count,
    mean: sum / count,
    p50: quantileOfSorted(sorted, 0.5),
    p95: quantileOfSorted(sorted, 0.95),
    p99: quantileOfSorted(sorted, 0.99),
    max: sorted[count - 1],
  };
}

/** The q-quantile of ascending `sorted` values, interpolating linearly. */
export function quantileOfSorted(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/** Running mean and variance (Welford), for observed MTTF/MTTR and their intervals. */
export class RunningMoments {
  count = 0;
  mean = 0;
  private m2 = 0;

  add(value: number): void {
    this.count++;
    const delta = value - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (value - this.mean);
  }

  get variance(): number {
    return this.count > 1 ? this.m2 / (this.count - 1) : 0;
  }

  /** Student-t 95% interval of the mean (normal beyond 30 degrees of freedom); null with fewer than two values. */
  ci95(): ConfidenceInterval | null {
    if (this.count < 2) return null;
    const half = tQuantile975(this.count - 1) * Math.sqrt(this.variance / this.count);
    // Durations are never negative; nor is the lower end of their interval.
    return [Math.max(0, this.mean - half), this.mean + half];
  }
}

/** Two-sided 95% quantiles t_{0.975, df} for df = 1..30 (standard tables). */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** t_{0.975} with `degreesOfFreedom`; the normal 1.96 beyond the table. */
export function tQuantile975(degreesOfFreedom: number): number {
  return degreesOfFreedom <= T_975.length ? T_975[degreesOfFreedom - 1] : 1.959963984540054;
}
