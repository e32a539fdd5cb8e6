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
 * sums them in that order, so it is the same to the last bit whichever way they were sorted;
 * a caller that has that sum already (it read the values in that order) passes it as `sum`.
 */
export function statsOfSorted(sorted: Float64Array, sum: number | null = null): Stats {
  let total = sum;
  if (total === null) {
    total = 0;
    for (let i = 0; i < sorted.length; i++) total += sorted[i];
  }
  return statsOfRanked(sorted.length, total, (rank) => sorted[rank]);
}

/**
 * `statsOfSorted` of `count` values in sort order that are read one at a time, `at(rank)`
 * giving the rank-th (from 0), whose sum in that order is `sum`: only the order statistics the
 * percentiles and the maximum need are read.
 */
export function statsOfRanked(count: number, sum: number, at: (rank: number) => number): Stats {
  if (count === 0) return { count, mean: null, p50: null, p95: null, p99: null, max: null };
  return {
    count,
    mean: sum / count,
    p50: quantileOfRanked(count, 0.5, at),
    p95: quantileOfRanked(count, 0.95, at),
    p99: quantileOfRanked(count, 0.99, at),
    max: at(count - 1),
  };
}

/** The q-quantile of ascending `sorted` values, interpolating linearly. */
export function quantileOfSorted(sorted: Float64Array, q: number): number {
  return quantileOfRanked(sorted.length, q, (rank) => sorted[rank]);
}

/** `quantileOfSorted` of `count` ascending values read through `at(rank)`. */
function quantileOfRanked(count: number, q: number, at: (rank: number) => number): number {
  const position = (count - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, count - 1);
  const low = at(below);
  return low + (at(above) - low) * (position - below);
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
