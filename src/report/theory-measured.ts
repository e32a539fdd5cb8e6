/**
 * The measured counterpart of each closed-form prediction in `summary.theory`: which figure of
 * the run the textbook value is to be compared with, so a report can show both and their ratio.
 */
import type {
  FlowSummary,
  LinkDirectionSummary,
  SubscriptionSummary,
  Summary,
  TheoryPrediction,
} from '../metrics/summary.js';

/** A measured figure of the run and what it is, in words. */
export interface MeasuredValue {
  value: number;
  /** Where it comes from, e.g. "t / N of the flow". */
  source: string;
}

/** One value of a prediction beside the run's own figure for it. */
export interface TheoryComparisonRow {
  /** The value's name in `theory.<entry>.values` (SI units, named with its unit). */
  name: string;
  predicted: number;
  /** Null when the run has no figure for it (an input of the formula, or not measured). */
  measured: MeasuredValue | null;
  /**
   * Why `measured` is null, in words: `input of the formula, or not measured by the run` where the
   * run has no such figure at all, `nothing was measured: the interval is empty` where it has one
   * that measured nothing (t = 0), `not measured in this run` otherwise; null beside a figure.
   */
  missing: string | null;
  /** measured / predicted; null without a measured value or when the prediction is 0 or not finite. */
  ratio: number | null;
}

/** A value's measured figure; null when the run measured none, undefined when it has no such figure. */
type Reader<Subject> = (subject: Subject, values: Record<string, number>) => MeasuredValue | null | undefined;
type Readers<Subject> = Record<string, Reader<Subject> | undefined>;

function measured(value: number | null | undefined, source: string): MeasuredValue | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : { value, source };
}

/**
 * The source of a figure read from counts, which cover the whole run (the warm-up included),
 * not the measurement interval: said, since they stand beside figures of the interval.
 */
const WHOLE_RUN = (source: string) => `${source}, over the whole run`;

function sum(byReason: Record<string, number>): number {
  return Object.values(byReason).reduce((total, count) => total + count, 0);
}

/** Mean time in the queue and its server: the latency without the propagation delay. */
function sojourn(flow: FlowSummary): number | null {
  const { mean } = flow.latency;
  const prop = flow.latency.components.prop.mean;
  return mean === null || prop === null ? null : mean - prop;
}

/** With a blocking probability, `utilisation` is the offered load λ/μ, not the busy share measured. */
const offeredLoad = (values: Record<string, number>) => values.blockingProbability !== undefined;

const throughput: Reader<FlowSummary> = (flow) =>
  measured(flow.throughput.messagesPerSecond, 'T = N / t of the flow');
const goodput: Reader<FlowSummary> = (flow) =>
  measured(flow.throughput.goodputBitsPerSecond, 'goodput of the flow');
const meanTransmission: Reader<FlowSummary> = (flow) =>
  measured(flow.latency.components.trans.mean, 'mean t_trans of the delivered messages');
const senderBusy: Reader<FlowSummary> = (flow) =>
  measured(flow.senderUtilisation, "sender utilisation: busy share of the flow's first link");
/**
 * Stop-and-wait's U = (L/R)/E[t] counts each delivered message's transmission once: mean t_trans
 * times T. The sender's busy share would count lost copies too, above U by the retransmissions.
 */
const usefulShare: Reader<FlowSummary> = (flow) => {
  const trans = flow.latency.components.trans.mean;
  const rate = flow.throughput.messagesPerSecond;
  return measured(
    trans === null || rate === null ? null : trans * rate,
    'mean t_trans · T: each delivered message sent once',
  );
};
const requestRate: Reader<FlowSummary> = (flow) =>
  measured(flow.requests?.throughput.requestsPerSecond, 'requests/s replied (T = N / t of the requests)');

/** What the flow-level models measure, by value name; the same name means the same figure. */
const FLOW_READERS: Readers<FlowSummary> = {
  messagesPerSecond: throughput,
  throughputMessagesPerSecond: throughput,
  goodputBitsPerSecond: goodput,
  throughputBitsPerSecond: goodput,
  transmissionSeconds: meanTransmission,
  frameSeconds: meanTransmission,
  meanTimePerMessageSeconds: (flow) =>
    measured(
      flow.throughput.delivered > 0 ? flow.throughput.intervalSeconds / flow.throughput.delivered : null,
      't / N of the flow',
    ),
  // Every data copy, those of messages given up at the retry limit included: the formula's 1/s
  // copies per delivered message counts the attempts of all of them. Counts cover the whole run.
  transmissionsPerMessage: (flow) =>
    measured(
      flow.counts.delivered > 0 ? flow.counts.packets.data / flow.counts.delivered : null,
      WHOLE_RUN('data copies sent / delivered'),
    ),
  utilisation: (flow, values) => (offeredLoad(values) ? undefined : senderBusy(flow, values)),
  linkBusyFraction: senderBusy,
  meanQueueingSeconds: (flow) => measured(flow.latency.components.queue.mean, 'mean t_queue'),
  meanSojournSeconds: (flow) => measured(sojourn(flow), 'mean L − mean t_prop'),
  meanLatencySeconds: (flow) => measured(flow.latency.mean, 'mean L'),
  meanNumberInSystem: (flow) => {
    const time = sojourn(flow);
    const rate = flow.throughput.messagesPerSecond;
    return measured(
      time === null || rate === null ? null : rate * time,
      "T · (mean L − mean t_prop), Little's law",
    );
  },
  meanNumberInQueue: (flow) => {
    const queue = flow.latency.components.queue.mean;
    const rate = flow.throughput.messagesPerSecond;
    return measured(queue === null || rate === null ? null : rate * queue, "T · mean t_queue, Little's law");
  },
  probabilityNoWait: (flow) => measured(flow.latency.noQueueFraction, 'share of messages that never queued'),
  probabilityOfWaiting: (flow) =>
    measured(
      flow.latency.noQueueFraction === null ? null : 1 - flow.latency.noQueueFraction,
      'share of messages that queued',
    ),
  blockingProbability: (flow) =>
    measured(
      flow.counts.sent > 0 ? sum(flow.counts.dropped) / flow.counts.sent : null,
      WHOLE_RUN('dropped / sent'),
    ),
  requestsPerSecond: requestRate,
  requestsPerSecondBound: (flow, values) => {
    const rate = requestRate(flow, values);
    return rate && { ...rate, source: `${rate.source}; a bound: the ratio is at most 1` };
  },
  roundTripSeconds: (flow) =>
    measured(flow.requests?.latency.mean, 'mean request latency, send to reply (with any waiting)'),
};

/** What a broker queue's summary measures (its counts cover the whole run). */
const SUBSCRIPTION_READERS: Readers<SubscriptionSummary> = {
  utilisation: (queue, values) =>
    offeredLoad(values) || queue.consumers.length === 0
      ? undefined
      : queue.lag.mean === null || queue.depth.mean === null
        ? null
        : measured(
            (queue.lag.mean - queue.depth.mean) / queue.consumers.length,
            '(mean lag − mean depth) / consumers: the busy share of each',
          ),
  meanNumberInQueue: (queue) => measured(queue.depth.mean, 'time-average queue depth'),
  meanNumberInSystem: (queue) => measured(queue.lag.mean, 'time-average consumer lag'),
  blockingProbability: (queue) =>
    measured(queue.routed > 0 ? sum(queue.dropped) / queue.routed : null, WHOLE_RUN('dropped / routed')),
};

/**
 * The models of `theory` whose subject is a flow, and the readers of each; a node's busy share
 * is not measured, so `node-queue` has no utilisation, and stop-and-wait's is the useful share. Unknown models get no measured values:
 * what their value names mean is not known here.
 */
const FLOW_MODELS: Record<string, Readers<FlowSummary>> = {
  'stop-and-wait': { ...FLOW_READERS, utilisation: usefulShare },
  'go-back-n': FLOW_READERS,
  'selective-repeat': FLOW_READERS,
  'link-queue': FLOW_READERS,
  'node-queue': { ...FLOW_READERS, utilisation: undefined },
  'request-reply': FLOW_READERS,
};

/** `broker-queue:<broker>/<queue>`: the broker whose id and a `/` start the subject. */
function subscriptionOf(summary: Summary, subject: string): SubscriptionSummary | undefined {
  for (const [broker, figures] of Object.entries(summary.brokers ?? {})) {
    if (subject.startsWith(`${broker}/`)) {
      const queue = figures.subscriptions[subject.slice(broker.length + 1)];
      if (queue) return queue;
    }
  }
  return undefined;
}

/**
 * What a link direction measures: its wire's peak beside R·d, which bounds it (a message shorter
 * than R·d fills the wire to its own size only, below the bound).
 */
const DIRECTION_READERS: Readers<LinkDirectionSummary> = {
  bandwidthDelayBits: (direction) =>
    measured(direction.wire.peakBitsOnWire, 'peak bits on the wire; a bound: the ratio is at most 1'),
};

/** The link directions of each summary's links by their theory name (`<link>:<from>><to>`). */
const directionsByName = new WeakMap<Summary['links'], Map<string, LinkDirectionSummary>>();

/** `bandwidth-delay:<link>:<from>><to>`: the direction the subject names. */
function directionOf(summary: Summary, subject: string): LinkDirectionSummary | undefined {
  let byName = directionsByName.get(summary.links);
  if (byName === undefined) {
    byName = new Map();
    for (const [id, link] of Object.entries(summary.links))
      for (const direction of link.directions)
        byName.set(`${id}:${direction.from}>${direction.to}`, direction);
    directionsByName.set(summary.links, byName);
  }
  return byName.get(subject);
}

/** A value's reader, bound to its subject; undefined where the run has no such figure. */
type BoundReader = ((values: Record<string, number>) => MeasuredValue | null | undefined) | undefined;

/**
 * The reader of each value of the entry named `key` (`<model>:<subject>`), bound to its subject,
 * and whether the subject's interval is empty (its flow's, or the run's for a broker queue or a
 * link direction).
 */
function readersFor(summary: Summary, key: string): { read: (name: string) => BoundReader; empty: boolean } {
  const colon = key.indexOf(':');
  const model = colon < 0 ? key : key.slice(0, colon);
  const subject = key.slice(colon + 1);
  const flowReaders = FLOW_MODELS[model];
  const flow = summary.flows[subject];
  const emptyInterval = (interval: { from: number; to: number }) => !(interval.to > interval.from);
  if (colon >= 0 && flowReaders && flow) {
    return {
      read: (name) => {
        const reader = flowReaders[name];
        return reader && ((values) => reader(flow, values));
      },
      empty: emptyInterval(flow.interval),
    };
  }
  const queue = model === 'broker-queue' ? subscriptionOf(summary, subject) : undefined;
  if (queue) {
    return {
      read: (name) => {
        const reader = SUBSCRIPTION_READERS[name];
        return reader && ((values) => reader(queue, values));
      },
      empty: emptyInterval(summary.interval),
    };
  }
  const direction = model === 'bandwidth-delay' ? directionOf(summary, subject) : undefined;
  if (direction) {
    return {
      read: (name) => {
        const reader = DIRECTION_READERS[name];
        return reader && ((values) => reader(direction, values));
      },
      empty: emptyInterval(summary.interval),
    };
  }
  return { read: () => undefined, empty: false };
}

/** Why a value has no measured figure, for TheoryComparisonRow.missing. */
export const NO_SUCH_FIGURE = 'input of the formula, or not measured by the run';
export const NOTHING_MEASURED = 'nothing was measured: the interval is empty';
const NOT_MEASURED_HERE = 'not measured in this run';

/**
 * Every value of the prediction `key` of `summary.theory`, in its order, with the run's own
 * figure for it where the run measures one, and measured / predicted. Pure.
 */
export function compareTheory(
  summary: Summary,
  key: string,
  prediction: TheoryPrediction,
): TheoryComparisonRow[] {
  const { read, empty } = readersFor(summary, key);
  return Object.entries(prediction.values).map(([name, predicted]) => {
    const figure = read(name)?.(prediction.values);
    const value = figure ?? null;
    const ratio =
      value !== null && predicted !== 0 && Number.isFinite(predicted) ? value.value / predicted : null;
    const missing =
      value !== null
        ? null
        : figure === undefined
          ? NO_SUCH_FIGURE
          : empty
            ? NOTHING_MEASURED
            : NOT_MEASURED_HERE;
    return { name, predicted, measured: value, ratio, missing };
  });
}
