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
  type: 'number',
  default: DEFAULT_MAX_EVENTS,
  requiresArg: true,
  describe: 'stop a run that executes more events than this (a run far longer than meant)',
};

/** Why `--max-events` is unusable, or undefined when it is a whole number of at least 1. */
export function checkMaxEvents(value: number): string | undefined {
  return Number.isSafeInteger(value) && value >= 1
    ? undefined
    : `--max-events expects a whole number of at least 1, got '${value}'`;
}
