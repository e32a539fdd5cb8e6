/**
 * Charts of a sweep, as plain data (rendered by render-charts.ts): per measure, the measured mean
 * at each value of the parameter with its 95% confidence whisker (compare's whiskers, see
 * compare-charts.ts), a line per value of the series parameter, and the closed-form prediction
 * at the same points as a dashed line that breaks where the formula does not apply.
 *
 * On a numeric axis the points stand at their SI values on a linear x axis. On a categorical one
 * they stand at 0, 1, 2, ... on a hidden linear axis, a category axis naming them below, as in
 * the comparison charts; points are then not joined by lines (the order is only the one given).
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { COMPARE_MEASURES, type MeasureKey } from '../metrics/compare.js';
import { type Sweep, type SweepPoint, THEORY_VALUES_OF_MEASURE } from '../metrics/sweep.js';
import {
  axisTitle,
  type ChartDefinition,
  chartTitles,
  type MissingValueLabels,
  seriesColour,
  WHISKER_COLOUR,
  whiskerPoints,
} from './chart-style.js';
import { COMPARE_CHART_FILE_NAMES } from './compare-charts.js';
import { measureHeading } from './compare-table.js';
import { compareDisplayUnit } from './compare-units.js';
import { missingChartLines } from './missing-values.js';
import { randomNumbersWording } from './random-numbers-wording.js';
import { morePointsLine, noTheoryPhrases, theoryFormulas, wrapText } from './sweep-theory.js';

/** The sweep chart files, `sweep-<measure>.png`, named like the comparison charts. */
export const SWEEP_CHART_FILE_NAMES = Object.fromEntries(
  Object.entries(COMPARE_CHART_FILE_NAMES).map(([key, name]) => [key, name.replace(/^compare-/, 'sweep-')]),
) as Record<MeasureKey, string>;

/** Longest legend entry for a formula; a longer one is named in the legend and written in the subtitle. */
const LEGEND_FORMULA_CHARACTERS = 80;

/** Characters of a subtitle line at the chart's width. */
const SUBTITLE_CHARACTERS = 130;

/** Half the width of a whisker's caps, and the room left beyond the end points, as shares of the points' span. */
const CAP_SHARE = 0.008;
const AXIS_PAD_SHARE = 0.03;

type Point = { x: number; y: number | null };

/**
 * Chart.js draws datasets of higher `order` first: the simulated means at the bottom, the
 * whiskers over them, the theory on top, so that its crosses show where it meets the means.
 */
const DRAWN_FIRST = 3;
const DRAWN_BETWEEN = 2;
const DRAWN_LAST = 1;

/**
 * The legend shows each dataset's point style: a disc for the means, a cross for the theory, a
 * line for the whiskers (a cross, not the theory's dash pattern, is what tells it apart).
 */
const SWEEP_LEGEND = { labels: { usePointStyle: true } };

/** The chart of one measure, or null when no point has a value of it. */
export function sweepChart(sweep: Sweep, key: MeasureKey): ChartDefinition | null {
  const measure = COMPARE_MEASURES.find((candidate) => candidate.key === key)!;
  if (sweep.points.every((point) => (point.estimates[key]?.mean ?? null) === null)) return null;
  const unit = compareDisplayUnit({ variants: sweep.points }, key);
  const scaled = (value: number | null | undefined) =>
    value === null || value === undefined ? null : value / unit.factor;
  const numeric = sweep.parameter.axis.kind === 'numeric';
  const xOf = (point: SweepPoint) =>
    numeric ? (point.x as number) : sweep.parameter.values.indexOf(point.value);
  const xs = sweep.points.map(xOf);
  const span = Math.max(...xs) - Math.min(...xs);
  const cap = numeric ? (span > 0 ? span : Math.abs(xs[0]) || 1) * CAP_SHARE : 0.08;

  const seriesNames = sweep.series ? sweep.series.values : [''];
  const formulas = theoryFormulas(sweep.points, key);
  const legendFormula =
    formulas.length === 1 && formulas[0].formula.length <= LEGEND_FORMULA_CHARACTERS
      ? formulas[0].formula
      : undefined;
  const datasets: Array<ChartDataset<'line', Point[]>> = [];
  const whiskers: Point[] = [];
  // A point without a value says n/a, lest a gap (or a theory cross alone) read as nothing to say.
  const missing: MissingValueLabels['labels'] = [];
  seriesNames.forEach((name, seriesIndex) => {
    const points = sweep.points
      .filter((point) => (sweep.series ? point.series === name : true))
      .sort((a, b) => xOf(a) - xOf(b));
    const seriesLabel = sweep.series ? `${sweep.series.name}=${name}, ` : '';
    const colour = seriesColour(seriesIndex);
    // The measured line is wide and pale, its points pale discs, so that the theory's dashes and
    // crosses drawn over them in full colour show where the two agree.
    datasets.push({
      label: `${seriesLabel}simulated (mean)`,
      data: points.map((point) => ({ x: xOf(point), y: scaled(point.estimates[key]?.mean) })),
      borderColor: seriesColour(seriesIndex, 0.45),
      backgroundColor: seriesColour(seriesIndex, 0.35),
      borderWidth: 5,
      pointStyle: 'circle',
      pointRadius: 6,
      pointBorderColor: seriesColour(seriesIndex, 0.6),
      pointBorderWidth: 1,
      showLine: numeric,
      spanGaps: false,
      order: DRAWN_FIRST,
    });
    for (const point of points) {
      if ((point.estimates[key]?.mean ?? null) === null) {
        missing.push({ x: xOf(point), text: 'n/a', colour: seriesColour(seriesIndex), row: seriesIndex });
      }
      const interval = point.estimates[key]?.ci95;
      if (interval) {
        whiskers.push(
          ...whiskerPoints(xOf(point), scaled(interval[0]) as number, scaled(interval[1]) as number, cap),
        );
      }
    }
    if (points.every((point) => point.theory[key] === undefined)) return;
    const theoryName = legendFormula === undefined ? 'theory (formula above)' : `theory: ${legendFormula}`;
    datasets.push({
      label: `${seriesLabel}${theoryName}`,
      data: points.map((point) => ({ x: xOf(point), y: scaled(point.theory[key]?.value) })),
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: 2,
      borderDash: [8, 5],
      pointStyle: 'crossRot',
      // Its arms reach past the simulated disc under it (radius 6 and half its border).
      pointRadius: 10,
      pointBorderWidth: 2.5,
      showLine: numeric,
      spanGaps: false,
      order: DRAWN_LAST,
    });
  });
  if (whiskers.length > 0) {
    datasets.push({
      label: '95% confidence interval',
      data: whiskers,
      borderColor: WHISKER_COLOUR,
      backgroundColor: WHISKER_COLOUR,
      borderWidth: 1.5,
      pointRadius: 0,
      // Not drawn on the chart (radius 0), only as the legend's sample.
      pointStyle: 'line',
      spanGaps: false,
      order: DRAWN_BETWEEN,
    });
  }

  const { replications, parameter, series } = sweep;
  const randomNumbers = randomNumbersWording([parameter.path, ...(series ? [series.path] : [])], 'point');
  const subtitle = [
    replications > 1
      ? `mean of ${replications} replications per point (${randomNumbers}); whiskers: 95% confidence interval (Student t)`
      : 'one replication per point: no confidence interval',
    ...(legendFormula === undefined
      ? formulas.flatMap(({ model, formula }) =>
          wrapText(`theory, ${model}: ${formula}`, SUBTITLE_CHARACTERS, '    '),
        )
      : []),
    ...withheldTheoryLines(sweep, key),
    ...noTheoryLineReasons(sweep, key),
    ...missingChartLines(sweep.points, key, 'point', SUBTITLE_CHARACTERS),
  ];
  const axisUnit =
    parameter.axis.kind === 'numeric' && parameter.axis.unit ? ` (${parameter.axis.unit})` : '';
  const xTitle = axisTitle(`${parameter.path}${axisUnit}`);
  // The axis ends a little past the first and last points (not at Chart.js' rounder bounds,
  // which put a loss rate of -0.05 on the axis), with no ticks at those odd ends.
  const pad = (span > 0 ? span : Math.abs(xs[0]) || 1) * AXIS_PAD_SHARE;
  const scales: Record<string, object> = numeric
    ? {
        x: {
          type: 'linear',
          min: Math.min(...xs) - pad,
          max: Math.max(...xs) + pad,
          ticks: { includeBounds: false },
          title: xTitle,
        },
      }
    : {
        x: {
          type: 'linear',
          display: false,
          min: -0.5,
          max: parameter.values.length - 0.5,
          ticks: { stepSize: 1 },
        },
        values: {
          type: 'category',
          position: 'bottom',
          offset: true,
          grid: { display: false },
          title: xTitle,
        },
      };
  const config: ChartConfiguration<'line', Point[], string> = {
    type: 'line',
    data: { labels: numeric ? undefined : parameter.values, datasets },
    options: {
      plugins: {
        ...chartTitles(sweep.scenario, `${measure.description} against ${parameter.path}`),
        subtitle: { display: true, text: subtitle },
        legend: SWEEP_LEGEND,
        ...(missing.length > 0 && { missingValues: { labels: missing } }),
      },
      scales: {
        ...scales,
        y: {
          type: 'linear',
          beginAtZero: true,
          title: axisTitle(measureHeading(measure.label, unit, measure.wholeRun)),
        },
      },
    },
  };
  return { fileName: SWEEP_CHART_FILE_NAMES[key], config: config as ChartConfiguration };
}

/**
 * Why a chart whose measure the summaries predict per flow draws no theory line: the reader
 * would otherwise take its absence for a measure without a closed form.
 */
function withheldTheoryLines(sweep: Sweep, key: MeasureKey): string[] {
  const withheld = sweep.theoryWithheld;
  if (withheld === null || !withheld.measures.includes(key)) return [];
  return wrapText(
    `no theory line: the overlay ${withheld.reason}; summary.json has predictions per flow: ` +
      withheld.models.join(', '),
    SUBTITLE_CHARACTERS,
    '    ',
  );
}

/**
 * Why a chart of a measure some formula predicts has no theory line at all, when the summaries
 * say (their `noTheory`; not when the predictions are withheld, which withheldTheoryLines says):
 * "no theory line: no formula for f, g, each: its arrivals are not Poisson", or a line per
 * group of points ("no theory line at loss=0, loss=0.1: ...").
 */
function noTheoryLineReasons(sweep: Sweep, key: MeasureKey): string[] {
  if (THEORY_VALUES_OF_MEASURE[key] === undefined) return [];
  if (sweep.points.some((point) => point.theory[key] !== undefined)) return [];
  if (sweep.theoryWithheld?.measures.includes(key)) return [];
  const { phrases, rest } = noTheoryPhrases(
    sweep,
    sweep.points.map((point) => point.label),
  );
  return [
    ...phrases.flatMap(({ at, reasons }) =>
      wrapText(`no theory line${at === null ? '' : ` at ${at}`}: ${reasons}`, SUBTITLE_CHARACTERS, '    '),
    ),
    ...(rest > 0 ? [morePointsLine(rest)] : []),
  ];
}

/** A chart per swept measure that has data, in the sweep's measure order. Pure and deterministic. */
export function sweepChartDefinitions(sweep: Sweep): ChartDefinition[] {
  return sweep.measures
    .map((key) => sweepChart(sweep, key))
    .filter((chart): chart is ChartDefinition => chart !== null);
}
