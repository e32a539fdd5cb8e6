/**
 * Charts of message brokers over time: the depth of each queue (messages waiting in the broker)
 * and each subscription's consumer lag (messages not yet acknowledged). Plain Chart.js
 * configurations, one line per queue or consumer group.
 */
import type { BrokerBacklogSeries, RunResult } from '../metrics/summary.js';
import { axisTitle, chartTitles, LINE_LEGEND, type RunChartDefinition, seriesColour } from './chart-style.js';
import { pickTimeUnit } from './format-numbers.js';

type Column = 'depth' | 'lag';

function backlogChart(
  result: RunResult,
  column: Column,
  fileName: string,
  title: string,
  axis: string,
  caption: string,
): RunChartDefinition | null {
  const series = result.brokerBacklogs ?? [];
  if (series.length === 0) return null;
  const end = series.reduce((last, one) => Math.max(last, one.time[one.time.length - 1] ?? 0), 0);
  const timeUnit = pickTimeUnit(end);
  const binSeconds = series[0].time.length > 1 ? series[0].time[1] - series[0].time[0] : 0;
  const datasets = series.map((one: BrokerBacklogSeries, index) => {
    const colour = seriesColour(index);
    const values = one[column];
    return {
      label: one.subscription,
      // The value of a bin holds over it; repeating the last one draws the last bin's width.
      data: [
        ...one.time.map((time, i) => ({ x: time / timeUnit.factor, y: values[i] })),
        ...(one.time.length > 0
          ? [
              {
                x: (one.time[one.time.length - 1] + binSeconds) / timeUnit.factor,
                y: values[values.length - 1],
              },
            ]
          : []),
      ],
      stepped: 'before' as const,
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: 2,
      pointRadius: 0,
    };
  });
  return {
    fileName,
    caption,
    config: {
      type: 'line',
      data: { datasets },
      options: {
        plugins: {
          ...chartTitles(
            result.summary.scenario,
            title,
            'time-weighted mean per bin, per broker queue or consumer group',
          ),
          legend: LINE_LEGEND,
        },
        scales: {
          x: { type: 'linear', min: 0, title: axisTitle(`Simulated time (${timeUnit.symbol})`) },
          y: { type: 'linear', beginAtZero: true, title: axisTitle(axis) },
        },
      },
    },
  };
}

/** Messages waiting in each broker queue over time. Null without brokers. */
export function queueDepthChart(result: RunResult): RunChartDefinition | null {
  return backlogChart(
    result,
    'depth',
    'queue-depth.png',
    'broker queue depth over time',
    'Messages waiting in the broker',
    'Messages waiting in each broker queue (or consumer group) over simulated time, as the ' +
      'time-weighted mean of each bin.',
  );
}

/** Consumer lag (waiting plus delivered and unacknowledged) of each subscription over time. Null without brokers. */
export function consumerLagChart(result: RunResult): RunChartDefinition | null {
  return backlogChart(
    result,
    'lag',
    'consumer-lag.png',
    'consumer lag over time',
    'Messages not yet acknowledged',
    'Consumer lag of each subscription over simulated time: messages waiting plus those delivered ' +
      'to a consumer and not yet acknowledged (time-weighted mean of each bin).',
  );
}
