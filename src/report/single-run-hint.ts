/** What `msgsim compare` and `sweep` print under their table: how to see one of their runs in full. */
import { type RunInputs, runCommandLine } from './run-command-line.js';
import { wrapText } from './sweep-theory.js';

/** One run of a study, to show as an example of running a replication alone. */
export interface SingleRunExample {
  /** What one variant is called: `variant`, `point`. */
  noun: string;
  /** The variant's label: `loss=0.1`. */
  label: string;
  /** Replications per variant in the study. */
  replications: number;
  /**
   * True when the variants vary the seed itself (`--vary seed=3,7`): each has its own, which its
   * values as --set give, so there is no one seed to share.
   */
  ownSeeds?: boolean;
  /** The example run: the study's file, the run's seed and replication, the --set and the variant's overrides. */
  run: RunInputs;
}

/**
 * Lines saying that replication i of a variant can be run alone with `msgsim run`, with its
 * summary.json (figures identical to the study's) and report.html, then the example's command,
 * unwrapped so that it can be copied whole.
 */
export function singleRunHint(example: SingleRunExample): string[] {
  const { noun, label, replications, run } = example;
  const indexes = replications === 1 ? 'only 0 here' : `0 to ${replications - 1}`;
  const how = example.ownSeeds
    ? `with --replication i (${indexes}) and the ${noun}'s values as --set, its own seed among them; `
    : `with the same seed, --replication i (${indexes}) and the ${noun}'s values as --set; `;
  const text =
    `replication i of a ${noun} alone, with its summary.json (the same figures) and report.html: msgsim run ` +
    `${how}for ${noun} ${label}, replication ${run.replication}:`;
  return [...wrapText(text, 110, '  '), `    ${runCommandLine(run)}`];
}
