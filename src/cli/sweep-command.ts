import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { type SweptParameter, sweepFromRuns } from '../metrics/sweep.js';
import { leftOutChartLines } from '../report/missing-values.js';
import { SWEEP_CHART_FILE_NAMES } from '../report/sweep-charts.js';
import { formatSweepTable } from '../report/sweep-table.js';
import { writeSweep } from '../report/write-sweep.js';
import { MAX_RANGE_POINTS, parseSweepParam } from '../scenario/sweep-param.js';
import { type PlanDialect, planVariants, type VariantPlan } from '../scenario/variant-plan.js';
import { MAX_VARIANTS } from '../scenario/variants.js';
import type { CliIo } from './main.js';
import {
  checkReplicatedOptions,
  type ReplicatedArguments,
  runReplicatedStudy,
  undeclaredStudyArguments,
  withReplicatedOptions,
} from './replicated-study.js';

interface SweepArguments extends ReplicatedArguments {
  param: string[];
}

/** `--param` options make the points of a sweep. */
const SWEEP_DIALECT: PlanDialect = {
  option: '--param',
  noun: 'point',
  nouns: 'points',
  parse: parseSweepParam,
};

/** `msgsim sweep <file> --param PATH=VALUES`: the measures as one parameter varies, beside the theory. */
export function sweepCommand(
  io: CliIo,
  setExit: (code: number) => void,
): CommandModule<object, SweepArguments> {
  return {
    command: 'sweep <file>',
    describe:
      'run a scenario over the values of one parameter with replications: a table and a line chart per measure, ' +
      'the closed-form prediction drawn over the measured points',
    builder: (yargs: Argv) =>
      withReplicatedOptions(yargs, 'sweep', 'point')
        .option('param', {
          type: 'string',
          array: true,
          nargs: 1,
          demandOption: "give what to sweep: --param 'links[0].loss=0:0.2:0.05'",
          describe:
            `a path and its values: a comma list (0,0.05,0.1; 10ms,20ms; go-back-n,selective-repeat) or a range ` +
            `from:to:step (0:0.2:0.05, 10ms:50ms:10ms; to included when a step lands on it; at most ` +
            `${MAX_RANGE_POINTS} points); [*] means every element. A second --param draws a line per value ` +
            `(at most ${MAX_VARIANTS} points in all)`,
        })
        .example(
          "$0 sweep scenarios/lossy-link.yaml --param 'links[0].loss.forward=0:0.2:0.05'",
          'stop-and-wait throughput and goodput as the loss rate grows, beside the formula',
        )
        .check((argv, options) => {
          // A returned string is a usage error (exit 2), not an exception.
          const params = argv.param as string[];
          const tooMany =
            params.length > 2
              ? `--param was given ${params.length} times; a sweep takes one parameter (the x axis) ` +
                'and at most a second one (a line per value)'
              : undefined;
          const badOption = checkReplicatedOptions(argv as unknown as ReplicatedArguments, {
            texts: params,
            option: '--param',
            noun: 'point',
          });
          const problems = [...undeclaredStudyArguments(argv, options, 'sweep'), badOption, tooMany];
          return problems.filter((problem) => problem !== undefined).join('\n') || true;
        }) as unknown as Argv<SweepArguments>,
    handler: async (argv: ArgumentsCamelCase<SweepArguments>) => {
      const sets = argv.set ?? [];
      setExit(
        await runReplicatedStudy(argv, io, {
          command: 'sweep',
          resultName: 'sweep',
          plan: (registries) =>
            planVariants(argv.file, { sets, varies: argv.param, dialect: SWEEP_DIALECT, registries }),
          summarise: (plan, summaries) => {
            const [parameter, series = null] = sweptParameters(plan);
            return sweepFromRuns(
              plan.variants[0].scenario.name,
              { parameter, numberDimension: plan.numberDimensions[0], series, variants: plan.variants },
              summaries,
            );
          },
          write: (sweep, outDir, charts) =>
            writeSweep(sweep, { param: argv.param, set: sets }, outDir, { charts }),
          table: formatSweepTable,
          leftOutCharts: (sweep) =>
            leftOutChartLines(sweep.points, sweep.measures, SWEEP_CHART_FILE_NAMES, 'point'),
        }),
      );
    },
  };
}

/** Each varied setting of the plan, in option order, with its values in the order first met. */
function sweptParameters(plan: VariantPlan): SweptParameter[] {
  return plan.variants[0].settings.map(({ path, name }, index) => ({
    path,
    name,
    values: [...new Set(plan.variants.map((variant) => variant.settings[index].value))],
  }));
}
