/**
 * The availability timeline: a Gantt-style chart with one row per node, per link that can fail
 * and per replicated service, up periods as pale bars and down periods as red bars over
 * simulated time; then one row per scripted partition and per degraded link, with a bar in a
 * third colour while it was in force.
 */
import type { ChartConfiguration } from 'chart.js';
import type { FaultWindow, NodeAvailability, NodeTimeline, RunResult } from '../metrics/summary.js';
import { axisTitle, CHART_COLOURS, type ChartDefinition, chartTitles } from './chart-style.js';
import { formatSignificant, pickTimeUnit } from './format-numbers.js';

/** A floating horizontal bar: from x[0] to x[1] on the row labelled y. */
interface RowBar {
  x: [number, number];
  y: string;
}

/** Most periods a row shows: beyond, the chart covers only the start of the run. */
const MAX_SHOWN_PERIODS = 200;

/** One row of the chart: its label and periods. */
interface Row {
  label: string;
  timeline: NodeTimeline;
}

const everDown = (timeline: NodeTimeline) => timeline.periods.some((period) => !period.up);

/** A row of a partition or a degraded link: its label and the periods it was in force. */
interface FaultRow {
  label: string;
  periods: FaultWindow['periods'];
}

function faultRowsOf(result: RunResult): FaultRow[] {
  return (result.faultWindows ?? []).map((window) => ({
    label:
      window.kind === 'partition'
        ? `partition ${window.id}${window.oneWay ? ' (one-way)' : ''}`
        : `degraded ${window.id}`,
    periods: window.periods,
  }));
}

/** Rows of nodes (all), links that can fail or were down, and services, in that order. */
function rowsOf(result: RunResult): Row[] {
  const { availability } = result.summary;
  const label = (prefix: string, id: string, entry: NodeAvailability | undefined) =>
    entry === undefined ? `${prefix}${id}` : `${prefix}${id} (A = ${formatSignificant(entry.measured, 4)})`;
  const links = availability.links ?? {};
  const services = availability.services ?? {};
  return [
    ...result.nodeTimelines.map((timeline) => ({
      label: label('', timeline.node, availability.nodes[timeline.node]),
      timeline,
    })),
    ...(result.linkTimelines ?? [])
      .filter((timeline) => (links[timeline.node]?.analytic ?? null) !== null || everDown(timeline))
      .map((timeline) => ({ label: label('link ', timeline.node, links[timeline.node]), timeline })),
    ...(result.serviceTimelines ?? []).map((timeline) => ({
      label: label('service ', timeline.node, services[timeline.node]),
      timeline,
    })),
  ];
}

/**
 * Up/down periods of every node, failing link and service as floating horizontal bars, x in the
 * time unit that fits the run (s, min, h or d). Row labels carry the id (links and services
 * prefixed) and, when known, the measured availability. Below them, a row per partition
 * (`partition <id>`, `(one-way)` when it is) and per degraded link (`degraded <link>`) with a
 * `Partitioned / degraded` bar over each period it was in force. Down and fault bars are at
 * least 2 px long, so a 5-minute repair stays visible on a year-long axis. Returns null when
 * nothing has a failure process, nothing was ever down and no partition or degradation was in
 * force (nothing to show), or when there are no timelines.
 */
export function availabilityTimelineChart(result: RunResult): ChartDefinition | null {
  const { summary } = result;
  const { availability } = summary;
  const rows = rowsOf(result);
  const faultRows = faultRowsOf(result);
  const nodeTimelines = rows.map((row) => row.timeline);
  const hasFailureProcess = [
    ...Object.values(availability.nodes),
    ...Object.values(availability.links ?? {}),
  ].some((entry) => entry.analytic !== null);
  const wasEverDown = nodeTimelines.some(everDown);
  if (nodeTimelines.length === 0 || !(hasFailureProcess || wasEverDown || faultRows.length > 0)) return null;

  let startSeconds = Number.POSITIVE_INFINITY;
  let endSeconds = Number.NEGATIVE_INFINITY;
  for (const periods of [
    ...nodeTimelines.map((timeline) => timeline.periods),
    ...faultRows.map((row) => row.periods),
  ]) {
    for (const period of periods) {
      startSeconds = Math.min(startSeconds, period.start);
      endSeconds = Math.max(endSeconds, period.end);
    }
  }
  if (!(endSeconds > startSeconds)) {
    startSeconds = summary.interval.from;
    endSeconds = Math.max(summary.simulatedSeconds, summary.interval.to);
  }
  // Thousands of failures per row read as a solid bar: the chart then shows the stretch of the
  // run in which the busiest row has its first MAX_SHOWN_PERIODS periods.
  const runEndSeconds = endSeconds;
  for (const timeline of nodeTimelines) {
    if (timeline.periods.length > MAX_SHOWN_PERIODS) {
      endSeconds = Math.min(endSeconds, timeline.periods[MAX_SHOWN_PERIODS].start);
    }
  }
  const timeUnit = pickTimeUnit(endSeconds);

  const labels = [...rows.map((row) => row.label), ...faultRows.map((row) => row.label)];
  const upBars: RowBar[] = [];
  const downBars: RowBar[] = [];
  let downPeriods = 0;
  nodeTimelines.forEach((timeline, row) => {
    for (const period of timeline.periods) {
      if (period.start >= endSeconds) break;
      if (!period.up) downPeriods++;
      (period.up ? upBars : downBars).push({
        x: [period.start / timeUnit.factor, Math.min(period.end, endSeconds) / timeUnit.factor],
        y: labels[row],
      });
    }
  });
  const faultBars: RowBar[] = [];
  faultRows.forEach((row, index) => {
    for (const period of row.periods) {
      if (period.start >= endSeconds) break;
      faultBars.push({
        x: [period.start / timeUnit.factor, Math.min(period.end, endSeconds) / timeUnit.factor],
        y: labels[rows.length + index],
      });
    }
  });
  const nodeCount = result.nodeTimelines.length;
  const serviceCount = result.serviceTimelines?.length ?? 0;
  const linkCount = rows.length - nodeCount - serviceCount;
  const others = rows.length - nodeCount + faultRows.length;
  const partitionCount = (result.faultWindows ?? []).filter((window) => window.kind === 'partition').length;
  const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  const counted = [
    plural(nodeCount, 'node'),
    ...[
      plural(linkCount, 'link'),
      plural(serviceCount, 'service'),
      plural(partitionCount, 'partition'),
      plural(faultRows.length - partitionCount, 'degraded link'),
    ].filter((text) => !text.startsWith('0 ')),
  ];
  const shown =
    endSeconds < runEndSeconds
      ? `; the first ${formatSignificant(endSeconds / timeUnit.factor, 4)} ${timeUnit.symbol} of ` +
        `${formatSignificant(runEndSeconds / pickTimeUnit(runEndSeconds).factor, 4)} ${pickTimeUnit(runEndSeconds).symbol}`
      : '';
  const subtitle =
    `${counted.join(', ')}; ` + `${downPeriods} down period${downPeriods === 1 ? '' : 's'}${shown}`;

  const config: ChartConfiguration<'bar', RowBar[], string> = {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          label: 'Up',
          data: upBars,
          backgroundColor: CHART_COLOURS.up,
          // Both datasets share each node's row instead of splitting it in two.
          grouped: false,
          barPercentage: 0.7,
          categoryPercentage: 1,
          // Drawn under the down bars, which are widened to stay visible.
          order: 1,
        },
        {
          label: 'Down',
          data: downBars,
          backgroundColor: CHART_COLOURS.down,
          grouped: false,
          barPercentage: 0.7,
          categoryPercentage: 1,
          minBarLength: 2,
          order: 0,
        },
        // Only with partitions or degradations, so the legend names nothing the chart lacks.
        ...(faultRows.length > 0
          ? [
              {
                label: 'Partitioned / degraded',
                data: faultBars,
                backgroundColor: CHART_COLOURS.faultWindow,
                grouped: false,
                barPercentage: 0.7,
                categoryPercentage: 1,
                minBarLength: 2,
                order: 0,
              },
            ]
          : []),
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: {
        ...chartTitles(
          summary.scenario,
          `${others > 0 ? 'availability' : 'node availability'} over time`,
          subtitle,
        ),
      },
      scales: {
        x: {
          type: 'linear',
          min: startSeconds / timeUnit.factor,
          max: endSeconds / timeUnit.factor,
          // The axis ends where the run does, rarely on a round number: a tick there would sit
          // crowded against the last round one (…, 8, 10.0 with 9 skipped). Round ticks only.
          ticks: { includeBounds: false },
          title: axisTitle(`Simulated time (${timeUnit.symbol})`),
        },
        y: {
          type: 'category',
          title: axisTitle(
            faultRows.length > 0
              ? 'Node, link, service or fault'
              : others > 0
                ? 'Node, link or service'
                : 'Node',
          ),
        },
      },
    },
  };
  return {
    fileName: 'availability-timeline.png',
    // Chart.js parses {x: [start, end], y} objects as floating bars, but its types list only
    // numeric x for bar data points, so the precise type is widened to the common one here.
    config: config as unknown as ChartConfiguration,
  };
}
