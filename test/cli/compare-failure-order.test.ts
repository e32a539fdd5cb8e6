import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'msgsim-failure-order-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An open-loop Poisson flow without a transport: it ends only with the duration. */
const noEnd = path.join(scratch, 'noend.yaml');
writeFileSync(
  noEnd,
  [
    'name: noend',
    'nodes: [{id: a}, {id: b}]',
    'links:',
    '  - { between: [a, b], bandwidth: 10Mbps, delay: 5ms }',
    'flows:',
    '  - { id: f, from: a, to: b, workload: { rate: 100, arrivals: poisson } }',
  ].join('\n'),
);

/** What `compare` prints on stderr under each --jobs, with its exit code. */
async function failureUnderJobs(args: string[], jobs: string[]): Promise<string[]> {
  const said: string[] = [];
  for (const job of jobs) {
    const result = await runCli([
      'compare',
      noEnd,
      ...args,
      '--jobs',
      job,
      '--quiet',
      '--out',
      path.join(scratch, job),
    ]);
    said.push(`exit ${result.exitCode}: ${result.stderr}`);
  }
  return said;
}

describe('compare reports the same failed run whatever --jobs', () => {
  it('names the earliest failed run in plan order, though a later one fails first', async () => {
    // Variant 0 runs 200,000 events before its limit stops it; variant 1 (a 1 GB message at
    // 1e-300 bit/s) cannot go on at its first event, so under --jobs 2 it fails first.
    const said = await failureUnderJobs(
      [
        '--set',
        'duration=100s',
        '--set',
        'flows[0].workload={rate: 100000, arrivals: poisson, size: 1GB}',
        '--vary',
        'links[0].bandwidth=10Mbps,1e-300',
        '--replications',
        '2',
        '--max-events',
        '200000',
      ],
      ['1', '2', '3'],
    );
    expect(said[0]).toMatch(
      /^exit 2: msgsim: .*noend\.yaml: variant bandwidth=10Mbps, replication 0: the run executed more than 200000 events/,
    );
    expect(said[1]).toBe(said[0]);
    expect(said[2]).toBe(said[0]);
  });

  it('names replication 0 when both replications of a variant fail (the trial that found it)', async () => {
    const said = await failureUnderJobs(
      [
        '--set',
        'duration=100s',
        '--vary',
        'flows[0].workload.rate=10,100000',
        '--replications',
        '2',
        '--max-events',
        '200000',
      ],
      ['1', '2', '3', '2'],
    );
    expect(said[0]).toMatch(
      /^exit 2: msgsim: .*: variant rate=100000, replication 0: the run executed more than/,
    );
    expect(new Set(said).size).toBe(1);
  });
});
