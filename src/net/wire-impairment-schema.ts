import { z } from 'zod';
import { probabilitySchema } from '../engine/schemas.js';

/**
 * A probability per packet for each direction of a link: one number for both, or
 * `{ forward, reverse }` (each default 0). Yields `{ forward, reverse }`; absent means 0 both ways.
 * @param meaning what the probability is of, for the published schema and error messages.
 */
export function perDirectionProbabilitySchema(meaning: string) {
  const probability = probabilitySchema.meta({ description: `${meaning}: a probability in [0, 1]` });
  return z
    .union([
      probability.transform((value) => ({ forward: value, reverse: value })),
      z.strictObject({ forward: probability.default(0), reverse: probability.default(0) }),
    ])
    .prefault(0)
    .meta({
      description: `${meaning}, per packet: a probability for both directions, or { forward, reverse } (forward is from the first node of \`between\` to the second)`,
    });
}
