import { z } from 'zod';
import type { CongestionConfigBase, CongestionDefinition } from '../congestion/congestion-control.js';
import type { Registry } from '../engine/registry.js';
import { positiveQuantitySchema } from '../engine/schemas.js';
import type { RtoConfigBase, RtoStrategyDefinition } from './rto/rto-strategy.js';

type StrategyDefinition = { id: string; description: string; schema: z.ZodType };

function strategyUnion(registry: Registry<StrategyDefinition>) {
  const forms = registry
    .all()
    .map((definition) => definition.schema.meta({ description: definition.description }));
  return z.discriminatedUnion('strategy', forms as unknown as [z.ZodObject, ...z.ZodObject[]]);
}

/**
 * A retransmission timeout: a plain time (a `fixed` timeout) or `{ strategy: NAME, ...params }`
 * naming a registered RTO strategy.
 */
export function timeoutSchema(strategies: Registry<RtoStrategyDefinition>) {
  const fixedShorthand = positiveQuantitySchema('time').transform(
    (value): RtoConfigBase => ({ strategy: 'fixed', value }) as RtoConfigBase,
  );
  return z
    .union([fixedShorthand, strategyUnion(strategies as unknown as Registry<StrategyDefinition>)])
    .meta({
      description: `retransmission timeout: a time (fixed) or { strategy: ${strategies.ids().join(' | ')}, ... }`,
    }) as unknown as z.ZodType<RtoConfigBase>;
}

/**
 * A congestion control: a strategy name with its defaults, or `{ strategy: NAME, ...params }`.
 */
export function congestionSchema(strategies: Registry<CongestionDefinition>) {
  const union = strategyUnion(strategies as unknown as Registry<StrategyDefinition>);
  const nameShorthand = z
    .enum(strategies.ids() as [string, ...string[]])
    .transform((strategy, ctx): CongestionConfigBase => {
      const parsed = union.safeParse({ strategy });
      if (parsed.success) return parsed.data as unknown as CongestionConfigBase;
      ctx.addIssue({ code: 'custom', message: `strategy '${strategy}' needs parameters`, input: strategy });
      return z.NEVER;
    });
  return z.union([nameShorthand, union]).meta({
    description: `congestion control: ${strategies.ids().join(' | ')}, or { strategy: NAME, ...params }`,
  }) as unknown as z.ZodType<CongestionConfigBase>;
}
