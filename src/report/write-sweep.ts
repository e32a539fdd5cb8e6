/** Writes a sweep's files: sweep.json, sweep.csv and the sweep charts. */
import { type Sweep, THEORY_VALUES_OF_MEASURE } from '../metrics/sweep.js';
import { SWEEP_CHART_FILE_NAMES, sweepChartDefinitions } from './sweep-charts.js';
import { sweepToCsv } from './sweep-csv.js';
import { describeMeasures } from './write-comparison.js';
import { writeResultFiles } from './write-result-files.js';

/** What the sweep was asked for, recorded in sweep.json. */
export interface SweepInputs {
  /** The `--param` options as given. */
  param: string[];
  /** The `--set` options as given. */
  set: string[];
}

/**
 * The contents of sweep.json: the scenario, the inputs, the parameter (path, name, values as
 * written, axis and its SI unit) and the series parameter (or null), each measure's description,
 * SI unit and the names of the theory values that predict it (none: empty), and per point its value, x in
 * SI units, series value, estimates (n, mean, sd, halfWidth, ci95), theory per measure (model,
 * formula, value, ratio) and every replication's values; then the predictions left out
 * (`theoryWithheld {reason, models, measures}`, or null) and why flows have none (`noTheory`,
 * groups `{points, flows {<flow>: why}}`). Deterministic: the same sweep always
 * gives the same text (2-space indent, trailing newline).
 */
export function sweepToJson(sweep: Sweep, inputs: SweepInputs): string {
  const measures = Object.fromEntries(
    Object.entries(describeMeasures(sweep.measures)).map(([key, description]) => [
      key,
      {
        ...description,
        theoryValues: THEORY_VALUES_OF_MEASURE[key as keyof typeof THEORY_VALUES_OF_MEASURE] ?? [],
      },
    ]),
  );
  const document = {
    scenario: sweep.scenario,
    param: inputs.param,
    set: inputs.set,
    replications: sweep.replications,
    confidenceLevel: sweep.confidenceLevel,
    parameter: sweep.parameter,
    series: sweep.series,
    measures,
    points: sweep.points,
    theoryWithheld: sweep.theoryWithheld,
    noTheory: sweep.noTheory,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Writes `sweep.json`, `sweep.csv` and, unless `charts` is false, one `sweep-<measure>.png` per
 * measure into `outDir`, atomically (see writeResultFiles); sweep charts of an earlier sweep that
 * this one does not produce are removed. Returns the paths written. Throws the rendering or
 * file-system error.
 */
export async function writeSweep(
  sweep: Sweep,
  inputs: SweepInputs,
  outDir: string,
  options: { charts?: boolean } = {},
): Promise<string[]> {
  return writeResultFiles(
    outDir,
    [
      { name: 'sweep.json', contents: sweepToJson(sweep, inputs) },
      { name: 'sweep.csv', contents: sweepToCsv(sweep) },
    ],
    (options.charts ?? true) ? sweepChartDefinitions(sweep) : null,
    Object.values(SWEEP_CHART_FILE_NAMES),
  );
}
