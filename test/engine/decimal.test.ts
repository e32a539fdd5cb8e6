import { describe, expect, it } from 'vitest';
import { alignDecimals, decimalToNumber, formatDecimal, parseDecimal } from '../../src/engine/decimal.js';

const formatted = (text: string) => formatDecimal(parseDecimal(text)!);

describe('decimals', () => {
  it('read decimal notation only', () => {
    expect(parseDecimal('0.15')).toEqual({ digits: 15n, exponent: -2 });
    expect(parseDecimal(' -1.5e3 ')).toEqual({ digits: -15n, exponent: 2 });
    expect(parseDecimal('.5')).toEqual({ digits: 5n, exponent: -1 });
    for (const text of ['0x10', 'Infinity', 'NaN', '1e', '', '1.2.3', '1e401', '5ms']) {
      expect(parseDecimal(text), text).toBeUndefined();
    }
  });

  it('write the shortest plain text, with an exponent past 15 zeros', () => {
    expect(formatted('0.150')).toBe('0.15');
    expect(formatted('2.5e2')).toBe('250');
    expect(formatted('-3')).toBe('-3');
    expect(formatted('-0.0')).toBe('0');
    expect(formatted('12.5e-3')).toBe('0.0125');
    expect(formatted('1e15')).toBe('1000000000000000');
    expect(formatted('1.5e16')).toBe('15000000000000000');
    expect(formatted('1.5e17')).toBe('1.5e17');
    expect(formatted('-2.5e-20')).toBe('-2.5e-20');
  });

  it('align to the smallest exponent, and round once to a double', () => {
    expect(alignDecimals([parseDecimal('0.1')!, parseDecimal('2')!, parseDecimal('0.05')!])).toEqual({
      integers: [10n, 200n, 5n],
      exponent: -2,
    });
    // 3 × 0.1 in decimals is the double 0.3, where 0.1 + 0.1 + 0.1 is not.
    expect(decimalToNumber({ digits: 3n, exponent: -1 })).toBe(0.3);
  });
});
