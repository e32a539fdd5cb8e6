import { describe, expect, it } from 'vitest';
import {
  availabilityComparisonChart,
  serviceAvailabilityChart,
} from '../../src/report/availability-charts.js';
import { availabilityLines } from '../../src/report/availability-summary-lines.js';
import { availabilityTimelineChart } from '../../src/report/availability-timeline-chart.js';
import { run } from '../helpers/scenario.js';

// biome-ignore lint/suspicious/noExplicitAny: test-only view of a plain-data configuration
const plain = (value: unknown): any => JSON.parse(JSON.stringify(value));

const constant = (ttf: number, ttr: number) => ({
  ttf: { dist: 'constant', value: ttf },
  ttr: { dist: 'constant', value: ttr },
});

/** Node n: down [10, 12) every 12 s; link L: down [4, 6) every 6 s; service = n and L. */
const result = run({
  name: 'charts',
  duration: 120,
  nodes: [{ id: 'n', failure: constant(10, 2) }, { id: 'm' }],
  links: [
    { id: 'L', between: ['n', 'm'], bandwidth: '1Mbps', failure: constant(4, 2) },
    { id: 'spare', between: ['n', 'm'], bandwidth: '1Mbps' },
  ],
  services: [{ id: 'both', members: ['n', 'L'] }],
  flows: [{ id: 'f', from: 'm', to: 'n', workload: { messages: 12, rate: 0.1, size: '100B' } }],
});

describe('availabilityComparisonChart', () => {
  const config = plain(availabilityComparisonChart(result)!.config);

  it('puts analytic and measured unavailability of each failing component and service side by side', () => {
    expect(config.data.labels.map((label: string[]) => label[0])).toEqual(['n', 'link L', 'service both']);
    const [analytic, measured, whiskers] = config.data.datasets;
    expect(analytic.data.map((point: { y: number }) => point.y)).toEqual([
      expect.closeTo(2 / 12, 12),
      expect.closeTo(2 / 6, 12),
      // Independent: 1 - (10/12)(4/6).
      expect.closeTo(1 - (10 / 12) * (4 / 6), 12),
    ]);
    expect(measured.data[0].y).toBeCloseTo(20 / 120, 12);
    expect(config.options.scales.y.type).toBe('logarithmic');
    // Constant cycles: each interval has no width, so each whisker is a point at the value.
    expect(whiskers.data[3]).toEqual({ x: expect.any(Number), y: expect.closeTo(20 / 120, 9) });
  });
});

describe('serviceAvailabilityChart', () => {
  it('draws the running availability of each service and its analytic value', () => {
    const config = plain(serviceAvailabilityChart(result)!.config);
    const [running, analytic] = config.data.datasets;
    expect(running.label).toBe('both measured');
    expect(running.data.at(-1).y).toBeCloseTo(result.summary.availability.services!.both.measured!, 12);
    expect(analytic.data.map((point: { y: number }) => point.y)).toEqual([
      expect.closeTo((10 / 12) * (4 / 6), 12),
      expect.closeTo((10 / 12) * (4 / 6), 12),
    ]);
  });

  it('is left out without services', () => {
    expect(serviceAvailabilityChart({ ...result, serviceCurves: [] })).toBeNull();
  });
});

describe('availabilityTimelineChart with links and services', () => {
  it('adds a row per failing link and per service, not for links that never fail', () => {
    const config = plain(availabilityTimelineChart(result)!.config);
    expect(config.data.labels.map((label: string) => label.replace(/ \(A = .*\)$/, ''))).toEqual([
      'n',
      'm',
      'link L',
      'service both',
    ]);
    const down = config.data.datasets.find((dataset: { label: string }) => dataset.label === 'Down');
    // 120 s of run: the axis is in minutes.
    expect(config.options.scales.x.title.text).toBe('Simulated time (min)');
    const minutes = (seconds: number) => expect.closeTo(seconds / 60, 12);
    expect(down.data.filter((bar: { y: string }) => bar.y.startsWith('link L')).slice(0, 2)).toEqual([
      { x: [minutes(4), minutes(6)], y: expect.stringMatching(/^link L/) },
      { x: [minutes(10), minutes(12)], y: expect.stringMatching(/^link L/) },
    ]);
  });
});

describe('availabilityLines', () => {
  const text = availabilityLines(result.summary.availability).join('\n');

  it('prints links and services with intervals, the analytic method and the request ratio', () => {
    expect(text).toContain(
      'link L: analytic 0.666667, measured 0.666667 (95% CI 0.666667 to 0.666667), 20 cycles',
    );
    expect(text).not.toContain('link spare');
    expect(text).toContain('service both (2 of 2: n, L): analytic 0.555556');
    expect(text).toContain('analytic by series, independent repair');
    expect(text).toMatch(/requests \(flows f\): \d+ of 12 succeeded, success ratio/);
  });

  it('notes when too few cycles were observed, with the run length needed', () => {
    expect(text).toMatch(/n: .*\n.*\n {4}note: only 10 complete failure cycles observed \(fewer than 30\)/);
    expect(text).toMatch(/about \d+ cycles, a measured interval of about .* s \(.* h\)/);
  });
});

describe('availabilityTimelineChart of a run with a partition and a degradation', () => {
  it('draws what the run recorded, though nothing can fail', () => {
    const partitioned = run({
      name: 'split',
      duration: 10,
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [{ id: 'L1', between: ['a', 'b'], bandwidth: '1Mbps' }],
      flows: [{ id: 'f', from: 'a', to: 'b', workload: { rate: 1, size: '100B' } }],
      faults: [
        { at: 2, partition: [['a'], ['b']], id: 'split', oneWay: true },
        { at: 4, degrade: 'L1', for: 3, loss: 0.5 },
      ],
    });
    const config = plain(availabilityTimelineChart(partitioned)!.config);
    expect(config.data.labels.slice(2)).toEqual(['partition split (one-way)', 'degraded L1']);
    const faults = config.data.datasets[2];
    // The partition is never healed: its bar ends with the run.
    expect(faults.data).toEqual([
      { x: [2, 10], y: 'partition split (one-way)' },
      { x: [4, 7], y: 'degraded L1' },
    ]);
  });
});
