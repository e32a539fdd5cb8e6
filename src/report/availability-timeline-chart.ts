/**
 * The availability timeline: a Gantt-style chart with one row per node, per link that can fail
 * and per replicated service, up periods as pale bars and down periods as red bars over
 * simulated time (too many to draw apart: shaded by their share of time down); then one row per scripted partition and per degraded link, with a bar in a
 * third colour while it was in force.
 */
import type { ChartConfiguration } from 'chart.js';
import type { FaultWindow, NodeAvailability, NodeTimeline, RunResult } from '../metrics/summary.js';
import { axisTitle, CHART_COLOURS, chartTitles, type RunChartDefinition } from './chart-style.js';
import { formatSignificant, pickTimeUnit } from './format-numbers.js';
import { CHART_WIDTH_PX } from './render-charts.js';
import { DOWN_SHARE_LEVELS, type MergedBar, mergePeriods, shadedStretches } from './timeline-bars.js';

/** A floating horizontal bar: from x[0] to x[1] on the row labelled y. */
interface RowBar {
  x: [number, number];
  y: string;
}

/**
 * Periods closer than this many pixels merge (down bars are drawn at least 2 px long, so closer
 * ones would overlap anyway): up and fault periods into one bar, down periods into a stretch
 * shaded by share of time down; a row has at most about CHART_WIDTH_PX / 2 bars of each kind
 * however many periods the run had.
 */
const MERGE_GAP_PX = 2;
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
    entry === undefined || entry.measured === null
      ? `${prefix}${id}`
      : `${prefix}${id} (A = ${formatSignificant(entry.measured, 4)})`;
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
 * least 2 px long, so a 5-minute repair stays visible on a year-long axis. Down periods closer
 * than 2 px, and a row past the periods the tracker keeps, are shaded from the row's downtime
 * bins by the share of each bin down (DOWN_SHARE_LEVELS), so every row covers the whole run
 * whatever the number of failures. Returns null when
 * nothing has a failure process, nothing was ever down and no partition or degradation was in
 * force (nothing to show), or when there are no timelines.
 */
export function availabilityTimelineChart(result: RunResult): RunChartDefinition | null {
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
  // A row the recorder stopped keeping periods of goes on, from its bins, to the end of the run.
  const cutShort = (timeline: NodeTimeline) =>
    timeline.downtime !== undefined &&
    timeline.downtime.downPeriods > timeline.periods.filter((period) => !period.up).length;
  if (nodeTimelines.some(cutShort)) endSeconds = Math.max(endSeconds, summary.simulatedSeconds);
  if (!(endSeconds > startSeconds)) {
    startSeconds = summary.interval.from;
    endSeconds = Math.max(summary.simulatedSeconds, summary.interval.to);
  }
  const timeUnit = pickTimeUnit(endSeconds);
  // The whole run, however many periods: those closer than MERGE_GAP_PX merge into one bar.
  // The canvas is wider than the plot area: a pixel of it is less than one of the time axis.
  const mergeGapSeconds = (MERGE_GAP_PX * (endSeconds - startSeconds)) / CHART_WIDTH_PX;
  const barOf = (bar: MergedBar, y: string): RowBar => ({
    x: [bar.start / timeUnit.factor, bar.end / timeUnit.factor],
    y,
  });

  const labels = [...rows.map((row) => row.label), ...faultRows.map((row) => row.label)];
  const upBars: RowBar[] = [];
  const downBars: RowBar[] = [];
  const shadedBars: RowBar[][] = DOWN_SHARE_LEVELS.map(() => []);
  let downPeriods = 0;
  let binSeconds = Number.NaN;
  nodeTimelines.forEach((timeline, row) => {
    const { periods, downtime } = timeline;
    downPeriods += downtime?.downPeriods ?? periods.filter((period) => !period.up).length;
    const up = mergePeriods(
      periods.filter((period) => period.up),
      mergeGapSeconds,
    );
    const recordedTo = periods.length > 0 ? periods[periods.length - 1].end : startSeconds;
    const dense: Array<{ start: number; end: number }> = [];
    if (downtime !== undefined && cutShort(timeline) && recordedTo < endSeconds) {
      up.push({ start: recordedTo, end: endSeconds, covered: 0, periods: 0 });
      dense.push({ start: recordedTo, end: endSeconds });
    }
    for (const bar of up) upBars.push(barOf(bar, labels[row]));
    const down = mergePeriods(
      periods.filter((period) => !period.up),
      mergeGapSeconds,
    );
    for (const bar of down) {
      // An isolated period is a solid bar; periods too close to tell apart are shaded below.
      if (bar.periods === 1 || downtime === undefined) downBars.push(barOf(bar, labels[row]));
      else dense.unshift(bar);
    }
    if (downtime === undefined) return;
    binSeconds = downtime.binSeconds;
    for (const stretch of dense) {
      for (const shaded of shadedStretches(
        downtime.downSeconds,
        downtime.binSeconds,
        stretch.start,
        stretch.end,
        endSeconds,
      )) {
        shadedBars[shaded.level].push(barOf({ ...shaded, covered: 0, periods: 0 }, labels[row]));
      }
    }
  });
  const shaded = shadedBars.some((bars) => bars.length > 0);
  let faultsMerged = false;
  const faultBars: RowBar[] = [];
  faultRows.forEach((row, index) => {
    const bars = mergePeriods(row.periods, mergeGapSeconds);
    if (bars.length < row.periods.length) faultsMerged = true;
    for (const bar of bars) faultBars.push(barOf(bar, labels[rows.length + index]));
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
  const binUnit = pickTimeUnit(binSeconds);
  const shadeNote = shaded
    ? `; those closer than 2 px shaded by the share of time down in ${formatSignificant(binSeconds / binUnit.factor, 3)} ${binUnit.symbol} bins`
    : '';
  const faultNote = faultsMerged ? '; fault windows closer than 2 px merged' : '';
  const subtitle =
    `${counted.join(', ')}; ` +
    `${downPeriods} down period${downPeriods === 1 ? '' : 's'}${shadeNote}${faultNote}`;
  const shareLabel = (level: number) => {
    const percent = (share: number) => `${Math.round(100 * share)}%`;
    const low = DOWN_SHARE_LEVELS[level];
    const high = DOWN_SHARE_LEVELS[level + 1];
    if (level === 0) return `Down < ${percent(high)}`;
    return high === undefined ? `Down ≥ ${percent(low)}` : `Down ${percent(low)}–${percent(high)}`;
  };

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
        // The whole scale where anything is shaded (so the legend reads as one), else none of it.
        ...(shaded
          ? shadedBars.map((data, level) => ({
              label: shareLabel(level),
              data,
              backgroundColor: CHART_COLOURS.downShares[level],
              grouped: false,
              barPercentage: 0.7,
              categoryPercentage: 1,
              minBarLength: 2,
              order: 0,
            }))
          : []),
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
    caption:
      'When each node, failing link and service was up or down over simulated time, with the ' +
      'partitions and link degradations in force; failures too close to draw apart are shaded by ' +
      'the share of time down.',
    // Chart.js parses {x: [start, end], y} objects as floating bars, but its types list only
    // numeric x for bar data points, so the precise type is widened to the common one here.
    config: config as unknown as ChartConfiguration,
  };
}
