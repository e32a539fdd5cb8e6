import { z } from 'zod';
import { probabilitySchema } from '../../engine/schemas.js';
import type { LossModel, LossModelDefinition, LossProcess } from './loss-model.js';

const schema = z.strictObject({
  model: z.literal('bernoulli'),
  probability: probabilitySchema.meta({
    description: 'probability that a packet is lost, each independently',
  }),
});

export type BernoulliLossConfig = z.output<typeof schema>;

/** No loss at all: the default of every link, and nothing drawn from its stream. */
const LOSSLESS: LossProcess = { lose: () => false };

/** Loses each packet independently with probability `probability` (a plain number in a scenario). */
export function bernoulliLoss(probability: number): LossModel {
  const process: LossProcess = probability > 0 ? { lose: (random) => random() < probability } : LOSSLESS;
  return {
    model: 'bernoulli',
    lossRate: probability,
    independentProbability: probability,
    // Stateless: every direction may share the one process.
    createProcess: () => process,
  };
}

/** `bernoulli`: independent losses with a fixed probability; `loss: 0.01` means this. */
export const bernoulliLossModel: LossModelDefinition<BernoulliLossConfig> = {
  id: 'bernoulli',
  description: 'each packet lost independently with the same probability (a plain number means this)',
  schema,
  create: (config) => bernoulliLoss(config.probability),
};
