import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareVariants } from '../../src/metrics/compare.js';
import type { Summary } from '../../src/metrics/summary.js';
import { sweepFromRuns } from '../../src/metrics/sweep.js';
import type { MissingValueLabels } from '../../src/report/chart-style.js';
import { compareChart, compareChartDefinitions } from '../../src/report/compare-charts.js';
import { comparisonToCsv } from '../../src/report/compare-csv.js';
import { formatComparisonTable } from '../../src/report/compare-table.js';
import { renderChart } from '../../src/report/render-charts.js';
import { sweepChart } from '../../src/report/sweep-charts.js';
import { sweepToCsv } from '../../src/report/sweep-csv.js';
import { formatSweepTable } from '../../src/report/sweep-table.js';
import { runCli } from '../helpers/cli.js';
import { run } from '../helpers/scenario.js';
import { shortBulkSummary } from '../helpers/short-bulk.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'msgsim-missing-values-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const WARMUPS = ['0', '0.0025', '1'];
const variants = WARMUPS.map((value) => ({
  label: `warmup=${value}`,
  settings: [{ path: 'warmup', name: 'warmup', value }],
}));
const runs = WARMUPS.map((value) => [shortBulkSummary(Number(value)), shortBulkSummary(Number(value))]);
const comparison = compareVariants('short', variants, runs);

const EMPTY = 'empty interval (the warm-up outlasts the run)';
const NO_LATENCY = 'latency covers messages created after the warm-up: none was delivered';

const labelsOf = (config: { options?: unknown }) =>
  (config.options as { plugins?: { missingValues?: MissingValueLabels } }).plugins?.missingValues?.labels;

describe('a comparison says why a mean is n/a', () => {
  it('gives each estimate without values its reason, beside n: 0, and the paired differences too', () => {
    const [measured, noLatency, empty] = comparison.variants;
    expect(measured.estimates.throughput?.reason).toBeUndefined();
    expect(noLatency.estimates.throughput?.n).toBe(2);
    expect(noLatency.estimates.latencyMean).toMatchObject({ n: 0, mean: null, reason: NO_LATENCY });
    expect(empty.estimates.throughput).toMatchObject({ n: 0, mean: null, reason: EMPTY });
    expect(empty.estimates.goodput?.reason).toBe(EMPTY);
    expect(empty.estimates.latencyP99?.reason).toBe(EMPTY);
    expect(empty.differenceFromFirst?.throughput).toMatchObject({ n: 0, reason: EMPTY });
    // Counts over the whole run are there whatever the interval.
    expect(empty.estimates.retransmissions).toMatchObject({ n: 2, mean: 0 });
  });

  it('names the variants and why under the table, and labels the whole-run counts', () => {
    const lines = formatComparisonTable(comparison).split('\n');
    expect(lines[1]).toContain(
      'retransmissions (copies, whole run)   retransmission timeouts (expiries, whole run)   delivered/sent (whole run)',
    );
    expect(lines.slice(-2)).toEqual([
      `n/a at warmup=0.0025 (L mean, L p99): ${NO_LATENCY}`,
      `n/a at warmup=1 (T, goodput, L mean, L p99): ${EMPTY}`,
    ]);
    // Nothing missing, nothing said.
    const full = compareVariants('short', variants.slice(0, 1), runs.slice(0, 1));
    expect(formatComparisonTable(full)).not.toContain('n/a at');
  });

  it('gives the reasons in the CSV, in a last column', () => {
    const csv = comparisonToCsv(comparison).trimEnd().split('\n');
    expect(csv[0].endsWith(',deliveredRatio_ci95_half_width,missing')).toBe(true);
    expect(csv[1].endsWith(',')).toBe(true);
    expect(csv[2].endsWith(`,"latencyMean, latencyP99: ${NO_LATENCY}"`)).toBe(true);
    expect(csv[3].endsWith(`,"throughput, goodput, latencyMean, latencyP99: ${EMPTY}"`)).toBe(true);
  });

  it('writes n/a at the slot of a missing bar and why in the subtitle', () => {
    const chart = compareChart(comparison, 'throughput')!;
    // The third bar, centred at 2 on the hidden axis of the groups.
    expect(labelsOf(chart.config)).toEqual([{ x: 2, text: 'n/a', colour: 'rgb(90, 90, 90)', row: 0 }]);
    const subtitle = chart.config.options?.plugins?.subtitle?.text as string[];
    expect(subtitle.at(-1)).toBe(`n/a at warmup=1: ${EMPTY}`);
    expect(labelsOf(compareChart(comparison, 'latencyMean')!.config)?.map((label) => label.x)).toEqual([
      1, 2,
    ]);
    expect(labelsOf(compareChart(comparison, 'retransmissions')!.config)).toBeUndefined();
  });

  it('draws the labels: a chart with them is not the chart without', async () => {
    const chart = compareChart(comparison, 'throughput')!;
    const withLabels = await renderChart(chart.config);
    const plain = structuredClone(chart.config);
    delete plain.options?.plugins?.missingValues;
    expect(withLabels.equals(await renderChart(plain))).toBe(false);
  });

  it('leaves out the chart of a measure no variant has, as before', () => {
    const empties = compareVariants('short', variants.slice(2), runs.slice(2));
    const files = compareChartDefinitions(empties).map((chart) => chart.fileName);
    expect(files).not.toContain('compare-throughput.png');
    expect(files).toContain('compare-retransmissions.png');
  });
});

describe('the reasons of the other measures', () => {
  it('say why request T and request L are missing: an empty interval of the requests, none replied after the warm-up', () => {
    const rpc = (warmup: number) =>
      run({
        name: 'rpc',
        warmup,
        nodes: [{ id: 'a' }, { id: 'b' }],
        links: [{ between: ['a', 'b'], bandwidth: '8Mbps', delay: '1ms' }],
        flows: [
          {
            id: 'rpc',
            from: 'a',
            to: 'b',
            workload: { messages: 5, size: '100B' },
            pattern: { kind: 'request-reply', mode: 'sync', replySize: '100B' },
          },
        ],
      }).summary;
    const requests = compareVariants('rpc', variants.slice(0, 1), [[rpc(10)]]);
    // Kept though no run has a value: the runs have request-reply flows, which measured nothing.
    expect(requests.measures).toContain('requestThroughput');
    const [empty] = requests.variants;
    expect(empty.estimates.requestThroughput?.reason).toBe(
      "empty interval of a flow's requests (they ended within the warm-up)",
    );
    expect(empty.estimates.requestLatency?.reason).toBe(
      'latency covers requests sent after the warm-up: none was replied',
    );
  });

  it('say why availability is missing: no time was measured, or no node can fail', () => {
    const failing = run({
      name: 'failing',
      warmup: 10,
      nodes: [{ id: 'a' }, { id: 'b', failure: { mttf: '1h', mttr: '1m' } }],
      links: [{ between: ['a', 'b'], bandwidth: '8Mbps', delay: 0 }],
      flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 10, size: '1000B' } }],
    }).summary;
    const both = compareVariants('failing', variants.slice(0, 2), [[failing], [shortBulkSummary(1)]]);
    expect(both.measures).toContain('availability');
    expect(both.variants.map((variant) => variant.estimates.availability?.reason)).toEqual([
      'no time was measured (the warm-up outlasts the run)',
      'no node has a failure process',
    ]);
  });
});

describe('a sweep says why a mean is n/a', () => {
  /** The stop-and-wait prediction of T, as a summary of one flow carries it. */
  const withTheory = (summary: Summary): Summary => ({
    ...summary,
    theory: { 'stop-and-wait:f': { formula: 'T = 1/E[t]', values: { messagesPerSecond: 1000 } } },
  });
  const sweep = sweepFromRuns(
    'short',
    { parameter: { path: 'warmup', name: 'warmup', values: WARMUPS }, series: null, variants },
    runs.map((replications) => replications.map(withTheory)),
  );

  it('names the points and why under the table and in the CSV', () => {
    const table = formatSweepTable(sweep);
    expect(table).toContain(`\nn/a at warmup=1 (T, goodput, L mean, L p99): ${EMPTY}\ntheory:`);
    expect(table).toContain(`n/a at warmup=0.0025 (L mean, L p99): ${NO_LATENCY}`);
    expect(sweep.points[2].estimates.throughput?.reason).toBe(EMPTY);
    const csv = sweepToCsv(sweep).trimEnd().split('\n');
    expect(csv[0].endsWith(',missing')).toBe(true);
    expect(csv[3].endsWith(`,"throughput, goodput, latencyMean, latencyP99: ${EMPTY}"`)).toBe(true);
  });

  it('writes n/a at a point without a mean, where only the theory cross would stand', () => {
    const chart = sweepChart(sweep, 'throughput')!;
    expect(labelsOf(chart.config)).toEqual([{ x: 1, text: 'n/a', colour: 'rgb(31, 119, 180)', row: 0 }]);
    const subtitle = chart.config.options?.plugins?.subtitle?.text as string[];
    expect(subtitle.at(-1)).toBe(`n/a at warmup=1: ${EMPTY}`);
    expect(labelsOf(sweepChart(sweep, 'latencyMean')!.config)?.map((label) => label.x)).toEqual([0.0025, 1]);
  });
});

describe('msgsim compare and sweep over a warm-up that outlasts the run', () => {
  const file = path.join(scratch, 'short.yaml');
  writeFileSync(
    file,
    'name: short\nnodes: [{id: a}, {id: b}]\n' +
      'links: [{between: [a, b], bandwidth: 8Mbps, delay: 0}]\n' +
      'flows: [{id: f, from: a, to: b, workload: {messages: 10, size: 1000B}}]\n',
  );

  it('say why T is n/a in the progress lines, and which charts are left out and why', async () => {
    const out = path.join(scratch, 'compare');
    const result = await runCli([
      'compare',
      file,
      '--vary',
      'warmup=1s,2s',
      '--replications',
      '2',
      '--jobs',
      '1',
      '--out',
      out,
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain(`[1/4] warmup=1s, replication 0: T = n/a: ${EMPTY}\n`);
    expect(result.stdout).toContain(`n/a at warmup=1s, warmup=2s (T, goodput, L mean, L p99): ${EMPTY}\n`);
    expect(result.stdout).toContain(
      'charts left out, no variant having a value: compare-throughput.png, compare-goodput.png,\n' +
        `  compare-latency-mean.png, compare-latency-p99.png: ${EMPTY}\n`,
    );
    const json = JSON.parse(readFileSync(path.join(out, 'compare.json'), 'utf8'));
    expect(json.variants[0].estimates.throughput).toMatchObject({ n: 0, reason: EMPTY });
    expect(json.measures.retransmissions.description).toBe('data copies sent again, over the whole run');

    const swept = await runCli([
      'sweep',
      file,
      '--param',
      'warmup=1s,2s',
      '--replications',
      '1',
      '--out',
      path.join(scratch, 'sweep'),
    ]);
    expect(swept.exitCode, swept.stderr).toBe(0);
    expect(swept.stdout).toContain(
      'charts left out, no point having a value: sweep-throughput.png, sweep-goodput.png,',
    );
    // Without charts none is left out, so nothing is said.
    const quiet = await runCli([
      'sweep',
      file,
      '--param',
      'warmup=1s,2s',
      '--replications',
      '1',
      '--no-charts',
      '--out',
      path.join(scratch, 'no-charts'),
    ]);
    expect(quiet.stdout).not.toContain('charts left out');
  });
});
