import type { AvailabilityModel } from '../faults/availability-model.js';
import type { BrokerLayout } from '../messaging/messaging-system.js';
import { availabilitySummary, availabilityTimelines } from './availability-summary.js';
import { broadcastSummaryOf } from './broadcast-summary.js';
import type { BrokerCollector } from './broker-collector.js';
import { brokerBacklogSeries, brokerSummaries } from './broker-summary.js';
import type { FlowCounters, MetricsCollector } from './collector.js';
import type { DeliveryFigures } from './delivery-figures.js';
import { ExactDeliveryFigures } from './exact-delivery-figures.js';
import { fairnessOf } from './fairness-groups.js';
import type { RequestCounters } from './request-collector.js';
import { type RequestFlowContext, requestSummaryOf } from './request-summary.js';
import { StreamedDeliveryFigures } from './streamed-delivery-figures.js';
import type {
  CongestionTraceSeries,
  Counts,
  FlowSummary,
  Interval,
  LinkSummary,
  NodeTimeline,
  RunResult,
  Summary,
  TheoryPrediction,
  ThroughputSummary,
  TimeSeriesRow,
} from './summary.js';
import { measuredInterval } from './summary.js';

/** What the summary needs to know about the run besides the collected data. */
export interface SummaryContext {
  scenario: string;
  description: string;
  seed: number;
  replication: number;
  warmupSeconds: number;
  /** Simulated time when the run ended (s). */
  endSeconds: number;
  events: number;
  nodeIds: readonly string[];
  /** Analytic availability per node; null for nodes without a failure process. */
  analyticAvailability: readonly (number | null)[];
  /**
   * Per node, its scripted crashes and recoveries the run ended before (e.g. `recover at
   * 0.1 s`), for a note: the availability figures do not include them.
   */
  unplayedFaults?: readonly (readonly string[])[];
  /**
   * The fault model (links, repair crews, services) for the analytic values of links and
   * services, and per service the flows whose messages are requests to it.
   */
  faults?: { model: AvailabilityModel; flowsOfService: readonly (readonly number[])[] };
  flows: ReadonlyArray<{
    id: string;
    from: string;
    to: string;
    protocol: string;
    firstSendAt: number;
    completedAt: number;
    unresolved: number;
    /** Transmitters the flow's data crosses (at the end of the run), for bottleneck sharing. */
    dataPath?: readonly number[];
    /**
     * The collector's flows (channels) that carry this flow's messages, the first one first:
     * a request-reply flow has its requests and its replies, a broadcast one per recipient.
     * Default: the flow's own index.
     */
    channels?: readonly number[];
    /** How many of `channels` (from the first) start at the flow's sender; default all. */
    senderChannels?: number;
    /** Set for a request-reply flow. */
    requests?: RequestFlowContext;
    /** Set for a broadcast flow: recipients in `channels` order, and the links each path crosses. */
    broadcast?: { recipients: readonly string[]; hops: readonly number[] };
  }>;
  /** Request-level counters per flow (null for flows without a request-reply pattern). */
  requestCounters?: readonly (RequestCounters | null)[];
  links: ReadonlyArray<{
    id: string;
    between: [string, string];
    transmitters: ReadonlyArray<{ index: number; from: string; to: string }>;
  }>;
  theory: Record<string, TheoryPrediction>;
  /** Flow id → why no formula applies to it (see Summary.noTheory). */
  noTheory: Record<string, string>;
  /** Bins of timeseries.csv (default 100). */
  timeseriesBins?: number;
  /** What the brokers reported, and the names of their queues and consumers. */
  brokers?: { collector: BrokerCollector; layout: BrokerLayout };
}

/** Turns a finished run's collected data into results (summary, time series, chart data). */
export function summarize(collector: MetricsCollector, context: SummaryContext): RunResult {
  const flowIntervals = context.flows.map((flow) =>
    intervalOf(context, [flow.firstSendAt], [flow.completedAt]),
  );
  const runInterval = intervalOf(
    context,
    context.flows.map((flow) => flow.firstSendAt),
    context.flows.map((flow) => flow.completedAt),
  );
  const figures = deliveryFigures(collector, context.warmupSeconds);
  const allChannels = collector.flows.map((_, index) => index);
  const flows: Record<string, FlowSummary> = {};
  context.flows.forEach((flow, index) => {
    const channels = flow.channels ?? [index];
    const counters = channels.map((channel) => collector.flows[channel]);
    const interval = flowIntervals[index];
    // Only what the sender did inside the flow's interval counts against it (see SenderLedger).
    const senderBusySeconds = counters
      .slice(0, flow.senderChannels ?? channels.length)
      .reduce((sum, channel) => sum + channel.sender.upTo(interval.to).busySeconds, 0);
    const summary: FlowSummary = {
      from: flow.from,
      to: flow.to,
      protocol: flow.protocol,
      interval,
      completedAt: Number.isNaN(flow.completedAt) ? null : flow.completedAt,
      throughput: throughputOf(figures, counters, interval, channels),
      latency: figures.latencyOf(channels),
      counts: countsOf(counters, [flow.unresolved]),
      senderUtilisation: shareOf(senderBusySeconds, interval.to - interval.from),
    };
    const requestCounters = context.requestCounters?.[index];
    if (flow.requests && requestCounters) {
      summary.requests = requestSummaryOf(requestCounters, flow.requests, {
        warmupSeconds: context.warmupSeconds,
        endSeconds: context.endSeconds,
      });
    }
    if (flow.broadcast) {
      const latencies = channels.map((channel) => figures.channelLatency(channel));
      summary.broadcast = broadcastSummaryOf(
        collector,
        flow.broadcast.recipients,
        channels,
        latencies,
        flow.broadcast.hops,
      );
    }
    flows[flow.id] = summary;
  });
  const availabilityContext = {
    nodeIds: context.nodeIds,
    flowIds: context.flows.map((flow) => flow.id),
    endSeconds: context.endSeconds,
    model: context.faults?.model,
    flowsOfService: context.faults?.flowsOfService,
    nodeAnalytic: context.analyticAvailability,
    unplayedFaults: context.unplayedFaults,
  };
  const availability = availabilitySummary(collector, availabilityContext);
  const summary: Summary = {
    scenario: context.scenario,
    description: context.description,
    seed: context.seed,
    replication: context.replication,
    interval: runInterval,
    simulatedSeconds: context.endSeconds,
    events: context.events,
    throughput: throughputOf(figures, collector.flows, runInterval, allChannels),
    latency: figures.latencyOf(allChannels),
    availability,
    counts: countsOf(
      collector.flows,
      context.flows.map((flow) => flow.unresolved),
    ),
    flows,
    links: linksOf(collector, context, runInterval),
    theory: context.theory,
    noTheory: context.noTheory,
    fairness: fairnessOf(context, flows, transmitterNames(context)),
  };
  const { brokers } = context;
  if (brokers) summary.brokers = brokerSummaries(brokers.collector, brokers.layout, context.endSeconds);
  const latencies = figures.latencies();
  const nodeTimelines = context.nodeIds.map((id, index) =>
    collector.availability.timeline(index, id, context.endSeconds),
  );
  return {
    summary,
    timeseries: timeseriesOf(figures, context, runInterval, nodeTimelines),
    latencies: latencies.values,
    ...(latencies.stride > 1 && { latencySampleStride: latencies.stride }),
    nodeTimelines,
    ...availabilityTimelines(collector, availabilityContext, availability.services ?? {}),
    faultWindows: collector.faultWindows.windows(
      context.links.map((link) => link.id),
      context.endSeconds,
    ),
    congestionTraces: congestionTracesOf(collector, context),
    ...(brokers && {
      brokerBacklogs: brokerBacklogSeries(brokers.collector, brokers.layout, context.endSeconds),
    }),
  };
}

function intervalOf(context: SummaryContext, starts: number[], ends: number[]): Interval {
  const sent = starts.filter((time) => !Number.isNaN(time));
  const from = Math.max(context.warmupSeconds, sent.length > 0 ? Math.min(...sent) : context.warmupSeconds);
  const everyFlowEnded = ends.length > 0 && ends.every((time) => !Number.isNaN(time));
  const end = everyFlowEnded ? Math.max(...ends) : context.endSeconds;
  // An end within the warm-up leaves the interval empty at the warm-up's end, flows ended or not.
  return measuredInterval(from, Math.max(from, end), end, context.warmupSeconds);
}

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

/**
 * `amount` per second of an interval of `seconds` (a busy share, a time-average backlog); null
 * over an empty one, where nothing was measured, as the rates are.
 */
function shareOf(amount: number, seconds: number): number | null {
  return seconds > 0 ? amount / seconds : null;
}

/** `count` per second of an interval of `seconds`; null over an empty one, where no rate was measured. */
function ratePerSecond(count: number, seconds: number): number | null {
  return seconds > 0 ? count / seconds : null;
}

function throughputOf(
  figures: DeliveryFigures,
  counters: readonly FlowCounters[],
  interval: Interval,
  channels: readonly number[],
): ThroughputSummary {
  const { delivered, payloadBits } = figures.deliveredIn(channels, interval);
  const seconds = interval.to - interval.from;
  // Bits on the wire and messages offered inside the interval: a rate divides by its length.
  const sent = counters.map((flow) => flow.sender.upTo(interval.to));
  const wireBits = sent.reduce((sum, flow) => sum + flow.wireBits, 0);
  const offered = sent.reduce((sum, flow) => sum + flow.created, 0);
  return {
    messagesPerSecond: ratePerSecond(delivered, seconds),
    goodputBitsPerSecond: ratePerSecond(payloadBits, seconds),
    wireBitsPerSecond: ratePerSecond(wireBits, seconds),
    offeredMessagesPerSecond: ratePerSecond(offered, seconds),
    delivered,
    intervalSeconds: seconds,
  };
}

/** Exact figures from the records within the cap, bounded streams past it. */
function deliveryFigures(collector: MetricsCollector, warmupSeconds: number): DeliveryFigures {
  const streams = collector.deliveries.finishedStreams();
  return streams === null
    ? new ExactDeliveryFigures(
        collector.deliveries.records,
        collector.flows.length,
        warmupSeconds,
        collector.deliveries.recordedOrders(),
      )
    : new StreamedDeliveryFigures(streams);
}

function addInto(target: Record<string, number>, source: Record<string, number>): void {
  for (const [key, value] of Object.entries(source)) target[key] = (target[key] ?? 0) + value;
}

/** Counts with every figure zero, to add flows into. */
export function emptyCounts(): Counts {
  return {
    sent: 0,
    delivered: 0,
    retransmissions: 0,
    retransmissionTimeouts: 0,
    duplicates: 0,
    misdelivered: 0,
    failed: 0,
    dropped: {},
    lost: {},
    inFlight: 0,
    packets: { sent: 0, data: 0, acks: 0, dropped: {}, lost: {} },
  };
}

function countsOf(counters: readonly FlowCounters[], unresolved: readonly number[]): Counts {
  const counts = emptyCounts();
  counts.inFlight = unresolved.reduce((sum, value) => sum + value, 0);
  for (const flow of counters) {
    counts.sent += flow.created;
    counts.delivered += flow.delivered;
    counts.retransmissions += flow.retransmissions;
    counts.retransmissionTimeouts += flow.retransmissionTimeouts;
    counts.duplicates += flow.duplicates;
    counts.misdelivered += flow.misdelivered;
    counts.failed += flow.failed;
    addInto(counts.dropped, flow.dropped);
    addInto(counts.lost, flow.lost);
    counts.packets.sent += flow.packetsSent;
    counts.packets.data += flow.dataPackets;
    counts.packets.acks += flow.ackPackets;
    addInto(counts.packets.dropped, flow.packetsDropped);
    addInto(counts.packets.lost, flow.packetsLost);
    if (flow.packetsDuplicated > 0)
      counts.packets.duplicated = (counts.packets.duplicated ?? 0) + flow.packetsDuplicated;
    if (flow.packetsReordered > 0)
      counts.packets.reordered = (counts.packets.reordered ?? 0) + flow.packetsReordered;
  }
  return counts;
}

function linksOf(
  collector: MetricsCollector,
  context: SummaryContext,
  interval: Interval,
): Record<string, LinkSummary> {
  // The links are measured up to the last flow's completion (or the run's end): later than the
  // interval's end when an unacknowledged flow's last messages were lost after its last delivery.
  const closedAt = collector.linksClosedAt;
  const seconds = (Number.isNaN(closedAt) ? interval.to : Math.max(closedAt, interval.to)) - interval.from;
  const result: Record<string, LinkSummary> = {};
  for (const link of context.links) {
    result[link.id] = {
      between: link.between,
      directions: link.transmitters.map((transmitter) => {
        const counters = collector.transmitters[transmitter.index];
        // Over an empty interval the buffer and the wire were not watched at all: no mean, no wait, no peak.
        const measured = seconds > 0;
        return {
          from: transmitter.from,
          to: transmitter.to,
          utilisation: shareOf(counters.busySecondsAfterWarmup, seconds),
          packetsTransmitted: counters.packetsTransmitted,
          dropped: counters.dropped,
          lost: counters.lost,
          reordered: counters.reordered,
          queue: {
            meanPacketsWaiting: shareOf(counters.backlog.area, seconds),
            meanWaitSeconds: measured
              ? ratio(counters.backlog.waitsOfTransmitted, counters.startedAfterWarmup)
              : null,
            peakPacketsWaiting: measured ? counters.backlog.peak : null,
          },
          wire: {
            meanBitsOnWire: shareOf(collector.wires.area(transmitter.index), seconds),
            peakBitsOnWire: measured ? collector.wires.peak(transmitter.index) : null,
          },
        };
      }),
    };
  }
  return result;
}

function timeseriesOf(
  figures: DeliveryFigures,
  context: SummaryContext,
  interval: Interval,
  timelines: readonly NodeTimeline[],
): TimeSeriesRow[] {
  const seconds = interval.to - interval.from;
  if (!(seconds > 0)) return [];
  const bins = context.timeseriesBins ?? 100;
  const width = seconds / bins;
  const { delivered, bits, latencySum } = figures.bins(interval, bins);
  // Nodes with the same periods as the node before them (all the nodes that never failed) are
  // up the same fraction of every bin: only the first of each such group is computed.
  const leaders: number[] = [];
  const leaderOf = new Int32Array(timelines.length);
  for (let i = 0; i < timelines.length; i++) {
    if (i === 0 || !samePeriods(timelines[i].periods, timelines[i - 1].periods)) leaders.push(i);
    leaderOf[i] = leaders[leaders.length - 1];
  }
  const rows: TimeSeriesRow[] = [];
  // Rows whose nodes were up the same fractions share one frozen record: with thousands of nodes
  // that never fail, building a record per row was most of the summary's time.
  let fractions = new Float64Array(timelines.length);
  let previous = new Float64Array(timelines.length);
  let nodesUp: Readonly<Record<string, number>> = {};
  for (let bin = 0; bin < bins; bin++) {
    const start = interval.from + bin * width;
    const end = bin === bins - 1 ? interval.to : start + width;
    [fractions, previous] = [previous, fractions];
    let changed = bin === 0;
    for (const leader of leaders) {
      fractions[leader] = upFraction(timelines[leader].periods, start, end);
      if (!Object.is(fractions[leader], previous[leader])) changed = true;
    }
    if (changed) {
      const record: Record<string, number> = {};
      for (let i = 0; i < timelines.length; i++) {
        fractions[i] = fractions[leaderOf[i]];
        record[timelines[i].node] = fractions[i];
      }
      nodesUp = Object.freeze(record);
    } else {
      // Unchanged leaders: every node's fraction is what it was, carried into this bin's array.
      fractions.set(previous);
    }
    rows.push({
      start,
      end,
      delivered: delivered[bin],
      messagesPerSecond: delivered[bin] / (end - start),
      goodputBitsPerSecond: bits[bin] / (end - start),
      meanLatency: delivered[bin] > 0 ? latencySum[bin] / delivered[bin] : null,
      nodesUp,
    });
  }
  return rows;
}

function samePeriods(a: NodeTimeline['periods'], b: NodeTimeline['periods']): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    if (!Object.is(a[k].start, b[k].start) || !Object.is(a[k].end, b[k].end) || a[k].up !== b[k].up)
      return false;
  }
  return true;
}

function upFraction(
  periods: ReadonlyArray<{ start: number; end: number; up: boolean }>,
  start: number,
  end: number,
): number {
  if (periods.length === 0) return 1;
  let up = 0;
  for (const period of periods) {
    if (!period.up || period.end <= start || period.start >= end) continue;
    up += Math.min(end, period.end) - Math.max(start, period.start);
  }
  return up / (end - start);
}

function congestionTracesOf(collector: MetricsCollector, context: SummaryContext): CongestionTraceSeries[] {
  const series: CongestionTraceSeries[] = [];
  context.flows.forEach((flow, index) => {
    const trace = collector.congestionTraces[flow.channels?.[0] ?? index];
    if (trace.length === 0) return;
    const { time, cwnd, ssthresh, srtt, rto, flight } = trace;
    series.push({ flow: flow.id, time, cwnd, ssthresh, srtt, rto, flight });
  });
  return series;
}

/** `link/<id>/<from>><to>`-style names of transmitters, by index. */
function transmitterNames(context: SummaryContext): string[] {
  const names: string[] = [];
  for (const link of context.links) {
    for (const direction of link.transmitters)
      names[direction.index] = `${link.id}:${direction.from}>${direction.to}`;
  }
  return names;
}
