import { describe, expect, it } from 'vitest';
import { consumerLagChart, queueDepthChart } from '../../src/report/broker-charts.js';
import { smallRunResult } from './fake-run-results.js';

// biome-ignore lint/suspicious/noExplicitAny: test-only view of a plain-data configuration
const plain = (value: unknown): any => JSON.parse(JSON.stringify(value));

describe('broker charts', () => {
  it('draws each queue’s depth as steps over its bins, the last bin held to its end', () => {
    const config = plain(queueDepthChart(smallRunResult())!.config);
    const [jobs] = config.data.datasets;
    expect(jobs.label).toBe('broker:jobs');
    expect(jobs.stepped).toBe('before');
    expect(jobs.data).toEqual([
      { x: 0, y: 0 },
      { x: 0.5, y: 3 },
      { x: 1, y: 1.5 },
      { x: 1.5, y: 0 },
      { x: 2, y: 0 },
    ]);
    expect(config.options.scales.y.title.text).toBe('Messages waiting in the broker');
    expect(config.options.plugins.title.text).toBe('tiny-stop-and-wait: broker queue depth over time');
  });

  it('draws the consumer lag from the same bins', () => {
    const chart = consumerLagChart(smallRunResult())!;
    expect(chart.fileName).toBe('consumer-lag.png');
    expect(plain(chart.config).data.datasets[0].data.map((point: { y: number }) => point.y)).toEqual([
      1, 4, 2.5, 0.5, 0.5,
    ]);
  });

  it('draws nothing without brokers', () => {
    expect(queueDepthChart({ ...smallRunResult(), brokerBacklogs: undefined })).toBeNull();
    expect(consumerLagChart({ ...smallRunResult(), brokerBacklogs: [] })).toBeNull();
  });
});
