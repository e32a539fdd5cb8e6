import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { compareVariants } from '../metrics/compare.js';
import { COMPARE_CHART_FILE_NAMES } from '../report/compare-charts.js';
import { formatComparisonTable } from '../report/compare-table.js';
import { leftOutChartLines } from '../report/missing-values.js';
import { writeComparison } from '../report/write-comparison.js';
import { planVariants } from '../scenario/variant-plan.js';
import type { CliIo } from './main.js';
import {
  checkReplicatedOptions,
  type ReplicatedArguments,
  runReplicatedStudy,
  undeclaredStudyArguments,
  withReplicatedOptions,
} from './replicated-study.js';

interface CompareArguments extends ReplicatedArguments {
  vary: string[];
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
      withReplicatedOptions(yargs, 'compare', 'variant')
        .option('vary', {
          type: 'string',
          array: true,
          nargs: 1,
          demandOption: 'give what to vary: --vary flows[*].transport.protocol=datagram,stop-and-wait',
          describe:
            'a path and the values to compare (repeat for combinations); [*] means every element: ' +
            '--vary links[*].loss=0,0.05,0.1',
        })
        // A returned string is a usage error (exit 2), not an exception.
        .check((argv, options) => {
          const badOption = checkReplicatedOptions(argv as unknown as ReplicatedArguments, {
            texts: argv.vary as string[],
            option: '--vary',
            noun: 'variant',
          });
          const problems = [...undeclaredStudyArguments(argv, options, 'compare'), badOption];
          return problems.filter((problem) => problem !== undefined).join('\n') || true;
        }) as unknown as Argv<CompareArguments>,
    handler: async (argv: ArgumentsCamelCase<CompareArguments>) => {
      const sets = argv.set ?? [];
      setExit(
        await runReplicatedStudy(argv, io, {
          command: 'compare',
          resultName: 'comparison',
          plan: (registries) => planVariants(argv.file, { sets, varies: argv.vary, registries }),
          summarise: (plan, summaries) =>
            compareVariants(plan.variants[0].scenario.name, plan.variants, summaries),
          write: (comparison, outDir, charts) =>
            writeComparison(comparison, { vary: argv.vary, set: sets }, outDir, { charts }),
          table: formatComparisonTable,
          leftOutCharts: (comparison) =>
            leftOutChartLines(comparison.variants, comparison.measures, COMPARE_CHART_FILE_NAMES, 'variant'),
        }),
      );
    },
  };
}
