/**
 * The scenario keys of message brokers (`brokers`, and `publish` on flows). The scenario schema
 * wires them in, with the cross-reference checks of broker-references.ts.
 */
import { z } from 'zod';
import type { Registry } from '../engine/registry.js';
import { positiveQuantitySchema, quantitySchema, resultKeySchema } from '../engine/schemas.js';
import type { DeliveryGuaranteeDefinition } from './delivery-guarantees.js';
import type { ExchangeTypeDefinition } from './exchange-types.js';
import type { OverflowPolicyDefinition } from './overflow-policies.js';

/** The registries broker keys name. */
export interface BrokerRegistries {
  exchangeTypes: Registry<ExchangeTypeDefinition>;
  overflowPolicies: Registry<OverflowPolicyDefinition>;
  deliveryGuarantees: Registry<DeliveryGuaranteeDefinition>;
}

/**
 * Most partitions one topic may have: each consumer group keeps a log per partition, each member
 * an offset per partition, and a dispatch looks over them all, so a typo such as `1e9` would
 * exhaust memory or never finish instead of failing here.
 */
export const MAX_TOPIC_PARTITIONS = 10_000;

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.:-]*$/;
const nameSchema = resultKeySchema(NAME, 'expected a name of letters, digits, _ . : - (no spaces)', 'name');
const routingKeySchema = z.string().min(1, 'expected a routing key (words separated by dots)');

function enumOf<T extends { id: string }>(registry: Registry<T>) {
  return z.enum(registry.ids() as [string, ...string[]]);
}

/** Builds the broker schemas; `id` is the scenario's node-id schema. */
export function createBrokerSchemas(id: z.ZodType<string>, registries: BrokerRegistries) {
  const queueSchema = z.strictObject({
    name: nameSchema,
    capacity: z.number().int().min(0).optional().meta({
      description:
        'ready messages the queue holds (not counting those delivered and unacknowledged); default unbounded',
    }),
    overflow: enumOf(registries.overflowPolicies)
      .default('reject')
      .meta({ description: `when full: ${registries.overflowPolicies.ids().join(' | ')}` }),
    deadLetter: nameSchema
      .optional()
      .meta({ description: 'queue of the same broker that takes what overflow dead-letters' }),
  });
  const exchangeSchema = z.strictObject({
    name: nameSchema,
    type: enumOf(registries.exchangeTypes).meta({
      description: `routing: ${registries.exchangeTypes.ids().join(' | ')}`,
    }),
    bindings: z
      .array(
        z.strictObject({
          queue: nameSchema.meta({ description: 'queue (or partitioned topic) that gets matching messages' }),
          key: routingKeySchema
            .optional()
            .meta({ description: "routing key (direct) or pattern with '*' and '#' (topic)" }),
        }),
      )
      .default([]),
  });
  const topicSchema = z.strictObject({
    name: nameSchema,
    partitions: z.number().int().min(1).max(MAX_TOPIC_PARTITIONS).default(1).meta({
      description: 'partitions: a key always goes to the same one, and each keeps its order',
    }),
  });
  const consumerSchema = z.strictObject({
    id: nameSchema,
    node: id.meta({ description: 'node where the consumer runs (its processing stage processes messages)' }),
    queue: nameSchema.optional().meta({ description: 'queue to consume from' }),
    topic: nameSchema
      .optional()
      .meta({ description: 'partitioned topic to consume from, in a consumer group' }),
    group: nameSchema.optional().meta({
      description:
        'consumer group (topics): each group gets every message, its members share the partitions; default "default"',
    }),
    prefetch: z
      .number()
      .int()
      .min(1)
      .default(1)
      .meta({ description: 'messages delivered and not yet acknowledged that the consumer may hold' }),
  });
  const broker = z.strictObject({
    node: id.meta({ description: 'the node that is the broker (it fails and recovers like any node)' }),
    delivery: enumOf(registries.deliveryGuarantees)
      .default('at-least-once')
      .meta({ description: `delivery guarantee: ${registries.deliveryGuarantees.ids().join(' | ')}` }),
    ackTimeout: positiveQuantitySchema('time').default(30).meta({
      description:
        'at-least-once: a delivery not acknowledged after this long is given up and redelivered (at-most-once sets no ack timer)',
    }),
    persistence: quantitySchema('time')
      .refine((seconds) => seconds >= 0, 'expected a write delay of 0 or more')
      .optional()
      .meta({
        description:
          'write delay per message before consumers can have it (counts in t_proc); persisted messages survive a broker crash',
      }),
    headerSize: quantitySchema('size')
      .default(0)
      .meta({ description: 'header bytes of each delivery packet' }),
    ackSize: quantitySchema('size')
      .default(40)
      .meta({ description: 'bytes of each consumer acknowledgement' }),
    queues: z.array(queueSchema).default([]),
    exchanges: z.array(exchangeSchema).default([]),
    topics: z.array(topicSchema).default([]),
    consumers: z.array(consumerSchema).default([]),
  });
  const publish = z
    .strictObject({
      queue: nameSchema
        .optional()
        .meta({ description: 'publish straight to this queue (or partitioned topic)' }),
      exchange: nameSchema.optional().meta({ description: 'publish to this exchange, which routes by key' }),
      topic: nameSchema.optional().meta({ description: 'publish to this partitioned topic' }),
      key: routingKeySchema.optional().meta({ description: 'routing key of every message' }),
      keys: z
        .array(routingKeySchema)
        .min(1)
        .optional()
        .meta({ description: 'routing keys taken in turn, one per message' }),
    })
    .superRefine((target, ctx) => {
      const given = (['queue', 'exchange', 'topic'] as const).filter((key) => target[key] !== undefined);
      if (given.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: given.length > 1 ? [given[1]] : [],
          message: 'give exactly one of queue, exchange or topic',
        });
      }
      if (target.key !== undefined && target.keys !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['keys'], message: 'give key or keys, not both' });
      }
    })
    .meta({ description: 'the flow publishes to a broker (its `to` node): where its messages go' });
  return { broker, publish };
}
