/**
 * A sweep: the compared measures (compare.ts) as one scenario parameter takes a list of values,
 * each point beside the closed-form prediction the scenario's summary carries for it, so that a
 * measured curve can be read against the textbook formula.
 */
import { parseDecimal } from '../engine/decimal.js';
import { BASE_UNIT, type Dimension, dimensionOfUnit, parseQuantity, unitOf } from '../engine/units.js';
import {
  type Comparison,
  compareVariants,
  type Estimate,
  type MeasureKey,
  type ReplicationValues,
  type VariantDescription,
} from './compare.js';
import type { Summary } from './summary.js';

/**
 * Which closed-form values predict which compared measure, by their names in a summary's
 * `theory {<model>:<flow> {formula, values}}`, the first a prediction has counting. Only values
 * that are the measure itself, in the measure's SI unit (the names mean what they mean in
 * report/theory-measured.ts): T (stop-and-wait, Go-Back-N, selective repeat; the delivered rate
 * of an M/M/1/K link or node queue), goodput (the same; the bits a lossless link queue carries,
 * headers being 0 there), mean latency (M/M/1, M/D/1, M/M/1/K, M/M/c queues of a link or node)
 * and completed requests/s (synchronous request-reply). Bounds (`requestsPerSecondBound`) and
 * per-message figures (`transmissionsPerMessage`) are not the measures and stay out.
 */
export const THEORY_VALUES_OF_MEASURE: Partial<Record<MeasureKey, readonly string[]>> = {
  throughput: ['messagesPerSecond', 'throughputMessagesPerSecond'],
  goodput: ['goodputBitsPerSecond', 'throughputBitsPerSecond'],
  latencyMean: ['meanLatencySeconds'],
  requestThroughput: ['requestsPerSecond'],
};

/** A swept parameter: the path as written, its short name, the values as written. */
export interface SweptParameter {
  path: string;
  name: string;
  values: string[];
}

/**
 * The x axis of a sweep: numeric when every value is a number or a quantity of one dimension
 * (`unit` its SI unit, null for plain numbers), categorical otherwise (protocol names, objects).
 */
export type SweepAxis = { kind: 'numeric'; unit: string | null } | { kind: 'categorical' };

/** The closed-form value of a measure at one point, and the measured mean's ratio to it. */
export interface PointTheory {
  /** The summary's theory entry it comes from: `<model>:<flow>`. */
  model: string;
  formula: string;
  /** In the measure's SI unit. */
  value: number;
  /** Measured mean / value; null without a mean or when the value is 0. */
  ratio: number | null;
}

/** One point of a sweep: a value of the parameter (and of the series parameter, if any). */
export interface SweepPoint {
  label: string;
  /** The swept parameter's value, as written. */
  value: string;
  /** The value on a numeric axis, in SI units; null on a categorical one. */
  x: number | null;
  /** The series parameter's value, as written; null without one. */
  series: string | null;
  estimates: Partial<Record<MeasureKey, Estimate>>;
  /** Per measure THEORY_VALUES_OF_MEASURE maps, where the point's scenario has the prediction. */
  theory: Partial<Record<MeasureKey, PointTheory>>;
  replications: ReplicationValues[];
}

export interface Sweep {
  scenario: string;
  replications: number;
  confidenceLevel: 0.95;
  measures: MeasureKey[];
  parameter: SweptParameter & { axis: SweepAxis };
  /** A second parameter: a curve per value. */
  series: SweptParameter | null;
  points: SweepPoint[];
  /**
   * Predictions the points' summaries carry for the measures but the sweep leaves out, and why:
   * a prediction is of one flow, and with several flows the measures are of them all. Null
   * when none was left out.
   */
  theoryWithheld: TheoryWithheld | null;
  /**
   * Why flows of the points have no prediction at all: the points' summaries' `noTheory` (each
   * point-to-point flow without one, and the first assumption of the formulas it breaks), a
   * group per distinct set of flows and reasons, in point order. Points whose summary names no
   * such flow are in no group; empty when no point's does.
   */
  noTheory: NoTheoryGroup[];
}

/** Points whose summaries give the same flows without a prediction, for the same reasons. */
export interface NoTheoryGroup {
  /** The points' labels, in the sweep's point order. */
  points: string[];
  /** Flow id → why no formula applies to it, as in the summaries' `noTheory`. */
  flows: Record<string, string>;
}

/**
 * Predictions left out of a sweep: why, the summaries' entries (`<model>:<flow>`), in point
 * order, and the measures they predict, in the sweep's measure order (whose charts lack a theory
 * line for this reason).
 */
export interface TheoryWithheld {
  reason: typeof NEEDS_ONE_FLOW;
  models: string[];
  measures: MeasureKey[];
}

/** Why a prediction of one flow is not set beside measures of several. */
export const NEEDS_ONE_FLOW = 'needs a scenario with one flow';

/** What a sweep was made of: its parameters, and the variants run (one per point), in order. */
export interface SweepDesign {
  parameter: SweptParameter;
  /**
   * The dimension the scenario reads a bare number of the parameter in (`links[0].delay`:
   * time), when known: an axis of bare numbers then says its SI unit.
   */
  numberDimension?: Dimension;
  series: SweptParameter | null;
  /** Each variant's settings include the parameter's (and the series'), by path. */
  variants: readonly VariantDescription[];
}

/**
 * The sweep of `design` from its runs: `summaries[v][i]` is replication i of variant v. Its
 * points come a series value after another (all of one line, then the next), in variant order
 * within each. The estimates are compare's (compareVariants); a point's theory comes from its first replication's
 * summary (predictions depend on the scenario, not on the seed), and only when the scenario has
 * one flow: a prediction is of one flow, and with several the measures are of them all (those
 * left out are named in `theoryWithheld`). Why flows have none comes from the same summaries'
 * `noTheory`, grouped (`noTheory`).
 */
export function sweepFromRuns(
  scenario: string,
  design: SweepDesign,
  summaries: ReadonlyArray<readonly Summary[]>,
): Sweep {
  const comparison: Comparison = compareVariants(scenario, design.variants, summaries);
  const xs = numericAxis(design.parameter.values, design.numberDimension);
  const settingValue = (settings: VariantDescription['settings'], path: string) =>
    settings.find((setting) => setting.path === path)?.value ?? '';
  const inRuns = comparison.variants.map((variant, index): SweepPoint => {
    const value = settingValue(variant.settings, design.parameter.path);
    return {
      label: variant.label,
      value,
      x: xs ? xs.values[design.parameter.values.indexOf(value)] : null,
      series: design.series ? settingValue(variant.settings, design.series.path) : null,
      estimates: variant.estimates,
      theory: pointTheory(summaries[index][0], variant.estimates, comparison.measures),
      replications: variant.replications,
    };
  });
  // The points of one line together, each line's in the order of the parameter's values.
  const withheld = summaries.map((runs) => withheldTheory(runs[0], comparison.measures));
  const withheldModels = [...new Set(withheld.flatMap(({ models }) => models))];
  const withheldMeasures = comparison.measures.filter((key) =>
    withheld.some(({ measures }) => measures.includes(key)),
  );
  const seriesIndex = (point: SweepPoint) => design.series?.values.indexOf(point.series ?? '') ?? 0;
  const ordered = inRuns
    .map((point, index) => ({ point, index }))
    .sort((a, b) => seriesIndex(a.point) - seriesIndex(b.point) || a.index - b.index);
  const points = ordered.map(({ point }) => point);
  const noTheory = noTheoryGroups(
    ordered.map(({ point, index }) => ({ label: point.label, flows: summaries[index][0]?.noTheory ?? {} })),
  );
  return {
    scenario,
    replications: comparison.replications,
    confidenceLevel: comparison.confidenceLevel,
    measures: comparison.measures,
    parameter: {
      ...design.parameter,
      axis: xs ? { kind: 'numeric', unit: xs.unit } : { kind: 'categorical' },
    },
    series: design.series,
    points,
    theoryWithheld:
      withheldModels.length > 0
        ? { reason: NEEDS_ONE_FLOW, models: withheldModels, measures: withheldMeasures }
        : null,
    noTheory,
  };
}

/** The points that name flows without a prediction, grouped by the flows and reasons they name, in point order. */
function noTheoryGroups(
  points: ReadonlyArray<{ label: string; flows: Readonly<Record<string, string>> }>,
): NoTheoryGroup[] {
  const groups = new Map<string, NoTheoryGroup>();
  for (const { label, flows } of points) {
    const entries = Object.entries(flows);
    if (entries.length === 0) continue;
    const id = JSON.stringify(entries);
    const group = groups.get(id) ?? { points: [], flows: Object.fromEntries(entries) };
    group.points.push(label);
    groups.set(id, group);
  }
  return [...groups.values()];
}

/**
 * The theory entries of a summary of several flows that predict one of the measures, which
 * pointTheory leaves out, and the measures they predict.
 */
function withheldTheory(
  summary: Summary | undefined,
  measures: readonly MeasureKey[],
): { models: string[]; measures: MeasureKey[] } {
  if (!summary || Object.keys(summary.flows).length === 1) return { models: [], measures: [] };
  const predicts = (values: Record<string, number>, key: MeasureKey) =>
    (THEORY_VALUES_OF_MEASURE[key] ?? []).some((name) => Number.isFinite(values[name]));
  const entries = Object.entries(summary.theory).filter(([, prediction]) =>
    measures.some((key) => predicts(prediction.values, key)),
  );
  return {
    models: entries.map(([model]) => model),
    measures: measures.filter((key) => entries.some(([, prediction]) => predicts(prediction.values, key))),
  };
}

/** The predictions of `summary` for the measures, with the measured means' ratios to them. */
function pointTheory(
  summary: Summary | undefined,
  estimates: Partial<Record<MeasureKey, Estimate>>,
  measures: readonly MeasureKey[],
): Partial<Record<MeasureKey, PointTheory>> {
  const flows = Object.keys(summary?.flows ?? {});
  if (!summary || flows.length !== 1) return {};
  const entries = Object.entries(summary.theory).filter(([model]) => model.endsWith(`:${flows[0]}`));
  const theory: Partial<Record<MeasureKey, PointTheory>> = {};
  for (const key of measures) {
    const names = THEORY_VALUES_OF_MEASURE[key] ?? [];
    const found = entries
      .flatMap(([model, prediction]) => {
        const name = names.find((candidate) => Number.isFinite(prediction.values[candidate]));
        return name === undefined ? [] : [{ model, prediction, value: prediction.values[name] }];
      })
      .at(0);
    if (!found) continue;
    const { model, prediction, value } = found;
    const mean = estimates[key]?.mean ?? null;
    theory[key] = {
      model,
      formula: prediction.formula,
      value,
      ratio: mean === null || value === 0 ? null : mean / value,
    };
  }
  return theory;
}

/**
 * The values' SI numbers and unit when every one is a number in decimal notation (`0.05`) or a
 * quantity with a unit (`10ms`), the units all of one dimension (bare numbers are in its base
 * unit), that of `numberDimension` when given (the one the scenario reads bare numbers in, so
 * that `0.1,0.2` of a delay are in s); undefined otherwise.
 */
export function numericAxis(
  values: readonly string[],
  numberDimension?: Dimension,
): { values: number[]; unit: string | null } | undefined {
  let dimension: Dimension | undefined = numberDimension;
  const numbers: number[] = [];
  for (const text of values) {
    const bare = parseDecimal(text);
    if (bare) {
      numbers.push(Number(text));
      continue;
    }
    const unit = unitOf(text);
    const of = unit === undefined ? undefined : dimensionOfUnit(unit);
    if (of === undefined || (dimension !== undefined && of !== dimension)) return undefined;
    dimension = of;
    const parsed = parseQuantity(text, of);
    if (!parsed.ok) return undefined;
    numbers.push(parsed.value);
  }
  if (numbers.some((number) => !Number.isFinite(number))) return undefined;
  return { values: numbers, unit: dimension === undefined ? null : BASE_UNIT[dimension] };
}
