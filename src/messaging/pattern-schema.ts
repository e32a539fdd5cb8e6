import { z } from 'zod';
import type { Distribution } from '../engine/distributions.js';
import { positiveQuantitySchema } from '../engine/schemas.js';

/** Schema builders the pattern keys share with the rest of the scenario schema. */
export interface PatternSchemaParts {
  /** A time distribution (a plain time is a constant). */
  timeDistribution: () => z.ZodType<Distribution, unknown>;
  /** A size distribution (a plain size is a constant). */
  sizeDistribution: () => z.ZodType<Distribution, unknown>;
}

/**
 * `flows[].pattern`: how the flow's application talks. Only `request-reply` for now; `kind`
 * leaves room for more without changing what existing files mean.
 */
export function createPatternSchema(parts: PatternSchemaParts) {
  const requestReply = z
    .strictObject({
      kind: z.literal('request-reply'),
      mode: z.enum(['sync', 'async']).meta({
        description:
          'sync: the caller waits for each reply (or its timeout) before the next request (closed loop); ' +
          'async: the caller keeps sending (open loop, or at most maxOutstanding at a time)',
      }),
      replySize: parts
        .sizeDistribution()
        .prefault(1000)
        .meta({ description: 'payload size of each reply; default 1000 B' }),
      timeout: positiveQuantitySchema('time')
        .optional()
        .meta({
          description:
            'application timeout per attempt, from the hand-off of the request to its transport; ' +
            'default none (a request whose request or reply message is lost fails at once, with its reason)',
        }),
      retries: z
        .number()
        .int()
        .min(0)
        .max(1000)
        .default(0)
        .meta({ description: 'attempts after the first one before a request counts as failed' }),
      maxOutstanding: z.number().int().min(1).optional().meta({
        description: 'async only: requests awaiting their reply, at most; default unbounded (open loop)',
      }),
      think: parts.timeDistribution().optional().meta({
        description: 'sync only: time between a request ending and the next one; default 0',
      }),
    })
    .meta({ description: 'request-reply: requests to `to`, each answered by a reply on the reverse path' });
  return z
    .discriminatedUnion('kind', [requestReply])
    .meta({ description: 'messaging pattern of the flow: { kind: request-reply, mode: sync | async, ... }' });
}

/** The resolved `pattern` of a request-reply flow. */
export type RequestReplyConfig = z.output<ReturnType<typeof createPatternSchema>>;
