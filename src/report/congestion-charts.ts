/**
 * Charts of window senders over time: the congestion window with its threshold (the sawtooth),
 * and the RTT estimate with the retransmission timeout. Plain Chart.js configurations.
 */
import type { CongestionTraceSeries, RunResult } from '../metrics/summary.js';
import { axisTitle, chartTitles, LINE_LEGEND, type RunChartDefinition, seriesColour } from './chart-style.js';
import { pickTimeUnit } from './format-numbers.js';

type Point = { x: number; y: number | null };

/** Points of one column; infinite or unknown values leave a gap (null). */
function pointsOf(trace: CongestionTraceSeries, column: number[], timeFactor: number, scale = 1): Point[] {
  return trace.time.map((time, index) => {
    const value = column[index];
    return { x: time / timeFactor, y: Number.isFinite(value) ? value * scale : null };
  });
}

function lastTime(traces: readonly CongestionTraceSeries[]): number {
  return traces.reduce((end, trace) => Math.max(end, trace.time[trace.time.length - 1] ?? 0), 0);
}

/**
 * cwnd (solid) and ssthresh (dashed) of every traced flow, stepped; without congestion control
 * (cwnd infinite) the segments in flight stand in for it. Null when no flow was traced.
 */
export function congestionWindowChart(result: RunResult): RunChartDefinition | null {
  const traces = result.congestionTraces;
  if (traces.length === 0) return null;
  const timeUnit = pickTimeUnit(lastTime(traces));
  const datasets = traces.flatMap((trace, index) => {
    const colour = seriesColour(index);
    const windowed = trace.cwnd.some(Number.isFinite);
    const base = { stepped: 'before' as const, borderColor: colour, backgroundColor: colour, pointRadius: 0 };
    const lines = [
      windowed
        ? {
            ...base,
            label: `${trace.flow} cwnd`,
            data: pointsOf(trace, trace.cwnd, timeUnit.factor),
            borderWidth: 2,
            // Flows in lockstep draw one over the other: later flows go on top (Chart.js draws the
            // lowest order last), dashed, so the one below shows through the gaps.
            borderDash: index === 0 ? [] : [10, 6],
            order: -index,
          }
        : {
            ...base,
            label: `${trace.flow} in flight`,
            data: pointsOf(trace, trace.flight, timeUnit.factor),
            borderWidth: 2,
          },
    ];
    if (trace.ssthresh.some(Number.isFinite)) {
      lines.push({
        ...base,
        label: `${trace.flow} ssthresh`,
        data: pointsOf(trace, trace.ssthresh, timeUnit.factor),
        borderWidth: 1,
        ...{ borderDash: [6, 4] },
      });
    }
    return lines;
  });
  return {
    fileName: 'congestion-window.png',
    caption:
      'Congestion window cwnd (solid) and slow-start threshold ssthresh (dashed) of each window ' +
      'flow in segments over simulated time; without congestion control, the segments in flight.',
    config: {
      type: 'line',
      data: { datasets },
      options: {
        plugins: {
          ...chartTitles(
            result.summary.scenario,
            'congestion window over time',
            'segments; dashed: ssthresh',
          ),
          legend: LINE_LEGEND,
        },
        scales: {
          x: { type: 'linear', min: 0, title: axisTitle(`Simulated time (${timeUnit.symbol})`) },
          y: { type: 'linear', beginAtZero: true, title: axisTitle('Window (segments)') },
        },
      },
    },
  };
}

/** Smoothed RTT (solid) and RTO (dashed) of every traced flow, in ms. Null when nothing to draw. */
export function rttEstimateChart(result: RunResult): RunChartDefinition | null {
  const traces = result.congestionTraces;
  if (traces.length === 0) return null;
  const timeUnit = pickTimeUnit(lastTime(traces));
  const datasets = traces.flatMap((trace, index) => {
    const colour = seriesColour(index);
    const base = { stepped: 'before' as const, borderColor: colour, backgroundColor: colour, pointRadius: 0 };
    const lines = [
      {
        ...base,
        label: `${trace.flow} RTO`,
        data: pointsOf(trace, trace.rto, timeUnit.factor, 1000),
        borderWidth: 1,
        borderDash: [6, 4],
      },
    ];
    if (trace.srtt.some(Number.isFinite)) {
      lines.push({
        ...base,
        label: `${trace.flow} SRTT`,
        data: pointsOf(trace, trace.srtt, timeUnit.factor, 1000),
        borderWidth: 2,
        borderDash: [],
      });
    }
    return lines;
  });
  return {
    fileName: 'rtt-estimate.png',
    caption:
      "Each window flow's smoothed round-trip time SRTT (solid) and retransmission timeout RTO " +
      '(dashed) in ms over simulated time.',
    config: {
      type: 'line',
      data: { datasets },
      options: {
        plugins: {
          ...chartTitles(
            result.summary.scenario,
            'RTT estimate and retransmission timeout',
            'solid: smoothed RTT; dashed: RTO',
          ),
          legend: LINE_LEGEND,
        },
        scales: {
          x: { type: 'linear', min: 0, title: axisTitle(`Simulated time (${timeUnit.symbol})`) },
          y: { type: 'linear', beginAtZero: true, title: axisTitle('Time (ms)') },
        },
      },
    },
  };
}
