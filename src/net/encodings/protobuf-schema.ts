import { z } from 'zod';
import { quoteValue } from '../../engine/quote-value.js';

/** proto3 scalar and composite field types msgsim can size. */
export const PROTOBUF_TYPES = [
  'int32',
  'int64',
  'uint32',
  'uint64',
  'sint32',
  'sint64',
  'bool',
  'enum',
  'fixed32',
  'fixed64',
  'sfixed32',
  'sfixed64',
  'float',
  'double',
  'string',
  'bytes',
  'message',
] as const;
export type ProtobufType = (typeof PROTOBUF_TYPES)[number];

/** Field types whose repeated values may be packed into one length-delimited record. */
export function isPackable(type: ProtobufType): boolean {
  return type !== 'string' && type !== 'bytes' && type !== 'message';
}

/** Highest field number protobuf allows (2^29 − 1). */
export const MAX_FIELD_NUMBER = 536_870_911;
const RESERVED_FIRST = 19_000;
const RESERVED_LAST = 19_999;

/**
 * One field of a protobuf message schema. Written out because TypeScript cannot infer the type
 * of a recursive schema; the schema below is annotated with it, so the two cannot drift apart.
 */
export interface ProtobufField {
  number: number;
  type: ProtobufType;
  repeated?: boolean;
  packed?: boolean;
  /** The nested message's fields (type `message` only). */
  fields?: MessageSchema;
}

/** A message's fields by name (the payload's keys). */
export type MessageSchema = Record<string, ProtobufField>;

const fieldSchema: z.ZodType<ProtobufField> = z
  .strictObject({
    number: z
      .number()
      .int()
      .min(1)
      .max(MAX_FIELD_NUMBER)
      .refine(
        (number) => number < RESERVED_FIRST || number > RESERVED_LAST,
        `field numbers ${RESERVED_FIRST}–${RESERVED_LAST} are reserved by protobuf`,
      )
      .meta({ description: 'field number (1 to 2^29 − 1; 1–15 take a one-byte tag)' }),
    type: z.enum(PROTOBUF_TYPES).meta({ description: 'proto3 field type' }),
    repeated: z.boolean().optional().meta({ description: 'a list of values (default false)' }),
    packed: z.boolean().optional().meta({
      description:
        'repeated numeric fields are packed into one record by default (proto3); false writes one record per value',
    }),
    fields: z
      .lazy(() => messageSchema)
      .optional()
      .meta({ description: 'the nested message schema (type: message only)' }),
  })
  .superRefine((field, ctx) => {
    if (field.type === 'message' && field.fields === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['fields'],
        message: 'a field of type message needs its own fields',
      });
    }
    if (field.type !== 'message' && field.fields !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['fields'],
        message: `a ${field.type} field has no fields (only type message)`,
      });
    }
    if (field.packed !== undefined && !(field.repeated && isPackable(field.type))) {
      ctx.addIssue({
        code: 'custom',
        path: ['packed'],
        message: field.repeated
          ? `repeated ${field.type} fields cannot be packed (only numeric types and bool)`
          : 'packed applies to repeated fields only',
      });
    }
  })
  .meta({ id: 'ProtobufField' });

/**
 * A protobuf message schema: field name (as in the payload) → number and type. Field numbers
 * are unique within a message.
 */
export const messageSchema: z.ZodType<MessageSchema> = z
  .record(z.string(), fieldSchema)
  .superRefine((fields, ctx) => {
    const owner = new Map<number, string>();
    for (const [name, field] of Object.entries(fields)) {
      const other = owner.get(field.number);
      if (other !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [name, 'number'],
          message: `field number ${field.number} is already used by ${quoteValue(other)}`,
        });
      }
      owner.set(field.number, name);
    }
  })
  .meta({
    id: 'ProtobufMessage',
    description: 'protobuf fields: name → { number, type, repeated?, packed?, fields? }',
  });
