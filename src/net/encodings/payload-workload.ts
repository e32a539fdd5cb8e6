import { z } from 'zod';
import type { Distribution, DistributionFamily } from '../../engine/distributions.js';
import type { RandomStream } from '../../engine/random.js';
import type { Registry } from '../../engine/registry.js';
import { quantitySchema } from '../../engine/schemas.js';
import { type EncodingDefinition, EncodingError, type PayloadObject, type XmlOptions } from './encoding.js';
import { type MessageSchema, messageSchema } from './protobuf-schema.js';

/**
 * The workload keys that give messages a payload and an encoding instead of a `size`, their
 * checks and what they resolve to. Kept here so the scenario schema only wires them in.
 */

const payloadSchema = z
  .record(z.string(), z.json())
  .meta({ id: 'Payload', description: 'a message payload: an object of JSON values' });

const perByteTime = () =>
  quantitySchema('time').refine((seconds) => seconds >= 0, 'expected a time per byte of 0 or more');

/** A per-byte cost: one time for every encoding, or a time per encoding id. */
type CodecCost = number | Partial<Record<string, number>>;

/** The encoding-related fields of a parsed workload (before it is resolved). */
export interface EncodedPayloadFields {
  size?: Distribution;
  payload?: PayloadObject;
  payloads?: PayloadObject[];
  encoding?: string;
  schema?: MessageSchema;
  xml?: XmlOptions;
  encodeCost?: CodecCost;
  decodeCost?: CodecCost;
}

/** Zod shapes of the payload keys, to spread into the workload object schema. */
export function encodedPayloadKeys(encodings: Registry<EncodingDefinition>) {
  const ids = encodings.ids() as [string, ...string[]];
  const cost = (verb: string) =>
    z
      .union([
        perByteTime(),
        z.strictObject(Object.fromEntries(ids.map((id) => [id, perByteTime().optional()]))),
      ])
      .optional()
      .meta({
        description:
          `time to ${verb} one payload byte, counted in t_proc at the receiver; ` +
          `one time, or one per encoding: { ${ids.map((id) => `${id}: 10ns`).join(', ')} }`,
      });
  return {
    payload: payloadSchema.optional().meta({
      description:
        'the payload every message carries; its encoded size is the message size (instead of size)',
    }),
    payloads: z.array(payloadSchema).min(1).optional().meta({
      description: 'payloads the messages carry in turn, cycling (instead of size)',
    }),
    encoding: z
      .enum(ids)
      .optional()
      .meta({ description: `how payloads are encoded on the wire: ${ids.join(' | ')}` }),
    schema: messageSchema.optional().meta({
      description:
        'protobuf field schema: name → { number, type, repeated?, packed?, fields? }; ' +
        'accepted with every encoding (so one scenario can compare them), used by those that need it',
    }),
    xml: z
      .strictObject({
        root: z.string().optional().meta({ description: 'root element name (default message)' }),
        declaration: z
          .boolean()
          .optional()
          .meta({ description: 'prepend <?xml version="1.0" encoding="UTF-8"?>' }),
      })
      .optional()
      .meta({ description: 'how the xml encoding frames a payload; ignored by other encodings' }),
    encodeCost: cost('encode'),
    decodeCost: cost('decode'),
  };
}

/**
 * Adds an issue, located inside the workload, for each way its payload keys do not fit
 * together or a payload does not fit its encoding (`payload.id: …`, `payloads[2].name: …`).
 */
export function checkEncodedPayload(
  workload: EncodedPayloadFields,
  encodings: Registry<EncodingDefinition>,
  ctx: z.RefinementCtx,
): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const hasPayload = workload.payload !== undefined || workload.payloads !== undefined;
  if (workload.payload !== undefined && workload.payloads !== undefined) {
    issue(['payloads'], 'give payload (one for every message) or payloads (in turn), not both');
  }
  if (hasPayload && workload.size !== undefined) {
    issue(['size'], 'give size or a payload, not both: an encoded payload has its own size');
  }
  if (hasPayload && workload.encoding === undefined) {
    issue(['encoding'], `a payload needs an encoding (${encodings.ids().join(' | ')})`);
  }
  if (!hasPayload) {
    for (const key of ['encoding', 'schema', 'xml'] as const) {
      if (workload[key] !== undefined) issue([key], `${key} describes payloads: give payload or payloads`);
    }
  }
  if (workload.encoding === undefined) {
    for (const key of ['encodeCost', 'decodeCost'] as const) {
      if (typeof workload[key] === 'object') issue([key], 'a cost per encoding needs an encoding');
    }
    return;
  }
  const encoding = encodings.get(workload.encoding);
  for (const key of ['encodeCost', 'decodeCost'] as const) {
    const cost = workload[key];
    if (typeof cost === 'object' && cost[encoding.id] === undefined) {
      const given = Object.keys(cost);
      issue(
        [key],
        `no ${key} for encoding '${encoding.id}'` +
          (given.length > 0 ? ` (given for: ${given.join(', ')})` : ''),
      );
    }
  }
  if (encoding.needsSchema && workload.schema === undefined) {
    issue(
      ['schema'],
      `encoding '${encoding.id}' needs a field schema: { name: { number: 1, type: int32 }, ... }`,
    );
    return;
  }
  const options = { schema: workload.schema, xml: workload.xml };
  const each = workload.payloads ?? (workload.payload === undefined ? [] : [workload.payload]);
  each.forEach((payload, index) => {
    try {
      encoding.sizeOf(payload, options);
    } catch (error) {
      if (!(error instanceof EncodingError)) throw error;
      const at = workload.payloads === undefined ? ['payload'] : ['payloads', index];
      issue([...at, ...error.path], `${encoding.id}: ${error.message}`);
    }
  });
}

/** What a checked workload's payload keys resolve to. */
export interface EncodedPayload {
  /** Distribution of payload sizes (bytes): the given size, or the encoded payloads' sizes. */
  size: Distribution;
  /** Encoded sizes of `payloads` in order, when they differ (messages take them in turn). */
  sizeCycleBytes?: number[];
  /** Encode plus decode time per payload byte (s), added to t_proc at the receiver. */
  codecSecondsPerByte: number;
}

/** Sizes the payloads and sums the codec costs of a workload that passed `checkEncodedPayload`. */
export function resolveEncodedPayload(
  workload: EncodedPayloadFields,
  encodings: Registry<EncodingDefinition>,
  constant: DistributionFamily,
  defaultSizeBytes: number,
): EncodedPayload {
  const costOf = (cost: CodecCost | undefined) =>
    typeof cost === 'object' ? (cost[workload.encoding ?? ''] ?? 0) : (cost ?? 0);
  const codecSecondsPerByte = costOf(workload.encodeCost) + costOf(workload.decodeCost);
  const payloads = workload.payloads ?? (workload.payload === undefined ? undefined : [workload.payload]);
  if (payloads === undefined || workload.encoding === undefined) {
    return { size: workload.size ?? constant.create({ value: defaultSizeBytes }), codecSecondsPerByte };
  }
  const encoding = encodings.get(workload.encoding);
  const options = { schema: workload.schema, xml: workload.xml };
  const sizes = payloads.map((payload) => encoding.sizeOf(payload, options));
  if (sizes.every((bytes) => bytes === sizes[0])) {
    return { size: constant.create({ value: sizes[0] }), codecSecondsPerByte };
  }
  return { size: payloadSizeDistribution(sizes), sizeCycleBytes: sizes, codecSecondsPerByte };
}

/**
 * The sizes of a payload cycle seen as a distribution: each size equally likely. The workload
 * takes them in order; this is what results and closed-form checks read (mean, not constant).
 */
function payloadSizeDistribution(sizes: readonly number[]): Distribution {
  const mean = sizes.reduce((sum, bytes) => sum + bytes, 0) / sizes.length;
  return {
    family: 'payloads',
    mean,
    isConstant: false,
    parameters: { payloads: sizes.length, min: Math.min(...sizes), max: Math.max(...sizes) },
    sample: (random: RandomStream) => sizes[Math.floor(random() * sizes.length)],
  };
}
