import type { Interval, LatencySummary, Stats } from './summary.js';

/** Deliveries and payload bits of some channels inside an interval, for T = N / t. */
export interface DeliveredInInterval {
  delivered: number;
  payloadBits: number;
}

/** Per time bin: deliveries, their payload bits and the sum of their latencies. */
export interface DeliveryBins {
  delivered: Float64Array;
  bits: Float64Array;
  latencySum: Float64Array;
}

/**
 * What the summary reads from the deliveries after the warm-up, whether they were kept one
 * record each (exact) or folded into bounded streams past the cap.
 */
export interface DeliveryFigures {
  /** Deliveries of `channels` (collector flows) inside `interval`. */
  deliveredIn(channels: readonly number[], interval: Interval): DeliveredInInterval;
  /** Latency statistics of the measured messages (created after the warm-up) of `channels`. */
  latencyOf(channels: readonly number[]): LatencySummary;
  /** Latency statistics of one channel's measured messages. */
  channelLatency(channel: number): Stats;
  /** Every delivery in `interval` binned into `bins` equal bins (the last one closed). */
  bins(interval: Interval, bins: number): DeliveryBins;
  /**
   * Latencies of the measured messages in delivery order, or every `stride`-th of them; possibly
   * a view of the records themselves (no copy of a million values), valid while they are kept.
   */
  latencies(): { values: Float64Array; stride: number };
}
