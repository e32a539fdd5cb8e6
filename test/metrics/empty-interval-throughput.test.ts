import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareVariants } from '../../src/metrics/compare.js';
import { formatSummary } from '../../src/report/format-summary.js';
import { reportHtml } from '../../src/report/html/report-page.js';
import { compareTheory } from '../../src/report/theory-measured.js';
import { runCli } from '../helpers/cli.js';
import { run } from '../helpers/scenario.js';
import { shortBulkSummary } from '../helpers/short-bulk.js';
import { rowStarting, sectionOf, textOf } from '../report/html/page-text.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'msgsim-empty-interval-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A sync request-reply flow: its run ends inside a warm-up of 10 s. */
const requestsBehindWarmup = (warmup = 10) =>
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

const NO_RATES = {
  messagesPerSecond: null,
  goodputBitsPerSecond: null,
  wireBitsPerSecond: null,
  offeredMessagesPerSecond: null,
  delivered: 0,
  intervalSeconds: 0,
};

/**
 * Over an empty measurement interval (t = 0) no rate was measured: T = N / t and the rates
 * beside it are null, as `measured` availability is, not a 0 that reads as measured.
 */
describe('throughput over an empty measurement interval', () => {
  it('is null in the summary, for the run and each flow; a short interval still measures 0', () => {
    const summary = shortBulkSummary(1);
    expect(summary.interval).toEqual({ from: 1, to: 1, empty: 'endedInWarmup' });
    expect(summary.throughput).toEqual(NO_RATES);
    expect(summary.flows.f.throughput).toEqual(NO_RATES);
    const measured = shortBulkSummary(0.0025);
    expect(measured.throughput.messagesPerSecond).toBeCloseTo(8 / 0.0075, 9);
    expect(measured.throughput.offeredMessagesPerSecond).toBe(0);
  });

  it('is null in summary.json, which msgsim run writes', async () => {
    const file = path.join(scratch, 'short.yaml');
    writeFileSync(
      file,
      'name: short\nwarmup: 1s\nnodes: [{id: a}, {id: b}]\n' +
        'links: [{between: [a, b], bandwidth: 8Mbps, delay: 0}]\n' +
        'flows: [{id: f, from: a, to: b, workload: {messages: 10, size: 1000B}}]\n',
    );
    const out = path.join(scratch, 'out');
    const result = await runCli(['run', file, '--no-charts', '--out', out]);
    expect(result.exitCode, result.stderr).toBe(0);
    const json = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(json.throughput).toEqual(NO_RATES);
    expect(json.flows.f.throughput).toEqual(NO_RATES);
    expect(result.stdout).toContain(
      'T = N / t = 0 / 0 s = undefined (t = 0)\n  goodput n/a, wire throughput n/a, offered load n/a\n',
    );
    // A sweep of such runs, charts and all: T has no mean and is no 0 in the table.
    const swept = path.join(scratch, 'sweep');
    const sweep = await runCli([
      'sweep',
      file,
      '--param',
      'flows[0].workload.messages=10,20',
      '--replications',
      '2',
      '--jobs',
      '1',
      '--out',
      swept,
    ]);
    expect(sweep.exitCode, sweep.stderr).toBe(0);
    const points = JSON.parse(readFileSync(path.join(swept, 'sweep.json'), 'utf8')).points;
    expect(
      points.map(
        (point: { estimates: { throughput: { mean: unknown } } }) => point.estimates.throughput.mean,
      ),
    ).toEqual([null, null]);
    expect(sweep.stdout).toMatch(/\n10 +n\/a +n\/a /);
    expect(sweep.stderr).toContain('replication 0: T = n/a: empty interval (the warm-up outlasts the run)\n');
  });

  it('reads n/a in the terminal summary and report.html, not 0', () => {
    const summary = shortBulkSummary(1);
    const text = formatSummary(summary);
    expect(text).toContain('  goodput n/a, wire throughput n/a, offered load n/a\n');
    expect(text).toContain('    T = N / t = 0 / 0 s = undefined (t = 0); goodput n/a\n');
    const page = reportHtml(summary, null, { version: '0', scenarioFile: 'short.yaml', overrides: [] });
    const throughput = sectionOf(page, 'throughput');
    expect(rowStarting(throughput, 'T')).toEqual(['T', 'throughput N / t', 'n/a']);
    expect(rowStarting(throughput, 'goodput')[2]).toBe('n/a');
    expect(rowStarting(throughput, 'wire throughput')[2]).toBe('n/a');
    expect(rowStarting(throughput, 'offered load')[2]).toBe('n/a');
    expect(textOf(page)).toContain('Goodput n/a, wire throughput n/a, sender utilisation n/a;');
  });

  it("leaves flows sharing a link without goodputs and Jain's index", () => {
    const { fairness } = run({
      name: 'shared',
      warmup: 1,
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [{ between: ['a', 'b'], bandwidth: '8Mbps', delay: 0 }],
      flows: [
        { id: 'f', from: 'a', to: 'b', workload: { messages: 10, size: '1000B' } },
        { id: 'g', from: 'a', to: 'b', workload: { messages: 10, size: '1000B' } },
      ],
    }).summary;
    expect(fairness).toEqual([
      { links: ['a-b:a>b'], flows: ['f', 'g'], goodputBitsPerSecond: [null, null], jainIndex: null },
    ]);
  });

  it('is null for the requests of a request-reply flow, and their measured figure is missing', () => {
    const summary = requestsBehindWarmup();
    const requests = summary.flows.rpc.requests!;
    expect(requests.throughput).toEqual({ requestsPerSecond: null, completed: 0, intervalSeconds: 0 });
    expect(formatSummary(summary)).toContain('T = N / t = 0 / 0 s = undefined (t = 0)');
    const theory = summary.theory['request-reply:rpc'];
    const rows = compareTheory(summary, 'request-reply:rpc', theory);
    expect(rows.find((row) => row.name === 'requestsPerSecond')).toMatchObject({
      measured: null,
      ratio: null,
    });
  });

  it('is missing in compare and sweep aggregates: no value, no mean, no crash', () => {
    const empty = shortBulkSummary(1);
    const measured = shortBulkSummary(0.0025);
    const variants = [
      { label: 'warmup=1', settings: [{ path: 'warmup', name: 'warmup', value: '1' }] },
      { label: 'warmup=0.0025', settings: [{ path: 'warmup', name: 'warmup', value: '0.0025' }] },
    ];
    const comparison = compareVariants('short', variants, [
      [empty, empty],
      [measured, measured],
    ]);
    const [first, second] = comparison.variants;
    expect(first.replications[0].values.throughput).toBeNull();
    expect(first.replications[0].values.goodput).toBeNull();
    expect(first.estimates.throughput).toEqual({
      n: 0,
      mean: null,
      sd: null,
      halfWidth: null,
      ci95: null,
      reason: 'empty interval (the warm-up outlasts the run)',
    });
    expect(second.estimates.throughput?.mean).toBeCloseTo(8 / 0.0075, 9);
    expect(second.differenceFromFirst?.throughput?.n).toBe(0);

    // A request-reply run that measured nothing beside one that did: its request T is missing.
    const rpc = compareVariants('rpc', variants, [[requestsBehindWarmup()], [requestsBehindWarmup(0)]]);
    expect(rpc.measures).toContain('requestThroughput');
    expect(rpc.variants[0].replications[0].values.requestThroughput).toBeNull();
    expect(rpc.variants[0].estimates.requestThroughput?.mean).toBeNull();
    expect(rpc.variants[1].estimates.requestThroughput?.mean).toBeGreaterThan(0);
  });
});
