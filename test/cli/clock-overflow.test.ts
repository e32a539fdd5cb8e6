import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'msgsim-overflow-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const base = path.join(scratch, 'base.yaml');
writeFileSync(
  base,
  [
    'name: base',
    'nodes: [{id: a}, {id: b}]',
    'links:',
    '  - { between: [a, b], bandwidth: 10Mbps, delay: 5ms }',
    'flows:',
    '  - { id: f, from: a, to: b, transport: { protocol: stop-and-wait, timeout: 50ms }, workload: { messages: 10, size: 1000B } }',
  ].join('\n'),
);

const TOO_LARGE =
  /past the largest time the clock can hold \(1\.79769313e\+308 s\): a time, rate or size of the scenario is too large to simulate\n$/;

describe('a scenario whose times overflow the simulation clock', () => {
  // Each value is accepted by the schema; the run then needs a time past the largest double.
  it.each([
    [
      'an MTTF and MTTR of 1e308 s',
      ['nodes[1].failure={mttf: 1e308, mttr: 1e308}', 'duration={cycles: 3}'],
      't=0 s',
      'onFailure',
    ],
    [
      'a transmission of 1e-300 bit/s',
      ['links[0].bandwidth=1e-300', 'flows[0].workload.size=1GB', 'flows[0].workload.messages=1'],
      't=0 s',
      'onTransmissionEnd',
    ],
    ['a processing time of 1e308 s', ['nodes[1].processing=1e308'], 't=1e+308 s', 'onServiceEnd'],
    [
      'a timeout of 1e308 s on a link losing everything',
      ['flows[0].transport.timeout=1e308', 'links[0].loss=1'],
      't=1e+308 s',
      'onTimeout',
    ],
    [
      'processing times up to 1e308 s',
      ['nodes[1].processing={dist: uniform, min: 0, max: 1e308}'],
      't=',
      'onServiceEnd',
    ],
  ])('%s: run exits 2 naming the time, the event and why, writing nothing', async (_, sets, time, event) => {
    const out = path.join(scratch, `run-${event}-${sets.length}`);
    const result = await runCli(['run', base, ...sets.flatMap((set) => ['--set', set]), '--out', out]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`msgsim: ${base}: the run cannot go on at ${time}`);
    expect(result.stderr).toContain(`event ${event} would fall`);
    expect(result.stderr).toMatch(TOO_LARGE);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).not.toContain('    at ');
    expect(result.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it.each(['1', '2'])('compare --jobs %s exits 2 naming the variant and the replication', async (jobs) => {
    const out = path.join(scratch, `compare-${jobs}`);
    const result = await runCli([
      'compare',
      base,
      '--set',
      'duration={cycles: 3}',
      // One run fails, so that which one is reported does not depend on --jobs.
      '--vary',
      'nodes[1].failure={mttf: 1e308, mttr: 1e308},{mttf: 1s, mttr: 1s}',
      '--replications',
      '1',
      '--jobs',
      jobs,
      '--quiet',
      '--out',
      out,
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^msgsim: ${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: variant failure={mttf: 1e308, mttr: 1e308}, replication 0: the run cannot go on at t=0 s: event onFailure`,
      ),
    );
    expect(result.stderr).toMatch(TOO_LARGE);
    expect(existsSync(out)).toBe(false);
  });

  it('sweep exits 2 naming the point', async () => {
    const result = await runCli([
      'sweep',
      base,
      '--param',
      'nodes[1].processing=1e308,0.001',
      '--replications',
      '1',
      '--jobs',
      '1',
      '--quiet',
      '--out',
      path.join(scratch, 'sweep'),
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      'point processing=1e308, replication 0: the run cannot go on at t=1e+308 s',
    );
    expect(result.stderr).toMatch(TOO_LARGE);
  });
});
