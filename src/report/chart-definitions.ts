/**
 * Chart.js configurations built from a run's results, as plain data: no canvas, no callbacks, no
 * dates or randomness, so the same result always yields the same configuration and tests can
 * inspect it without rendering. Rendering lives in render-charts.ts.
 */
import { LATENCY_COMPONENTS, type LatencyComponent, type RunResult } from '../metrics/summary.js';
import { availabilityComparisonChart, serviceAvailabilityChart } from './availability-charts.js';
import { availabilityTimelineChart } from './availability-timeline-chart.js';
import { consumerLagChart, queueDepthChart } from './broker-charts.js';
import {
  axisTitle,
  CHART_COLOURS,
  chartTitles,
  LINE_LEGEND,
  type RunChartDefinition,
} from './chart-style.js';
import { congestionWindowChart, rttEstimateChart } from './congestion-charts.js';
import {
  formatSeconds,
  formatSignificant,
  pickBitRateUnit,
  pickMessageRateUnit,
  pickTimeUnit,
} from './format-numbers.js';
import { formatThroughputEquation } from './format-summary.js';
import { binLatencies } from './latency-histogram.js';

/** The chart file names, in the order chartDefinitions returns them. */
export const CHART_FILE_NAMES = [
  'throughput.png',
  'latency-distribution.png',
  'latency-breakdown.png',
  'availability-timeline.png',
  'availability-comparison.png',
  'service-availability.png',
  'congestion-window.png',
  'rtt-estimate.png',
  'queue-depth.png',
  'consumer-lag.png',
] as const;

export type { ChartDefinition, RunChartDefinition } from './chart-style.js';

const LATENCY_COMPONENT_LABELS: Record<LatencyComponent, string> = {
  trans: 'transmission (t_trans)',
  prop: 'propagation (t_prop)',
  queue: 'queueing (t_queue)',
  proc: 'processing (t_proc)',
  wait: 'waiting at the sender (t_wait)',
};

/** A duration with 4 significant digits, or "n/a". */
function formatOptionalSeconds(seconds: number | null): string {
  return seconds === null ? 'n/a' : formatSeconds(seconds, 4);
}

/**
 * Messages delivered per second in each time-series bin (left axis) and goodput (right axis, in
 * the bit-rate unit that fits its maximum), drawn as steps over the bins; x in the time unit that
 * fits the run's length. Returns null when there are no bins.
 */
export function throughputChart(result: RunResult): RunChartDefinition | null {
  const rows = result.timeseries;
  if (rows.length === 0) return null;
  const timeUnit = pickTimeUnit(rows[rows.length - 1].end);
  // reduce, not Math.max(...rows): long runs have more bins than a call may take arguments.
  const rateUnit = pickBitRateUnit(rows.reduce((max, row) => Math.max(max, row.goodputBitsPerSecond), 0));
  const messageUnit = pickMessageRateUnit(rows.reduce((max, row) => Math.max(max, row.messagesPerSecond), 0));
  // A stepped line needs the last bin's value repeated at its end to draw that bin's width.
  const stepPoints = (value: (row: (typeof rows)[number]) => number) => [
    ...rows.map((row) => ({ x: row.start / timeUnit.factor, y: value(row) })),
    { x: rows[rows.length - 1].end / timeUnit.factor, y: value(rows[rows.length - 1]) },
  ];
  const { throughput } = result.summary;
  const binSeconds = rows[0].end - rows[0].start;
  const subtitle = `${formatThroughputEquation(throughput)}; bins of ${formatSeconds(binSeconds, 3)}`;
  return {
    fileName: 'throughput.png',
    caption:
      `Messages delivered (${messageUnit.symbol}, solid, left axis) and goodput (${rateUnit.symbol}, ` +
      `dashed, right axis) in bins of ${formatSeconds(binSeconds, 3)} over simulated time; the ` +
      'subtitle gives T = N / t over the whole measured interval.',
    config: {
      type: 'line',
      data: {
        datasets: [
          {
            label: `Throughput (${messageUnit.symbol})`,
            data: stepPoints((row) => row.messagesPerSecond / messageUnit.factor),
            yAxisID: 'y',
            // Chart.js's 'before' holds each point's value until the next point, i.e. over its bin.
            stepped: 'before',
            borderColor: CHART_COLOURS.primary,
            backgroundColor: CHART_COLOURS.primary,
            borderWidth: 2,
            pointRadius: 0,
          },
          {
            label: `Goodput (${rateUnit.symbol})`,
            data: stepPoints((row) => row.goodputBitsPerSecond / rateUnit.factor),
            yAxisID: 'yGoodput',
            stepped: 'before',
            borderColor: CHART_COLOURS.secondary,
            backgroundColor: CHART_COLOURS.secondary,
            borderDash: [6, 4],
            borderWidth: 2,
            pointRadius: 0,
          },
        ],
      },
      options: {
        plugins: {
          ...chartTitles(result.summary.scenario, 'throughput over time', subtitle),
          // A line in the legend shows the dash pattern; the default box fills it into a blob.
          legend: LINE_LEGEND,
        },
        scales: {
          x: {
            // No min/max: the axis runs to round ticks around the bins instead of odd end labels.
            type: 'linear',
            title: axisTitle(`Simulated time (${timeUnit.symbol})`),
          },
          y: {
            type: 'linear',
            position: 'left',
            beginAtZero: true,
            title: axisTitle(`Throughput (${messageUnit.symbol})`),
          },
          yGoodput: {
            type: 'linear',
            position: 'right',
            beginAtZero: true,
            grid: { drawOnChartArea: false },
            title: axisTitle(`Goodput (${rateUnit.symbol})`),
          },
        },
      },
    },
  };
}

/**
 * Histogram of the measured latencies in ms (bins from binLatencies: round widths, up to 50 bins
 * over [0 or near the minimum, p99.9]); the subtitle states the sample size and how many
 * latencies above p99.9 are not drawn. Returns null when no latency was measured.
 */
export function latencyDistributionChart(result: RunResult): RunChartDefinition | null {
  const histogram = binLatencies(result.latencies);
  if (histogram === null) return null;
  const { edgesMs, counts, binWidthMs } = histogram;
  const notShown =
    histogram.above > 0
      ? `; ${histogram.above} above ${formatSignificant(edgesMs[edgesMs.length - 1], 4)} ms ` +
        `(max ${formatSignificant(histogram.maxMs, 4)} ms) not shown`
      : '';
  const { latency } = result.summary;
  const headline =
    latency.mean === null || latency.p99 === null
      ? ''
      : `mean ${formatSeconds(latency.mean, 4)}, p99 ${formatSeconds(latency.p99, 4)}; `;
  const stride = result.latencySampleStride ?? 1;
  const messages =
    stride > 1
      ? `${latency.count} messages (1 in ${stride} shown: ${result.latencies.length})`
      : `${result.latencies.length} messages`;
  const subtitle = `${messages}; ${headline}bins of ${formatSignificant(binWidthMs, 3)} ms${notShown}`;
  return {
    fileName: 'latency-distribution.png',
    caption:
      'Histogram of the end-to-end latency L of the measured delivered messages (ms); the ' +
      'slowest 0.1% beyond the last bin are counted in the subtitle, not drawn.',
    config: {
      type: 'bar',
      data: {
        datasets: [
          {
            label: 'Messages per bin',
            // Bars sit at bin centres on a linear axis, so edges line up with the axis ticks.
            data: counts.map((count, i) => ({ x: (edgesMs[i] + edgesMs[i + 1]) / 2, y: count })),
            backgroundColor: CHART_COLOURS.primaryFill,
            borderColor: CHART_COLOURS.primary,
            borderWidth: 1,
            barPercentage: 1,
            categoryPercentage: 1,
          },
        ],
      },
      options: {
        plugins: {
          ...chartTitles(result.summary.scenario, 'latency distribution', subtitle),
          legend: { display: false },
        },
        scales: {
          x: {
            type: 'linear',
            offset: false,
            min: edgesMs[0],
            max: edgesMs[edgesMs.length - 1],
            title: axisTitle('End-to-end latency (ms)'),
          },
          y: { type: 'linear', beginAtZero: true, ticks: { precision: 0 }, title: axisTitle('Messages') },
        },
      },
    },
  };
}

/**
 * Mean and p99 of each latency component (transmission, propagation, queueing, processing, loss
 * and recovery) in ms, as grouped bars; each category label is three lines: the component, its
 * mean and its p99 as text. Components without data are left empty. The component
 * means add up to the mean latency, which the subtitle states. Returns null when no latency was
 * measured.
 */
export function latencyBreakdownChart(result: RunResult): RunChartDefinition | null {
  const { latency } = result.summary;
  const components = LATENCY_COMPONENTS.map((name) => latency.components[name]);
  if (latency.count === 0 || components.every((stats) => stats.mean === null)) return null;
  const toMs = (seconds: number | null) => (seconds === null ? null : seconds * 1e3);
  const subtitle =
    latency.mean === null
      ? 'per message, the components add up to its latency'
      : `component means add up to the mean latency ${formatSeconds(latency.mean)} ` +
        `(${latency.count} messages)`;
  return {
    fileName: 'latency-breakdown.png',
    caption:
      'Mean and p99 of each latency component, t_trans, t_prop, t_queue, t_proc and t_wait (ms): ' +
      'the means add up to the mean latency; each label repeats its values, as a short bar can be invisible.',
    config: {
      type: 'bar',
      data: {
        // The values go under each label too: an 8 µs bar beside a 15 ms one is invisible.
        labels: LATENCY_COMPONENTS.map((name) => [
          LATENCY_COMPONENT_LABELS[name],
          `mean ${formatOptionalSeconds(latency.components[name].mean)}`,
          `p99 ${formatOptionalSeconds(latency.components[name].p99)}`,
        ]),
        datasets: [
          {
            label: 'Mean (ms)',
            data: components.map((stats) => toMs(stats.mean)),
            backgroundColor: CHART_COLOURS.primaryFill,
            borderColor: CHART_COLOURS.primary,
            borderWidth: 1,
          },
          {
            label: 'p99 (ms)',
            data: components.map((stats) => toMs(stats.p99)),
            backgroundColor: CHART_COLOURS.secondaryFill,
            borderColor: CHART_COLOURS.secondary,
            borderWidth: 1,
          },
        ],
      },
      options: {
        plugins: { ...chartTitles(result.summary.scenario, 'latency by component', subtitle) },
        scales: {
          x: { title: axisTitle('Latency component') },
          y: { type: 'linear', beginAtZero: true, title: axisTitle('Time per message (ms)') },
        },
      },
    },
  };
}

/**
 * All charts of a run, in CHART_FILE_NAMES order, leaving out those without data: throughput
 * needs time-series rows; both latency charts need measured latencies; the availability timeline
 * is drawn only when some node or link has a failure process (an analytic availability) or was
 * down at some point, since a chart of always-up nodes without failures says nothing; the
 * measured-vs-analytic chart needs a failing component or a service; the service chart needs a
 * service; the queue-depth and consumer-lag charts need a broker. Pure and
 * deterministic. Throws RangeError when a latency is not a finite number.
 */
export function chartDefinitions(result: RunResult): RunChartDefinition[] {
  return [
    throughputChart(result),
    latencyDistributionChart(result),
    latencyBreakdownChart(result),
    availabilityTimelineChart(result),
    availabilityComparisonChart(result),
    serviceAvailabilityChart(result),
    congestionWindowChart(result),
    rttEstimateChart(result),
    queueDepthChart(result),
    consumerLagChart(result),
  ].filter((chart): chart is RunChartDefinition => chart !== null);
}
