import { z } from 'zod';
import { positiveQuantitySchema } from '../../engine/schemas.js';
import type { RetransmissionTimeout, RtoStrategyDefinition } from './rto-strategy.js';

const schema = z
  .strictObject({
    strategy: z.literal('exponential-backoff'),
    initial: positiveQuantitySchema('time').default(1).meta({
      description: 'timeout of a first transmission, and again after every fresh RTT sample; default 1 s',
    }),
    factor: z
      .number()
      .gt(1, 'expected a factor greater than 1 (each expiry must lengthen the timeout)')
      .default(2)
      .meta({ description: 'the timeout is multiplied by this on each expiry' }),
    max: positiveQuantitySchema('time')
      .default(60)
      .meta({ description: 'cap on the backed-off timeout; default 60 s' }),
  })
  .superRefine((config, ctx) => {
    // A time of 0 or less has its own issue (and the refinement still runs): no comparison then.
    if (!(config.initial > 0 && config.max > 0)) return;
    if (config.max < config.initial) {
      ctx.addIssue({
        code: 'custom',
        message: `expected max (${config.max} s) to be at least initial (${config.initial} s): the timeout starts at initial and only grows`,
        path: ['max'],
        input: config.max,
      });
    }
  });

export type ExponentialBackoffRtoConfig = z.output<typeof schema>;

/**
 * Starts at `initial`, multiplies by `factor` on each expiry up to `max`, and falls back to
 * `initial` on a fresh RTT sample; it keeps no RTT estimate.
 */
export class ExponentialBackoffTimeout implements RetransmissionTimeout {
  readonly srtt = Number.NaN;
  readonly rttvar = Number.NaN;
  readonly isConstant = false;
  private current: number;

  constructor(private readonly config: ExponentialBackoffRtoConfig) {
    this.current = config.initial;
  }

  get rto(): number {
    return this.current;
  }

  onRttSample(): void {
    this.current = this.config.initial;
  }

  onExpiry(): void {
    this.current = Math.min(this.current * this.config.factor, this.config.max);
  }
}

/** `exponential-backoff`: a timeout that grows geometrically while nothing gets through. */
export const exponentialBackoffRto: RtoStrategyDefinition<ExponentialBackoffRtoConfig> = {
  id: 'exponential-backoff',
  description:
    'starts at initial, multiplied by factor on each expiry (capped at max), reset by an RTT sample',
  schema,
  create: (config) => new ExponentialBackoffTimeout(config),
};
