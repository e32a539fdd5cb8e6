import type { z } from 'zod';

/**
 * A sender's retransmission-timeout estimator: tells the sender how long to arm its timer and
 * learns from round-trip samples and expiries. One instance per sender, all state inside.
 */
export interface RetransmissionTimeout {
  /** Seconds to arm the retransmission timer for, now. */
  readonly rto: number;
  /** Smoothed round-trip time (s); NaN while unknown or when the strategy keeps none. */
  readonly srtt: number;
  /** Round-trip variation (s); NaN while unknown or when the strategy keeps none. */
  readonly rttvar: number;
  /**
   * True when `rto` never changes (no sample or expiry moves it): the sender may then arm every
   * timer in the simulator's delay lane of that delay (O(1)), which runs it exactly when
   * `schedule(rto, …)` would.
   */
  readonly isConstant: boolean;
  /**
   * A fresh round-trip sample (s). The caller applies Karn's rule: it only passes samples from
   * segments that were never retransmitted.
   */
  onRttSample(seconds: number): void;
  /** The retransmission timer expired (the caller retransmits and re-arms with the new `rto`). */
  onExpiry(): void;
}

/** Fields every RTO strategy's configuration has. */
export interface RtoConfigBase {
  strategy: string;
}

/** A registered RTO strategy: its id, configuration schema and factory. */
export interface RtoStrategyDefinition<Config extends RtoConfigBase = RtoConfigBase> {
  readonly id: string;
  readonly description: string;
  /** Object schema whose `strategy` is the id literal; parameters carry `.meta({description})`. */
  readonly schema: z.ZodType<Config>;
  create(config: Config): RetransmissionTimeout;
}
