import { Registry } from '../../engine/registry.js';
import { bernoulliLossModel } from './bernoulli.js';
import { gilbertElliottLossModel } from './gilbert-elliott.js';
import type { LossConfigBase, LossModelDefinition } from './loss-model.js';
import { periodicLossModel } from './periodic.js';

type AnyLossModelDefinition = LossModelDefinition<LossConfigBase>;

/** Creates the registry of built-in loss models; a new one is one file plus one line here. */
export function createLossModelRegistry(): Registry<AnyLossModelDefinition> {
  // Each definition's create() takes its own config type; the registry holds them side by side.
  return new Registry<AnyLossModelDefinition>('loss model')
    .register(bernoulliLossModel as unknown as AnyLossModelDefinition)
    .register(periodicLossModel as unknown as AnyLossModelDefinition)
    .register(gilbertElliottLossModel as unknown as AnyLossModelDefinition);
}
