/** Display units of the compared measures, shared by the comparison table and charts. */
import type { Estimate, MeasureKey } from '../metrics/compare.js';
import { type DisplayUnit, pickBitRateUnit, pickTimeUnit } from './format-numbers.js';

/**
 * Estimates of the measures per variant (a comparison's variants, a sweep's points), and the
 * replications' values they come from, where known.
 */
export interface EstimatedVariants {
  variants: ReadonlyArray<{
    estimates: Partial<Record<MeasureKey, Estimate>>;
    replications?: ReadonlyArray<{ values: Partial<Record<MeasureKey, number | null>> }>;
  }>;
}

/**
 * The unit a measure is shown in: goodput in the bit-rate unit and latencies in the time unit
 * that fit the largest mean over the variants; the others as they are (messages/s, copies,
 * fractions).
 */
export function compareDisplayUnit(comparison: EstimatedVariants, key: MeasureKey): DisplayUnit {
  const largest = comparison.variants.reduce(
    (max, variant) => Math.max(max, Math.abs(variant.estimates[key]?.mean ?? 0)),
    0,
  );
  switch (key) {
    case 'goodput':
      return pickBitRateUnit(largest);
    case 'latencyMean':
    case 'latencyP99':
    case 'requestLatency':
      return pickTimeUnit(largest);
    case 'throughput':
      return { symbol: 'messages/s', factor: 1 };
    case 'requestThroughput':
      return { symbol: 'requests/s', factor: 1 };
    case 'retransmissions':
      return { symbol: 'copies', factor: 1 };
    case 'retransmissionTimeouts':
      return { symbol: 'expiries', factor: 1 };
    case 'availability':
    case 'serviceAvailability':
    case 'deliveredRatio':
      return { symbol: 'fraction', factor: 1 };
  }
}
