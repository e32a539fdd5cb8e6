import { z } from 'zod';
import { positiveQuantitySchema } from '../../engine/schemas.js';
import type { RetransmissionTimeout, RtoStrategyDefinition } from './rto-strategy.js';

const schema = z.strictObject({
  strategy: z.literal('fixed'),
  value: positiveQuantitySchema('time').meta({ description: 'the timeout, the same for every transmission' }),
});

export type FixedRtoConfig = z.output<typeof schema>;

/** The same timeout every time: no RTT estimate, no backoff. */
class FixedTimeout implements RetransmissionTimeout {
  readonly srtt = Number.NaN;
  readonly rttvar = Number.NaN;
  readonly isConstant = true;

  constructor(readonly rto: number) {}

  onRttSample(): void {}

  onExpiry(): void {}
}

/** `fixed`: a constant retransmission timeout (a plain time in a scenario means this). */
export const fixedRto: RtoStrategyDefinition<FixedRtoConfig> = {
  id: 'fixed',
  description: 'the same timeout for every transmission',
  schema,
  create: (config) => new FixedTimeout(config.value),
};

/**
 * The timeout (s) of a resolved `fixed` RTO configuration; undefined for any other strategy
 * (or anything else), since only a fixed timeout gives closed-form retransmission costs.
 */
export function fixedTimeoutSeconds(config: unknown): number | undefined {
  if (typeof config !== 'object' || config === null) return undefined;
  const { strategy, value } = config as Partial<FixedRtoConfig>;
  return strategy === 'fixed' && typeof value === 'number' ? value : undefined;
}
