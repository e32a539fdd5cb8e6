import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EncodingError, type PayloadObject } from '../../../src/net/encodings/encoding.js';
import { protobufEncoding } from '../../../src/net/encodings/protobuf.js';
import {
  type MessageSchema,
  messageSchema,
  type ProtobufType,
} from '../../../src/net/encodings/protobuf-schema.js';
import { encodeProtobuf, hex } from './protobuf-reference-encoder.js';

const size = (payload: PayloadObject, schema: MessageSchema) => protobufEncoding.sizeOf(payload, { schema });
const one = (type: ProtobufType, number = 1): MessageSchema => ({ v: { number, type } });

/** The size under test, the reference encoder's bytes, and that both agree. */
function bytesOf(payload: PayloadObject, schema: MessageSchema): string {
  const bytes = encodeProtobuf(payload, schema);
  expect(size(payload, schema)).toBe(bytes.length);
  return hex(bytes);
}

function failure(payload: PayloadObject, schema: MessageSchema): EncodingError {
  try {
    size(payload, schema);
  } catch (error) {
    if (error instanceof EncodingError) return error;
    throw error;
  }
  throw new Error('expected an EncodingError');
}

describe('protobuf sizes: the examples of the wire-format specification', () => {
  it('Test1 { int32 a = 1 } with a = 150 is 08 96 01 (3 bytes)', () => {
    expect(bytesOf({ a: 150 }, { a: { number: 1, type: 'int32' } })).toBe('08 96 01');
  });

  it('Test2 { string b = 2 } with "testing" is 12 07 + 7 bytes of text (9 bytes)', () => {
    expect(bytesOf({ b: 'testing' }, { b: { number: 2, type: 'string' } })).toBe(
      '12 07 74 65 73 74 69 6e 67',
    );
  });

  it('Test3 { Test1 c = 3 } nests the 3-byte message behind 1a 03 (5 bytes)', () => {
    const schema: MessageSchema = {
      c: { number: 3, type: 'message', fields: { a: { number: 1, type: 'int32' } } },
    };
    expect(bytesOf({ c: { a: 150 } }, schema)).toBe('1a 03 08 96 01');
  });

  it('packed repeated int32 f = 6 with [3, 270, 86942] is 32 06 03 8e 02 9e a7 05 (8 bytes)', () => {
    const schema: MessageSchema = { f: { number: 6, type: 'int32', repeated: true } };
    expect(bytesOf({ f: [3, 270, 86942] }, schema)).toBe('32 06 03 8e 02 9e a7 05');
    // Field 4 instead of 6 changes the tag byte, not the size.
    expect(size({ f: [3, 270, 86942] }, { f: { number: 4, type: 'int32', repeated: true } })).toBe(8);
  });

  it('Test4 { string d = 4; repeated int32 e = 5 [packed = false] } with "hello", [1, 2, 3] is 13 bytes', () => {
    const schema: MessageSchema = {
      d: { number: 4, type: 'string' },
      e: { number: 5, type: 'int32', repeated: true, packed: false },
    };
    expect(bytesOf({ d: 'hello', e: [1, 2, 3] }, schema)).toBe('22 05 68 65 6c 6c 6f 28 01 28 02 28 03');
    // Packed (the proto3 default) saves two tags: 7 + (1 tag + 1 length + 3 values).
    expect(
      size({ d: 'hello', e: [1, 2, 3] }, { ...schema, e: { number: 5, type: 'int32', repeated: true } }),
    ).toBe(12);
  });

  it('a negative int32 is sign-extended to a 10-byte varint: -2 takes 11 bytes with its tag', () => {
    expect(bytesOf({ v: -2 }, one('int32'))).toBe('08 fe ff ff ff ff ff ff ff ff 01');
    expect(size({ v: -1 }, one('int64'))).toBe(11);
    expect(size({ v: -1 }, one('enum'))).toBe(11);
  });

  it('sint32/sint64 zigzag: -1 → 1, 1 → 2, -2 → 3, and the int32 extremes take 5 bytes', () => {
    expect(bytesOf({ v: -1 }, one('sint32'))).toBe('08 01');
    expect(bytesOf({ v: 1 }, one('sint32'))).toBe('08 02');
    expect(bytesOf({ v: -2 }, one('sint64'))).toBe('08 03');
    expect(bytesOf({ v: 2 ** 31 - 1 }, one('sint32'))).toBe('08 fe ff ff ff 0f');
    expect(bytesOf({ v: -(2 ** 31) }, one('sint32'))).toBe('08 ff ff ff ff 0f');
    expect(size({ v: -64 }, one('sint32'))).toBe(2); // zigzag 127: one byte
    expect(size({ v: 64 }, one('sint32'))).toBe(3); // zigzag 128: two bytes
  });
});

describe('protobuf sizes: varints, tags and fixed widths', () => {
  it('a varint takes one byte per started 7 bits', () => {
    const cases: Array<[number, number]> = [
      [1, 1],
      [127, 1],
      [128, 2],
      [16383, 2],
      [16384, 3],
      [2 ** 21 - 1, 3],
      [2 ** 21, 4],
      [2 ** 32 - 1, 5],
    ];
    for (const [value, bytes] of cases) expect(size({ v: value }, one('uint32'))).toBe(1 + bytes);
    expect(size({ v: Number.MAX_SAFE_INTEGER }, one('uint64'))).toBe(1 + 8); // 53 bits
    expect(size({ v: 2 ** 49 }, one('int64'))).toBe(1 + 8); // 50 bits
    expect(size({ v: 2 ** 49 - 1 }, one('int64'))).toBe(1 + 7); // 49 bits
  });

  it('a tag takes 1 byte for fields 1–15, 2 for 16–2047, 3 from 2048, 5 at the top (2^29 − 1)', () => {
    expect(size({ v: 1 }, one('int32', 15))).toBe(2);
    expect(size({ v: 1 }, one('int32', 16))).toBe(3);
    expect(size({ v: 1 }, one('int32', 2047))).toBe(3);
    expect(size({ v: 1 }, one('int32', 2048))).toBe(4);
    expect(bytesOf({ v: 1 }, one('int32', 2 ** 29 - 1))).toBe('f8 ff ff ff 0f 01');
  });

  it('fixed32, sfixed32 and float take 4 bytes; fixed64, sfixed64 and double 8 (plus the tag)', () => {
    expect(bytesOf({ v: 1 }, one('fixed32'))).toBe('0d 01 00 00 00');
    expect(size({ v: -1 }, one('sfixed32'))).toBe(5);
    expect(bytesOf({ v: 1.5 }, one('float'))).toBe('0d 00 00 c0 3f');
    expect(size({ v: 2 ** 40 }, one('fixed64'))).toBe(9);
    expect(size({ v: -1 }, one('sfixed64'))).toBe(9);
    expect(bytesOf({ v: 1 }, one('double'))).toBe('09 00 00 00 00 00 00 f0 3f');
    expect(bytesOf({ v: true }, one('bool'))).toBe('08 01');
  });

  it('strings count UTF-8 bytes: "é" 2, "€" 3, an emoji 4; bytes take text or 0–255 values', () => {
    expect(bytesOf({ v: 'é' }, one('string'))).toBe('0a 02 c3 a9');
    expect(size({ v: '€' }, one('string'))).toBe(2 + 3);
    expect(size({ v: '😀' }, one('string'))).toBe(2 + 4);
    expect(size({ v: 'x'.repeat(128) }, one('string'))).toBe(1 + 2 + 128); // two-byte length
    expect(bytesOf({ v: [0, 255, 7] }, one('bytes'))).toBe('0a 03 00 ff 07');
    expect(size({ v: 'abc' }, one('bytes'))).toBe(5);
  });
});

describe('protobuf sizes: presence (proto3)', () => {
  it('writes no singular scalar at its default: 0, false, "", empty bytes; null means unset', () => {
    const schema: MessageSchema = {
      n: { number: 1, type: 'int32' },
      b: { number: 2, type: 'bool' },
      s: { number: 3, type: 'string' },
      y: { number: 4, type: 'bytes' },
      d: { number: 5, type: 'double' },
      z: { number: 6, type: 'sint64' },
      u: { number: 7, type: 'uint32' },
    };
    expect(size({ n: 0, b: false, s: '', y: [], d: 0, z: 0, u: null }, schema)).toBe(0);
  });

  it('writes -0.0 (not the default bit pattern) and an empty nested message (explicit presence)', () => {
    expect(bytesOf({ v: -0 }, one('double'))).toBe('09 00 00 00 00 00 00 00 80');
    const schema: MessageSchema = {
      c: { number: 3, type: 'message', fields: { a: { number: 1, type: 'int32' } } },
    };
    expect(bytesOf({ c: {} }, schema)).toBe('1a 00');
    expect(bytesOf({ c: { a: 0 } }, schema)).toBe('1a 00');
  });

  it('writes every value of a repeated field, zeros too; an empty list writes nothing', () => {
    const packed: MessageSchema = { r: { number: 1, type: 'int32', repeated: true } };
    expect(bytesOf({ r: [0, 0] }, packed)).toBe('0a 02 00 00');
    expect(size({ r: [] }, packed)).toBe(0);
    const strings: MessageSchema = { r: { number: 1, type: 'string', repeated: true } };
    expect(bytesOf({ r: ['', 'a'] }, strings)).toBe('0a 00 0a 01 61');
    const messages: MessageSchema = {
      r: { number: 2, type: 'message', repeated: true, fields: { a: { number: 1, type: 'int32' } } },
    };
    expect(bytesOf({ r: [{ a: 1 }, {}] }, messages)).toBe('12 02 08 01 12 00');
  });

  it('the sensor reading of the README: 2 (id) + 10 (name) + 18 (packed doubles) = 30 bytes', () => {
    const schema: MessageSchema = {
      id: { number: 1, type: 'int32' },
      name: { number: 2, type: 'string' },
      readings: { number: 3, type: 'double', repeated: true },
    };
    expect(size({ id: 42, name: 'sensor-7', readings: [20.5, 21.0] }, schema)).toBe(30);
  });
});

describe('protobuf: payloads that do not fit the schema', () => {
  const schema: MessageSchema = {
    id: { number: 1, type: 'int32' },
    name: { number: 2, type: 'string' },
    tags: { number: 3, type: 'uint32', repeated: true },
    inner: { number: 4, type: 'message', fields: { level: { number: 1, type: 'uint32' } } },
    ratio: { number: 5, type: 'float' },
    raw: { number: 6, type: 'bytes' },
  };
  const cases: Array<[string, PayloadObject, Array<string | number>, RegExp]> = [
    [
      'an unknown field',
      { idd: 1 },
      ['idd'],
      /field 'idd' is not in the schema \(known: id, name, tags, inner, ratio, raw\)/,
    ],
    ['text for an int32', { id: '7' }, ['id'], /expected a number \(int32\), got the text "7"/],
    ['a fraction for an int32', { id: 1.5 }, ['id'], /expected an integer \(int32\), got 1.5/],
    ['2^31 for an int32', { id: 2 ** 31 }, ['id'], /2147483648 is out of range for int32/],
    ['a negative uint32 in a list', { tags: [1, -1] }, ['tags', 1], /-1 is out of range for uint32/],
    ['a single value for a repeated field', { tags: 3 }, ['tags'], /expected a list \(repeated uint32\)/],
    ['a list for a singular field', { name: ['a'] }, ['name'], /got a list \(the field is not repeated\)/],
    [
      'a wrong nested type',
      { inner: { level: true } },
      ['inner', 'level'],
      /expected a number \(uint32\), got boolean true/,
    ],
    ['a number for a message', { inner: 3 }, ['inner'], /expected an object \(a message\)/],
    ['a float beyond its range', { ratio: 1e39 }, ['ratio'], /out of range for float/],
    ['a byte above 255', { raw: [1, 256] }, ['raw', 1], /expected a byte value 0–255, got number 256/],
  ];
  for (const [what, payload, path, message] of cases) {
    it(`rejects ${what} at ${path.join('.')}`, () => {
      const error = failure(payload, schema);
      expect(error.path).toEqual(path);
      expect(error.message).toMatch(message);
    });
  }

  it('rejects 64-bit integers a scenario number cannot hold exactly', () => {
    expect(failure({ v: 2 ** 53 }, one('uint64')).message).toMatch(/exact only up to 2\^53/);
  });

  it('needs a schema', () => {
    expect(() => protobufEncoding.sizeOf({ a: 1 })).toThrow(/needs a field schema/);
  });
});

describe('protobuf field schemas', () => {
  const issues = (schema: unknown) => {
    const result = messageSchema.safeParse(schema);
    return result.success
      ? []
      : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('accepts a nested schema', () => {
    expect(
      issues({ a: { number: 1, type: 'message', fields: { b: { number: 1, type: 'string' } } } }),
    ).toEqual([]);
  });

  it('rejects duplicate and reserved numbers, fields on scalars, packing what cannot be packed', () => {
    expect(issues({ a: { number: 1, type: 'int32' }, b: { number: 1, type: 'string' } })).toEqual([
      "b.number: field number 1 is already used by 'a'",
    ]);
    expect(issues({ a: { number: 19500, type: 'int32' } })[0]).toMatch(
      /^a.number: field numbers 19000–19999 are reserved/,
    );
    expect(issues({ a: { number: 2 ** 29, type: 'int32' } })[0]).toMatch(/^a.number:/);
    expect(issues({ a: { number: 1, type: 'message' } })).toEqual([
      'a.fields: a field of type message needs its own fields',
    ]);
    expect(issues({ a: { number: 1, type: 'int32', fields: {} } })).toEqual([
      'a.fields: a int32 field has no fields (only type message)',
    ]);
    expect(issues({ a: { number: 1, type: 'string', repeated: true, packed: true } })[0]).toMatch(
      /cannot be packed/,
    );
    expect(issues({ a: { number: 1, type: 'int32', packed: true } })).toEqual([
      'a.packed: packed applies to repeated fields only',
    ]);
  });
});

describe('protobuf size property', () => {
  const schema: MessageSchema = {
    i32: { number: 1, type: 'int32' },
    i64: { number: 2, type: 'int64' },
    u32: { number: 3, type: 'uint32' },
    s64: { number: 20, type: 'sint64' },
    f: { number: 5, type: 'float' },
    d: { number: 6, type: 'double' },
    text: { number: 7, type: 'string' },
    ok: { number: 8, type: 'bool' },
    packed: { number: 9, type: 'sint32', repeated: true },
    loose: { number: 300, type: 'uint64', repeated: true, packed: false },
    names: { number: 11, type: 'string', repeated: true },
    sub: {
      number: 12,
      type: 'message',
      fields: { e: { number: 1, type: 'enum' }, x: { number: 2, type: 'sfixed64' } },
    },
  };
  const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
  const safe = fc.maxSafeInteger();
  const payload = fc.record(
    {
      i32: int32,
      i64: fc.maxSafeInteger().filter((n) => n >= Number.MIN_SAFE_INTEGER),
      u32: fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((n) => n),
      s64: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
      f: fc.float({ noNaN: true, noDefaultInfinity: true }).map((n) => n),
      d: fc.double({ noNaN: true, noDefaultInfinity: true }),
      text: fc.string({ unit: 'grapheme', maxLength: 200 }),
      ok: fc.boolean(),
      packed: fc.array(int32, { maxLength: 40 }),
      loose: fc.array(
        safe.filter((n) => n >= 0),
        { maxLength: 5 },
      ),
      names: fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }),
      sub: fc.record({ e: int32, x: fc.integer() }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  );

  it('equals the length of the bytes a reference encoder writes', () => {
    fc.assert(
      fc.property(payload, (value) => {
        expect(size(value as PayloadObject, schema)).toBe(
          encodeProtobuf(value as PayloadObject, schema).length,
        );
      }),
      { numRuns: 300 },
    );
  });
});
