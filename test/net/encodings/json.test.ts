import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PayloadObject } from '../../../src/net/encodings/encoding.js';
import { jsonEncoding } from '../../../src/net/encodings/json.js';

const size = (payload: PayloadObject) => jsonEncoding.sizeOf(payload);

describe('json sizes', () => {
  it('counts the compact text byte by byte', () => {
    // {"id":42,"name":"sensor-7","readings":[20.5,21]}: 1 + 8 + 18 + 20 + 1
    expect(size({ id: 42, name: 'sensor-7', readings: [20.5, 21.0] })).toBe(48);
    expect(size({})).toBe(2);
    expect(size({ a: null, b: true, c: [], d: {} })).toBe('{"a":null,"b":true,"c":[],"d":{}}'.length);
  });

  it('counts UTF-8 bytes, not characters: é 2, € 3, an emoji 4', () => {
    expect(size({ a: 'é' })).toBe(8 + 2); // {"a":""} is 8 bytes
    expect(size({ a: '€' })).toBe(8 + 3);
    expect(size({ a: '😀' })).toBe(8 + 4);
    expect(size({ clé: 1 })).toBe('{"cl":1}'.length + 2);
  });

  it('counts escapes as written: \\" 2 bytes, \\n 2, \\u0001 6', () => {
    expect(size({ q: 'a"b' })).toBe(8 + 4);
    expect(size({ q: 'a\nb' })).toBe(8 + 4);
    expect(size({ q: '\u0001' })).toBe(8 + 6);
  });

  it('writes numbers as JavaScript does: 21.0 → 21, 1e21 → 1e+21, -0 → 0', () => {
    expect(size({ n: 21.0 })).toBe('{"n":21}'.length);
    expect(size({ n: 1e21 })).toBe('{"n":1e+21}'.length);
    expect(size({ n: -0 })).toBe('{"n":0}'.length);
  });

  it("agrees with Node's byte count of the stringified payload", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (payload) => {
        expect(size(payload as PayloadObject)).toBe(Buffer.byteLength(JSON.stringify(payload), 'utf8'));
      }),
      { numRuns: 200 },
    );
  });
});
