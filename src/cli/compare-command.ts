import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { compareVariants } from '../metrics/compare.js';
import { formatComparisonTable } from '../report/compare-table.js';
import { formatSignificant } from '../report/format-numbers.js';
import { checkOutputFolder } from '../report/output-folder.js';
import { writeComparison } from '../report/write-comparison.js';
import { createRegistries } from '../scenario/registries.js';
import { runReplications } from '../scenario/run-replications.js';
import { planVariants } from '../scenario/variant-plan.js';
import { type CliIo, EXIT } from './main.js';
import { reportRunError } from './run-errors.js';
import {
  checkGivenOnce,
  checkSimulationOptions,
  parseMaxEvents,
  parseSeed,
  parseWholeNumber,
  type RunOptionArguments,
  withSimulationOptions,
} from './run-options.js';

/** More replications than this say nothing new and only fill memory with task lists. */
const MAX_REPLICATIONS = 10_000;

interface CompareArguments {
  file: string;
  vary: string[];
  replications: string;
  jobs?: string;
  seed?: string;
  out?: string;
  set?: string[];
  charts: boolean;
  quiet: boolean;
  maxEvents: string;
}

/** `msgsim compare <file> --vary PATH=v1,v2`: run variants with replications and compare them. */
export function compareCommand(
  io: CliIo,
  setExit: (code: number) => void,
): CommandModule<object, CompareArguments> {
  return {
    command: 'compare <file>',
    describe:
      'run variants of a scenario with replications and compare T, L, goodput, retransmissions, retransmission timeouts, A',
    builder: (yargs: Argv) =>
      withSimulationOptions(yargs, {
        out: 'output folder (default output/<scenario name>/compare)',
        set: 'override a scenario value in every variant (repeatable), before varying',
        quiet: 'print only the output folder (no table, no progress)',
      })
        .positional('file', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
        .option('vary', {
          type: 'string',
          array: true,
          nargs: 1,
          demandOption: 'give what to vary: --vary flows[*].transport.protocol=datagram,stop-and-wait',
          describe:
            'a path and the values to compare (repeat for combinations); [*] means every element: ' +
            '--vary links[*].loss=0,0.05,0.1',
        })
        .option('replications', {
          // Strings, so that a bad value is quoted as given (yargs would turn 'abc' into NaN).
          type: 'string',
          default: '5',
          requiresArg: true,
          describe: 'runs per variant; replication i of every variant shares its random numbers',
        })
        .option('jobs', {
          type: 'string',
          requiresArg: true,
          describe: `runs at once in worker threads (default: the cores available, here ${availableParallelism()}; 1 runs in-process)`,
        })
        .check((argv) => {
          // A returned string is a usage error (exit 2), not an exception.
          const badOption = checkSimulationOptions(argv as unknown as RunOptionArguments);
          if (badOption) return badOption;
          const repeated = checkGivenOnce(argv, ['replications', 'jobs']);
          if (repeated) return repeated;
          if (!isWholeNumber(argv.replications, 1) || Number(argv.replications) > MAX_REPLICATIONS) {
            return `--replications expects a whole number from 1 to ${MAX_REPLICATIONS}, got '${argv.replications}'`;
          }
          if (argv.jobs !== undefined && !isWholeNumber(argv.jobs, 1)) {
            return `--jobs expects a whole number of at least 1, got '${argv.jobs}'`;
          }
          return true;
        }) as unknown as Argv<CompareArguments>,
    handler: async (argv: ArgumentsCamelCase<CompareArguments>) => {
      setExit(await compare(argv, io));
    },
  };
}

async function compare(argv: CompareArguments, io: CliIo): Promise<number> {
  const registries = createRegistries();
  try {
    const sets = argv.set ?? [];
    const plan = planVariants(argv.file, { sets, varies: argv.vary, registries });
    const scenarioName = plan.variants[0].scenario.name;
    const outDir = argv.out ?? path.join('output', scenarioName, 'compare');
    const unwritable = checkOutputFolder(outDir);
    if (unwritable) {
      io.stderr(`msgsim: --out ${outDir}: ${unwritable}\n`);
      return EXIT.badInput;
    }
    const replications = Number(argv.replications);
    const total = plan.variants.length * replications;
    let finished = 0;
    const summaries = await runReplications(plan, {
      replications,
      seed: argv.seed === undefined ? undefined : parseSeed(argv.seed),
      jobs: argv.jobs === undefined ? undefined : Number(argv.jobs),
      maxEvents: parseMaxEvents(argv.maxEvents),
      registries,
      onRunDone: ({ variant, replication, summary }) => {
        finished++;
        if (argv.quiet) return;
        io.stderr(
          `  [${finished}/${total}] ${plan.variants[variant].label}, replication ${replication}: ` +
            `T = ${formatSignificant(summary.throughput.messagesPerSecond, 6)} messages/s\n`,
        );
      },
    });
    const comparison = compareVariants(scenarioName, plan.variants, summaries);
    let written: string[];
    try {
      written = await writeComparison(comparison, { vary: argv.vary, set: sets }, outDir, {
        charts: argv.charts,
      });
    } catch (error) {
      io.stderr(`msgsim: cannot write the comparison to ${outDir}: ${(error as Error).message}\n`);
      return EXIT.badInput;
    }
    if (!argv.quiet) io.stdout(`${formatComparisonTable(comparison)}\n`);
    io.stdout(`results: ${outDir} (${written.map((file) => path.basename(file)).join(', ')})\n`);
    return EXIT.ok;
  } catch (error) {
    return reportRunError(error, argv.file, io);
  }
}

function isWholeNumber(text: string, minimum: number): boolean {
  return parseWholeNumber(text, minimum) !== undefined;
}
