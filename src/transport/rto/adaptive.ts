import { z } from 'zod';
import { positiveQuantitySchema, quantitySchema } from '../../engine/schemas.js';
import type { RetransmissionTimeout, RtoStrategyDefinition } from './rto-strategy.js';

const gainSchema = z
  .number()
  .gt(0, 'expected a gain greater than 0 (0 would ignore every sample)')
  .lt(1, 'expected a gain less than 1 (1 would forget all history)');

const schema = z
  .strictObject({
    strategy: z.literal('adaptive'),
    initial: positiveQuantitySchema('time')
      .default(1)
      .meta({ description: 'RTO before the first RTT sample; default 1 s (RFC 6298 2.1)' }),
    min: positiveQuantitySchema('time')
      .default(1)
      .meta({ description: 'floor on the RTO; default 1 s (RFC 6298 2.4; Linux uses 200 ms)' }),
    max: positiveQuantitySchema('time').default(60).meta({
      description: 'cap on the RTO, also on the backed-off one; default 60 s (RFC 6298 2.5: at least 60 s)',
    }),
    granularity: quantitySchema('time')
      .default(0.001)
      .meta({ description: 'clock granularity G in RTO = SRTT + max(G, k·RTTVAR); default 1 ms' }),
    alpha: gainSchema.default(1 / 8).meta({ description: 'gain of SRTT toward each sample (RFC 6298: 1/8)' }),
    beta: gainSchema
      .default(1 / 4)
      .meta({ description: 'gain of RTTVAR toward each deviation (RFC 6298: 1/4)' }),
    k: z
      .number()
      .min(0, 'expected k of at least 0')
      .default(4)
      .meta({ description: 'weight of RTTVAR in the RTO (RFC 6298: K = 4)' }),
    backoff: z
      .number()
      .min(1, 'expected a backoff factor of at least 1 (below 1 an expiry would shorten the timeout)')
      .default(2)
      .meta({ description: 'the RTO is multiplied by this on each expiry, up to max (RFC 6298 5.5: 2)' }),
  })
  .superRefine((config, ctx) => {
    // A time of 0 or less has its own issue (and the refinement still runs): no comparison then.
    if (!(config.initial > 0 && config.min > 0 && config.max > 0)) return;
    if (config.min > config.max) {
      ctx.addIssue({
        code: 'custom',
        message: `expected min (${config.min} s) to be at most max (${config.max} s)`,
        path: ['max'],
        input: config.max,
      });
    } else if (config.initial < config.min || config.initial > config.max) {
      ctx.addIssue({
        code: 'custom',
        message:
          `expected initial (${config.initial} s) within [min, max] = [${config.min} s, ${config.max} s]: ` +
          'the RTO never leaves that range',
        path: ['initial'],
        input: config.initial,
      });
    }
  });

export type AdaptiveRtoConfig = z.output<typeof schema>;

/**
 * The RFC 6298 estimator. The first sample R sets SRTT = R, RTTVAR = R/2; each later one sets
 * RTTVAR from the deviation to the previous SRTT, then moves SRTT; the RTO is
 * SRTT + max(G, k·RTTVAR) clamped to [min, max]. Each expiry multiplies the RTO by `backoff`
 * (capped at max), and the backed-off value holds until a fresh sample recomputes it.
 *
 * Karn's rule is the caller's part: samples only come from segments never retransmitted, since
 * the ACK of a resent segment cannot tell which copy it answers. Without it a backed-off timer
 * would be fed inflated samples, or a spurious resend's early ACK would shrink the RTO.
 */
export class AdaptiveTimeout implements RetransmissionTimeout {
  private smoothed = Number.NaN;
  private variation = Number.NaN;
  private current: number;
  readonly isConstant = false;

  constructor(private readonly config: AdaptiveRtoConfig) {
    this.current = config.initial;
  }

  get rto(): number {
    return this.current;
  }

  get srtt(): number {
    return this.smoothed;
  }

  get rttvar(): number {
    return this.variation;
  }

  /** SRTT + max(G, k·RTTVAR) before the [min, max] clamp (s); NaN before the first sample. */
  get unflooredRto(): number {
    return this.smoothed + Math.max(this.config.granularity, this.config.k * this.variation);
  }

  onRttSample(seconds: number): void {
    const { alpha, beta } = this.config;
    if (Number.isNaN(this.smoothed)) {
      this.smoothed = seconds;
      this.variation = seconds / 2;
    } else {
      // RTTVAR first: it measures the deviation from the SRTT the sample was predicted by.
      this.variation = (1 - beta) * this.variation + beta * Math.abs(this.smoothed - seconds);
      this.smoothed = (1 - alpha) * this.smoothed + alpha * seconds;
    }
    this.current = Math.min(Math.max(this.unflooredRto, this.config.min), this.config.max);
  }

  onExpiry(): void {
    this.current = Math.min(this.current * this.config.backoff, this.config.max);
  }
}

/** `adaptive`: RTO from smoothed RTT and its variation (RFC 6298), with backoff on expiry. */
export const adaptiveRto: RtoStrategyDefinition<AdaptiveRtoConfig> = {
  id: 'adaptive',
  description: 'RFC 6298: SRTT + max(G, k·RTTVAR) within [min, max], multiplied by backoff on each expiry',
  schema,
  create: (config) => new AdaptiveTimeout(config),
};
