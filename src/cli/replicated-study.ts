/**
 * What `msgsim compare` and `msgsim sweep` share: their options beside the ones that make the
 * variants, and the run itself (plan, check the output folder, run every replication with a
 * progress line each, summarise, write, print).
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Argv } from 'yargs';
import { runIntervalReason } from '../metrics/compare.js';
import type { Summary } from '../metrics/summary.js';
import { formatRateOrNone } from '../report/format-numbers.js';
import { checkOutputFolder } from '../report/output-folder.js';
import { isSeedOption, isSeedPath } from '../report/random-numbers-wording.js';
import { singleRunHint } from '../report/single-run-hint.js';
import { DEFAULT_MAX_EVENTS } from '../scenario/build-simulation.js';
import { quoteOption, quoteValue } from '../scenario/quote-option.js';
import { createRegistries, type Registries } from '../scenario/registries.js';
import { runReplications } from '../scenario/run-replications.js';
import { overridesOfRun, type VariantPlan } from '../scenario/variant-plan.js';
import { type CliIo, EXIT } from './main.js';
import { expects, MAX_REPLICATIONS } from './option-values.js';
import { reportRunError } from './run-errors.js';
import {
  givenMoreThanOnce,
  parseMaxEvents,
  parseSeed,
  parseWholeNumber,
  type RunOptionArguments,
  seedSetProblems,
  simulationOptionProblems,
  usageProblems,
  withSimulationOptions,
} from './run-options.js';
import { lenient, undeclaredArgumentProblems } from './undeclared-arguments.js';
import { nameVaryProblems } from './varied-name.js';

/** The options compare and sweep share, as yargs parses them. */
export interface ReplicatedArguments extends RunOptionArguments {
  file: string;
  replications: string;
  jobs?: string;
  set?: string[];
  noCharts: boolean;
  quiet: boolean;
}

/**
 * Adds the shared options: the scenario file, those of `run` (withSimulationOptions),
 * `--replications` and `--jobs`. `noun` is what one variant is called (`variant`, `point`).
 */
export function withReplicatedOptions(yargs: Argv, command: 'compare' | 'sweep', noun: string): Argv {
  return withSimulationOptions(lenient(yargs), {
    out: `output folder (default output/<scenario name>/${command})`,
    set: `override a scenario value in every ${noun} (repeatable), before varying`,
    quiet: 'print only the output folder (no table, no progress)',
  })
    .positional('file', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
    .option('replications', {
      // Strings, so that a bad value is quoted as given (yargs would turn 'abc' into NaN).
      type: 'string',
      default: '5',
      requiresArg: true,
      describe: `runs per ${noun}; replication i of every ${noun} shares its random numbers`,
    })
    .option('jobs', {
      type: 'string',
      requiresArg: true,
      describe: `runs at once in worker threads (default: the cores available, here ${availableParallelism()}; 1 runs in-process)`,
    });
}

/** The options that make a study's variants, for the check of --seed beside them. */
export interface VaryingOptions {
  /** Their texts, as given. */
  texts: readonly string[];
  option: '--vary' | '--param';
  /** What one variant is called: `variant`, `point`. */
  noun: string;
}

/**
 * The arguments compare or sweep does not declare (see undeclaredArgumentProblems; `options` is
 * what yargs passes a check): the first of its problems.
 */
export function undeclaredStudyArguments(
  argv: Readonly<Record<string, unknown>>,
  options: unknown,
  command: 'compare' | 'sweep',
): string[] {
  return undeclaredArgumentProblems(argv, options, { command, name: 'file', takes: 'one scenario file' });
}

/**
 * Why the shared options are unusable, every problem (see usageProblems): those of `run`, then
 * --replications and --jobs, then each --set and each of `varying` that --seed would override,
 * then each of `varying` of the scenario's name (see nameVaryProblems). Undefined when there is none.
 */
export function checkReplicatedOptions(
  argv: ReplicatedArguments,
  varying?: VaryingOptions,
): string | undefined {
  const problems = simulationOptionProblems(argv);
  problems.push(...givenMoreThanOnce(argv as unknown as Record<string, unknown>, ['replications', 'jobs']));
  if (typeof argv.replications === 'string') {
    const replications = parseWholeNumber(argv.replications, 1);
    if (replications === undefined || replications > MAX_REPLICATIONS) {
      problems.push(`${expects('replications')}, got ${quoteValue(argv.replications)}`);
    }
  }
  if (typeof argv.jobs === 'string' && parseWholeNumber(argv.jobs, 1) === undefined) {
    problems.push(`${expects('jobs')}, got ${quoteValue(argv.jobs)}`);
  }
  problems.push(...seedSetProblems(argv.seed, argv.set ?? []));
  if (varying) problems.push(...seedVaryProblems(argv.seed, varying), ...nameVaryProblems(varying));
  return usageProblems(problems);
}

/**
 * Why `--seed` cannot go with `varying` (the `--vary` or `--param` options): one per option that
 * varies the scenario's `seed`, which --seed overrides in every run, so every variant would run
 * alike. None when none varies it, or --seed is not given once.
 */
export function seedVaryProblems(seed: unknown, varying: VaryingOptions): string[] {
  if (typeof seed !== 'string') return [];
  const { option, noun } = varying;
  return varying.texts
    .filter(isSeedOption)
    .map(
      (varied) =>
        `${quoteOption(option, varied, 'list')} varies the seed, but ${quoteOption('--seed', seed, 'single')} fixes the ` +
        `seed of every ${noun}, so they would all run alike: drop --seed or this ${option}`,
    );
}

/** One command's study: how it plans its variants and what it makes of their runs. */
export interface ReplicatedStudy<Result> {
  command: 'compare' | 'sweep';
  /** What the result is called in messages: `comparison`. */
  resultName: string;
  /** The variants, every one validated. @throws ScenarioError */
  plan: (registries: Registries) => VariantPlan;
  /** The result of the runs: `summaries[v][i]` is replication i of variant v. */
  summarise: (plan: VariantPlan, summaries: Summary[][]) => Result;
  /** Writes the result files into `outDir` and returns their paths. */
  write: (result: Result, outDir: string, charts: boolean) => Promise<string[]>;
  /** The table printed unless --quiet. */
  table: (result: Result) => string;
  /** Lines naming the charts left out (no variant has a value) and why, printed with the table when charts are on. */
  leftOutCharts: (result: Result) => string[];
}

/**
 * Runs a study and returns the exit code: plans it (bad input exits 2 before anything runs or is
 * written), checks the output folder, runs every replication (a line per finished run on stderr
 * unless --quiet), then writes the files atomically and prints the table and the folder.
 */
export async function runReplicatedStudy<Result>(
  argv: ReplicatedArguments,
  io: CliIo,
  study: ReplicatedStudy<Result>,
): Promise<number> {
  const registries = createRegistries();
  try {
    const plan = study.plan(registries);
    const scenarioName = plan.variants[0].scenario.name;
    const outDir = argv.out ?? path.join('output', scenarioName, study.command);
    const unwritable = checkOutputFolder(outDir);
    if (unwritable) {
      io.stderr(`msgsim: --out ${outDir}: ${unwritable}\n`);
      return EXIT.badInput;
    }
    // Checked by checkReplicatedOptions, read the same way here (`' 3'`, `03`).
    const replications = parseWholeNumber(argv.replications, 1) as number;
    const total = plan.variants.length * replications;
    let finished = 0;
    const summaries = await runReplications(plan, {
      replications,
      seed: argv.seed === undefined ? undefined : parseSeed(argv.seed),
      jobs: argv.jobs === undefined ? undefined : parseWholeNumber(argv.jobs, 1),
      maxEvents: parseMaxEvents(argv.maxEvents),
      registries,
      onRunDone: ({ variant, replication, summary }) => {
        finished++;
        if (argv.quiet) return;
        io.stderr(
          `  [${finished}/${total}] ${plan.variants[variant].label}, replication ${replication}: ` +
            `T = ${formatRateOrNone(summary.throughput.messagesPerSecond, 'messages/s', 6)}` +
            `${summary.throughput.messagesPerSecond === null ? `: ${runIntervalReason(summary)}` : ''}\n`,
        );
      },
    });
    const result = study.summarise(plan, summaries);
    let written: string[];
    try {
      written = await study.write(result, outDir, !argv.noCharts);
    } catch (error) {
      io.stderr(`msgsim: cannot write the ${study.resultName} to ${outDir}: ${(error as Error).message}\n`);
      return EXIT.badInput;
    }
    if (!argv.quiet) {
      io.stdout(`${study.table(result)}\n`);
      if (!argv.noCharts) for (const line of study.leftOutCharts(result)) io.stdout(`${line}\n`);
      io.stdout(`${singleRunHint(lastRunExample(argv, plan, summaries)).join('\n')}\n`);
    }
    io.stdout(`results: ${outDir} (${written.map((file) => path.basename(file)).join(', ')})\n`);
    return EXIT.ok;
  } catch (error) {
    return reportRunError(error, argv.file, io, study.command);
  }
}

/**
 * The last variant's last replication as `msgsim run` repeats it: the file as given, the seed the
 * run used, its replication index, the --set options (but those the variant's own values
 * override: see overridesOfRun) then the variant's own overrides, and --max-events when the run
 * needed more than the default.
 */
function lastRunExample(argv: ReplicatedArguments, plan: VariantPlan, summaries: Summary[][]) {
  const variant = plan.variants.length - 1;
  const replication = summaries[variant].length - 1;
  const summary = summaries[variant][replication];
  return {
    noun: plan.dialect.noun,
    label: plan.variants[variant].label,
    replications: summaries[variant].length,
    ownSeeds: plan.variants[variant].settings.some((setting) => isSeedPath(setting.path)),
    run: {
      scenarioFile: argv.file,
      seed: summary.seed,
      replication,
      overrides: overridesOfRun(plan, variant),
      maxEvents: summary.events > DEFAULT_MAX_EVENTS ? parseMaxEvents(argv.maxEvents) : undefined,
    },
  };
}
