import { describe, expect, it } from 'vitest';
import type { Summary, TheoryPrediction } from '../../src/metrics/summary.js';
import { type SweptParameter, sweepFromRuns } from '../../src/metrics/sweep.js';
import { SWEEP_CHART_FILE_NAMES, sweepChart, sweepChartDefinitions } from '../../src/report/sweep-charts.js';
import { sweepToCsv } from '../../src/report/sweep-csv.js';
import { formatSweepTable } from '../../src/report/sweep-table.js';
import { smallRunResult } from './fake-run-results.js';

/** A one-flow summary with throughput `throughput` (goodput 8000 bits a message) and, unless null, T predicted at `theory`. */
function summaryWith(throughput: number, theory: number | null, model = 'stop-and-wait'): Summary {
  const summary = structuredClone(smallRunResult().summary);
  summary.throughput.messagesPerSecond = throughput;
  summary.throughput.goodputBitsPerSecond = throughput * 8000;
  const prediction: TheoryPrediction = {
    formula: `${model}: T = 1/E[t]`,
    values: { messagesPerSecond: theory ?? 0, goodputBitsPerSecond: (theory ?? 0) * 8000 },
  };
  summary.theory = theory === null ? {} : { [`${model}:f1`]: prediction };
  return summary;
}

/** A sweep of `parameter` (and `series`), each point run twice with throughputs mean ± 1. */
function sweepOf(
  parameter: SweptParameter,
  series: SweptParameter | null,
  point: (
    value: string,
    seriesValue: string | null,
  ) => { mean: number; theory: number | null; model?: string },
) {
  const seriesValues = series ? series.values : [null];
  const variants = seriesValues.flatMap((seriesValue) =>
    parameter.values.map((value) => {
      const settings = [
        ...(series && seriesValue !== null
          ? [{ path: series.path, name: series.name, value: seriesValue }]
          : []),
        { path: parameter.path, name: parameter.name, value },
      ];
      return { label: settings.map((s) => `${s.name}=${s.value}`).join(', '), settings };
    }),
  );
  const summaries = seriesValues.flatMap((seriesValue) =>
    parameter.values.map((value) => {
      const { mean, theory, model } = point(value, seriesValue);
      return [summaryWith(mean - 1, theory, model), summaryWith(mean + 1, theory, model)];
    }),
  );
  return sweepFromRuns('demo', { parameter, series, variants }, summaries);
}

/** A one-replication sweep of `parameter` without predictions, each point's summary naming `noTheory(value)`. */
function unpredictedSweep(parameter: SweptParameter, noTheory: (value: string) => Record<string, string>) {
  const variants = parameter.values.map((value) => ({
    label: `${parameter.name}=${value}`,
    settings: [{ path: parameter.path, name: parameter.name, value }],
  }));
  const summaries = parameter.values.map((value) => {
    const summary = summaryWith(10, null);
    summary.noTheory = noTheory(value);
    return [summary];
  });
  return sweepFromRuns('demo', { parameter, series: null, variants }, summaries);
}

const SHARES = 'its link also carries flow h';

const loss = { path: 'links[0].loss', name: 'loss', values: ['0', '0.1', '0.2'] };
const byLoss = sweepOf(loss, null, (value) => ({
  mean: 30 - 50 * Number(value),
  theory: value === '0.2' ? null : 30 - 50 * Number(value) + 0.5,
}));

describe('sweep charts', () => {
  it('draws the means at the SI values with whiskers, and the theory dashed with a gap where it does not apply', () => {
    const chart = sweepChart(byLoss, 'throughput')!;
    expect(chart.fileName).toBe('sweep-throughput.png');
    const [mean, theory, whiskers] = chart.config.data.datasets;
    expect(mean.label).toBe('simulated (mean)');
    expect(mean.data).toEqual([
      { x: 0, y: 30 },
      { x: 0.1, y: 25 },
      { x: 0.2, y: 20 },
    ]);
    expect(theory.label).toBe('theory: stop-and-wait: T = 1/E[t]');
    expect(theory.data).toEqual([
      { x: 0, y: 30.5 },
      { x: 0.1, y: 25.5 },
      { x: 0.2, y: null },
    ]);
    expect(theory).toMatchObject({ borderDash: [8, 5], spanGaps: false, showLine: true });
    // Two replications, 29 and 31: half-width t(0.975, 1)·√2/√2 = 12.706.
    const stem = (whiskers.data as Array<{ x: number; y: number | null }>).slice(3, 5);
    expect(stem[0].x).toBe(0);
    expect(stem[0].y).toBeCloseTo(30 - 12.706, 3);
    expect(stem[1].y).toBeCloseTo(30 + 12.706, 3);
    const x = chart.config.options?.scales?.x as {
      type: string;
      min: number;
      max: number;
      title: { text: string };
    };
    expect(x).toMatchObject({ type: 'linear', title: { text: 'links[0].loss' } });
    expect(x.min).toBeCloseTo(-0.006, 12);
    expect(x.max).toBeCloseTo(0.206, 12);
  });

  it('draws the theory over the simulated points and whiskers, its crosses larger than the points, and in the legend', () => {
    const chart = sweepChart(byLoss, 'throughput')!;
    type Drawn = {
      label?: string;
      order?: number;
      pointStyle?: string;
      pointRadius?: number;
      pointBorderWidth?: number;
    };
    const datasets = chart.config.data.datasets as Drawn[];
    const [mean, theory, whiskers] = datasets;
    // Chart.js draws the datasets of higher order first.
    expect(theory.order).toBeLessThan(whiskers.order!);
    expect(whiskers.order).toBeLessThan(mean.order!);
    expect(theory.pointStyle).toBe('crossRot');
    // A rotated cross reaches r/√2 along each axis: past the disc under it (its radius and half its border).
    expect(theory.pointRadius! / Math.SQRT2).toBeGreaterThan(mean.pointRadius! + mean.pointBorderWidth! / 2);
    // The legend shows each dataset's point style: the theory's cross, the means' disc, the whiskers' line.
    expect(chart.config.options?.plugins?.legend).toMatchObject({ labels: { usePointStyle: true } });
    expect(datasets.map((dataset) => dataset.pointStyle)).toEqual(['circle', 'crossRot', 'line']);
  });

  it('draws a line per value of the series parameter, each with its own theory', () => {
    const protocol = { path: 'flows[0].transport.protocol', name: 'protocol', values: ['gbn', 'sr'] };
    const sweep = sweepOf(loss, protocol, (value, series) => ({
      mean: series === 'gbn' ? 30 - 100 * Number(value) : 30 - 10 * Number(value),
      theory: 30,
      model: series!,
    }));
    const chart = sweepChart(sweep, 'throughput')!;
    const labels = chart.config.data.datasets.map((dataset) => dataset.label);
    // Two formulas: the legend names them, the subtitle writes them.
    expect(labels).toEqual([
      'protocol=gbn, simulated (mean)',
      'protocol=gbn, theory (formula above)',
      'protocol=sr, simulated (mean)',
      'protocol=sr, theory (formula above)',
      '95% confidence interval',
    ]);
    expect(chart.config.data.datasets[2].data).toEqual([
      { x: 0, y: 30 },
      { x: 0.1, y: 29 },
      { x: 0.2, y: 28 },
    ]);
    expect(chart.config.options?.plugins?.subtitle?.text).toEqual([
      'mean of 2 replications per point (common random numbers); whiskers: 95% confidence interval (Student t)',
      'theory, gbn:f1: gbn: T = 1/E[t]',
      'theory, sr:f1: sr: T = 1/E[t]',
    ]);
  });

  it('puts values that are no numbers on a category axis, unjoined', () => {
    const protocol = { path: 'flows[0].transport.protocol', name: 'protocol', values: ['gbn', 'sr'] };
    const chart = sweepChart(
      sweepOf(protocol, null, (value) => ({ mean: value === 'gbn' ? 10 : 20, theory: null })),
      'throughput',
    )!;
    expect(chart.config.data.labels).toEqual(['gbn', 'sr']);
    expect(chart.config.data.datasets[0]).toMatchObject({
      showLine: false,
      data: [
        { x: 0, y: 10 },
        { x: 1, y: 20 },
      ],
    });
    expect(chart.config.options?.scales?.values).toMatchObject({
      type: 'category',
      title: { text: protocol.path },
    });
  });

  it('says on a chart of a measure predicted per flow why it draws no theory line', () => {
    const twoFlows = summaryWith(10, 10);
    twoFlows.flows.f2 = structuredClone(twoFlows.flows.f1);
    const sweep = sweepFromRuns(
      'demo',
      {
        parameter: { ...loss, values: ['0'] },
        series: null,
        variants: [{ label: 'loss=0', settings: [{ path: loss.path, name: loss.name, value: '0' }] }],
      },
      [[twoFlows]],
    );
    expect(sweep.theoryWithheld).toEqual({
      reason: 'needs a scenario with one flow',
      models: ['stop-and-wait:f1'],
      measures: ['throughput', 'goodput'],
    });
    const subtitle = (key: 'throughput' | 'latencyMean') =>
      sweepChart(sweep, key)!.config.options?.plugins?.subtitle?.text;
    expect(subtitle('throughput')).toEqual([
      'one replication per point: no confidence interval',
      'no theory line: the overlay needs a scenario with one flow; summary.json has predictions per flow: stop-and-wait:f1',
    ]);
    expect(sweepChart(sweep, 'throughput')!.config.data.datasets.map((dataset) => dataset.label)).toEqual([
      'simulated (mean)',
    ]);
    // Latency has no prediction in these summaries: nothing withheld to explain.
    expect(subtitle('latencyMean')).toEqual(['one replication per point: no confidence interval']);
  });

  it('says on a chart of a measure with no theory line at all why, from the summaries', () => {
    const subtitle = (
      sweep: ReturnType<typeof unpredictedSweep>,
      key: 'throughput' | 'latencyMean' | 'retransmissions',
    ) => sweepChart(sweep, key)!.config.options?.plugins?.subtitle?.text;
    const shared = unpredictedSweep(loss, () => ({ f: SHARES, g: SHARES }));
    expect(subtitle(shared, 'throughput')).toEqual([
      'one replication per point: no confidence interval',
      'no theory line: no formula for f, g, each: its link also carries flow h',
    ]);
    expect(subtitle(shared, 'latencyMean')).toEqual(subtitle(shared, 'throughput'));
    // No formula predicts retransmissions anywhere: nothing to explain.
    expect(subtitle(shared, 'retransmissions')).toEqual([
      'one replication per point: no confidence interval',
    ]);
    const byPoint = unpredictedSweep(loss, (value) =>
      value === '0' ? { f1: 'its link duplicates packets' } : { f1: 'its arrivals are not Poisson' },
    );
    expect(subtitle(byPoint, 'throughput')).toEqual([
      'one replication per point: no confidence interval',
      'no theory line at loss=0: no formula for f1: its link duplicates packets',
      'no theory line at loss=0.1, loss=0.2: no formula for f1: its arrivals are not Poisson',
    ]);
    // A line drawn at some points has its gaps, not a reason.
    expect(sweepChart(byLoss, 'throughput')!.config.options?.plugins?.subtitle?.text).toEqual([
      'mean of 2 replications per point (common random numbers); whiskers: 95% confidence interval (Student t)',
    ]);
  });

  it('says the SI unit of a quantity on the x axis, and makes a chart per measure', () => {
    const delay = { path: 'links[0].delay', name: 'delay', values: ['5ms', '10ms'] };
    const sweep = sweepOf(delay, null, () => ({ mean: 10, theory: 10 }));
    const chart = sweepChart(sweep, 'throughput')!;
    expect(chart.config.data.datasets[0].data).toEqual([
      { x: 0.005, y: 10 },
      { x: 0.01, y: 10 },
    ]);
    expect(chart.config.options?.scales?.x).toMatchObject({ title: { text: 'links[0].delay (s)' } });
    expect(sweepChartDefinitions(sweep).map((definition) => definition.fileName)).toEqual(
      sweep.measures.map((key) => SWEEP_CHART_FILE_NAMES[key]),
    );
  });
});

describe('sweep table and CSV', () => {
  it('prints theory and ratio beside the measure they predict, n/a where the formula does not apply', () => {
    const lines = formatSweepTable(byLoss).split('\n');
    expect(lines[0]).toBe(
      'demo: sweep of links[0].loss over 3 values, 2 replications per point (common random numbers); ' +
        'mean ± half-width of the 95% confidence interval',
    );
    expect(lines[1]).toMatch(
      /^loss +T \(messages\/s\) +theory +ratio +goodput \(kbit\/s\) +theory +ratio +L mean/,
    );
    // 30 ± 12.706 against 30.5: ratio 30/30.5 = 0.9836; goodput 8 kbit a message: 240 ± 101.6.
    expect(lines[2]).toMatch(/^0 +30 ± 13 +30\.5000 +0\.9836 +240 ± 102 +244\.000 +0\.9836 /);
    expect(lines[4]).toMatch(/^0\.2 +20 ± 13 +n\/a +n\/a +160 ± 102 +n\/a +n\/a /);
    expect(lines.slice(5)).toEqual([
      'theory: the closed form in summary.json (ratio = measured mean / theory):',
      '  stop-and-wait:f1: stop-and-wait: T = 1/E[t]',
    ]);
  });

  it('says why there is no prediction, from the summaries, or that there is none', () => {
    const footer = (sweep: ReturnType<typeof unpredictedSweep>) =>
      formatSweepTable(sweep)
        .split('\n')
        .slice(2 + sweep.points.length);
    expect(footer(unpredictedSweep(loss, () => ({ f: SHARES, g: SHARES })))).toEqual([
      'no closed-form prediction for these measures: no formula for f, g, each: its link also carries flow h',
    ]);
    expect(footer(unpredictedSweep(loss, () => ({})))).toEqual([
      'no closed-form prediction in the summaries for these measures',
    ]);
    // Points differing in their reasons: a line per reason, naming at most three points.
    const many = { ...loss, values: ['0', '0.1', '0.2', '0.3', '0.4', '0.5', '0.6'] };
    const sweep = unpredictedSweep(many, (value) =>
      value === '0.3' ? { f: 'its link duplicates packets', g: SHARES } : { f: SHARES, g: SHARES },
    );
    expect(sweep.noTheory).toEqual([
      {
        points: ['loss=0', 'loss=0.1', 'loss=0.2', 'loss=0.4', 'loss=0.5', 'loss=0.6'],
        flows: { f: SHARES, g: SHARES },
      },
      { points: ['loss=0.3'], flows: { f: 'its link duplicates packets', g: SHARES } },
    ]);
    expect(footer(sweep)).toEqual([
      'no closed-form prediction for these measures:',
      '  at loss=0, loss=0.1, loss=0.2 and 3 more points: no formula for f, g, each: its link also carries flow h',
      '  at loss=0.3: no formula for f: its link duplicates packets; no formula for g: its link also carries flow h',
    ]);
    // Beyond four reasons, the points of the others are counted.
    const six = unpredictedSweep(many, (value) => ({ f: `reason ${Math.min(Number(value) * 10, 5)}` }));
    expect(footer(six)).toEqual([
      'no closed-form prediction for these measures:',
      '  at loss=0: no formula for f: reason 0',
      '  at loss=0.1: no formula for f: reason 1',
      '  at loss=0.2: no formula for f: reason 2',
      '  at loss=0.3: no formula for f: reason 3',
      '  and 3 more points for other reasons (sweep.json: noTheory)',
    ]);
  });

  it('says under the formulas why the points without a prediction have none', () => {
    // Only the point without a prediction names its flow (its summary's noTheory).
    const summaries = loss.values.map((value) => {
      const summary = summaryWith(30, value === '0.2' ? null : 30);
      summary.noTheory = value === '0.2' ? { f1: 'its link duplicates packets' } : {};
      return [summary];
    });
    const variants = loss.values.map((value) => ({
      label: `loss=${value}`,
      settings: [{ path: loss.path, name: loss.name, value }],
    }));
    const sweep = sweepFromRuns('demo', { parameter: loss, series: null, variants }, summaries);
    expect(formatSweepTable(sweep).split('\n').slice(5)).toEqual([
      'theory: the closed form in summary.json (ratio = measured mean / theory):',
      '  stop-and-wait:f1: stop-and-wait: T = 1/E[t]',
      'no closed-form prediction at loss=0.2: no formula for f1: its link duplicates packets',
    ]);
  });

  it('sets apart by semicolons the labels of points on several lines, which hold commas', () => {
    const variants = ['gbn', 'sr'].flatMap((protocol) =>
      ['0', '0.1'].map((value) => ({
        label: `protocol=${protocol}, loss=${value}`,
        settings: [
          { path: 'flows[0].transport.protocol', name: 'protocol', value: protocol },
          { path: loss.path, name: loss.name, value },
        ],
      })),
    );
    const summaries = variants.map(({ label }) => {
      const summary = summaryWith(10, null);
      summary.noTheory = { f1: label.endsWith('loss=0') ? 'reason a' : 'reason b' };
      return [summary];
    });
    const sweep = sweepFromRuns(
      'demo',
      {
        parameter: { ...loss, values: ['0', '0.1'] },
        series: { path: 'flows[0].transport.protocol', name: 'protocol', values: ['gbn', 'sr'] },
        variants,
      },
      summaries,
    );
    expect(formatSweepTable(sweep).split('\n').slice(6)).toEqual([
      'no closed-form prediction for these measures:',
      '  at protocol=gbn, loss=0; protocol=sr, loss=0: no formula for f1: reason a',
      '  at protocol=gbn, loss=0.1; protocol=sr, loss=0.1: no formula for f1: reason b',
    ]);
  });

  it('keeps the predictions left out of a scenario of several flows, and says nothing more', () => {
    const twoFlows = summaryWith(10, 10);
    twoFlows.flows.f2 = structuredClone(twoFlows.flows.f1);
    twoFlows.noTheory = {};
    const sweep = sweepFromRuns(
      'demo',
      {
        parameter: { ...loss, values: ['0'] },
        series: null,
        variants: [{ label: 'loss=0', settings: [{ path: loss.path, name: loss.name, value: '0' }] }],
      },
      [[twoFlows]],
    );
    expect(formatSweepTable(sweep).split('\n').slice(3)).toEqual([
      'theory overlay: needs a scenario with one flow; these summaries have predictions per flow: stop-and-wait:f1',
    ]);
  });

  it('writes a row per point with x in SI units, the estimates, theory and ratio', () => {
    const csv = sweepToCsv(byLoss).trimEnd().split('\n');
    const header = csv[0].split(',');
    expect(header.slice(0, 9)).toEqual([
      'point',
      'links[0].loss',
      'x',
      'replications',
      'throughput_mean',
      'throughput_ci95_half_width',
      'throughput_theory',
      'throughput_ratio',
      'goodput_mean',
    ]);
    expect(header).not.toContain('latencyMean_theory');
    expect(csv).toHaveLength(4);
    const row = csv[1].split(',');
    expect(row.slice(0, 5)).toEqual(['loss=0', '0', '0', '2', '30']);
    expect(Number(row[5])).toBeCloseTo(12.706, 3);
    expect(row.slice(6, 8)).toEqual(['30.5', String(30 / 30.5)]);
    expect(csv[3].split(',').slice(6, 8)).toEqual(['', '']);
  });

  it('always has the x column, empty where the axis is categorical, after the point label and the values', () => {
    const protocol = { path: 'flows[0].transport.protocol', name: 'protocol', values: ['gbn', 'sr'] };
    const sweep = sweepOf(loss, protocol, () => ({ mean: 10, theory: null }));
    const byProtocol = sweepOf(protocol, null, () => ({ mean: 10, theory: null }));
    const numericRows = sweepToCsv(sweep).trimEnd().split('\n');
    expect(numericRows[0].split(',').slice(0, 5)).toEqual([
      'point',
      'flows[0].transport.protocol',
      'links[0].loss',
      'x',
      'replications',
    ]);
    expect(numericRows[2].startsWith(`"protocol=gbn, loss=0.1",gbn,0.1,0.1,2,`)).toBe(true);
    const categoricalRows = sweepToCsv(byProtocol).trimEnd().split('\n');
    expect(categoricalRows[0].split(',').slice(0, 4)).toEqual([
      'point',
      'flows[0].transport.protocol',
      'x',
      'replications',
    ]);
    expect(categoricalRows[1].startsWith('protocol=gbn,gbn,,2,')).toBe(true);
  });
});

describe('a count column of the sweep table', () => {
  it('prints a fractional mean of whole values unrounded to its interval', () => {
    // Two replications with 20 and 25 retransmissions: mean 22.5, half-width 12.706 · 3.536 / √2 = 31.8.
    const variants = [{ label: 'loss=0.1', settings: [{ path: loss.path, name: 'loss', value: '0.1' }] }];
    const summaries = [20, 25].map((retransmissions) => {
      const summary = summaryWith(10, null);
      summary.counts.retransmissions = retransmissions;
      return summary;
    });
    const sweep = sweepFromRuns('demo', { parameter: { ...loss, values: ['0.1'] }, series: null, variants }, [
      summaries,
    ]);
    const table = formatSweepTable(sweep);
    expect(table).toContain('22.5 ± 32');
    expect(table).not.toContain('23 ± 32');
  });
});
