import type { PayloadObject, PayloadValue } from '../../../src/net/encodings/encoding.js';
import type { MessageSchema, ProtobufField } from '../../../src/net/encodings/protobuf-schema.js';

/**
 * A byte-producing proto3 encoder for tests, written from the wire-format specification with
 * BigInt and DataView (independent of the size arithmetic under test). It assumes the payload
 * fits the schema.
 */
export function encodeProtobuf(payload: PayloadObject, schema: MessageSchema): number[] {
  const out: number[] = [];
  for (const [name, value] of Object.entries(payload)) {
    if (value === null) continue;
    const field = schema[name];
    if (field.repeated) {
      const items = value as PayloadValue[];
      if (items.length === 0) continue;
      if (packable(field) && field.packed !== false) {
        const body = items.flatMap((item) => encodeValue(field, item));
        out.push(...varint(BigInt(field.number * 8 + 2)), ...varint(BigInt(body.length)), ...body);
      } else {
        for (const item of items)
          out.push(...varint(BigInt(field.number * 8 + wireType(field))), ...encodeValue(field, item));
      }
    } else if (!isDefault(field, value)) {
      out.push(...varint(BigInt(field.number * 8 + wireType(field))), ...encodeValue(field, value));
    }
  }
  return out;
}

/** Lowercase hex, space-separated, as the specification prints bytes. */
export function hex(bytes: number[]): string {
  return bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

function packable(field: ProtobufField): boolean {
  return !['string', 'bytes', 'message'].includes(field.type);
}

function isDefault(field: ProtobufField, value: PayloadValue): boolean {
  if (field.type === 'message') return false;
  if (field.type === 'float' || field.type === 'double') return Object.is(value, 0);
  return value === 0 || value === false || value === '' || (Array.isArray(value) && value.length === 0);
}

function wireType(field: ProtobufField): number {
  if (['fixed64', 'sfixed64', 'double'].includes(field.type)) return 1;
  if (['fixed32', 'sfixed32', 'float'].includes(field.type)) return 5;
  if (['string', 'bytes', 'message'].includes(field.type)) return 2;
  return 0;
}

function varint(value: bigint): number[] {
  let rest = BigInt.asUintN(64, value);
  const bytes: number[] = [];
  do {
    let byte = Number(rest & 0x7fn);
    rest >>= 7n;
    if (rest !== 0n) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0n);
  return bytes;
}

function fixed(size: 4 | 8, write: (view: DataView) => void): number[] {
  const view = new DataView(new ArrayBuffer(size));
  write(view);
  return [...new Uint8Array(view.buffer)];
}

function lengthDelimited(body: number[]): number[] {
  return [...varint(BigInt(body.length)), ...body];
}

function encodeValue(field: ProtobufField, value: PayloadValue): number[] {
  const n = value as number;
  switch (field.type) {
    case 'int32':
    case 'int64':
    case 'uint32':
    case 'uint64':
    case 'enum':
      return varint(BigInt(n));
    case 'sint32':
    case 'sint64': {
      const big = BigInt(n);
      return varint((big << 1n) ^ (big >> 63n));
    }
    case 'bool':
      return [value ? 1 : 0];
    case 'fixed32':
      return fixed(4, (view) => view.setUint32(0, n, true));
    case 'sfixed32':
      return fixed(4, (view) => view.setInt32(0, n, true));
    case 'float':
      return fixed(4, (view) => view.setFloat32(0, n, true));
    case 'fixed64':
      return fixed(8, (view) => view.setBigUint64(0, BigInt(n), true));
    case 'sfixed64':
      return fixed(8, (view) => view.setBigInt64(0, BigInt(n), true));
    case 'double':
      return fixed(8, (view) => view.setFloat64(0, n, true));
    case 'string':
      return lengthDelimited([...new TextEncoder().encode(value as string)]);
    case 'bytes':
      return lengthDelimited(
        typeof value === 'string' ? [...new TextEncoder().encode(value)] : (value as number[]),
      );
    case 'message':
      return lengthDelimited(encodeProtobuf(value as PayloadObject, field.fields ?? {}));
  }
}
