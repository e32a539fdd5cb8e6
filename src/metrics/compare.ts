/**
 * Comparison of scenario variants across replications: per variant and measure, the mean and
 * its 95% Student-t confidence interval; and, since replication i of every variant shares its
 * random numbers, the paired difference from the first variant.
 */
import { RunningMoments, tQuantile975 } from './stats.js';
import type { RequestSummary, Summary } from './summary.js';

/** The measures compared, in table and file order. */
export const COMPARE_MEASURES = [
  {
    key: 'throughput',
    label: 'T',
    description: 'throughput T = N/t',
    unit: 'messages/s',
    of: (summary: Summary): number | null => summary.throughput.messagesPerSecond,
  },
  {
    key: 'goodput',
    label: 'goodput',
    description: 'goodput (payload bits delivered per second)',
    unit: 'bit/s',
    of: (summary: Summary): number | null => summary.throughput.goodputBitsPerSecond,
  },
  {
    key: 'latencyMean',
    label: 'L mean',
    description: 'mean latency',
    unit: 's',
    of: (summary: Summary): number | null => summary.latency.mean,
  },
  {
    key: 'latencyP99',
    label: 'L p99',
    description: '99th percentile of latency',
    unit: 's',
    of: (summary: Summary): number | null => summary.latency.p99,
  },
  {
    key: 'retransmissions',
    label: 'retransmissions',
    description: 'data copies sent again',
    unit: 'copies',
    of: (summary: Summary): number | null => summary.counts.retransmissions,
  },
  {
    key: 'retransmissionTimeouts',
    label: 'retransmission timeouts',
    description: "expiries of the retransmission timers (and brokers' ack timers)",
    unit: 'expiries',
    of: (summary: Summary): number | null => summary.counts.retransmissionTimeouts,
  },
  {
    key: 'availability',
    label: 'A',
    description: 'measured availability (mean over nodes with a failure process)',
    unit: 'fraction',
    of: meanMeasuredAvailability,
  },
  {
    key: 'serviceAvailability',
    label: 'A service',
    description: 'measured availability of the replicated services (mean over services)',
    unit: 'fraction',
    of: meanServiceAvailability,
  },
  {
    key: 'requestThroughput',
    label: 'request T',
    description: 'completed requests per second, summed over the request-reply flows',
    unit: 'requests/s',
    of: (summary: Summary): number | null => {
      const rates = requestFlows(summary).map((requests) => requests.throughput.requestsPerSecond);
      // A flow whose interval is empty measured no rate, so neither does the sum.
      if (rates.length === 0 || rates.some((rate) => rate === null)) return null;
      return (rates as number[]).reduce((sum, rate) => sum + rate, 0);
    },
  },
  {
    key: 'requestLatency',
    label: 'request L',
    description: 'mean request latency (send to reply) over the replied requests of all request-reply flows',
    unit: 's',
    of: meanRequestLatency,
  },
  {
    key: 'deliveredRatio',
    label: 'delivered/sent',
    description: 'messages delivered per message sent',
    unit: 'fraction',
    of: (summary: Summary): number | null =>
      summary.counts.sent > 0 ? summary.counts.delivered / summary.counts.sent : null,
  },
] as const;

export type MeasureKey = (typeof COMPARE_MEASURES)[number]['key'];

/** Measures left out of a comparison in which no run has them (no failure process, no service, no request-reply flow). */
const OPTIONAL_MEASURES: ReadonlySet<MeasureKey> = new Set([
  'availability',
  'serviceAvailability',
  'requestThroughput',
  'requestLatency',
]);
export type CompareMeasure = (typeof COMPARE_MEASURES)[number];

/** A sample mean with its 95% confidence interval; nulls where the sample is too small. */
export interface Estimate {
  /** Replications that had a value (latency has none when nothing was delivered). */
  n: number;
  mean: number | null;
  /** Sample standard deviation (n - 1 in the denominator); null below two values. */
  sd: number | null;
  /** t_{0.975, n-1} · sd / √n; null below two values. */
  halfWidth: number | null;
  /** [mean - halfWidth, mean + halfWidth]; null below two values. */
  ci95: [number, number] | null;
}

/** One variant as the comparison needs it. */
export interface VariantDescription {
  label: string;
  /** Each varied setting: the path as written, its short name, the value as written. */
  settings: ReadonlyArray<VariantSetting>;
}

export interface VariantSetting {
  path: string;
  name: string;
  value: string;
}

/** One replication's values of every measure. */
export interface ReplicationValues {
  replication: number;
  seed: number;
  values: Partial<Record<MeasureKey, number | null>>;
}

export interface VariantComparison {
  label: string;
  settings: VariantSetting[];
  estimates: Partial<Record<MeasureKey, Estimate>>;
  /**
   * Per measure, the mean and interval of (this variant − the first) over replications where
   * both have a value: paired by replication, so the shared randomness cancels. Null for the
   * first variant.
   */
  differenceFromFirst: Partial<Record<MeasureKey, Estimate>> | null;
  replications: ReplicationValues[];
}

export interface Comparison {
  scenario: string;
  replications: number;
  confidenceLevel: 0.95;
  /** The measures compared: without availability when no variant has a failure process, without service availability when none has a service. */
  measures: MeasureKey[];
  variants: VariantComparison[];
}

/**
 * Mean and 95% Student-t interval of the non-null `values`, accumulated in the given order
 * (so the same values always give bit-identical numbers).
 */
export function estimateMean(values: ReadonlyArray<number | null>): Estimate {
  const moments = new RunningMoments();
  for (const value of values) if (value !== null) moments.add(value);
  if (moments.count === 0) return { n: 0, mean: null, sd: null, halfWidth: null, ci95: null };
  if (moments.count === 1) return { n: 1, mean: moments.mean, sd: null, halfWidth: null, ci95: null };
  const sd = Math.sqrt(moments.variance);
  const halfWidth = (tQuantile975(moments.count - 1) * sd) / Math.sqrt(moments.count);
  return {
    n: moments.count,
    mean: moments.mean,
    sd,
    halfWidth,
    ci95: [moments.mean - halfWidth, moments.mean + halfWidth],
  };
}

/**
 * Compares `variants` from their runs: `summaries[v][i]` is replication i of variant v (every
 * variant has the same number of replications). Availability is left out when no run has a
 * node with a failure process.
 */
export function compareVariants(
  scenario: string,
  variants: readonly VariantDescription[],
  summaries: ReadonlyArray<readonly Summary[]>,
): Comparison {
  const replications = summaries[0]?.length ?? 0;
  const values = summaries.map((runs) =>
    runs.map((summary) => Object.fromEntries(COMPARE_MEASURES.map((m) => [m.key, m.of(summary)]))),
  ) as Array<Array<Record<MeasureKey, number | null>>>;
  const measures = COMPARE_MEASURES.map((measure) => measure.key).filter(
    (key) => !OPTIONAL_MEASURES.has(key) || values.some((runs) => runs.some((run) => run[key] !== null)),
  );
  const column = (variant: number, key: MeasureKey) => values[variant].map((run) => run[key]);
  const pick = <T>(of: (key: MeasureKey) => T) =>
    Object.fromEntries(measures.map((key) => [key, of(key)])) as Partial<Record<MeasureKey, T>>;

  return {
    scenario,
    replications,
    confidenceLevel: 0.95,
    measures,
    variants: variants.map((variant, index) => ({
      label: variant.label,
      settings: variant.settings.map(({ path, name, value }) => ({ path, name, value })),
      estimates: pick((key) => estimateMean(column(index, key))),
      differenceFromFirst:
        index === 0
          ? null
          : pick((key) => estimateMean(pairedDifferences(column(index, key), column(0, key)))),
      replications: summaries[index].map((summary, replication) => ({
        replication: summary.replication ?? replication,
        seed: summary.seed,
        values: pick((key) => values[index][replication][key]),
      })),
    })),
  };
}

/** a_i − b_i where both are known, else null. */
function pairedDifferences(
  a: ReadonlyArray<number | null>,
  b: ReadonlyArray<number | null>,
): Array<number | null> {
  return a.map((value, index) => (value === null || b[index] === null ? null : value - (b[index] as number)));
}

/**
 * Mean measured up-time fraction over the nodes with a failure process (those with an analytic
 * availability); null when there is none, since nodes that never fail say nothing.
 */
function meanMeasuredAvailability(summary: Summary): number | null {
  return meanOfMeasured(Object.values(summary.availability.nodes).filter((node) => node.analytic !== null));
}

/** The mean measured availability of the scenario's replicated services; null without any. */
function meanServiceAvailability(summary: Summary): number | null {
  return meanOfMeasured(Object.values(summary.availability.services ?? {}));
}

/** Mean of the entries' measured availabilities; null when none was measured (an empty interval). */
function meanOfMeasured(entries: ReadonlyArray<{ measured: number | null }>): number | null {
  const measured = entries.flatMap((entry) => (entry.measured === null ? [] : [entry.measured]));
  return measured.length === 0 ? null : measured.reduce((sum, value) => sum + value, 0) / measured.length;
}

/** The request summaries of the request-reply flows, in flow order. */
function requestFlows(summary: Summary): RequestSummary[] {
  return Object.values(summary.flows).flatMap((flow) => (flow.requests ? [flow.requests] : []));
}

/** Mean request latency over every replied request of the request-reply flows; null without any. */
function meanRequestLatency(summary: Summary): number | null {
  let total = 0;
  let count = 0;
  for (const requests of requestFlows(summary)) {
    if (requests.latency.mean === null) continue;
    total += requests.latency.mean * requests.latency.count;
    count += requests.latency.count;
  }
  return count === 0 ? null : total / count;
}
