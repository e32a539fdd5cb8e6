import type { z } from 'zod';

/**
 * Everything below counts in segments (one segment = one message = one data packet) and uses
 * absolute sequence numbers (never wrapped), so the strategies know nothing of the wire format.
 */

/** What the sender tells its congestion control when an ACK acknowledges new data. */
export interface NewAckInfo {
  /** Simulated time (s). */
  now: number;
  /** Segments newly acknowledged by this ACK (how far the cumulative point moved). */
  ackedSegments: number;
  /** The new cumulative ACK point: the lowest sequence number not yet acknowledged. */
  cumulativeAck: number;
  /** The next new sequence number the sender would use (highest sent + 1). */
  nextSequence: number;
  /** Segments in flight before this ACK (sent, not cumulatively acknowledged). */
  flightSize: number;
  /** Smoothed RTT (s), NaN before the first sample. */
  srtt: number;
  /** Smallest RTT sample seen (s), NaN before the first sample. */
  minRtt: number;
}

/** What the sender tells its congestion control when a duplicate ACK arrives. */
export interface DuplicateAckInfo {
  now: number;
  /** Duplicate ACKs in a row for the same cumulative point, this one included (1, 2, 3, ...). */
  duplicates: number;
  cumulativeAck: number;
  nextSequence: number;
  flightSize: number;
  srtt: number;
}

/** What the sender tells its congestion control when the retransmission timer expires. */
export interface TimeoutInfo {
  now: number;
  /** Segments in flight when the timer expired. */
  flightSize: number;
  nextSequence: number;
}

/**
 * `retransmit`: resend the first unacknowledged segment now (fast retransmit after the third
 * duplicate ACK, or a NewReno partial ACK). `none`: nothing beyond what the window allows.
 */
export type CongestionAction = 'none' | 'retransmit';

/**
 * One sender's congestion window state machine. `cwnd` may be fractional (congestion
 * avoidance adds 1/cwnd per ACK); the sender uses floor(cwnd) segments, never fewer than 1.
 */
export interface CongestionControl {
  /** Congestion window (segments); Infinity for `none` (the transport's own window rules). */
  readonly cwnd: number;
  /** Slow-start threshold (segments); Infinity until the first loss unless configured. */
  readonly ssthresh: number;
  /** True between fast retransmit and the ACK that ends fast recovery. */
  readonly inFastRecovery: boolean;
  /**
   * Whether the strategy detects losses itself (duplicate ACKs) and so wants TCP's one timer for
   * the oldest segment; false leaves loss detection to the transport's own timers (selective
   * repeat then times every segment, as in the textbook).
   */
  readonly detectsLosses: boolean;
  onNewAck(info: NewAckInfo): CongestionAction;
  onDuplicateAck(info: DuplicateAckInfo): CongestionAction;
  onTimeout(info: TimeoutInfo): void;
}

/** Fields every congestion-control configuration has. */
export interface CongestionConfigBase {
  strategy: string;
}

/** A registered congestion-control strategy: its id, configuration schema and factory. */
export interface CongestionDefinition<Config extends CongestionConfigBase = CongestionConfigBase> {
  readonly id: string;
  readonly description: string;
  /** Object schema whose `strategy` is the id literal; parameters carry `.meta({description})`. */
  readonly schema: z.ZodType<Config>;
  /**
   * True when the transport's own window is the only limit and losses are recovered by timeout
   * alone (no congestion window, no fast retransmit): the textbook window protocols, whose
   * closed forms then apply.
   */
  readonly fixedWindow?: boolean;
  create(config: Config): CongestionControl;
}
