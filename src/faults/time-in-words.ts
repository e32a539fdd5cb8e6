import { pickTimeUnit } from '../engine/display-units.js';

/**
 * A time of the scenario for a message: its seconds as given (which the user can compare with
 * other figures exactly), followed by a readable form in the unit the charts' time axes would
 * pick when that is not the second, e.g. "31622400 s (366 d)", "0.0015 s (1.5 ms)", "16 s"
 * (units switch at twice their size past the second: "90 s", not "1.5 min").
 */
export function secondsInWords(seconds: number): string {
  const unit = pickTimeUnit(seconds);
  if (unit.factor === 1) return `${seconds} s`;
  return `${seconds} s (${Number((seconds / unit.factor).toPrecision(6))} ${unit.symbol})`;
}
