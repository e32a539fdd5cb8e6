/** The `msgsim run` command line that gives one run again, as the report and compare/sweep print it. */
import { isSeedOption } from './random-numbers-wording.js';

/** `word` as one shell word: as it is when plain, else in single quotes. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** What makes a run: everything its summary.json depends on, as the command line gives it. */
export interface RunInputs {
  /** The scenario file as named on the command line. */
  scenarioFile: string;
  seed: number;
  /** The replication index; 0, the default, is left out of the command. */
  replication: number;
  /** The `--set` overrides, in the order applied. */
  overrides: readonly string[];
  /** False for a run made with `--no-charts` (default true). */
  charts?: boolean;
  /** A `--max-events` to repeat (only when the run needs it); undefined leaves the default. */
  maxEvents?: number;
}

/**
 * `msgsim run FILE --seed S [--replication N] [--set ...] [--no-charts] [--max-events N]`,
 * each word quoted for a POSIX shell where it needs it. The seed is always given, so that the
 * command does not depend on the seed the file holds at the time it is run again: by `--seed`,
 * unless an override sets the seed (`--set seed=4`, which gave the run its seed; msgsim run
 * refuses `--seed` beside it).
 */
export function runCommandLine(inputs: RunInputs): string {
  const words = ['msgsim', 'run', shellWord(inputs.scenarioFile)];
  if (!inputs.overrides.some(isSeedOption)) words.push('--seed', String(inputs.seed));
  if (inputs.replication !== 0) words.push('--replication', String(inputs.replication));
  for (const override of inputs.overrides) words.push('--set', shellWord(override));
  if (inputs.charts === false) words.push('--no-charts');
  if (inputs.maxEvents !== undefined) words.push('--max-events', String(inputs.maxEvents));
  return words.join(' ');
}
