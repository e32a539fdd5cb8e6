import { z } from 'zod';
import type { Registry } from '../../engine/registry.js';
import { probabilitySchema } from '../../engine/schemas.js';
import { bernoulliLoss } from './bernoulli.js';
import type { LossConfigBase, LossModel, LossModelDefinition } from './loss-model.js';

/**
 * The loss of one link direction: a probability (Bernoulli) or `{ model: NAME, ...params }`
 * naming a registered loss model. Yields a ready LossModel.
 */
export function lossModelSchema(models: Registry<LossModelDefinition>) {
  const forms = models
    .all()
    .map((definition) => definition.schema.meta({ description: definition.description }));
  const modelForm = z
    .discriminatedUnion('model', forms as unknown as [z.ZodObject, ...z.ZodObject[]])
    .transform((config): LossModel => {
      const resolved = config as unknown as LossConfigBase;
      return models.get(resolved.model).create(resolved);
    });
  const probabilityForm = probabilitySchema.transform(bernoulliLoss);
  return z.union([probabilityForm, modelForm]).meta({
    id: 'LossModel',
    description: `loss per packet: a probability (Bernoulli) or { model: ${models.ids().join(' | ')}, ...parameters }`,
  });
}
