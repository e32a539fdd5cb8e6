import type { ConfidenceInterval, Stats } from './summary.js';

/**
 * Mean, percentiles (linear interpolation between order statistics, as numpy's default) and
 * max of `values`; nulls when empty. Sorts a copy, so the input is untouched.
 */
export function computeStats(values: Float64Array): Stats {
  const count = values.length;
  if (count === 0) return { count, mean: null, p50: null, p95: null, p99: null, max: null };
  const sorted = Float64Array.from(values).sort();
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

  /** Normal-approximation 95% interval of the mean; null with fewer than two values. */
  ci95(): ConfidenceInterval | null {
    if (this.count < 2) return null;
    const half = 1.959963984540054 * Math.sqrt(this.variance / this.count);
    return [this.mean - half, this.mean + half];
  }
}
