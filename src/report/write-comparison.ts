/** Writes a comparison's files: compare.json, compare.csv and the comparison charts. */
import { COMPARE_MEASURES, type Comparison, type MeasureKey } from '../metrics/compare.js';
import { COMPARE_CHART_FILE_NAMES, compareChartDefinitions } from './compare-charts.js';
import { comparisonToCsv } from './compare-csv.js';
import { writeResultFiles } from './write-result-files.js';

/** What the comparison was asked for, recorded in compare.json. */
export interface ComparisonInputs {
  /** The `--vary` options as given. */
  vary: string[];
  /** The `--set` options as given. */
  set: string[];
}

/** Options of writeComparison. */
export interface WriteComparisonOptions {
  /** Render and write the PNG charts (default true). */
  charts?: boolean;
}

/**
 * The contents of compare.json: the scenario, the inputs, each compared measure's description
 * and SI unit, and per variant its settings, estimates (n, mean, sd, halfWidth, ci95), paired
 * difference from the first variant and every replication's values. Deterministic: the same
 * comparison always gives the same text (2-space indent, trailing newline).
 */
export function comparisonToJson(comparison: Comparison, inputs: ComparisonInputs): string {
  const document = {
    scenario: comparison.scenario,
    vary: inputs.vary,
    set: inputs.set,
    replications: comparison.replications,
    confidenceLevel: comparison.confidenceLevel,
    measures: describeMeasures(comparison.measures),
    variants: comparison.variants,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Each of `keys`' label, description and SI unit, in COMPARE_MEASURES order, keyed by measure. */
export function describeMeasures(
  keys: readonly MeasureKey[],
): Record<string, { label: string; description: string; unit: string }> {
  return Object.fromEntries(
    COMPARE_MEASURES.filter((measure) => keys.includes(measure.key)).map((measure) => [
      measure.key,
      { label: measure.label, description: measure.description, unit: measure.unit },
    ]),
  );
}

/**
 * Writes `compare.json`, `compare.csv` and, unless `options.charts` is false, one
 * `compare-<measure>.png` per measure into `outDir`, creating it if missing; returns the paths
 * written. Everything is rendered in memory first and written atomically (temporary name, then
 * rename); comparison charts of an earlier comparison that this one does not produce are removed.
 * Throws the rendering or file-system error.
 */
export async function writeComparison(
  comparison: Comparison,
  inputs: ComparisonInputs,
  outDir: string,
  options: WriteComparisonOptions = {},
): Promise<string[]> {
  return writeResultFiles(
    outDir,
    [
      { name: 'compare.json', contents: comparisonToJson(comparison, inputs) },
      { name: 'compare.csv', contents: comparisonToCsv(comparison) },
    ],
    (options.charts ?? true) ? compareChartDefinitions(comparison) : null,
    Object.values(COMPARE_CHART_FILE_NAMES),
  );
}
