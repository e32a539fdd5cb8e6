/**
 * Comparison of scenario variants across replications: per variant and measure, the mean and
 * its 95% Student-t confidence interval; and, since replication i of every variant shares its
 * random numbers, the paired difference from the first variant.
 */
import { RunningMoments, tQuantile975 } from './stats.js';
import type { Interval, RequestSummary, Summary } from './summary.js';

/**
 * The measures compared, in table and file order: `of` a run's value, null when it has none,
 * and `missing` why it has none (called only then), in a few words. `wholeRun`: a count over
 * the whole run, the warm-up included, not a figure of the measurement interval.
 */
export const COMPARE_MEASURES = [
  {
    key: 'throughput',
    label: 'T',
    description: 'throughput T = N/t',
    unit: 'messages/s',
    wholeRun: false,
    of: (summary: Summary): number | null => summary.throughput.messagesPerSecond,
    missing: (summary: Summary): string => runIntervalReason(summary),
  },
  {
    key: 'goodput',
    label: 'goodput',
    description: 'goodput (payload bits delivered per second)',
    unit: 'bit/s',
    wholeRun: false,
    of: (summary: Summary): number | null => summary.throughput.goodputBitsPerSecond,
    missing: (summary: Summary): string => runIntervalReason(summary),
  },
  {
    key: 'latencyMean',
    label: 'L mean',
    description: 'mean latency',
    unit: 's',
    wholeRun: false,
    of: (summary: Summary): number | null => summary.latency.mean,
    missing: noLatencyReason,
  },
  {
    key: 'latencyP99',
    label: 'L p99',
    description: '99th percentile of latency',
    unit: 's',
    wholeRun: false,
    of: (summary: Summary): number | null => summary.latency.p99,
    missing: noLatencyReason,
  },
  {
    key: 'retransmissions',
    label: 'retransmissions',
    description: 'data copies sent again, over the whole run',
    unit: 'copies',
    wholeRun: true,
    of: (summary: Summary): number | null => summary.counts.retransmissions,
    missing: (): string => NOT_MEASURED,
  },
  {
    key: 'retransmissionTimeouts',
    label: 'retransmission timeouts',
    description: "expiries of the retransmission timers (and brokers' ack timers), over the whole run",
    unit: 'expiries',
    wholeRun: true,
    of: (summary: Summary): number | null => summary.counts.retransmissionTimeouts,
    missing: (): string => NOT_MEASURED,
  },
  {
    key: 'availability',
    label: 'A',
    description: 'measured availability (mean over nodes with a failure process)',
    unit: 'fraction',
    wholeRun: false,
    of: meanMeasuredAvailability,
    missing: (summary: Summary): string =>
      Object.values(summary.availability.nodes).some((node) => node.analytic !== null)
        ? NO_TIME_MEASURED
        : 'no node has a failure process',
  },
  {
    key: 'serviceAvailability',
    label: 'A service',
    description: 'measured availability of the replicated services (mean over services)',
    unit: 'fraction',
    wholeRun: false,
    of: meanServiceAvailability,
    missing: (summary: Summary): string =>
      Object.keys(summary.availability.services ?? {}).length > 0
        ? NO_TIME_MEASURED
        : 'no replicated service',
  },
  {
    key: 'requestThroughput',
    label: 'request T',
    description: 'completed requests per second, summed over the request-reply flows',
    unit: 'requests/s',
    wholeRun: false,
    of: (summary: Summary): number | null => {
      const rates = requestFlows(summary).map((requests) => requests.throughput.requestsPerSecond);
      // A flow whose interval is empty measured no rate, so neither does the sum.
      if (rates.length === 0 || rates.some((rate) => rate === null)) return null;
      return (rates as number[]).reduce((sum, rate) => sum + rate, 0);
    },
    missing: (summary: Summary): string => {
      const empty = requestFlows(summary).find((requests) => requests.throughput.requestsPerSecond === null);
      return empty === undefined ? NO_REQUEST_FLOW : requestsIntervalReason(empty.interval);
    },
  },
  {
    key: 'requestLatency',
    label: 'request L',
    description: 'mean request latency (send to reply) over the replied requests of all request-reply flows',
    unit: 's',
    wholeRun: false,
    of: meanRequestLatency,
    missing: (summary: Summary): string =>
      requestFlows(summary).length === 0
        ? NO_REQUEST_FLOW
        : 'latency covers requests sent after the warm-up: none was replied',
  },
  {
    key: 'deliveredRatio',
    label: 'delivered/sent',
    description: 'messages delivered per message sent, over the whole run',
    unit: 'fraction',
    wholeRun: true,
    of: (summary: Summary): number | null =>
      summary.counts.sent > 0 ? summary.counts.delivered / summary.counts.sent : null,
    missing: (): string => 'no message was sent',
  },
] as const;

const NOT_MEASURED = 'not measured';
const NO_REQUEST_FLOW = 'no request-reply flow';
const NO_TIME_MEASURED = 'no time was measured (the warm-up outlasts the run)';

/**
 * Why the run's interval is empty, as the comparison says it: `empty interval (the warm-up
 * outlasts the run)`, `(the flows ended within the warm-up)` when the run went on after them, or
 * `(the run ended where it starts)`; results without `interval.empty` are read as the
 * reports read them. NOT_MEASURED when the interval is not empty.
 */
export function runIntervalReason(summary: Summary): string {
  const { interval, simulatedSeconds } = summary;
  if (interval.to > interval.from) return NOT_MEASURED;
  const reason = interval.empty ?? (simulatedSeconds < interval.from ? 'endedInWarmup' : 'endedAtStart');
  if (reason === 'endedAtStart') return 'empty interval (the run ended where it starts)';
  return simulatedSeconds < interval.from
    ? 'empty interval (the warm-up outlasts the run)'
    : 'empty interval (the flows ended within the warm-up)';
}

/** Why a flow's requests have an empty interval. */
function requestsIntervalReason(interval: Interval): string {
  return interval.empty === 'endedAtStart'
    ? "empty interval of a flow's requests (they ended where it starts)"
    : "empty interval of a flow's requests (they ended within the warm-up)";
}

/** Why a run has no latency: its interval is empty, or no message it covers was delivered. */
function noLatencyReason(summary: Summary): string {
  if (!(summary.interval.to > summary.interval.from)) return runIntervalReason(summary);
  return summary.throughput.delivered > 0
    ? 'latency covers messages created after the warm-up: none was delivered'
    : 'no message was delivered in the interval';
}

export type MeasureKey = (typeof COMPARE_MEASURES)[number]['key'];

/**
 * Measures left out of a comparison in which no run has what they measure (a node with a
 * failure process, a service, a request-reply flow), by whether a run has it: a run that has
 * it and measured nothing (an empty interval) keeps the measure, as n/a with its reason.
 */
const OPTIONAL_MEASURES: Partial<Record<MeasureKey, (summary: Summary) => boolean>> = {
  availability: (summary) => Object.values(summary.availability.nodes).some((node) => node.analytic !== null),
  serviceAvailability: (summary) => Object.keys(summary.availability.services ?? {}).length > 0,
  requestThroughput: (summary) => requestFlows(summary).length > 0,
  requestLatency: (summary) => requestFlows(summary).length > 0,
};
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
  /**
   * Why the replications not counted in `n` had no value (`empty interval (the warm-up outlasts
   * the run)`), distinct reasons `; ` apart; absent when every replication had one.
   */
  reason?: string;
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
  /**
   * The measures compared: without availability when no variant has a failure process, without
   * service availability when none has a service, without the request measures when none has a
   * request-reply flow.
   */
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
  const reasons = summaries.map((runs, variant) =>
    runs.map((summary, replication) =>
      Object.fromEntries(
        COMPARE_MEASURES.map((m) => [
          m.key,
          values[variant][replication][m.key] === null ? m.missing(summary) : null,
        ]),
      ),
    ),
  ) as Array<Array<Record<MeasureKey, string | null>>>;
  const why = (variant: number, key: MeasureKey) => reasons[variant].map((run) => run[key]);
  const measures = COMPARE_MEASURES.map((measure) => measure.key).filter((key) => {
    const applies = OPTIONAL_MEASURES[key];
    return applies === undefined || summaries.some((runs) => runs.some(applies));
  });
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
      estimates: pick((key) => withReason(estimateMean(column(index, key)), why(index, key))),
      differenceFromFirst:
        index === 0
          ? null
          : pick((key) =>
              withReason(estimateMean(pairedDifferences(column(index, key), column(0, key))), [
                ...why(index, key),
                ...why(0, key),
              ]),
            ),
      replications: summaries[index].map((summary, replication) => ({
        replication: summary.replication ?? replication,
        seed: summary.seed,
        values: pick((key) => values[index][replication][key]),
      })),
    })),
  };
}

/** The estimate with the distinct `reasons` (nulls skipped) as its `reason`, when there are any. */
function withReason(estimate: Estimate, reasons: ReadonlyArray<string | null>): Estimate {
  const distinct = [...new Set(reasons.filter((reason): reason is string => reason !== null))];
  return distinct.length === 0 ? estimate : { ...estimate, reason: distinct.join('; ') };
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
