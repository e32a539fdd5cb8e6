import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8ByteLength } from '../../../src/net/encodings/utf8.js';

describe('utf8ByteLength', () => {
  it('counts 1, 2, 3 and 4 bytes per code point by range', () => {
    expect(utf8ByteLength('')).toBe(0);
    expect(utf8ByteLength('a~\u007f')).toBe(3);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('\u07ff')).toBe(2);
    expect(utf8ByteLength('\u0800')).toBe(3);
    expect(utf8ByteLength('€')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4); // two UTF-16 units, one code point
    expect(utf8ByteLength('Genève €5 😀')).toBe(1 + 1 + 1 + 2 + 1 + 1 + 1 + 3 + 1 + 1 + 4);
  });

  it('counts a lone surrogate as the 3-byte replacement character', () => {
    expect(utf8ByteLength('\ud83d')).toBe(3);
    expect(utf8ByteLength('\ude00x')).toBe(4);
  });

  it("agrees with Node's encoder on any sequence of UTF-16 units", () => {
    const units = fc
      .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 })
      .map((codes) => String.fromCharCode(...codes));
    const text = fc.oneof(units, fc.string({ unit: 'binary', maxLength: 40 }));
    fc.assert(
      fc.property(text, (value) => {
        expect(utf8ByteLength(value)).toBe(Buffer.byteLength(value, 'utf8'));
      }),
      { numRuns: 500 },
    );
  });
});
