import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/scenario/build-simulation.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runCli } from '../helpers/cli.js';
import { recordingProbe } from '../net/recording-probe.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'msgsim-trace-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes `files` (name → text) under a fresh folder of the scratch space; returns the folder. */
function folderWith(name: string, files: Record<string, string>): string {
  const folder = path.join(scratch, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), text);
  }
  return folder;
}

/** One datagram flow over 1 Mbit/s, 5 ms: 1000 bytes take 8 ms. */
const scenario = (workload: string) => `name: replay
nodes: [{ id: a }, { id: b }]
links: [{ between: [a, b], bandwidth: 1Mbps, delay: 5ms }]
flows:
  - id: f
    from: a
    to: b
    workload: ${workload}
`;

const issuesOf = (load: () => unknown) => {
  try {
    load();
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues;
    throw error;
  }
  throw new Error('expected the scenario to be refused');
};

describe('trace arrivals', () => {
  it('create the messages at start plus the listed times, with the listed sizes, read beside the scenario file', () => {
    const folder = folderWith('sized', {
      'lessons/replay.yaml': scenario('{ arrivals: { trace: traces/sends.csv }, start: 1s }'),
      'lessons/traces/sends.csv': 'time,size\n0,1000B\n20ms,1000B\n20ms,500B\n60ms,2000B\n',
    });
    const recorder = recordingProbe();
    const loaded = loadScenario(path.join(folder, 'lessons/replay.yaml'));
    expect(loaded.flows[0].workload.messages).toBe(4);
    const { summary } = simulate(loaded, { probes: [recorder.probe] });
    expect(recorder.created.map((message) => [message.createdAt, message.payloadBytes])).toEqual([
      [1, 1000],
      [1.02, 1000],
      [1.02, 500],
      [1.06, 2000],
    ]);
    // Hand-computed: 8 + 5 ms; 8 + 5; 8 ms behind the second + 4 + 5; 16 + 5.
    const latencies = [0.013, 0.013, 0.017, 0.021];
    expect(summary.latency.mean).toBeCloseTo(latencies.reduce((a, b) => a + b) / 4, 12);
    expect(summary.latency.components.queue.max).toBeCloseTo(0.008, 12);
    expect(summary.counts.delivered).toBe(4);
    expect(summary.flows.f.throughput.goodputBitsPerSecond).toBeCloseTo((4500 * 8) / (1.081 - 1), 6);
  });

  it('send the first `messages` times when fewer are asked; refuse more than the trace holds', () => {
    const folder = folderWith('count', {
      'three.yaml': scenario('{ arrivals: { trace: t.csv }, messages: 2, size: 100B }'),
      'four.yaml': scenario('{ arrivals: { trace: t.csv }, messages: 4 }'),
      't.csv': '0\n0.5\n1\n',
    });
    const recorder = recordingProbe();
    simulate(loadScenario(path.join(folder, 'three.yaml')), { probes: [recorder.probe] });
    expect(recorder.created.map((message) => [message.createdAt, message.payloadBytes])).toEqual([
      [0, 100],
      [0.5, 100],
    ]);
    expect(issuesOf(() => loadScenario(path.join(folder, 'four.yaml')))).toEqual([
      {
        file: path.join(folder, 'four.yaml'),
        path: 'flows[0].workload.messages',
        line: 8,
        column: 55,
        message:
          "arrivals 'trace' hold 3 messages: expected messages of at most 3, got 4 (leave it out to send them all)",
      },
    ]);
  });

  it('refuse a size beside a size column, a rate, and an unreadable file', () => {
    const folder = folderWith('conflicts', {
      'sized.yaml': scenario('{ arrivals: { trace: t.csv }, size: 10B, rate: 5 }'),
      'missing.yaml': scenario('{ arrivals: { trace: nowhere.csv } }'),
      't.csv': '0,1B\n',
    });
    expect(
      issuesOf(() => loadScenario(path.join(folder, 'sized.yaml'))).map((issue) => issue.message),
    ).toEqual([
      "arrivals 'trace' give each message its size (the size column): leave out size",
      "arrivals 'trace' take no rate",
    ]);
    const [missing] = issuesOf(() => loadScenario(path.join(folder, 'missing.yaml')));
    expect(missing.path).toBe('flows[0].workload.arrivals.trace');
    expect(missing.message).toBe(
      `cannot read the trace file 'nowhere.csv': no such file (${path.join(folder, 'nowhere.csv')})`,
    );
  });

  it('refuse a device (it would never end) and cut a bad line of megabytes or binary in the message', () => {
    const folder = folderWith('odd-files', {
      'device.yaml': scenario('{ arrivals: { trace: /dev/zero } }'),
      'long.yaml': scenario('{ arrivals: { trace: long.csv } }'),
      'long.csv': `time\n${'x'.repeat(1_000_000)}\n\u0001\u0002bin\n`,
    });
    const [device] = issuesOf(() => loadScenario(path.join(folder, 'device.yaml')));
    expect(device.message).toBe("cannot read the trace file '/dev/zero': not a regular file (/dev/zero)");
    const [long, binary] = issuesOf(() => loadScenario(path.join(folder, 'long.yaml')));
    expect(long.message.length).toBeLessThan(400);
    // The value quoted by its start, as every message quotes a long value.
    expect(long.message).toMatch(
      /^long\.csv line 2: send time: .*got 'x{60}…' \(1000000 characters in all\)$/,
    );
    expect(binary.message).toMatch(/got '\?\?bin'$/);
  });

  it('a bad trace file: exit code 2, the scenario path, the trace file and line, nothing written', async () => {
    const folder = folderWith('bad', {
      'replay.yaml': scenario('{ arrivals: { trace: sends.csv } }'),
      'sends.csv': '# times\n0\n0.2\nlater\n0.1\n',
    });
    const out = path.join(folder, 'out');
    const run = await runCli(['run', path.join(folder, 'replay.yaml'), '--out', out]);
    expect(run.exitCode).toBe(2);
    const where = `${path.join(folder, 'replay.yaml')}:8:36: flows[0].workload.arrivals.trace: sends.csv`;
    expect(run.stderr).toContain(
      `${where} line 4: send time: expected a non-negative time such as '15ms' (a bare number is in s), got 'later'`,
    );
    expect(run.stderr).toContain(
      `${where} line 5: send times must not decrease: 0.1 (0.1 s) comes after 0.2 s on line 3`,
    );
    expect(existsSync(out)).toBe(false);
    const validate = await runCli(['validate', path.join(folder, 'replay.yaml')]);
    expect(validate.exitCode).toBe(2);
    expect(validate.stderr).toContain(`${where} line 4:`);
  });

  it('--set names another trace; compare reads each variant its trace once, in worker threads too', async () => {
    const folder = folderWith('vary', {
      'replay.yaml': scenario('{ arrivals: { trace: two.csv } }'),
      'two.csv': '0\n1\n',
      'five.csv': '0\n1\n2\n3\n4\n',
    });
    const file = path.join(folder, 'replay.yaml');
    const five = loadScenario(file, { overrides: ['flows[0].workload.arrivals.trace=five.csv'] });
    expect(five.flows[0].workload.messages).toBe(5);
    const out = path.join(folder, 'compare');
    const compare = await runCli([
      'compare',
      file,
      '--vary',
      'flows[0].workload.arrivals.trace=two.csv,five.csv',
      '--replications',
      '1',
      '--jobs',
      '2',
      '--no-charts',
      '--out',
      out,
    ]);
    expect(compare.exitCode, compare.stderr).toBe(0);
    const results = JSON.parse(readFileSync(path.join(out, 'compare.json'), 'utf8'));
    const throughput = results.variants.map(
      (variant: { label: string; replications: Array<{ values: { throughput: number } }> }) => [
        variant.label,
        variant.replications[0].values.throughput,
      ],
    );
    // N over the first send to the last delivery (8 ms + 5 ms after the last send).
    expect(throughput).toEqual([
      [expect.stringContaining('two.csv'), expect.closeTo(2 / 1.013, 9)],
      [expect.stringContaining('five.csv'), expect.closeTo(5 / 4.013, 9)],
    ]);
  });
});
