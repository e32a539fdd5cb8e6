/** The physical dimensions a scenario quantity can have; each has an SI base unit. */
export type Dimension = 'time' | 'bandwidth' | 'size';

/** Base unit of each dimension, as results report it. */
export const BASE_UNIT: Record<Dimension, string> = {
  time: 's',
  bandwidth: 'bit/s',
  size: 'B',
};

const TIME_UNITS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  sec: 1,
  m: 60,
  min: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  y: 365 * 86400,
};

const BANDWIDTH_UNITS: Record<string, number> = {
  bps: 1,
  'bit/s': 1,
  kbps: 1e3,
  Kbps: 1e3,
  'kbit/s': 1e3,
  Mbps: 1e6,
  'Mbit/s': 1e6,
  Gbps: 1e9,
  'Gbit/s': 1e9,
  Tbps: 1e12,
  'Tbit/s': 1e12,
  'B/s': 8,
  'kB/s': 8e3,
  'MB/s': 8e6,
  'GB/s': 8e9,
};

const SIZE_UNITS: Record<string, number> = {
  bit: 1 / 8,
  b: 1 / 8,
  kbit: 1e3 / 8,
  Mbit: 1e6 / 8,
  B: 1,
  kB: 1e3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
};

const UNITS: Record<Dimension, Record<string, number>> = {
  time: TIME_UNITS,
  bandwidth: BANDWIDTH_UNITS,
  size: SIZE_UNITS,
};

/** Units accepted for a dimension, for error messages and docs. */
export function unitsOf(dimension: Dimension): string[] {
  return Object.keys(UNITS[dimension]);
}

const QUANTITY = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([^\s\d.+-][^\s]*)?\s*$/;

/** Result of parsing a quantity: the SI value or a message saying what was expected. */
export type ParsedQuantity = { ok: true; value: number } | { ok: false; message: string };

/**
 * Parses `15ms`, `1Gbps`, `64KiB` or a bare number (already in SI base units) into the SI value
 * of `dimension`. Rejects unknown units, negatives, NaN and infinities.
 */
export function parseQuantity(input: unknown, dimension: Dimension): ParsedQuantity {
  const expected = `a non-negative ${dimension} such as ${example(dimension)} (a bare number is in ${BASE_UNIT[dimension]})`;
  let value: number;
  if (typeof input === 'number') {
    value = input;
  } else if (typeof input === 'string') {
    const match = QUANTITY.exec(input);
    if (!match) return { ok: false, message: `expected ${expected}, got '${input}'` };
    const unit = match[2];
    const factor = unit === undefined ? 1 : UNITS[dimension][unit];
    if (factor === undefined) {
      return {
        ok: false,
        message: `unknown ${dimension} unit '${unit}' in '${input}' (known: ${unitsOf(dimension).join(', ')})`,
      };
    }
    value = Number(match[1]) * factor;
  } else {
    return { ok: false, message: `expected ${expected}, got ${describe(input)}` };
  }
  if (!Number.isFinite(value)) return { ok: false, message: `expected ${expected}, got ${String(input)}` };
  if (value < 0) return { ok: false, message: `expected ${expected}, got a negative value ${String(input)}` };
  return { ok: true, value };
}

/** Like parseQuantity but throws. @throws RangeError with the message of a failed parse. */
export function quantity(input: unknown, dimension: Dimension): number {
  const parsed = parseQuantity(input, dimension);
  if (!parsed.ok) throw new RangeError(parsed.message);
  return parsed.value;
}

function example(dimension: Dimension): string {
  return dimension === 'time' ? "'15ms'" : dimension === 'bandwidth' ? "'1Gbps'" : "'1500B'";
}

function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  return typeof input === 'object' ? 'an object' : `${typeof input} ${String(input)}`;
}
