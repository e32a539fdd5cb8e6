import type { Argv, Options } from 'yargs';
import { isSeedOption } from '../report/random-numbers-wording.js';
import { DEFAULT_MAX_EVENTS } from '../scenario/build-simulation.js';
import { quoteOption, quoteValue } from '../scenario/quote-option.js';
import { expects } from './option-values.js';

/** A `--seed` value: a whole number from 0 to 2^53 - 1 (see parseWholeNumber), or undefined. */
export function parseSeed(text: string): number | undefined {
  return parseWholeNumber(text, 0);
}

/** `--max-events`: shared by the commands that simulate. */
export const maxEventsOption: Options = {
  // A string, so that a bad value is quoted as given (yargs would turn 'abc' into NaN).
  type: 'string',
  default: String(DEFAULT_MAX_EVENTS),
  requiresArg: true,
  describe: 'stop a run that executes more events than this (a run far longer than meant)',
};

/**
 * `text` as a whole number of at least `minimum` and at most 2^53 - 1, or undefined when it is
 * not one. The one reading of every count and index option (`--seed`, `--replication`,
 * `--replications`, `--jobs`, `--max-events`): decimal digits only, so no sign, point, exponent or
 * `0x`; blanks around them (a shell quote such as `' 3'`) and leading zeros (`03` is 3, never
 * octal) are allowed.
 */
export function parseWholeNumber(text: string, minimum: number): number | undefined {
  const value = Number(text);
  return /^\s*\d+\s*$/.test(text) && Number.isSafeInteger(value) && value >= minimum ? value : undefined;
}

/**
 * `--replication` of `msgsim run`: which replication's random streams the run draws from, so
 * that replication i of `msgsim compare` or `sweep` can be run alone with its full report.
 */
export const replicationOption: Options = {
  // A string, so that a bad value is quoted as given (yargs would turn 'abc' into NaN).
  type: 'string',
  default: '0',
  requiresArg: true,
  describe:
    'replication index, a whole number: the run draws the random numbers of replication N of ' +
    "msgsim compare or sweep (give the same --seed, and the variant's values as --set)",
};

/** `--replication` as a number, or undefined when it is not a whole number from 0 to 2^53 - 1. */
export function parseReplication(text: string): number | undefined {
  return parseWholeNumber(text, 0);
}

/** Why `--replication` is unusable (given twice, or not a whole number of at least 0), or undefined. */
export function checkReplication(argv: Readonly<Record<string, unknown>>): string | undefined {
  const repeated = checkGivenOnce(argv, ['replication']);
  if (repeated) return repeated;
  const text = String(argv.replication);
  return parseReplication(text) === undefined
    ? `${expects('replication')}, got ${quoteValue(text)}`
    : undefined;
}

/** `--max-events` as a number, or undefined when it is not a whole number of at least 1. */
export function parseMaxEvents(text: string): number | undefined {
  return parseWholeNumber(text, 1);
}

/** Why `--max-events` is unusable, or undefined when it is a whole number of at least 1. */
export function checkMaxEvents(text: string): string | undefined {
  return parseMaxEvents(text) === undefined ? `${expects('max-events')}, got ${quoteValue(text)}` : undefined;
}

/**
 * Why an option that takes one value is unusable because it was given more than once (yargs
 * then parses it into an array), or undefined. `names` are the options as written, dashed.
 */
export function checkGivenOnce(
  argv: Readonly<Record<string, unknown>>,
  names: readonly string[],
): string | undefined {
  return givenMoreThanOnce(argv, names)[0];
}

/** One line per option of `names` given more than once (see checkGivenOnce). */
export function givenMoreThanOnce(
  argv: Readonly<Record<string, unknown>>,
  names: readonly string[],
): string[] {
  return names.flatMap((name) => {
    const value = argv[name];
    if (!Array.isArray(value)) return [];
    const given = value.map((each) => quoteValue(String(each))).join(', ');
    return [`--${name} was given ${value.length} times (${given}); give it once`];
  });
}

/**
 * Problems as a usage error reports them: one per line (main prefixes each with `msgsim: `), or
 * undefined when there is none.
 */
export function usageProblems(problems: readonly string[]): string | undefined {
  return problems.length === 0 ? undefined : problems.join('\n');
}

/** The options `run`, `compare` and `sweep` share, as yargs parses them. */
export interface RunOptionArguments {
  seed?: string;
  out?: string;
  set?: string[];
  maxEvents: string;
}

/**
 * Why the options `run` and `compare` share are unusable, every problem (see usageProblems), or
 * undefined.
 */
export function checkSimulationOptions(argv: RunOptionArguments): string | undefined {
  return usageProblems([...simulationOptionProblems(argv), ...seedSetProblems(argv.seed, argv.set ?? [])]);
}

/** What is wrong with the options `run`, `compare` and `sweep` share, but for --seed beside --set. */
export function simulationOptionProblems(argv: RunOptionArguments): string[] {
  const problems = givenMoreThanOnce(argv as unknown as Record<string, unknown>, [
    'seed',
    'out',
    'max-events',
  ]);
  const given = (value: unknown): value is string => typeof value === 'string';
  if (given(argv.maxEvents)) {
    const badMaxEvents = checkMaxEvents(argv.maxEvents);
    if (badMaxEvents) problems.push(badMaxEvents);
  }
  if (given(argv.seed) && parseSeed(argv.seed) === undefined) {
    problems.push(`${expects('seed')}, got ${quoteValue(argv.seed)}`);
  }
  if (given(argv.out) && argv.out.trim() === '') problems.push(expects('out'));
  return problems;
}

/**
 * Why `--seed` cannot go with `sets` (the `--set` texts): one per --set that sets the scenario's
 * `seed`, which --seed overrides, so that --set would be silently ignored. None when none sets
 * it, or --seed is not given once. Worded as seedVaryProblems words `--vary seed=...`.
 */
export function seedSetProblems(seed: unknown, sets: readonly string[]): string[] {
  if (typeof seed !== 'string') return [];
  // A --set without `=` is no setting at all; loading the scenario says so.
  return sets
    .filter((text) => text.includes('=') && isSeedOption(text))
    .map(
      (setting) =>
        `${quoteOption('--set', setting, 'single')} sets the seed, but ${quoteOption('--seed', seed, 'single')} ` +
        "overrides the scenario's seed, so this --set would be ignored: drop --seed or this --set",
    );
}

/** What the options `run` and `compare` share say in each command's help. */
export interface SimulationOptionTexts {
  out: string;
  set: string;
  quiet: string;
}

/** Adds the options `run` and `compare` share: --seed, --out, --set, --no-charts, --quiet, --max-events. */
export function withSimulationOptions(yargs: Argv, texts: SimulationOptionTexts): Argv {
  // `--no-charts` is an option of its own: yargs' boolean negation is off (see main), so that
  // an unknown `--no-such` is reported as written.
  return yargs
    .option('seed', {
      type: 'string',
      requiresArg: true,
      describe: "master seed, a whole number (overrides the scenario's seed)",
    })
    .option('out', { type: 'string', requiresArg: true, describe: texts.out })
    .option('set', { type: 'string', array: true, nargs: 1, describe: texts.set })
    .option('no-charts', { type: 'boolean', default: false, describe: 'write no PNG charts' })
    .option('quiet', { type: 'boolean', default: false, describe: texts.quiet })
    .option('max-events', maxEventsOption);
}
