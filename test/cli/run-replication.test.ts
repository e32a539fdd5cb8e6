/**
 * `msgsim run --replication N` is replication N of `msgsim compare` and `msgsim sweep` as a
 * single run: its summary.json has the very figures their result files record for it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'msgsim-run-replication-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Stop-and-wait over a lossy link: every replication draws other losses, so their figures differ. */
const lossy = path.resolve('scenarios/lossy-link.yaml');
/** Keeps each run of the lossy link short. */
const SHORT = ['--set', 'flows[0].workload.messages=200'];

/** One replication as compare.json and sweep.json record it. */
interface RecordedReplication {
  replication: number;
  seed: number;
  values: Record<string, number>;
}

/** The parts of summary.json the test reads. */
interface SummaryJson {
  seed: number;
  replication: number;
  throughput: { messagesPerSecond: number; goodputBitsPerSecond: number };
  latency: { mean: number; p99: number };
  counts: { sent: number; delivered: number; retransmissions: number; retransmissionTimeouts: number };
}

/** The measures compare and sweep record per replication, read from summary.json's own fields. */
function recordedMeasuresOf(summary: SummaryJson): Record<string, number> {
  return {
    throughput: summary.throughput.messagesPerSecond,
    goodput: summary.throughput.goodputBitsPerSecond,
    latencyMean: summary.latency.mean,
    latencyP99: summary.latency.p99,
    retransmissions: summary.counts.retransmissions,
    retransmissionTimeouts: summary.counts.retransmissionTimeouts,
    deliveredRatio: summary.counts.delivered / summary.counts.sent,
  };
}

/** `msgsim run` with `args` (after `run`) into a fresh folder `name`; its summary.json. */
async function runAlone(name: string, args: readonly string[]): Promise<SummaryJson> {
  const out = path.join(scratch, name);
  const result = await runCli(['run', ...args, '--no-charts', '--quiet', '--out', out]);
  expect(result.exitCode, result.stderr).toBe(0);
  return JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
}

/** The `msgsim run` command a study printed under its table, as the words a POSIX shell makes of it (after `msgsim`). */
function printedRunCommand(stdout: string): string[] {
  const line = stdout.split('\n').find((each) => each.startsWith('    msgsim run '));
  expect(line, stdout).toBeDefined();
  const text = (line as string).trim();
  const shell = spawnSync('sh', ['-c', `set -- ${text.slice('msgsim '.length)}; printf '%s\\0' "$@"`], {
    encoding: 'utf8',
  });
  expect(shell.status, shell.stderr).toBe(0);
  return shell.stdout.split('\0').slice(0, -1);
}

describe('msgsim run --replication', () => {
  it('gives replication i of a compare variant: the figures compare.json records for it, i = 0, 1, 2', async () => {
    const out = path.join(scratch, 'compare');
    const study = await runCli([
      'compare',
      lossy,
      ...SHORT,
      '--seed',
      '5',
      '--vary',
      'links[0].loss=0.05,0.1',
      '--replications',
      '3',
      '--jobs',
      '2',
      '--no-charts',
      '--out',
      out,
    ]);
    expect(study.exitCode, study.stderr).toBe(0);
    const variants: Array<{ settings: Array<{ value: string }>; replications: RecordedReplication[] }> =
      JSON.parse(readFileSync(path.join(out, 'compare.json'), 'utf8')).variants;
    expect(variants.map((variant) => variant.settings[0].value)).toEqual(['0.05', '0.1']);

    for (const [index, variant] of variants.entries()) {
      const loss = variant.settings[0].value;
      const alone: SummaryJson[] = [];
      for (const replication of [0, 1, 2]) {
        const summary = await runAlone(`compare-${index}-${replication}`, [
          lossy,
          '--seed',
          '5',
          '--replication',
          String(replication),
          ...SHORT,
          '--set',
          `links[0].loss=${loss}`,
        ]);
        const recorded = variant.replications[replication];
        expect(recorded).toMatchObject({ replication, seed: 5 });
        expect(summary.seed).toBe(5);
        expect(summary.replication).toBe(replication);
        expect(recordedMeasuresOf(summary), `loss=${loss}, replication ${replication}`).toEqual(
          recorded.values,
        );
        alone.push(summary);
      }
      // The replications drew different losses, so the equality above is not that of one run.
      expect(alone[2].counts.retransmissions).not.toBe(alone[0].counts.retransmissions);
      expect(alone[2].throughput.messagesPerSecond).not.toBe(alone[0].throughput.messagesPerSecond);
    }

    // The command compare prints for its last run is that run.
    const printed = printedRunCommand(study.stdout);
    expect(printed).toEqual([
      'run',
      lossy,
      '--seed',
      '5',
      '--replication',
      '2',
      '--set',
      'flows[0].workload.messages=200',
      '--set',
      'links[0].loss=0.1',
    ]);
    const rerun = await runAlone('compare-printed', printed.slice(1));
    expect(recordedMeasuresOf(rerun)).toEqual(variants[1].replications[2].values);
  });

  it("gives replication i of a sweep point: the figures sweep.json records for it, with the scenario's seed", async () => {
    const out = path.join(scratch, 'sweep');
    const study = await runCli([
      'sweep',
      lossy,
      ...SHORT,
      '--param',
      'links[0].loss.forward=0,0.1',
      '--replications',
      '3',
      '--jobs',
      '1',
      '--no-charts',
      '--out',
      out,
    ]);
    expect(study.exitCode, study.stderr).toBe(0);
    const points: Array<{ value: string; replications: RecordedReplication[] }> = JSON.parse(
      readFileSync(path.join(out, 'sweep.json'), 'utf8'),
    ).points;
    const lossyPoint = points[1];
    expect(lossyPoint.value).toBe('0.1');
    for (const replication of [0, 2]) {
      // No --seed: the run takes the scenario's, as the sweep did.
      const summary = await runAlone(`sweep-${replication}`, [
        lossy,
        '--replication',
        String(replication),
        ...SHORT,
        '--set',
        'links[0].loss.forward=0.1',
      ]);
      expect(lossyPoint.replications[replication]).toMatchObject({ replication, seed: 1 });
      expect(summary).toMatchObject({ seed: 1, replication });
      expect(recordedMeasuresOf(summary)).toEqual(lossyPoint.replications[replication].values);
    }
    // Without loss every replication is the same 28 ms cycle per packet: 1/0.028 messages/s.
    const lossless = await runAlone('sweep-lossless', [
      lossy,
      '--replication',
      '2',
      ...SHORT,
      '--set',
      'links[0].loss.forward=0',
    ]);
    expect(recordedMeasuresOf(lossless)).toEqual(points[0].replications[2].values);
    expect(lossless.throughput.messagesPerSecond).toBeCloseTo(1 / 0.028, 9);

    const printed = printedRunCommand(study.stdout);
    expect(printed).toEqual([
      'run',
      lossy,
      '--seed',
      '1',
      '--replication',
      '2',
      '--set',
      'flows[0].workload.messages=200',
      '--set',
      'links[0].loss.forward=0.1',
    ]);
    expect(study.stdout).toContain(
      'replication i of a point alone, with its summary.json (the same figures) and report.html: msgsim run with',
    );
    expect(study.stdout).toMatch(
      /--replication i \(0 to 2\) and the point's values as --set;\s+for point forward=0\.1, replication 2:/,
    );
  });
});
