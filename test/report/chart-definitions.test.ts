import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/metrics/summary.js';
import { availabilityTimelineChart } from '../../src/report/availability-timeline-chart.js';
import {
  CHART_FILE_NAMES,
  chartDefinitions,
  latencyBreakdownChart,
  latencyDistributionChart,
  throughputChart,
} from '../../src/report/chart-definitions.js';
import { CHART_COLOURS } from '../../src/report/chart-style.js';
import { smallRunResult } from './fake-run-results.js';

// The configurations are plain data; reading them through JSON keeps the assertions free of
// Chart.js's deep option types.
// biome-ignore lint/suspicious/noExplicitAny: test-only view of a plain-data configuration
const plain = (value: unknown): any => JSON.parse(JSON.stringify(value));

describe('chartDefinitions', () => {
  it('returns every chart in order, each titled with the scenario and with axis titles', () => {
    const charts = chartDefinitions(smallRunResult());
    expect(charts.map((chart) => chart.fileName)).toEqual([...CHART_FILE_NAMES]);
    for (const chart of charts) {
      const config = plain(chart.config);
      expect(config.options.plugins.title.text).toMatch(/^tiny-stop-and-wait: /);
      for (const scale of Object.values<{ title: { display: boolean; text: string } }>(
        config.options.scales,
      )) {
        expect(scale.title.display).toBe(true);
        expect(scale.title.text).not.toBe('');
      }
    }
  });

  it('is deterministic and structured-cloneable (no functions, dates or randomness)', () => {
    const first = chartDefinitions(smallRunResult());
    expect(structuredClone(first)).toEqual(first);
    expect(chartDefinitions(smallRunResult())).toEqual(first);
  });

  it('skips charts without data', () => {
    const result: RunResult = {
      ...smallRunResult(),
      timeseries: [],
      latencies: new Float64Array(0),
      congestionTraces: [],
      serviceCurves: [],
      brokerBacklogs: [],
    };
    result.summary.latency = { ...result.summary.latency, count: 0 };
    // The server still has a failure process: its timeline and measured-vs-analytic bars stay.
    expect(chartDefinitions(result).map((chart) => chart.fileName)).toEqual([
      'availability-timeline.png',
      'availability-comparison.png',
    ]);
  });
});

describe('throughputChart', () => {
  it('draws each bin as a step, goodput on a second axis in the unit that fits', () => {
    const config = plain(throughputChart(smallRunResult())!.config);
    expect(config.type).toBe('line');
    const [messages, goodput] = config.data.datasets;
    expect(messages.data).toEqual([
      { x: 0, y: 2 },
      { x: 1, y: 3 },
      { x: 2, y: 3 },
    ]);
    expect(goodput.data.map((point: { y: number }) => point.y)).toEqual([16, 24, 24]);
    expect(goodput.yAxisID).toBe('yGoodput');
    expect(config.options.scales.x.title.text).toBe('Simulated time (s)');
    expect(config.options.scales.y.title.text).toBe('Throughput (messages/s)');
    expect(config.options.scales.yGoodput.title.text).toBe('Goodput (kbit/s)');
    expect(config.options.scales.yGoodput.position).toBe('right');
    expect(config.options.plugins.subtitle.text).toContain('T = N / t = 5 / 2.00000 s = 2.50000 messages/s');
  });

  it('switches the time axis to hours for a long run', () => {
    const result = smallRunResult();
    result.timeseries = result.timeseries.map((row, i) => ({ ...row, start: i * 3600, end: (i + 1) * 3600 }));
    const config = plain(throughputChart(result)!.config);
    expect(config.options.scales.x.title.text).toBe('Simulated time (h)');
    expect(config.data.datasets[0].data.map((point: { x: number }) => point.x)).toEqual([0, 1, 2]);
  });
});

describe('latencyDistributionChart', () => {
  it('plots one bar per 1 ms bin at the bin centre, in ms', () => {
    const config = plain(latencyDistributionChart(smallRunResult())!.config);
    const points: { x: number; y: number }[] = config.data.datasets[0].data;
    expect(points).toHaveLength(30);
    expect(points[0]).toEqual({ x: 0.5, y: 0 });
    expect(points.filter((point) => point.y > 0)).toEqual([
      { x: 10.5, y: 1 },
      { x: 12.5, y: 2 },
      { x: 18.5, y: 1 },
      { x: 29.5, y: 1 },
    ]);
    expect(config.options.scales.x).toMatchObject({ type: 'linear', min: 0, max: 30 });
    expect(config.options.scales.x.title.text).toBe('End-to-end latency (ms)');
    expect(config.options.scales.y.title.text).toBe('Messages');
    expect(config.options.plugins.subtitle.text).toContain('5 messages');
    expect(config.options.plugins.subtitle.text).toContain('bins of 1.00 ms');
  });
});

describe('latencyBreakdownChart', () => {
  it('shows mean and p99 of each component in ms, values also under the labels', () => {
    const config = plain(latencyBreakdownChart(smallRunResult())!.config);
    expect(config.data.labels.map((label: string[]) => label[0])).toEqual([
      'transmission (t_trans)',
      'propagation (t_prop)',
      'queueing (t_queue)',
      'processing (t_proc)',
      'waiting at the sender (t_wait)',
    ]);
    expect(config.data.labels[0].slice(1)).toEqual(['mean 8.000 µs', 'p99 8.000 µs']);
    const [mean, p99] = config.data.datasets;
    expect(mean.label).toBe('Mean (ms)');
    expect(p99.label).toBe('p99 (ms)');
    const rounded = (values: number[]) => values.map((ms) => Number(ms.toPrecision(12)));
    expect(rounded(mean.data)).toEqual([0.008, 10, 1, 0.4, 2.1]);
    expect(rounded(p99.data)).toEqual([0.008, 10, 4, 1, 15]);
    expect(config.options.scales.y.title.text).toBe('Time per message (ms)');
  });
});

describe('availabilityTimelineChart', () => {
  it('draws one row per node with up and down periods as floating bars', () => {
    const config = plain(availabilityTimelineChart(smallRunResult())!.config);
    expect(config.options.indexAxis).toBe('y');
    expect(config.data.labels).toEqual(['sender (A = 1.000)', 'server (A = 0.8750)']);
    const [up, down] = config.data.datasets;
    expect(up.data).toHaveLength(3);
    expect(down.data).toEqual([{ x: [0.5, 0.75], y: 'server (A = 0.8750)' }]);
    expect(config.options.scales.x).toMatchObject({ min: 0, max: 2 });
    expect(config.options.scales.x.title.text).toBe('Simulated time (s)');
  });

  it('is left out when no node can fail and none was down, drawn when one was down', () => {
    const result = smallRunResult();
    result.summary.availability.nodes.server.analytic = null;
    result.nodeTimelines = [{ node: 'server', periods: [{ start: 0, end: 2, up: true }] }];
    expect(availabilityTimelineChart(result)).toBeNull();
    result.nodeTimelines[0].periods[0].up = false;
    expect(availabilityTimelineChart(result)).not.toBeNull();
  });
});

describe('availabilityTimelineChart with partitions and degradations', () => {
  /** The small run, with a partition [0.2, 0.6), a one-way one [1, 2) and L1 degraded twice. */
  function withFaultWindows(): RunResult {
    return {
      ...smallRunResult(),
      faultWindows: [
        { kind: 'partition', id: 'split', oneWay: false, periods: [{ start: 0.2, end: 0.6 }] },
        { kind: 'partition', id: 'p2', oneWay: true, periods: [{ start: 1, end: 2 }] },
        {
          kind: 'degradation',
          id: 'L1',
          periods: [
            { start: 0.1, end: 0.3 },
            { start: 1.5, end: 1.8 },
          ],
        },
      ],
    };
  }

  it('adds a row per partition and per degraded link with a bar per period, in the third colour', () => {
    const config = plain(availabilityTimelineChart(withFaultWindows())!.config);
    expect(config.data.labels).toEqual([
      'sender (A = 1.000)',
      'server (A = 0.8750)',
      'partition split',
      'partition p2 (one-way)',
      'degraded L1',
    ]);
    const [up, down, faults] = config.data.datasets;
    expect(up.data).toHaveLength(3);
    expect(down.data).toEqual([{ x: [0.5, 0.75], y: 'server (A = 0.8750)' }]);
    expect(faults.label).toBe('Partitioned / degraded');
    expect(faults.backgroundColor).toBe(CHART_COLOURS.faultWindow);
    expect(new Set([up.backgroundColor, down.backgroundColor, faults.backgroundColor]).size).toBe(3);
    expect(faults.data).toEqual([
      { x: [0.2, 0.6], y: 'partition split' },
      { x: [1, 2], y: 'partition p2 (one-way)' },
      { x: [0.1, 0.3], y: 'degraded L1' },
      { x: [1.5, 1.8], y: 'degraded L1' },
    ]);
    expect(config.options.plugins.subtitle.text).toBe(
      '2 nodes, 2 partitions, 1 degraded link; 1 down period',
    );
    expect(config.options.scales.y.title.text).toBe('Node, link, service or fault');
  });

  it('has no third legend entry without partitions or degradations', () => {
    const config = plain(availabilityTimelineChart(smallRunResult())!.config);
    expect(config.data.datasets.map((dataset: { label: string }) => dataset.label)).toEqual(['Up', 'Down']);
  });

  it('is drawn for a partition alone, when nothing can fail and nothing was down', () => {
    const result = withFaultWindows();
    result.summary.availability.nodes.server.analytic = null;
    result.nodeTimelines = [{ node: 'server', periods: [{ start: 0, end: 2, up: true }] }];
    result.faultWindows = result.faultWindows!.slice(0, 1);
    const config = plain(availabilityTimelineChart(result)!.config);
    expect(config.data.labels).toEqual(['server (A = 0.8750)', 'partition split']);
    expect(config.options.plugins.subtitle.text).toBe('1 node, 1 partition; 0 down periods');
  });
});
