/**
 * Number formatting shared by the terminal summary and the charts: significant digits that keep
 * trailing zeros (so the precision shown is the precision meant), and units picked by magnitude.
 */

import { type DisplayUnit, LONG_TIME_UNITS, pickUnit, SHORT_TIME_UNITS } from '../engine/display-units.js';

export { type DisplayUnit, pickTimeUnit } from '../engine/display-units.js';

const BIT_UNITS: readonly DisplayUnit[] = [
  { symbol: 'bit', factor: 1 },
  { symbol: 'kbit', factor: 1e3 },
  { symbol: 'Mbit', factor: 1e6 },
  { symbol: 'Gbit', factor: 1e9 },
  { symbol: 'Tbit', factor: 1e12 },
];

const BIT_RATE_UNITS: readonly DisplayUnit[] = BIT_UNITS.map((unit) => ({
  symbol: `${unit.symbol}/s`,
  factor: unit.factor,
}));

/**
 * Formats `value` with `digits` significant digits, keeping trailing zeros ("30.0000"): plain
 * notation from 1e-4 ("0.000266596") up to 10^digits; exponent notation below 1e-4
 * ("8.00000e-6"); whole numbers from 10^digits up (more digits, never fewer). Zero prints as "0",
 * non-finite values as String(value).
 */
export function formatSignificant(value: number, digits = 6): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  // toPrecision would print 1234567 as "1.23457e+6", hiding digits a reader can compare.
  const magnitude = Math.abs(value);
  if (magnitude >= 10 ** digits) return String(Math.round(value));
  // Below 1e-4 the leading zeros outnumber the digits that matter ("0.00000800000").
  if (magnitude < 1e-4) return value.toExponential(digits - 1);
  return value.toPrecision(digits);
}

/** Chooses bit/s, kbit/s, Mbit/s, Gbit/s or Tbit/s (SI, powers of 1000) for `bitsPerSecond`. */
export function pickBitRateUnit(bitsPerSecond: number): DisplayUnit {
  const magnitude = Math.abs(bitsPerSecond);
  if (!Number.isFinite(magnitude) || magnitude === 0) return BIT_RATE_UNITS[0];
  return pickUnit(magnitude, BIT_RATE_UNITS);
}

const MESSAGE_RATE_UNITS: readonly DisplayUnit[] = [
  { symbol: 'messages/d', factor: 1 / 86400 },
  { symbol: 'messages/h', factor: 1 / 3600 },
  { symbol: 'messages/min', factor: 1 / 60 },
  { symbol: 'messages/s', factor: 1 },
];

/**
 * Chooses messages/s, /min, /h or /d for a rate axis peaking at `perSecond`: the largest unit in
 * which the peak is at least 1, so a run of rare requests does not read "5.0000000E-6".
 */
export function pickMessageRateUnit(perSecond: number): DisplayUnit {
  const magnitude = Math.abs(perSecond);
  if (!Number.isFinite(magnitude) || magnitude === 0 || magnitude >= 1) return MESSAGE_RATE_UNITS[3];
  return pickUnit(magnitude, MESSAGE_RATE_UNITS);
}

/**
 * Formats a duration given in seconds in the largest unit (ns, µs, ms, s, min, h, d) of which it
 * is at least one, with `digits` significant digits: `formatSeconds(0.030008)` → "30.0080 ms",
 * `formatSeconds(3600)` → "1.00000 h". Zero prints as "0 s"; non-finite values as String(value)
 * followed by " s".
 */
export function formatSeconds(seconds: number, digits = 6): string {
  return formatInUnits(seconds, TIME_UNITS, digits);
}

const TIME_UNITS: readonly DisplayUnit[] = [...SHORT_TIME_UNITS, ...LONG_TIME_UNITS];

/**
 * `value` in the unit of `units` picked by its magnitude, with `digits` significant digits; zero
 * and non-finite values as they are, in the base unit (the one of factor 1).
 */
function formatInUnits(value: number, units: readonly DisplayUnit[], digits: number): string {
  if (!Number.isFinite(value) || value === 0) {
    const base = units.find((unit) => unit.factor === 1) ?? units[0];
    return `${String(value)} ${base.symbol}`;
  }
  const unit = pickUnit(Math.abs(value), units);
  return `${formatSignificant(value / unit.factor, digits)} ${unit.symbol}`;
}

/**
 * Formats a bit rate in bits/s with an SI prefix picked by magnitude and `digits` significant
 * digits, e.g. `formatBitsPerSecond(266596)` → "266.596 kbit/s". Zero prints as "0 bit/s".
 */
export function formatBitsPerSecond(bitsPerSecond: number, digits = 6): string {
  return formatInUnits(bitsPerSecond, BIT_RATE_UNITS, digits);
}

/**
 * Formats an amount of bits with an SI prefix picked by magnitude and `digits` significant
 * digits, e.g. `formatBits(160000)` → "160.000 kbit". Zero prints as "0 bit".
 */
export function formatBits(bits: number, digits = 6): string {
  return formatInUnits(bits, BIT_UNITS, digits);
}

/** An amount of bits (formatBits) or "n/a" when there is none (an empty measurement interval). */
export function formatBitsOrNone(bits: number | null, digits = 6): string {
  return bits === null ? 'n/a' : formatBits(bits, digits);
}

/** A bit rate (formatBitsPerSecond) or "n/a" when there is none (an empty measurement interval). */
export function formatBitsPerSecondOrNone(bitsPerSecond: number | null, digits = 6): string {
  return bitsPerSecond === null ? 'n/a' : formatBitsPerSecond(bitsPerSecond, digits);
}

/** A rate with its unit ("33.3244 messages/s"), or "n/a" when there is none (an empty measurement interval). */
export function formatRateOrNone(perSecond: number | null, unit: string, digits = 6): string {
  return perSecond === null ? 'n/a' : `${formatSignificant(perSecond, digits)} ${unit}`;
}

/** A plain figure (formatSignificant) or "n/a" when there is none (an empty measurement interval). */
export function formatSignificantOrNone(value: number | null, digits = 6): string {
  return value === null ? 'n/a' : formatSignificant(value, digits);
}

/** A duration (formatSeconds) or "n/a" when there is none (no messages, no completed period). */
export function formatSecondsOrNone(seconds: number | null, digits = 6): string {
  return seconds === null ? 'n/a' : formatSeconds(seconds, digits);
}

/**
 * A measurement interval for `N / t`: in seconds from 1 s up (3600.50 s, not 1.00014 h), so the
 * division can be checked against a rate per second; shorter ones in the unit that fits.
 */
export function formatIntervalSeconds(seconds: number): string {
  return Math.abs(seconds) >= 1 ? `${formatSignificant(seconds)} s` : formatSeconds(seconds);
}

/**
 * The ends of a measurement interval in one unit, the one formatIntervalSeconds gives the later
 * end ("10.0000 s to 60.0000 s", "0 ms to 30.0080 ms"), so the two read against each other.
 */
export function formatIntervalEnds(from: number, to: number): string {
  const latest = Math.max(Math.abs(from), Math.abs(to));
  const unit: DisplayUnit =
    !Number.isFinite(latest) || latest === 0 || latest >= 1
      ? { symbol: 's', factor: 1 }
      : pickUnit(latest, SHORT_TIME_UNITS);
  const end = (seconds: number) => `${formatSignificant(seconds / unit.factor)} ${unit.symbol}`;
  return `${end(from)} to ${end(to)}`;
}

/**
 * "T = N / t = 1000 / 30.0080 s = 33.3244 messages/s": N exact, t (formatIntervalSeconds) and the
 * rate to 6 significant digits; over an empty interval (t = 0, where the summary's rate is null)
 * the rate reads "undefined (t = 0)".
 */
export function formatRateEquation(
  count: number,
  intervalSeconds: number,
  rate: number | null,
  unit: string,
): string {
  const rateText =
    intervalSeconds > 0 && rate !== null ? `${formatSignificant(rate)} ${unit}` : 'undefined (t = 0)';
  return `T = N / t = ${count} / ${formatIntervalSeconds(intervalSeconds)} = ${rateText}`;
}

/** "reason 3, other 2" (counts of zero left out), or "none" when nothing was counted. */
export function formatReasons(byReason: Record<string, number>): string {
  const entries = Object.entries(byReason).filter(([, count]) => count !== 0);
  return entries.length === 0 ? 'none' : entries.map(([reason, count]) => `${reason} ${count}`).join(', ');
}

/**
 * `value` by `format`, followed by its 95% interval when there is one:
 * "0.952258 (95% CI 0.951367 to 0.953150)".
 */
export function formatWithInterval(
  value: number,
  ci: readonly [number, number] | null | undefined,
  format: (value: number) => string,
): string {
  return ci ? `${format(value)} (95% CI ${format(ci[0])} to ${format(ci[1])})` : format(value);
}
