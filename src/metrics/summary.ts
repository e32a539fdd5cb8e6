import { sameInstant } from '../engine/clock-rounding.js';
/**
 * The shape of a run's results (`summary.json` and what reports read). All values are SI:
 * seconds, bits/s, messages/s; fractions in [0, 1].
 */

/** Distribution summary of a set of durations in seconds. */
export interface Stats {
  count: number;
  mean: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/** The latency components; for every delivered message they add up to its latency. */
export const LATENCY_COMPONENTS = ['trans', 'prop', 'queue', 'proc', 'wait'] as const;
export type LatencyComponent = (typeof LATENCY_COMPONENTS)[number];

export interface LatencySummary extends Stats {
  components: Record<LatencyComponent, Stats>;
  /** Share of measured messages that never waited in a queue (queue component 0); null when none. */
  noQueueFraction: number | null;
  /**
   * Set when the percentiles (of the latency and its components) come from log-bucket
   * histograms, past EXACT_RECORD_CAP measured deliveries: `histogram (relative error <= x%)`.
   * Absent: exact. Counts, means and maxima are exact either way.
   */
  percentiles?: string;
}

/**
 * Why a measurement interval is empty (t = 0): `endedInWarmup`, what it measures (the run's
 * flows, the flow, the requests) ended before the warm-up did, or as it did, the interval then
 * standing at the warm-up's end; `endedAtStart`, it ended at the instant the interval starts
 * (its first send after the warm-up, or time 0 without a warm-up).
 */
export type EmptyIntervalReason = 'endedInWarmup' | 'endedAtStart';

/** The measurement interval of `T = N / t`. */
export interface Interval {
  from: number;
  to: number;
  /** Present only when the interval is empty (`to` = `from`): why. */
  empty?: EmptyIntervalReason;
}

/**
 * The interval [from, to] of what ended at `end` (the flows' completion, or the run's end), with
 * why it is empty when it is (see EmptyIntervalReason). Ends one instant up to the clock's
 * rounding make an empty interval: a warm-up typed to end at a delivery, which the clock reaches
 * an ulp later, would otherwise measure T over 5.6e-17 s (1.8e16 messages/s).
 */
export function measuredInterval(from: number, to: number, end: number, warmupSeconds: number): Interval {
  if (to > from && !sameInstant(from, to)) return { from, to };
  const endedInWarmup = warmupSeconds > 0 && (end <= warmupSeconds || sameInstant(end, warmupSeconds));
  return { from, to: from, empty: endedInWarmup ? 'endedInWarmup' : 'endedAtStart' };
}

/**
 * The rates over the measurement interval. Each is null when the interval is empty (t = 0: a
 * warm-up that outlasts the run, say), where no rate was measured; as `measured` availability is.
 */
export interface ThroughputSummary {
  /** T = N / t: messages delivered to the application in the interval, per second. */
  messagesPerSecond: number | null;
  /** Payload bits of messages delivered in the interval, per second (each message once). */
  goodputBitsPerSecond: number | null;
  /**
   * Bits of every data copy put on the wire by senders in the interval (headers, retransmissions),
   * per second; a copy straddling an end of the interval by its part inside (see SenderLedger).
   */
  wireBitsPerSecond: number | null;
  /** Messages created by the workloads in the interval, per second. */
  offeredMessagesPerSecond: number | null;
  /** N: messages delivered in the interval. */
  delivered: number;
  /** t: length of the interval (s). */
  intervalSeconds: number;
}

/** A 95% confidence interval [low, high]. */
export type ConfidenceInterval = [number, number];

export interface NodeAvailability {
  /** MTTF / (MTTF + MTTR) from the configured distributions' means; null without a failure process. */
  analytic: number | null;
  /** Fraction of the measured time the node was up; null when no time was measured (an empty interval). */
  measured: number | null;
  /** Mean of the completed up periods (s); null when none completed. */
  observedMttf: number | null;
  /** Mean of the completed down periods (s). */
  observedMttr: number | null;
  observedMttfCi95: ConfidenceInterval | null;
  observedMttrCi95: ConfidenceInterval | null;
  /** Completed failure/repair cycles (an up period and the repair ending it) after the warm-up. */
  cycles: number;
  upSeconds: number;
  downSeconds: number;
  /**
   * 95% interval of the measured availability from the completed failure cycles (regenerative
   * ratio estimator); null with fewer than two cycles.
   */
  measuredCi95?: ConfidenceInterval | null;
  /** Steady-state mean up and down periods of the analytic model (s); null when unknown. */
  analyticMttf?: number | null;
  analyticMttr?: number | null;
  /** How the analytic value was obtained (formula or model), or why there is none. */
  analyticMethod?: string | null;
  /** Present when the measured value should not be trusted yet (too few cycles), or the analytic one is approximate. */
  note?: string;
}

/** Requests to a replicated service: messages of flows addressed to its member nodes. */
export interface ServiceRequests {
  /** Ids of the flows whose messages count as requests. */
  flows: string[];
  /** Requests that reached a final state (created after the warm-up). */
  requests: number;
  /** Delivered while the service was up. */
  succeeded: number;
  /** The others by reason: `serviceDown` (delivered while fewer than k members were up), `gaveUp` (the transport gave up), or the loss or drop reason. */
  failed: Record<string, number>;
  /** succeeded / requests; null without requests. */
  successRatio: number | null;
}

/** Availability of a service up while at least `needs` of its `members` are up. */
export interface ServiceAvailability extends NodeAvailability {
  /** Node, link or service ids. */
  members: string[];
  needs: number;
  requests: ServiceRequests;
}

export interface Counts {
  /** Messages created by the sending applications. */
  sent: number;
  /** Messages delivered to the receiving application (each once). */
  delivered: number;
  /** Data copies sent again by a transport. */
  retransmissions: number;
  /**
   * Expiries of retransmission timers (RTO): stop-and-wait's timer, Go-Back-N's one timer, each
   * selective-repeat segment's timer. One expiry may resend many copies (Go-Back-N) or none
   * (the retry limit ends the message instead).
   */
  retransmissionTimeouts: number;
  /** Copies of an already delivered message that reached the receiver. */
  duplicates: number;
  /**
   * Copies a receiver accepted as a different message because sequence numbers wrapped around
   * (only with a window the protocol does not allow; never handed to the application).
   */
  misdelivered: number;
  /** Messages a transport gave up on (retry limit). */
  failed: number;
  /** Messages refused for lack of room, by reason. */
  dropped: Record<string, number>;
  /** Messages lost, by reason. */
  lost: Record<string, number>;
  /** Messages not yet resolved when the run ended. */
  inFlight: number;
  /** Packet-level counts (data copies and ACKs). */
  packets: {
    sent: number;
    data: number;
    acks: number;
    dropped: Record<string, number>;
    lost: Record<string, number>;
    /**
     * Extra copies delivered by links that duplicate (each then ends arrived, dropped or lost
     * like any packet); present only when there were some.
     */
    duplicated?: number;
    /**
     * Arrivals after a packet that left the same link later, counted at each hop where it
     * happened (links with `reorder: true`); present only when there were some.
     */
    reordered?: number;
  };
}

export interface FlowSummary {
  from: string;
  to: string;
  protocol: string;
  interval: Interval;
  /** When the flow finished (last ACK, or last delivery for unacknowledged transports); null if it did not. */
  completedAt: number | null;
  throughput: ThroughputSummary;
  latency: LatencySummary;
  counts: Counts;
  /**
   * Fraction of the interval the sender's first link spent transmitting this flow's data, only
   * the time inside the interval counted (at most 1); null when the interval is empty (t = 0),
   * as the rates are.
   */
  senderUtilisation: number | null;
  /** Request-level results of a request-reply flow (its messages above count both directions). */
  requests?: RequestSummary;
  /** Per-recipient results of a broadcast flow (its messages above are one per recipient). */
  broadcast?: BroadcastSummary;
}

/** What the callers of a request-reply flow experienced. */
export interface RequestSummary {
  mode: 'sync' | 'async';
  /** Requests awaiting a reply at once, at most (1 in sync mode); null when unbounded. */
  maxOutstanding: number | null;
  /** Application timeout per attempt (s); null for none. */
  timeout: number | null;
  /** From the first request sent (or the warm-up) to the last request's end (or the run's end). */
  interval: Interval;
  /** T = N / t with N the requests replied in the interval; null when the interval is empty (t = 0). */
  throughput: { requestsPerSecond: number | null; completed: number; intervalSeconds: number };
  /** Send to reply received, of replied requests sent after the warm-up, split into components. */
  latency: LatencySummary;
  /** Requests whose first attempt went out. */
  sent: number;
  replied: number;
  /** Requests given up, by the reason of their last attempt (`timeout`, `request.linkLoss`, ...). */
  failed: Record<string, number>;
  /** Application timeouts that expired, over the requests that ended. */
  timeouts: number;
  /** Attempts after the first, over the requests that ended. */
  retries: number;
  /** Replies that arrived after their request had ended (counted, not used). */
  lateReplies: number;
  /** Requests sent and not ended when the run stopped. */
  inFlight: number;
}

/** How a broadcast reached each recipient. */
export interface BroadcastSummary {
  /** The recipients' node ids (every node but the sender, or a group's members). */
  recipients: string[];
  /** Messages the sending application broadcast (each one goes to every recipient). */
  messages: number;
  /** Deliveries over all recipients: N of the flow's T = N / t. */
  deliveries: number;
  /** Per recipient: deliveries, links on the path (at the end of the run), latency. */
  perRecipient: Record<string, { delivered: number; hops: number; latency: Stats }>;
  /** Mean over recipients of the links crossed. */
  meanHops: number;
  /** Slowest recipient: the largest mean latency, and the max over all deliveries (s). */
  slowestMeanLatency: number | null;
}

export interface LinkDirectionSummary {
  from: string;
  to: string;
  /** Fraction of the run's interval the transmitter was busy; null when that interval is empty. */
  utilisation: number | null;
  packetsTransmitted: number;
  dropped: number;
  lost: number;
  /** Packets that arrived after one that left later (only a link with `reorder` has any). */
  reordered: number;
  queue: LinkQueueSummary;
  wire: LinkWireSummary;
}

/**
 * The bits on the direction's wire after the warm-up: bits that have left the transmitter and not
 * yet reached the far end, each packet's over its own propagation delay (with jitter, a packet
 * whose delay is never drawn, lost on the wire or cut short, takes the delay's mean); a cut loses
 * what is on it at once. With a constant delay d the wire never holds more than R·d, the
 * bandwidth-delay product (theory's `bandwidth-delay` entries), and a message shorter than that
 * at most its own bits. Both null when the run's interval is empty (t = 0).
 */
export interface LinkWireSummary {
  /** Time-average bits on the wire over the interval. */
  meanBitsOnWire: number | null;
  /** Most bits on the wire at once after the warm-up. */
  peakBitsOnWire: number | null;
}

/**
 * The direction's buffer after the warm-up: packets waiting behind the one in transmission. By
 * Little's law the time-average backlog is the waits summed over the interval; for an M/M/1 link
 * it is ρ²/(1-ρ) and the mean wait W_q = ρ/(μ-λ). All three are null when the run's interval is
 * empty (t = 0), where the buffer was not measured.
 */
export interface LinkQueueSummary {
  /** Time-average number of packets waiting over the interval. */
  meanPacketsWaiting: number | null;
  /** Mean wait of the packets whose transmission started after the warm-up, 0 for none (s). */
  meanWaitSeconds: number | null;
  /** Most packets waiting at once, seen as packets joined the buffer. */
  peakPacketsWaiting: number | null;
}

export interface LinkSummary {
  between: [string, string];
  directions: LinkDirectionSummary[];
}

/** A named closed-form prediction with the inputs it used. */
export interface TheoryPrediction {
  formula: string;
  values: Record<string, number>;
}

export interface Summary {
  scenario: string;
  description: string;
  seed: number;
  replication: number;
  interval: Interval;
  /** Simulated time when the run ended (s). */
  simulatedSeconds: number;
  /** Events executed. */
  events: number;
  throughput: ThroughputSummary;
  latency: LatencySummary;
  availability: {
    nodes: Record<string, NodeAvailability>;
    /**
     * Per link that can fail or went down (both directions go down together); absent in results
     * of older versions.
     */
    links?: Record<string, NodeAvailability>;
    /** Per replicated service (k of n members up). */
    services?: Record<string, ServiceAvailability>;
  };
  counts: Counts;
  flows: Record<string, FlowSummary>;
  links: Record<string, LinkSummary>;
  theory: Record<string, TheoryPrediction>;
  /**
   * Per point-to-point flow (not a broadcast or a publisher) without any prediction in `theory`:
   * why no formula applies to it, in words. Absent in results of older versions.
   */
  noTheory?: Record<string, string>;
  /** Jain's fairness index of the flows that share a link direction, one entry per distinct group. */
  fairness: FairnessSummary[];
  /** Per broker node, when the scenario has brokers. */
  brokers?: Record<string, BrokerSummary>;
}

/** How evenly flows crossing the same link direction share it. */
export interface FairnessSummary {
  /** The link directions (`link:from>to`) all these flows cross, in link order. */
  links: string[];
  flows: string[];
  /** Goodput of each flow (bits/s), in `flows` order; null for a flow whose interval is empty. */
  goodputBitsPerSecond: Array<number | null>;
  /**
   * J = (Σx)² / (n Σx²) over the goodputs: 1 when equal, 1/n when one flow has everything; null
   * when a goodput is null or all are 0.
   */
  jainIndex: number | null;
}

/** One row of timeseries.csv: a bin of the run. */
export interface TimeSeriesRow {
  start: number;
  end: number;
  delivered: number;
  messagesPerSecond: number;
  goodputBitsPerSecond: number;
  /** Mean latency of messages delivered in the bin; null when none. */
  meanLatency: number | null;
  /** Fraction of the bin each node was up, by node id (consecutive rows with the same fractions share one frozen record). */
  nodesUp: Readonly<Record<string, number>>;
}

/** Up/down periods of one node (or link, or service): [start, end, up]. */
export interface NodeTimeline {
  node: string;
  /** Up and down periods in time order: the first MAX_TIMELINE_PERIODS of the run only. */
  periods: Array<{ start: number; end: number; up: boolean }>;
  /** For a component ever down: its time down per bin over the whole run. */
  downtime?: DowntimeByBin;
}

/**
 * Seconds down in each of equal bins `binSeconds` long from time 0 to the end of the run (the
 * last bin may reach past it), and the number of down periods in the whole run.
 */
export interface DowntimeByBin {
  binSeconds: number;
  downSeconds: number[];
  downPeriods: number;
}

/**
 * When a scripted partition, or a degradation of a link, was in force: [start, end) periods in
 * simulated seconds, a window still in force when the run ended cut at its end. Overlapping
 * degradation windows of one link make one period (the link was degraded throughout).
 */
export interface FaultWindow {
  kind: 'partition' | 'degradation';
  /** The partition's id, or the degraded link's id. */
  id: string;
  /** Partitions: true when it stopped only packets from its first group. */
  oneWay?: boolean;
  periods: Array<{ start: number; end: number }>;
}

/** The running measured availability of a service: up time so far / time since the warm-up. */
export interface AvailabilityCurve {
  service: string;
  /** Analytic steady-state value to converge to; null when unknown. */
  analytic: number | null;
  points: Array<{ time: number; availability: number }>;
}

/** A window sender's congestion window, threshold and RTT estimates over time (parallel arrays). */
export interface CongestionTraceSeries {
  flow: string;
  time: number[];
  /** Segments; Infinity without congestion control. */
  cwnd: number[];
  /** Segments; Infinity before the first loss. */
  ssthresh: number[];
  /** Smoothed RTT (s); NaN before the first sample or for strategies that keep none. */
  srtt: number[];
  rto: number[];
  /** Segments sent and not yet acknowledged. */
  flight: number[];
}

/** Everything a run produces: the summary plus what charts and CSV need. */
export interface RunResult {
  summary: Summary;
  timeseries: TimeSeriesRow[];
  /**
   * Latencies of measured delivered messages (s), in delivery order: all of them, or past
   * EXACT_RECORD_CAP deliveries every `latencySampleStride`-th.
   */
  latencies: Float64Array;
  /** 1 (or absent) when `latencies` holds every measured message. */
  latencySampleStride?: number;
  nodeTimelines: NodeTimeline[];
  /** Up/down periods of links and of services (ids in `node`). */
  linkTimelines?: NodeTimeline[];
  serviceTimelines?: NodeTimeline[];
  /** Running measured availability of each service over the run. */
  serviceCurves?: AvailabilityCurve[];
  /** When scripted partitions and link degradations were in force (not in summary.json). */
  faultWindows?: FaultWindow[];
  /** Traces of the flows whose transport keeps a congestion window (window transports). */
  congestionTraces: CongestionTraceSeries[];
  /** Queue depth and consumer lag of every broker subscription (scenarios with brokers). */
  brokerBacklogs?: BrokerBacklogSeries[];
}

/**
 * A backlog figure of a broker subscription: time-weighted mean over the measured interval (from
 * the warm-up to the end of the run) and max there, both null when that interval is empty (a
 * warm-up that outlasts the run); the value at the end.
 */
export interface BacklogSummary {
  mean: number | null;
  max: number | null;
  final: number;
}

/** One queue, or one consumer group of a partitioned topic (`topic/group`), of a broker. */
export interface SubscriptionSummary {
  partitioned: boolean;
  consumers: string[];
  /** Messages (and fanout copies) that entered it. */
  routed: number;
  /** Messages a consumer finished processing for the first time. */
  delivered: number;
  /** Sendings to a consumer after the first (consumer failure, ack timeout, rebalance). */
  redeliveries: number;
  /** Messages a consumer processed again after they had been delivered. */
  duplicates: number;
  acked: number;
  ackTimeouts: number;
  /** Messages its overflow sent to a dead-letter queue. */
  deadLettered: number;
  /** Messages of it that ended without delivery, by reason. */
  dropped: Record<string, number>;
  lost: Record<string, number>;
  /** Messages waiting in the broker (ready to send). */
  depth: BacklogSummary;
  /** Consumer lag: messages not yet acknowledged (waiting plus delivered and unacknowledged). */
  lag: BacklogSummary;
}

export interface ConsumerSummary {
  node: string;
  subscription: string;
  delivered: number;
  duplicates: number;
  acked: number;
}

/** A message broker: what it received, routed, delivered, redelivered and lost. */
export interface BrokerSummary {
  delivery: string;
  persistent: boolean;
  /** Messages that reached it from producers. */
  published: number;
  /** Published messages no binding matched (dropped.unroutable). */
  unroutable: number;
  subscriptions: Record<string, SubscriptionSummary>;
  consumers: Record<string, ConsumerSummary>;
}

/** Queue depth and consumer lag of one broker subscription over time, in bins (parallel arrays). */
export interface BrokerBacklogSeries {
  /** `<broker node>:<subscription>`. */
  subscription: string;
  /** Start of each bin (s). */
  time: number[];
  /** Time-weighted mean depth in the bin. */
  depth: number[];
  lag: number[];
}
