/**
 * Exact decimal numbers, `digits × 10^exponent`, for the few places where a decimal text must be
 * computed on without the rounding of binary floats: unit conversion (`700ms` is the double 0.7)
 * and ranges of values (`0:0.3:0.1` gives 0.3, not 0.30000000000000004).
 */

/** A decimal number as `digits × 10^exponent`, exactly. */
export interface Decimal {
  digits: bigint;
  exponent: number;
}

const LOOSE_DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A number in decimal notation: `12`, `-0.5`, `.25`, `1e-3`; nothing else (no hex, no Infinity). */
const DECIMAL_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Exponents past this are far outside what a double holds (and would make huge BigInts). */
const LARGEST_EXPONENT = 400;

/**
 * The decimal a text already known to be a number in decimal notation stands for (the caller
 * matched it); a text that is not one reads as 0.
 */
export function decimalOf(text: string): Decimal {
  const [, sign, whole, fraction = '', exponent = '0'] = LOOSE_DECIMAL.exec(text) ?? [];
  const digits = BigInt(`${sign}${whole}${fraction}` || '0');
  return { digits, exponent: Number(exponent) - fraction.length };
}

/**
 * `text` as a decimal, or undefined when it is not a number in decimal notation or its exponent
 * is beyond what a double can hold (|exponent| above 400).
 */
export function parseDecimal(text: string): Decimal | undefined {
  const trimmed = text.trim();
  if (!DECIMAL_NUMBER.test(trimmed)) return undefined;
  const decimal = decimalOf(trimmed);
  if (Math.abs(decimal.exponent) > LARGEST_EXPONENT) return undefined;
  return decimal;
}

/** a × b, exactly. */
export function multiplyDecimals(a: Decimal, b: Decimal): Decimal {
  return { digits: a.digits * b.digits, exponent: a.exponent + b.exponent };
}

/** The value of `decimal` rounded once to the nearest double (Number parses decimal text correctly rounded). */
export function decimalToNumber(decimal: Decimal): number {
  return Number(`${decimal.digits}e${decimal.exponent}`);
}

/** The decimals' digits, all scaled to their smallest exponent, so that they add and compare as integers. */
export function alignDecimals(decimals: readonly Decimal[]): { integers: bigint[]; exponent: number } {
  const exponent = Math.min(...decimals.map((decimal) => decimal.exponent));
  return {
    integers: decimals.map((decimal) => decimal.digits * 10n ** BigInt(decimal.exponent - exponent)),
    exponent,
  };
}

/**
 * The shortest plain decimal text of `digits × 10^exponent` (`0.15`, `250`, `-3`): no exponent
 * and no trailing zeros after the point, except for magnitudes with more than 15 zeros before
 * or after the digits, written `1.5e-20`.
 */
export function formatDecimal(decimal: Decimal): string {
  let { digits, exponent } = decimal;
  if (digits === 0n) return '0';
  while (digits % 10n === 0n) {
    digits /= 10n;
    exponent++;
  }
  const negative = digits < 0n;
  const text = (negative ? -digits : digits).toString();
  const sign = negative ? '-' : '';
  if (exponent >= 0) {
    return exponent > 15 ? `${sign}${scientific(text, exponent)}` : `${sign}${text}${'0'.repeat(exponent)}`;
  }
  const pointAt = text.length + exponent;
  if (pointAt > 0) return `${sign}${text.slice(0, pointAt)}.${text.slice(pointAt)}`;
  return -pointAt > 15 ? `${sign}${scientific(text, exponent)}` : `${sign}0.${'0'.repeat(-pointAt)}${text}`;
}

/** `text × 10^exponent` as `d.ddde±x`. */
function scientific(text: string, exponent: number): string {
  const mantissa = text.length === 1 ? text : `${text[0]}.${text.slice(1)}`;
  return `${mantissa}e${exponent + text.length - 1}`;
}
