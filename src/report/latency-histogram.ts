/**
 * Binning of latencies for the latency-distribution chart: equal-width bins with round edges
 * (1, 2, 2.5 or 5 × 10^k ms), so axis labels read like a textbook figure.
 */

/** A histogram of latencies in milliseconds. */
export interface LatencyHistogram {
  /** Bin edges in ms, `counts.length + 1` of them, increasing; bin i is [edges[i], edges[i+1]). */
  edgesMs: number[];
  /** Messages per bin; the last bin also holds values equal to its upper edge. */
  counts: number[];
  /** Bin width in ms. */
  binWidthMs: number;
  /** Latencies counted in the bins. */
  shown: number;
  /** Latencies above the last edge (beyond the 99.9th percentile), not drawn. */
  above: number;
  /** The 99.9th percentile (nearest rank) in ms; the upper end of the binned range. */
  p999Ms: number;
  /** Smallest and largest latency in ms. */
  minMs: number;
  maxMs: number;
}

/** Default bin budget: enough to show a shape, few enough that each bar stays visible at 1000 px. */
export const MAX_LATENCY_BINS = 50;

/**
 * Nearest-rank quantile `q` in [0, 1] of an ascending array; `sorted` must not be empty.
 */
function nearestRank(sorted: Float64Array, q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

/** A bin width `mantissa × 10^exponent` kept in two parts so edges are computed without drift. */
interface RoundStep {
  mantissa: number;
  exponent: number;
}

/** Smallest round step (1, 2, 2.5, 5 × 10^k) at least `minimum`; `minimum` must be > 0. */
function roundStepAtLeast(minimum: number): RoundStep {
  let exponent = Math.floor(Math.log10(minimum));
  for (;;) {
    // 2.5 is written as 25 × 10^(k-1) so the mantissa stays an integer.
    for (const [mantissa, shift] of [
      [1, 0],
      [2, 0],
      [25, -1],
      [5, 0],
    ]) {
      const step = { mantissa, exponent: exponent + shift };
      if (stepValue(step, 1) >= minimum) return step;
    }
    exponent += 1;
  }
}

/**
 * `multiple × step` as the double nearest the decimal value: an integer divided by a power of
 * ten is correctly rounded, whereas multiplying by 0.1 accumulates error (3 × 0.1 ≠ 0.3).
 */
function stepValue(step: RoundStep, multiple: number): number {
  const integer = multiple * step.mantissa;
  return step.exponent >= 0 ? integer * 10 ** step.exponent : integer / 10 ** -step.exponent;
}

/**
 * Bins `latenciesSeconds` into at most `maxBins` equal round-width bins (in ms) covering
 * [lower, p99.9]. The range starts at 0, so the chart shows how far the latencies sit from zero,
 * unless the whole range is narrower than a quarter of p99.9: then it starts just below the
 * minimum, because a constant delay (propagation) would otherwise squeeze every message into one
 * bar. Latencies above p99.9 are counted in `above`, not drawn, so one outlier cannot flatten the
 * picture. When all latencies are equal, up to ten narrow bins around the value are returned.
 * Returns null for an empty array. Throws RangeError when `maxBins` < 1 or a latency is not finite.
 */
export function binLatencies(
  latenciesSeconds: Float64Array,
  maxBins: number = MAX_LATENCY_BINS,
): LatencyHistogram | null {
  if (!(maxBins >= 1)) throw new RangeError(`maxBins must be at least 1, got ${maxBins}`);
  if (latenciesSeconds.length === 0) return null;
  const sortedMs = Float64Array.from(latenciesSeconds, (seconds) => seconds * 1e3).sort();
  const minMs = sortedMs[0];
  const maxMs = sortedMs[sortedMs.length - 1];
  if (!Number.isFinite(minMs) || !Number.isFinite(maxMs)) {
    throw new RangeError('latencies must be finite numbers of seconds');
  }
  const p999Ms = nearestRank(sortedMs, 0.999);
  // When more than 99.9% of values equal the minimum, p99.9 gives no range; use the maximum.
  let upperMs = p999Ms > minMs ? p999Ms : maxMs;
  let lowerMs = upperMs - minMs < 0.25 * upperMs ? minMs : Math.min(0, minMs);
  let binBudget = maxBins;
  if (upperMs === lowerMs) {
    const halfWindow = minMs !== 0 ? Math.abs(minMs) * 0.01 : 1e-3;
    lowerMs = minMs >= 0 ? Math.max(0, minMs - halfWindow) : minMs - halfWindow;
    upperMs = minMs + halfWindow;
    binBudget = Math.min(maxBins, 10);
  }
  let step = roundStepAtLeast((upperMs - lowerMs) / binBudget);
  let firstMultiple = Math.floor(lowerMs / stepValue(step, 1));
  let binCount = Math.max(1, Math.ceil(upperMs / stepValue(step, 1)) - firstMultiple);
  // Rounding the range out to whole steps can add a bin beyond the budget; widen the step then.
  while (binCount > binBudget) {
    step = roundStepAtLeast(stepValue(step, 1) * (1 + 1e-9));
    firstMultiple = Math.floor(lowerMs / stepValue(step, 1));
    binCount = Math.max(1, Math.ceil(upperMs / stepValue(step, 1)) - firstMultiple);
  }
  const binWidthMs = stepValue(step, 1);
  const edgesMs = Array.from({ length: binCount + 1 }, (_, i) => stepValue(step, firstMultiple + i));
  const lastEdge = edgesMs[binCount];

  const counts = new Array<number>(binCount).fill(0);
  let above = 0;
  for (const valueMs of sortedMs) {
    if (valueMs > lastEdge) {
      above += 1;
      continue;
    }
    const index = Math.min(binCount - 1, Math.max(0, Math.floor((valueMs - edgesMs[0]) / binWidthMs)));
    counts[index] += 1;
  }
  return {
    edgesMs,
    counts,
    binWidthMs,
    shown: sortedMs.length - above,
    above,
    p999Ms,
    minMs,
    maxMs,
  };
}
