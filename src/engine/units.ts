import { decimalOf, decimalToNumber, multiplyDecimals } from './decimal.js';
import { quoteValue } from './quote-value.js';

/** The physical dimensions a scenario quantity can have; each has an SI base unit. */
export type Dimension = 'time' | 'bandwidth' | 'size';

/** Base unit of each dimension, as results report it. */
export const BASE_UNIT: Record<Dimension, string> = {
  time: 's',
  bandwidth: 'bit/s',
  size: 'B',
};

// Each factor is written as a decimal (an integer times a power of ten, as every unit here is),
// so that a quantity converts exactly: see `scaledDecimal`.
const TIME_UNITS: Record<string, string> = {
  ns: '1e-9',
  us: '1e-6',
  µs: '1e-6',
  ms: '1e-3',
  s: '1',
  sec: '1',
  m: '60',
  min: '60',
  h: '3600',
  d: '86400',
  w: '604800',
  y: '31536000',
};

const BANDWIDTH_UNITS: Record<string, string> = {
  bps: '1',
  'bit/s': '1',
  kbps: '1e3',
  Kbps: '1e3',
  'kbit/s': '1e3',
  Mbps: '1e6',
  'Mbit/s': '1e6',
  Gbps: '1e9',
  'Gbit/s': '1e9',
  Tbps: '1e12',
  'Tbit/s': '1e12',
  'B/s': '8',
  'kB/s': '8e3',
  'MB/s': '8e6',
  'GB/s': '8e9',
};

const SIZE_UNITS: Record<string, string> = {
  bit: '125e-3',
  b: '125e-3',
  kbit: '125',
  Mbit: '125e3',
  B: '1',
  kB: '1e3',
  KB: '1e3',
  MB: '1e6',
  GB: '1e9',
  KiB: '1024',
  MiB: '1048576',
  GiB: '1073741824',
};

const UNITS: Record<Dimension, Record<string, string>> = {
  time: TIME_UNITS,
  bandwidth: BANDWIDTH_UNITS,
  size: SIZE_UNITS,
};

/** Units accepted for a dimension, for error messages and docs. */
export function unitsOf(dimension: Dimension): string[] {
  return Object.keys(UNITS[dimension]);
}

const QUANTITY = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([^\s\d.+-][^\s]*)?\s*$/;

/**
 * Result of parsing a quantity: the SI value, or a message saying what was expected. A
 * well-formed quantity that is only out of range (below 0, or 0 where it must be positive) keeps
 * its SI value as `refusedValue`, so that a schema can refuse it and still read the rest.
 */
export type ParsedQuantity =
  | { ok: true; value: number }
  | { ok: false; message: string; refusedValue?: number };

/** Which values a quantity may take besides being finite and of its dimension. */
export interface QuantityBounds {
  /** 0 is refused too (a bandwidth, a timeout); by default 0 is fine and only negatives are refused. */
  positive?: boolean;
}

/**
 * Parses `15ms`, `1Gbps`, `64KiB` or a bare number (already in SI base units) into the SI value
 * of `dimension`. Rejects unknown units, NaN, infinities and negatives, and with
 * `bounds.positive` 0 as well; every message says which values are allowed, the same way for
 * text that is no quantity and for a value out of range (`expected a bandwidth greater than 0`).
 */
export function parseQuantity(
  input: unknown,
  dimension: Dimension,
  bounds: QuantityBounds = {},
): ParsedQuantity {
  const allowed = bounds.positive ? `a ${dimension} greater than 0` : `a non-negative ${dimension}`;
  const expected = `${allowed} such as ${example(dimension)} (a bare number is in ${BASE_UNIT[dimension]})`;
  let value: number;
  if (typeof input === 'number') {
    value = input;
  } else if (typeof input === 'string') {
    const match = QUANTITY.exec(input);
    if (!match) return { ok: false, message: `expected ${expected}, got ${quoteValue(input)}` };
    const unit = match[2];
    const units = UNITS[dimension];
    // Own keys only: 'constructor' or 'toString' are not units.
    const factor = unit === undefined ? '1' : Object.hasOwn(units, unit) ? units[unit] : undefined;
    if (factor === undefined) {
      return {
        ok: false,
        message: `unknown ${dimension} unit ${quoteValue(unit)} in ${quoteValue(input)} (known: ${unitsOf(dimension).join(', ')})`,
      };
    }
    value = scaledDecimal(match[1], factor);
  } else {
    return { ok: false, message: `expected ${expected}, got ${describe(input)}` };
  }
  if (!Number.isFinite(value)) {
    return {
      ok: false,
      message: `expected a finite ${dimension} such as ${example(dimension)}, got ${String(input)}`,
    };
  }
  if (bounds.positive && !(value > 0)) {
    // The value says what is wrong with it, whether 0 or negative: no need to call it negative.
    return { ok: false, message: `expected ${allowed}, got ${String(input)}`, refusedValue: value };
  }
  if (value < 0) {
    return {
      ok: false,
      message: `expected ${expected}, got a negative value ${String(input)}`,
      refusedValue: value,
    };
  }
  return { ok: true, value };
}

/**
 * The unit written in a quantity's text (`KiB` in `64KiB`), or undefined for a bare number or a
 * text that is no quantity at all.
 */
export function unitOf(input: string): string | undefined {
  return QUANTITY.exec(input)?.[2];
}

/** The dimension whose unit `unit` is (`ms`: time, `Mbps`: bandwidth, `KiB`: size), or undefined for none. */
export function dimensionOfUnit(unit: string): Dimension | undefined {
  return (Object.keys(UNITS) as Dimension[]).find((dimension) => Object.hasOwn(UNITS[dimension], unit));
}

/** Like parseQuantity but throws. @throws RangeError with the message of a failed parse. */
export function quantity(input: unknown, dimension: Dimension, bounds: QuantityBounds = {}): number {
  const parsed = parseQuantity(input, dimension, bounds);
  if (!parsed.ok) throw new RangeError(parsed.message);
  return parsed.value;
}

/**
 * `number × factor`, both decimal texts, rounded once to the nearest double: the product of
 * the digits is an exact integer, and `Number` parses a decimal text correctly rounded. So equal
 * quantities give equal values whatever their units (`700ms`, `0.7s` and `0.7` are one double;
 * multiplying by the double 1e-3 gave 0.7000000000000001, so a fault at `700ms` fell after a
 * duration of `0.7s`).
 */
function scaledDecimal(number: string, factor: string): number {
  return decimalToNumber(multiplyDecimals(decimalOf(number), decimalOf(factor)));
}

function example(dimension: Dimension): string {
  return dimension === 'time' ? "'15ms'" : dimension === 'bandwidth' ? "'1Gbps'" : "'1500B'";
}

function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  return typeof input === 'object' ? 'an object' : `${typeof input} ${String(input)}`;
}
