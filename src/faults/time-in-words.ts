/** A unit a time is shown in besides seconds, and how many seconds one of it is. */
interface TimeUnit {
  symbol: string;
  seconds: number;
}

const SUBSECOND: readonly TimeUnit[] = [
  { symbol: 'ns', seconds: 1e-9 },
  { symbol: 'µs', seconds: 1e-6 },
  { symbol: 'ms', seconds: 1e-3 },
];
const MINUTE: TimeUnit = { symbol: 'min', seconds: 60 };
const HOUR: TimeUnit = { symbol: 'h', seconds: 3600 };
const DAY: TimeUnit = { symbol: 'd', seconds: 86400 };
/** 365 days, as the scenario unit `y`. */
const YEAR: TimeUnit = { symbol: 'y', seconds: 365 * 86400 };

/**
 * A time of the scenario for a message: its seconds as given (which the user can compare with
 * other figures exactly), followed by a readable form when seconds are not one, e.g.
 * "31622400 s (366 d)", "0.0015 s (1.5 ms)", "16 s". Units switch at twice their size past
 * the second ("90 s", not "1.5 min"), as the charts' time axes do.
 */
export function secondsInWords(seconds: number): string {
  const unit = readableUnit(Math.abs(seconds));
  if (!unit) return `${seconds} s`;
  return `${seconds} s (${Number((seconds / unit.seconds).toPrecision(6))} ${unit.symbol})`;
}

function readableUnit(magnitude: number): TimeUnit | undefined {
  if (!Number.isFinite(magnitude) || magnitude === 0 || (magnitude >= 1 && magnitude < 120)) return undefined;
  if (magnitude < 1)
    return [...SUBSECOND].reverse().find((unit) => magnitude >= unit.seconds) ?? SUBSECOND[0];
  if (magnitude < 2 * HOUR.seconds) return MINUTE;
  if (magnitude < 2 * DAY.seconds) return HOUR;
  if (magnitude < 2 * YEAR.seconds) return DAY;
  return YEAR;
}
