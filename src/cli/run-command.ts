import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { formatSummary } from '../report/format-summary.js';
import { MSGSIM_VERSION } from '../report/msgsim-version.js';
import { checkOutputFolder } from '../report/output-folder.js';
import { writeResults } from '../report/write-results.js';
import { DEFAULT_MAX_EVENTS, simulate } from '../scenario/build-simulation.js';
import { loadScenarioWithSource } from '../scenario/load.js';
import { createRegistries } from '../scenario/registries.js';
import { type CliIo, EXIT } from './main.js';
import { progressReporter } from './progress.js';
import { reportRunError } from './run-errors.js';
import {
  checkReplication,
  checkSimulationOptions,
  parseMaxEvents,
  parseReplication,
  parseSeed,
  type RunOptionArguments,
  replicationOption,
  withSimulationOptions,
} from './run-options.js';
import { lenient, undeclaredArgumentProblems } from './undeclared-arguments.js';

interface RunArguments {
  file: string;
  seed?: string;
  replication: string;
  out?: string;
  set?: string[];
  noCharts: boolean;
  quiet: boolean;
  maxEvents: string;
}

/** `msgsim run <file>`: simulate a scenario, print the summary, write the result files. */
export function runCommand(io: CliIo, setExit: (code: number) => void): CommandModule<object, RunArguments> {
  return {
    command: 'run <file>',
    describe: 'run a scenario and write summary.json, timeseries.csv, charts and report.html',
    builder: (yargs: Argv) =>
      withSimulationOptions(
        lenient(yargs).positional('file', {
          type: 'string',
          demandOption: true,
          describe: 'scenario file (YAML or JSON)',
        }),
        {
          out: 'output folder (default output/<scenario name>)',
          set: 'override a scenario value (repeatable): --set flows[0].workload.messages=500',
          quiet: 'print only the output folder',
        },
      )
        .option('replication', replicationOption)
        .check((argv, options) => {
          // A returned string is a usage error (exit 2), not an exception: every problem, a line each.
          const problems = [
            ...undeclaredArgumentProblems(argv, options, {
              command: 'run',
              name: 'file',
              takes: 'one scenario file',
            }),
            checkSimulationOptions(argv as unknown as RunOptionArguments),
            checkReplication(argv),
          ];
          return problems.filter((problem) => problem !== undefined).join('\n') || true;
        }) as unknown as Argv<RunArguments>,
    handler: async (argv: ArgumentsCamelCase<RunArguments>) => {
      setExit(await run(argv, io));
    },
  };
}

async function run(argv: RunArguments, io: CliIo): Promise<number> {
  const registries = createRegistries();
  try {
    const overrides = argv.set ?? [];
    const { scenario, source } = loadScenarioWithSource(argv.file, { overrides, registries });
    const outDir = argv.out ?? path.join('output', scenario.name);
    const unwritable = checkOutputFolder(outDir);
    if (unwritable) {
      io.stderr(`msgsim: --out ${outDir}: ${unwritable}\n`);
      return EXIT.badInput;
    }
    const progress = progressReporter(io, scenario.duration);
    const seed = argv.seed === undefined ? undefined : parseSeed(argv.seed);
    const replication = parseReplication(argv.replication);
    const maxEvents = parseMaxEvents(argv.maxEvents);
    const result = simulate(scenario, {
      seed,
      replication,
      registries,
      onProgress: progress.update,
      maxEvents,
    });
    progress.done();
    let written: string[];
    try {
      written = await writeResults(result, outDir, {
        charts: !argv.noCharts,
        report: {
          version: MSGSIM_VERSION,
          scenarioFile: argv.file,
          overrides,
          scenarioSource: source,
          eventLimit: { maxEvents: maxEvents ?? DEFAULT_MAX_EVENTS, defaultMaxEvents: DEFAULT_MAX_EVENTS },
        },
      });
    } catch (error) {
      io.stderr(`msgsim: cannot write the results to ${outDir}: ${(error as Error).message}\n`);
      return EXIT.badInput;
    }
    if (!argv.quiet) io.stdout(`${formatSummary(result.summary)}\n`);
    io.stdout(`results: ${outDir} (${written.map((file) => path.basename(file)).join(', ')})\n`);
    return EXIT.ok;
  } catch (error) {
    return reportRunError(error, argv.file, io, 'run');
  }
}
