import { listIds, quoteValue } from '../../engine/quote-value.js';
import {
  describePayloadValue,
  type EncodingDefinition,
  EncodingError,
  isPayloadObject,
  type PayloadValue,
} from './encoding.js';
import { isPackable, type MessageSchema, type ProtobufField, type ProtobufType } from './protobuf-schema.js';
import {
  lengthDelimitedSize,
  NEGATIVE_VARINT_BYTES,
  tagSize,
  varintSize,
  WIRE_TYPE,
  type WireType,
  zigzag,
} from './protobuf-wire.js';
import { utf8ByteLength } from './utf8.js';

type Path = ReadonlyArray<string | number>;

/**
 * Protocol Buffers (proto3 wire format, https://protobuf.dev/programming-guides/encoding/): each
 * present field is a tag varint (`number << 3 | wire type`) followed by a varint, a fixed 4 or 8
 * bytes, or a length-prefixed body (string, bytes, nested message, packed repeated values).
 * Singular scalar fields at their default (0, false, "", empty bytes) are not written; a nested
 * message is written whenever it is given, even empty. A null value means "not set".
 */
export const protobufEncoding: EncodingDefinition = {
  id: 'protobuf',
  description:
    'protobuf wire format (proto3) from a field schema: tags and varints, no field names on the wire',
  needsSchema: true,
  sizeOf: (payload, options) => {
    if (!options?.schema)
      throw new EncodingError([], 'protobuf needs a field schema (`schema:`) to size a payload');
    return messageSize(payload, options.schema, []);
  },
};

/** Bytes of a message body (its fields, without a tag or length of its own). */
export function messageSize(value: PayloadValue, schema: MessageSchema, path: Path): number {
  if (!isPayloadObject(value)) {
    throw new EncodingError(path, `expected an object (a message), got ${describePayloadValue(value)}`);
  }
  let total = 0;
  for (const [name, fieldValue] of Object.entries(value)) {
    if (!Object.hasOwn(schema, name)) {
      const known = Object.keys(schema);
      throw new EncodingError(
        [...path, name],
        `field ${quoteValue(name)} is not in the schema (known: ${listIds(known)})`,
      );
    }
    total += fieldSize(schema[name], fieldValue, [...path, name]);
  }
  return total;
}

function fieldSize(field: ProtobufField, value: PayloadValue, path: Path): number {
  if (value === null) return 0;
  if (field.repeated) {
    if (!Array.isArray(value)) {
      throw new EncodingError(
        path,
        `expected a list (repeated ${field.type}), got ${describePayloadValue(value)}`,
      );
    }
    if (value.length === 0) return 0;
    if (isPackable(field.type) && field.packed !== false) {
      let body = 0;
      value.forEach((item, index) => {
        body += scalarSize(field.type, item, [...path, index]);
      });
      return tagSize(field.number, WIRE_TYPE.len) + lengthDelimitedSize(body);
    }
    let total = 0;
    value.forEach((item, index) => {
      if (item === null) throw new EncodingError([...path, index], 'a repeated field cannot hold null');
      total += tagSize(field.number, wireTypeOf(field.type)) + valueSize(field, item, [...path, index]);
    });
    return total;
  }
  // A list is one value only for bytes (its byte values).
  if (Array.isArray(value) && field.type !== 'bytes') {
    throw new EncodingError(path, `expected one ${field.type} value, got a list (the field is not repeated)`);
  }
  const bytes = valueSize(field, value, path);
  return isDefault(field.type, value) ? 0 : tagSize(field.number, wireTypeOf(field.type)) + bytes;
}

/** proto3 implicit presence: these values of a singular scalar field are not written. */
function isDefault(type: ProtobufType, value: PayloadValue): boolean {
  if (type === 'message') return false;
  if (type === 'float' || type === 'double') return Object.is(value, 0); // −0.0 is written
  return value === 0 || value === false || value === '' || (Array.isArray(value) && value.length === 0);
}

function wireTypeOf(type: ProtobufType): WireType {
  switch (type) {
    case 'fixed64':
    case 'sfixed64':
    case 'double':
      return WIRE_TYPE.i64;
    case 'fixed32':
    case 'sfixed32':
    case 'float':
      return WIRE_TYPE.i32;
    case 'string':
    case 'bytes':
    case 'message':
      return WIRE_TYPE.len;
    default:
      return WIRE_TYPE.varint;
  }
}

/** Bytes of one value after its tag (length prefix included for length-delimited types). */
function valueSize(field: ProtobufField, value: PayloadValue, path: Path): number {
  switch (field.type) {
    case 'message':
      return lengthDelimitedSize(messageSize(value, field.fields ?? {}, path));
    case 'string':
      if (typeof value !== 'string') {
        throw new EncodingError(path, `expected text (string), got ${describePayloadValue(value)}`);
      }
      return lengthDelimitedSize(utf8ByteLength(value));
    case 'bytes':
      return lengthDelimitedSize(bytesLength(value, path));
    default:
      return scalarSize(field.type, value, path);
  }
}

/** `bytes` as a scenario writes them: text (its UTF-8 bytes) or a list of byte values 0–255. */
function bytesLength(value: PayloadValue, path: Path): number {
  if (typeof value === 'string') return utf8ByteLength(value);
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      if (typeof item !== 'number' || !Number.isInteger(item) || item < 0 || item > 255) {
        throw new EncodingError(
          [...path, index],
          `expected a byte value 0–255, got ${describePayloadValue(item)}`,
        );
      }
    });
    return value.length;
  }
  throw new EncodingError(
    path,
    `expected bytes (text or a list of 0–255), got ${describePayloadValue(value)}`,
  );
}

const INT32: IntegerRange = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const UINT32: IntegerRange = { min: 0, max: 2 ** 32 - 1 };
// 64-bit integers are limited to what a JSON/YAML number holds exactly.
const EXACT = 'a scenario number is exact only up to 2^53 − 1';
const INT64: IntegerRange = { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, note: EXACT };
const UINT64: IntegerRange = { min: 0, max: Number.MAX_SAFE_INTEGER, note: EXACT };
const FLOAT_MAX = 3.4028234663852886e38;

interface IntegerRange {
  min: number;
  max: number;
  /** Why the range is narrower than the type's, if it is. */
  note?: string;
}

/** Bytes of a numeric or bool value (no tag). */
function scalarSize(type: ProtobufType, value: PayloadValue, path: Path): number {
  switch (type) {
    case 'bool':
      if (typeof value !== 'boolean') {
        throw new EncodingError(path, `expected true or false (bool), got ${describePayloadValue(value)}`);
      }
      return 1;
    case 'int32':
    case 'enum':
      return signedVarintSize(integer(value, INT32, type, path));
    case 'int64':
      return signedVarintSize(integer(value, INT64, type, path));
    case 'uint32':
      return varintSize(integer(value, UINT32, type, path));
    case 'uint64':
      return varintSize(integer(value, UINT64, type, path));
    case 'sint32':
      return varintSize(zigzag(integer(value, INT32, type, path)));
    case 'sint64':
      return varintSize(zigzag(integer(value, INT64, type, path)));
    case 'fixed32':
      integer(value, UINT32, type, path);
      return 4;
    case 'sfixed32':
      integer(value, INT32, type, path);
      return 4;
    case 'fixed64':
      integer(value, UINT64, type, path);
      return 8;
    case 'sfixed64':
      integer(value, INT64, type, path);
      return 8;
    case 'float':
      if (Math.abs(number(value, type, path)) > FLOAT_MAX) {
        throw new EncodingError(path, `${String(value)} is out of range for float (±${FLOAT_MAX})`);
      }
      return 4;
    case 'double':
      number(value, type, path);
      return 8;
    default:
      // isPackable keeps string, bytes and message out of here.
      throw new Error(`${type} is not a scalar type`);
  }
}

/** int32, int64 and enum: a negative value is sign-extended to 64 bits, so always 10 bytes. */
function signedVarintSize(value: number): number {
  return value < 0 ? NEGATIVE_VARINT_BYTES : varintSize(value);
}

function number(value: PayloadValue, type: ProtobufType, path: Path): number {
  if (typeof value !== 'number') {
    throw new EncodingError(path, `expected a number (${type}), got ${describePayloadValue(value)}`);
  }
  return value;
}

function integer(value: PayloadValue, range: IntegerRange, type: ProtobufType, path: Path): number {
  const checked = number(value, type, path);
  if (!Number.isInteger(checked)) {
    throw new EncodingError(path, `expected an integer (${type}), got ${String(checked)}`);
  }
  if (checked < range.min || checked > range.max) {
    const note = range.note ? `; ${range.note}` : '';
    throw new EncodingError(
      path,
      `${checked} is out of range for ${type} (${range.min} to ${range.max}${note})`,
    );
  }
  return checked;
}
