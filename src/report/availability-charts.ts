/**
 * Availability charts beside the timeline, as plain data: measured against analytic
 * unavailability per component with the measured value's 95% interval, and the running
 * measured availability of each service converging (or not) to its analytic value.
 *
 * Chart.js has no error bars, and a plugin (a function) cannot travel in a configuration, so
 * the whiskers are a line dataset broken by null points, on a hidden linear x axis where
 * category g spans [g - 1/2, g + 1/2] (the same device as the comparison charts).
 */
import type { ChartConfiguration } from 'chart.js';
import type { NodeAvailability, RunResult } from '../metrics/summary.js';
import {
  axisTitle,
  CHART_COLOURS,
  chartTitles,
  LINE_LEGEND,
  type RunChartDefinition,
  seriesColour,
  WHISKER_COLOUR,
  whiskerPoints,
} from './chart-style.js';
import { formatSignificant, pickTimeUnit } from './format-numbers.js';

/** Share of a category the two bars fill, and of its half each bar fills (Chart.js's defaults). */
const CATEGORY_PERCENTAGE = 0.8;
const BAR_PERCENTAGE = 0.9;
interface Entry {
  label: string;
  availability: NodeAvailability;
}

/** Nodes and links that fail at random, and every service with an analytic or measured value. */
function comparedEntries(result: RunResult): Entry[] {
  const { availability } = result.summary;
  const failing = (entry: NodeAvailability) => entry.analytic !== null;
  return [
    ...Object.entries(availability.nodes)
      .filter(([, entry]) => failing(entry))
      .map(([id, entry]) => ({ label: id, availability: entry })),
    ...Object.entries(availability.links ?? {})
      .filter(([, entry]) => failing(entry))
      .map(([id, entry]) => ({ label: `link ${id}`, availability: entry })),
    ...Object.entries(availability.services ?? {}).map(([id, entry]) => ({
      label: `service ${id}`,
      availability: entry,
    })),
  ];
}

/**
 * Unavailability 1 - A per failing node and link and per service, on a logarithmic axis (values
 * near 1 - 10⁻⁴ would be indistinguishable as A): the analytic value and the measured one with
 * whiskers for its 95% interval. Each category label also gives both availabilities. Returns
 * null when nothing has an analytic value or a positive measured unavailability.
 */
export function availabilityComparisonChart(result: RunResult): RunChartDefinition | null {
  const entries = comparedEntries(result).filter(
    (entry) => entry.availability.analytic !== null || (entry.availability.measured ?? 1) < 1,
  );
  if (entries.length === 0) return null;
  // A bar needs a positive value on a log axis: a component never down shows no measured bar.
  const positive = (value: number | null) => (value !== null && value > 0 ? value : null);
  const unavailability = (value: number | null) => positive(value === null ? null : 1 - value);
  const slot = CATEGORY_PERCENTAGE / 2;
  const cap = (slot * BAR_PERCENTAGE) / 8;
  const whiskers: Array<{ x: number; y: number | null }> = [];
  entries.forEach((entry, index) => {
    const ci = entry.availability.measuredCi95;
    if (!ci) return;
    const low = positive(1 - ci[1]);
    const high = positive(1 - ci[0]);
    if (low === null || high === null) return;
    const x = index - CATEGORY_PERCENTAGE / 2 + 1.5 * slot;
    whiskers.push(...whiskerPoints(x, low, high, cap));
  });
  const bar = (label: string, fill: string, border: string, values: Array<number | null>) => ({
    type: 'bar' as const,
    label,
    data: values.map((y, x) => ({ x, y })),
    backgroundColor: fill,
    borderColor: border,
    borderWidth: 1,
    categoryPercentage: CATEGORY_PERCENTAGE,
    barPercentage: BAR_PERCENTAGE,
    xAxisID: 'x',
    yAxisID: 'y',
    order: 1,
  });
  const datasets = [
    bar(
      'analytic 1 - A',
      CHART_COLOURS.secondaryFill,
      CHART_COLOURS.secondary,
      entries.map((entry) => unavailability(entry.availability.analytic)),
    ),
    bar(
      'measured 1 - A',
      CHART_COLOURS.primaryFill,
      CHART_COLOURS.primary,
      entries.map((entry) => unavailability(entry.availability.measured)),
    ),
    {
      type: 'line' as const,
      label: '95% interval of the measured value',
      data: whiskers,
      xAxisID: 'x',
      yAxisID: 'y',
      borderColor: WHISKER_COLOUR,
      backgroundColor: WHISKER_COLOUR,
      borderWidth: 2,
      pointRadius: 0,
      pointStyle: 'line' as const,
      spanGaps: false,
      fill: false,
      // Drawn after the bars, so the whiskers stay on top.
      order: 0,
    },
  ];
  const labels = entries.map((entry) => [
    entry.label,
    `A ${entry.availability.analytic === null ? 'n/a' : formatSignificant(entry.availability.analytic, 5)} analytic`,
    `A ${entry.availability.measured === null ? 'n/a' : formatSignificant(entry.availability.measured, 5)} measured`,
  ]);
  const config: ChartConfiguration<'bar' | 'line', Array<{ x: number; y: number | null }>, string[]> = {
    type: 'bar',
    data: { labels, datasets: whiskers.length > 0 ? datasets : datasets.slice(0, 2) },
    options: {
      plugins: {
        ...chartTitles(
          result.summary.scenario,
          'unavailability, measured vs analytic',
          'bars: 1 - A on a log scale; whiskers: 95% interval of the measured value (regenerative cycles)',
        ),
        legend: { labels: { usePointStyle: true } },
      },
      scales: {
        x: {
          type: 'linear',
          display: false,
          offset: false,
          min: -0.5,
          max: entries.length - 0.5,
          ticks: { stepSize: 1, includeBounds: false },
          // Never shown; the category axis below names the positions.
          title: axisTitle('position'),
        },
        components: {
          type: 'category',
          position: 'bottom',
          offset: true,
          grid: { display: false },
          title: axisTitle('Node, link or service'),
        },
        y: { type: 'logarithmic', title: axisTitle('Unavailability 1 - A (log scale)') },
      },
    },
  };
  return {
    fileName: 'availability-comparison.png',
    caption:
      'Unavailability 1 − A of each failing node and link and each service on a logarithmic axis: ' +
      'the analytic MTTF / (MTTF + MTTR) beside the measured value with its 95% confidence interval.',
    config: config as unknown as ChartConfiguration,
  };
}

/**
 * The running measured availability of each service (up time so far / time since the warm-up)
 * over simulated time, with its analytic value as a dashed line of the same colour: the curve
 * settles on the line as cycles accumulate. Returns null without services.
 */
export function serviceAvailabilityChart(result: RunResult): RunChartDefinition | null {
  const curves = (result.serviceCurves ?? []).filter((curve) => curve.points.length > 0);
  if (curves.length === 0) return null;
  const end = Math.max(...curves.map((curve) => curve.points[curve.points.length - 1].time));
  const start = Math.min(...curves.map((curve) => curve.points[0].time));
  const unit = pickTimeUnit(end);
  const datasets = curves.flatMap((curve, index) => {
    const colour = seriesColour(index);
    const running = {
      label: `${curve.service} measured`,
      data: curve.points.map((point) => ({ x: point.time / unit.factor, y: point.availability })),
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: 2,
      pointRadius: 0,
    };
    if (curve.analytic === null) return [running];
    const analytic = {
      label: `${curve.service} analytic ${formatSignificant(curve.analytic, 5)}`,
      data: [
        { x: start / unit.factor, y: curve.analytic },
        { x: end / unit.factor, y: curve.analytic },
      ],
      borderColor: colour,
      backgroundColor: colour,
      borderDash: [6, 4],
      borderWidth: 1.5,
      pointRadius: 0,
    };
    return [running, analytic];
  });
  const config: ChartConfiguration<'line', Array<{ x: number; y: number }>> = {
    type: 'line',
    data: { datasets },
    options: {
      plugins: {
        ...chartTitles(
          result.summary.scenario,
          'service availability over time',
          'measured: up time so far / time since the warm-up; dashed: analytic steady state',
        ),
        legend: LINE_LEGEND,
      },
      scales: {
        x: {
          type: 'linear',
          min: start / unit.factor,
          max: end / unit.factor,
          // Round ticks only: one at an odd run end would crowd the last round tick.
          ticks: { includeBounds: false },
          title: axisTitle(`Simulated time (${unit.symbol})`),
        },
        y: { type: 'linear', title: axisTitle('Availability') },
      },
    },
  };
  return {
    fileName: 'service-availability.png',
    caption:
      'Running measured availability of each replicated service (up time so far over time since the ' +
      'warm-up) with its analytic value dashed: the curve settles on the line as failure cycles accumulate.',
    config: config as unknown as ChartConfiguration,
  };
}
