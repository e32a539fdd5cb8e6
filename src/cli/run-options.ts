import type { Options } from 'yargs';
import { DEFAULT_MAX_EVENTS } from '../scenario/build-simulation.js';

/** A `--seed` value: a whole number from 0 to 2^53 - 1, or undefined when it is not one. */
export function parseSeed(text: string): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const seed = Number(text);
  return Number.isSafeInteger(seed) ? seed : undefined;
}

/** `--max-events`: shared by the commands that simulate. */
export const maxEventsOption: Options = {
  // A string, so that a bad value is quoted as given (yargs would turn 'abc' into NaN).
  type: 'string',
  default: String(DEFAULT_MAX_EVENTS),
  requiresArg: true,
  describe: 'stop a run that executes more events than this (a run far longer than meant)',
};

/** `--max-events` as a number, or undefined when it is not a whole number of at least 1. */
export function parseMaxEvents(text: string): number | undefined {
  const value = Number(text);
  return /^\s*\d+\s*$/.test(text) && Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

/** Why `--max-events` is unusable, or undefined when it is a whole number of at least 1. */
export function checkMaxEvents(text: string): string | undefined {
  return parseMaxEvents(text) === undefined
    ? `--max-events expects a whole number of at least 1, got '${text}'`
    : undefined;
}
