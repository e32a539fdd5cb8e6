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
}

/** The measurement interval of `T = N / t`. */
export interface Interval {
  from: number;
  to: number;
}

export interface ThroughputSummary {
  /** T = N / t: messages delivered to the application in the interval, per second. */
  messagesPerSecond: number;
  /** Payload bits of messages delivered in the interval, per second (each message once). */
  goodputBitsPerSecond: number;
  /** Bits of every data copy put on the wire by senders in the interval (headers, retransmissions). */
  wireBitsPerSecond: number;
  /** Messages created by the workloads in the interval, per second. */
  offeredMessagesPerSecond: number;
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
  /** Fraction of the measured time the node was up. */
  measured: number;
  /** Mean of the completed up periods (s); null when none completed. */
  observedMttf: number | null;
  /** Mean of the completed down periods (s). */
  observedMttr: number | null;
  observedMttfCi95: ConfidenceInterval | null;
  observedMttrCi95: ConfidenceInterval | null;
  /** Completed failure/repair cycles (failures observed). */
  cycles: number;
  upSeconds: number;
  downSeconds: number;
}

export interface Counts {
  /** Messages created by the sending applications. */
  sent: number;
  /** Messages delivered to the receiving application (each once). */
  delivered: number;
  /** Data copies sent again by a transport. */
  retransmissions: number;
  /** Copies of an already delivered message that reached the receiver. */
  duplicates: number;
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
  /** Fraction of the interval the sender's first link spent transmitting this flow's data. */
  senderUtilisation: number;
}

export interface LinkDirectionSummary {
  from: string;
  to: string;
  /** Fraction of the run's interval the transmitter was busy. */
  utilisation: number;
  packetsTransmitted: number;
  dropped: number;
  lost: number;
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
  availability: { nodes: Record<string, NodeAvailability> };
  counts: Counts;
  flows: Record<string, FlowSummary>;
  links: Record<string, LinkSummary>;
  theory: Record<string, TheoryPrediction>;
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
  /** Fraction of the bin each node was up, by node id. */
  nodesUp: Record<string, number>;
}

/** Up/down periods of one node: [start, end, up]. */
export interface NodeTimeline {
  node: string;
  periods: Array<{ start: number; end: number; up: boolean }>;
}

/** Everything a run produces: the summary plus what charts and CSV need. */
export interface RunResult {
  summary: Summary;
  timeseries: TimeSeriesRow[];
  /** Latencies of measured delivered messages (s), in delivery order. */
  latencies: Float64Array;
  nodeTimelines: NodeTimeline[];
}
