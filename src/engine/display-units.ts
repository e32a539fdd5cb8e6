/**
 * Units a quantity is shown in, picked by magnitude: shared by the reports (terminal summary,
 * charts) and by the messages of lower layers (fault checks), which may not import the reports.
 */

/** A display unit: its symbol and how many SI base units one of it is. */
export interface DisplayUnit {
  symbol: string;
  /** Size of one display unit in SI base units (e.g. 1e-3 for ms). */
  factor: number;
}

/** Sub-second units, used for latencies and other short durations. */
export const SHORT_TIME_UNITS: readonly DisplayUnit[] = [
  { symbol: 'ns', factor: 1e-9 },
  { symbol: 'µs', factor: 1e-6 },
  { symbol: 'ms', factor: 1e-3 },
  { symbol: 's', factor: 1 },
];

/** Units beyond the second, used for simulated time and availability periods (MTTF of years). */
export const LONG_TIME_UNITS: readonly DisplayUnit[] = [
  { symbol: 'min', factor: 60 },
  { symbol: 'h', factor: 3600 },
  { symbol: 'd', factor: 86400 },
];

/** Years of 365 days, as the scenario unit `y`: availability studies run for decades. */
const YEAR: DisplayUnit = { symbol: 'y', factor: 365 * 86400 };

/**
 * Picks the largest unit in which `magnitude` (SI base units) is at least 1, falling back to the
 * smallest unit; `units` must be sorted by increasing factor.
 */
export function pickUnit(magnitude: number, units: readonly DisplayUnit[]): DisplayUnit {
  let chosen = units[0];
  for (const unit of units) {
    if (magnitude >= unit.factor) chosen = unit;
  }
  return chosen;
}

/**
 * Chooses the time unit of an axis running up to `maxSeconds`: ns, µs, ms or s below 120 s, then
 * min below 2 h, h below 2 days, d below 2 years (of 365 days), else y. Switching at twice the
 * unit keeps tick labels readable ("0 to 90 s", not "0 to 1.5 min").
 */
export function pickTimeUnit(maxSeconds: number): DisplayUnit {
  const magnitude = Math.abs(maxSeconds);
  if (!Number.isFinite(magnitude) || magnitude === 0) return SHORT_TIME_UNITS[3];
  if (magnitude < 120) return pickUnit(magnitude, SHORT_TIME_UNITS);
  if (magnitude < 7200) return LONG_TIME_UNITS[0];
  if (magnitude < 172800) return LONG_TIME_UNITS[1];
  if (magnitude < 2 * YEAR.factor) return LONG_TIME_UNITS[2];
  return YEAR;
}

/**
 * A simulated time for a message, in seconds to 9 significant digits ("435.41632", not
 * "435.41632000003693"): enough to find the moment in a trace, without the float's noise.
 */
export function secondsInText(seconds: number): string {
  return String(Number(seconds.toPrecision(9)));
}
