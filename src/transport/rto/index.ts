import { Registry } from '../../engine/registry.js';
import { adaptiveRto } from './adaptive.js';
import { exponentialBackoffRto } from './exponential-backoff.js';
import { fixedRto } from './fixed.js';
import type { RtoConfigBase, RtoStrategyDefinition } from './rto-strategy.js';

/** Creates the registry of built-in RTO strategies; a new one is one file plus one line here. */
export function createRtoRegistry(): Registry<RtoStrategyDefinition<RtoConfigBase>> {
  return new Registry<RtoStrategyDefinition<RtoConfigBase>>('RTO strategy')
    .register(fixedRto as unknown as RtoStrategyDefinition<RtoConfigBase>)
    .register(exponentialBackoffRto as unknown as RtoStrategyDefinition<RtoConfigBase>)
    .register(adaptiveRto as unknown as RtoStrategyDefinition<RtoConfigBase>);
}
