/**
 * Charts of a comparison, as plain data (rendered by render-charts.ts): one bar chart per
 * measure, a bar per variant at its mean, with whiskers for the 95% confidence interval.
 *
 * Chart.js has no error bars, and a plugin is a function, which cannot travel in a configuration
 * (render-charts copies it with structuredClone). So the whiskers are a line dataset: through
 * the centre of each bar from its interval's low end to its high end, with short caps, broken
 * between bars by null points. To put them at the centres of grouped bars, bars and whiskers
 * share a hidden linear x axis on which group g spans [g - 1/2, g + 1/2]; a category axis with no
 * data shows the group names under the same positions.
 */
import type { ChartConfiguration } from 'chart.js';
import {
  COMPARE_MEASURES,
  type Comparison,
  type MeasureKey,
  type VariantComparison,
} from '../metrics/compare.js';
import {
  axisTitle,
  type ChartDefinition,
  chartTitles,
  MISSING_COLOUR,
  type MissingValueLabels,
  seriesColour,
  WHISKER_COLOUR,
  whiskerPoints,
} from './chart-style.js';
import { measureHeading } from './compare-table.js';
import { compareDisplayUnit } from './compare-units.js';
import { missingChartLines } from './missing-values.js';
import { randomNumbersWording, variedPaths } from './random-numbers-wording.js';

/** The comparison chart files, in COMPARE_MEASURES order. */
export const COMPARE_CHART_FILE_NAMES: Record<MeasureKey, string> = {
  throughput: 'compare-throughput.png',
  goodput: 'compare-goodput.png',
  latencyMean: 'compare-latency-mean.png',
  latencyP99: 'compare-latency-p99.png',
  retransmissions: 'compare-retransmissions.png',
  retransmissionTimeouts: 'compare-retransmission-timeouts.png',
  availability: 'compare-availability.png',
  serviceAvailability: 'compare-service-availability.png',
  requestThroughput: 'compare-request-throughput.png',
  requestLatency: 'compare-request-latency.png',
  deliveredRatio: 'compare-delivered-ratio.png',
};

/** Characters of a subtitle line at the chart's width. */
const SUBTITLE_CHARACTERS = 130;

/** Share of a category the group of bars fills, and of its slot each bar fills (Chart.js's defaults, fixed here because the whiskers are placed with them). */
const CATEGORY_PERCENTAGE = 0.8;
const BAR_PERCENTAGE = 0.9;

/**
 * How variants are laid out: with one varied path, a bar per variant along the axis; with more,
 * the variants that share all but the last setting form a group on the axis, and the last
 * setting's values are the series (coloured bars side by side, named in the legend).
 */
export interface BarLayout {
  groups: string[];
  series: string[];
  /** `cells[group][series]`: the variant drawn there, or null when no variant is. */
  cells: Array<Array<VariantComparison | null>>;
}

/** Groups and series of `variants` in first-seen order. */
export function barLayout(variants: readonly VariantComparison[]): BarLayout {
  const named = (settings: VariantComparison['settings']) =>
    settings.map((setting) => `${setting.name}=${setting.value}`).join(', ');
  const grouped = variants.length > 0 && variants.every((variant) => variant.settings.length > 1);
  const groupOf = (variant: VariantComparison) =>
    grouped ? named(variant.settings.slice(0, -1)) : variant.label;
  const seriesOf = (variant: VariantComparison) => (grouped ? named(variant.settings.slice(-1)) : '');
  const groups = [...new Set(variants.map(groupOf))];
  const series = [...new Set(variants.map(seriesOf))];
  const cells = groups.map(() => series.map((): VariantComparison | null => null));
  for (const variant of variants)
    cells[groups.indexOf(groupOf(variant))][series.indexOf(seriesOf(variant))] = variant;
  return { groups, series, cells };
}

/** The bar chart of one measure, or null when no variant has a value of it. */
export function compareChart(comparison: Comparison, key: MeasureKey): ChartDefinition | null {
  const measure = COMPARE_MEASURES.find((candidate) => candidate.key === key)!;
  if (comparison.variants.every((variant) => (variant.estimates[key]?.mean ?? null) === null)) return null;
  const unit = compareDisplayUnit(comparison, key);
  const scaled = (value: number | null | undefined) =>
    value === null || value === undefined ? null : value / unit.factor;
  const { groups, series, cells } = barLayout(comparison.variants);

  const bars = series.map((name, seriesIndex) => {
    const [fill, border] = [seriesColour(seriesIndex, 0.6), seriesColour(seriesIndex)];
    return {
      type: 'bar' as const,
      label: name === '' ? `${measure.label} (mean)` : name,
      data: groups.map((_, groupIndex) => ({
        x: groupIndex,
        y: scaled(cells[groupIndex][seriesIndex]?.estimates[key]?.mean),
      })),
      backgroundColor: fill,
      borderColor: border,
      borderWidth: 1,
      categoryPercentage: CATEGORY_PERCENTAGE,
      barPercentage: BAR_PERCENTAGE,
      xAxisID: 'x',
      yAxisID: 'y',
      pointStyle: 'rect',
      order: 1,
    };
  });

  // Chart.js places bar s of m in category g at g - c/2 + (s + 1/2)·c/m (c: category percentage).
  const slot = CATEGORY_PERCENTAGE / series.length;
  const cap = (slot * BAR_PERCENTAGE) / 8;
  const whiskers: Array<{ x: number; y: number | null }> = [];
  cells.forEach((row, groupIndex) => {
    row.forEach((variant, seriesIndex) => {
      const interval = variant?.estimates[key]?.ci95;
      if (!interval) return;
      const x = groupIndex - CATEGORY_PERCENTAGE / 2 + (seriesIndex + 0.5) * slot;
      const [low, high] = [scaled(interval[0]) as number, scaled(interval[1]) as number];
      whiskers.push(...whiskerPoints(x, low, high, cap));
    });
  });
  // A slot without a value says n/a, lest it read as a bar of 0.
  const missing: MissingValueLabels['labels'] = [];
  cells.forEach((row, groupIndex) => {
    row.forEach((variant, seriesIndex) => {
      if (variant === null || (variant.estimates[key]?.mean ?? null) !== null) return;
      const x = groupIndex - CATEGORY_PERCENTAGE / 2 + (seriesIndex + 0.5) * slot;
      missing.push({ x, text: 'n/a', colour: MISSING_COLOUR, row: 0 });
    });
  });

  const whiskerDataset = {
    type: 'line' as const,
    label: '95% confidence interval',
    data: whiskers,
    xAxisID: 'x',
    yAxisID: 'y',
    borderColor: WHISKER_COLOUR,
    backgroundColor: WHISKER_COLOUR,
    borderWidth: 2,
    pointRadius: 0,
    pointStyle: 'line',
    spanGaps: false,
    fill: false,
    // A lower order is drawn later, so the whiskers stay on top of the bars.
    order: 0,
  };

  const { replications } = comparison;
  const intervals =
    replications > 1
      ? `mean of ${replications} replications per variant (${randomNumbersWording(variedPaths(comparison), 'variant')}); whiskers: 95% confidence interval (Student t)`
      : 'one replication per variant: no confidence interval';
  const missingLines = missingChartLines(comparison.variants, key, 'variant', SUBTITLE_CHARACTERS);
  const subtitle = missingLines.length === 0 ? intervals : [intervals, ...missingLines];
  const lastSetting = comparison.variants[0]?.settings.slice(-1)[0]?.name;
  const config: ChartConfiguration<'bar' | 'line', Array<{ x: number; y: number | null }>, string> = {
    type: 'bar',
    data: {
      labels: groups,
      datasets: whiskers.length > 0 ? [...bars, whiskerDataset] : bars,
    },
    options: {
      plugins: {
        ...chartTitles(comparison.scenario, measure.description, subtitle),
        ...(missing.length > 0 && { missingValues: { labels: missing } }),
        legend: { display: series.length > 1 || whiskers.length > 0, labels: { usePointStyle: true } },
      },
      scales: {
        // Ticks at the groups only: Chart.js sizes bars by the closest ticks of their axis.
        x: {
          type: 'linear',
          display: false,
          offset: false,
          min: -0.5,
          max: groups.length - 0.5,
          ticks: { stepSize: 1, includeBounds: false },
        },
        groups: {
          type: 'category',
          position: 'bottom',
          offset: true,
          grid: { display: false },
          title: axisTitle(series.length > 1 ? `variant (bars: ${lastSetting})` : 'variant'),
        },
        y: {
          type: 'linear',
          beginAtZero: true,
          title: axisTitle(measureHeading(measure.label, unit, measure.wholeRun)),
        },
      },
    },
  };
  return { fileName: COMPARE_CHART_FILE_NAMES[key], config };
}

/** A chart per compared measure that has data, in COMPARE_MEASURES order. Pure and deterministic. */
export function compareChartDefinitions(comparison: Comparison): ChartDefinition[] {
  return comparison.measures
    .map((key) => compareChart(comparison, key))
    .filter((chart): chart is ChartDefinition => chart !== null);
}
