/**
 * The availability timeline: a Gantt-style chart with one row per node, up periods as pale bars
 * and down periods as red bars over simulated time.
 */
import type { ChartConfiguration } from 'chart.js';
import type { RunResult } from '../metrics/summary.js';
import { axisTitle, CHART_COLOURS, type ChartDefinition, chartTitles } from './chart-style.js';
import { formatSignificant, pickTimeUnit } from './format-numbers.js';

/** A floating horizontal bar: from x[0] to x[1] on the row labelled y. */
interface RowBar {
  x: [number, number];
  y: string;
}

/**
 * Up/down periods of every node as floating horizontal bars, x in the time unit that fits the
 * run (s, min, h or d). Row labels carry the node id and, when known, its measured availability.
 * Down bars are at least 2 px long, so a 5-minute repair stays visible on a year-long axis.
 * Returns null when no node has a failure process and none was ever down (nothing to show),
 * or when there are no timelines.
 */
export function availabilityTimelineChart(result: RunResult): ChartDefinition | null {
  const { nodeTimelines, summary } = result;
  const availability = summary.availability.nodes;
  const hasFailureProcess = Object.values(availability).some((node) => node.analytic !== null);
  const wasEverDown = nodeTimelines.some((timeline) => timeline.periods.some((period) => !period.up));
  if (nodeTimelines.length === 0 || !(hasFailureProcess || wasEverDown)) return null;

  let startSeconds = Number.POSITIVE_INFINITY;
  let endSeconds = Number.NEGATIVE_INFINITY;
  for (const timeline of nodeTimelines) {
    for (const period of timeline.periods) {
      startSeconds = Math.min(startSeconds, period.start);
      endSeconds = Math.max(endSeconds, period.end);
    }
  }
  if (!(endSeconds > startSeconds)) {
    startSeconds = summary.interval.from;
    endSeconds = Math.max(summary.simulatedSeconds, summary.interval.to);
  }
  const timeUnit = pickTimeUnit(endSeconds);

  const rowLabel = (node: string) => {
    const measured = availability[node]?.measured;
    return measured === undefined ? node : `${node} (A = ${formatSignificant(measured, 4)})`;
  };
  const labels = nodeTimelines.map((timeline) => rowLabel(timeline.node));
  const upBars: RowBar[] = [];
  const downBars: RowBar[] = [];
  nodeTimelines.forEach((timeline, row) => {
    for (const period of timeline.periods) {
      const bar: RowBar = {
        x: [period.start / timeUnit.factor, period.end / timeUnit.factor],
        y: labels[row],
      };
      (period.up ? upBars : downBars).push(bar);
    }
  });
  const downPeriods = downBars.length;
  const subtitle = `${nodeTimelines.length} nodes; ${downPeriods} down period${downPeriods === 1 ? '' : 's'}`;

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
        },
        {
          label: 'Down',
          data: downBars,
          backgroundColor: CHART_COLOURS.down,
          grouped: false,
          barPercentage: 0.7,
          categoryPercentage: 1,
          minBarLength: 2,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: { ...chartTitles(summary.scenario, 'node availability over time', subtitle) },
      scales: {
        x: {
          type: 'linear',
          min: startSeconds / timeUnit.factor,
          max: endSeconds / timeUnit.factor,
          title: axisTitle(`Simulated time (${timeUnit.symbol})`),
        },
        y: { type: 'category', title: axisTitle('Node') },
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
