import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'msgsim-sweep-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Stop-and-wait, 1000-byte packets over 1 Mbit/s (8 ms), 10 ms each way, no ACK time, a 50 ms timeout. */
const lossy = path.resolve('scenarios/lossy-link.yaml');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function sweep(args: string[]) {
  return runCli(['sweep', ...args]);
}

function readSweep(folder: string) {
  return JSON.parse(readFileSync(path.join(folder, 'sweep.json'), 'utf8'));
}

interface PointJson {
  label: string;
  value: string;
  x: number | null;
  series: string | null;
  estimates: Record<string, { n: number; mean: number; halfWidth: number }>;
  theory: Record<string, { model: string; formula: string; value: number; ratio: number }>;
}

/**
 * Stop-and-wait on the lossy link (Bertsekas & Gallager §2.4.1): a packet's cycle is
 * L/R + 2d = 28 ms; each attempt is lost with p and costs the 50 ms timeout, so the time per
 * packet is X = cycle + F·T_o with F geometric (mean p/(1-p), variance p/(1-p)^2), and
 * T = 1/E[X].
 */
function stopAndWait(p: number, delaySeconds = 0.01) {
  const cycle = 8000 / 1e6 + 2 * delaySeconds;
  const meanTime = cycle + (p / (1 - p)) * 0.05;
  return { throughput: 1 / meanTime, meanTime, sdTime: (0.05 * Math.sqrt(p)) / (1 - p) };
}

describe('msgsim sweep', () => {
  it('measures stop-and-wait over loss 0, 0.1, 0.2 within the run length of the closed form', async () => {
    const messages = 3000;
    const replications = 3;
    const out = path.join(scratch, 'stop-and-wait');
    const result = await sweep([
      lossy,
      '--set',
      `flows[0].workload.messages=${messages}`,
      '--param',
      'links[0].loss.forward=0:0.2:0.1',
      '--replications',
      String(replications),
      '--jobs',
      '1',
      '--out',
      out,
    ]);
    expect(result.exitCode, result.stderr).toBe(0);

    const json = readSweep(out);
    expect(json).toMatchObject({
      scenario: 'lossy-link',
      param: ['links[0].loss.forward=0:0.2:0.1'],
      set: [`flows[0].workload.messages=${messages}`],
      replications,
      parameter: {
        path: 'links[0].loss.forward',
        name: 'forward',
        values: ['0', '0.1', '0.2'],
        axis: { kind: 'numeric', unit: null },
      },
      series: null,
    });
    expect(json.measures.throughput).toMatchObject({
      unit: 'messages/s',
      theoryValues: ['messagesPerSecond', 'throughputMessagesPerSecond'],
    });
    expect(json.measures.retransmissions.theoryValues).toEqual([]);
    const points: PointJson[] = json.points;
    expect(points.map((point) => point.x)).toEqual([0, 0.1, 0.2]);

    // Without loss every run takes exactly N cycles.
    expect(points[0].estimates.throughput).toMatchObject({ n: 3, halfWidth: 0 });
    expect(points[0].estimates.throughput.mean).toBeCloseTo(1 / 0.028, 9);
    for (const [index, p] of [0, 0.1, 0.2].entries()) {
      const expected = stopAndWait(p);
      const { theory, estimates } = points[index];
      expect(theory.throughput.model).toBe('stop-and-wait:transfer');
      expect(theory.throughput.value).toBeCloseTo(expected.throughput, 9);
      expect(theory.goodput.value).toBeCloseTo(8000 * expected.throughput, 6);
      expect(theory.throughput.ratio).toBeCloseTo(estimates.throughput.mean / expected.throughput, 12);
      // One run's T = N / ΣX; by the delta method its sd is T·sd(X)/(E[X]·√N), the mean of R
      // independent replications' that over √R: 0.55% at p = 0.1, 0.73% at p = 0.2. Four of those.
      const standardError =
        (expected.throughput * expected.sdTime) / (expected.meanTime * Math.sqrt(messages * replications));
      expect(Math.abs(estimates.throughput.mean - expected.throughput)).toBeLessThanOrEqual(
        4 * standardError + 1e-9,
      );
    }

    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(
      'lossy-link: sweep of links[0].loss.forward over 3 values, 3 replications per point (common random numbers); ' +
        'mean ± half-width of the 95% confidence interval',
    );
    expect(lines[1]).toMatch(
      /^forward +T \(messages\/s\) +theory +ratio +goodput \(kbit\/s\) +theory +ratio +L mean \(s\) +L p99 \(s\) +retransmissions/,
    );
    expect(lines[2]).toMatch(/^0 +35\.7143 ± 0 +35\.7143 +1\.000 +285\.714 ± 0 +285\.714 +1\.000 /);
    expect(lines[3]).toMatch(/^0\.1 +\d+\.\d+ ± \d\.\d+ +29\.8013 +(0\.99|1\.0)\d+ /);
    expect(lines[4]).toMatch(/^0\.2 +\d+\.\d+ ± \d\.\d+ +24\.6914 +(0\.9|1\.0)\d+ /);
    expect(result.stdout).toContain('  stop-and-wait:transfer: E[t] = cycle + ((1-s)/s)·T_o');
    expect(result.stderr.trim().split('\n')).toHaveLength(9);
    expect(result.stderr).toContain('[9/9]');

    expect(readdirSync(out).sort()).toEqual([
      'sweep-delivered-ratio.png',
      'sweep-goodput.png',
      'sweep-latency-mean.png',
      'sweep-latency-p99.png',
      'sweep-retransmission-timeouts.png',
      'sweep-retransmissions.png',
      'sweep-throughput.png',
      'sweep.csv',
      'sweep.json',
    ]);
    expect(readFileSync(path.join(out, 'sweep-throughput.png')).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const csv = readFileSync(path.join(out, 'sweep.csv'), 'utf8').trimEnd().split('\n');
    expect(csv).toHaveLength(4);
    expect(csv[0].startsWith('point,links[0].loss.forward,x,replications,throughput_mean,')).toBe(true);
    expect(csv[2].startsWith('forward=0.1,0.1,0.1,3,')).toBe(true);
  });

  it('takes quantities with units, x in SI units', async () => {
    const out = path.join(scratch, 'delay');
    const result = await sweep([
      lossy,
      '--set',
      'flows[0].workload.messages=100',
      '--param',
      'links[0].delay=5ms:15ms:5ms',
      '--replications',
      '1',
      '--jobs',
      '1',
      '--no-charts',
      '--quiet',
      '--out',
      out,
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const json = readSweep(out);
    expect(json.parameter).toMatchObject({
      values: ['5ms', '10ms', '15ms'],
      axis: { kind: 'numeric', unit: 's' },
    });
    const points: PointJson[] = json.points;
    expect(points.map((point) => point.x)).toEqual([0.005, 0.01, 0.015]);
    for (const point of points) {
      expect(point.theory.throughput.value).toBeCloseTo(stopAndWait(0.1, point.x!).throughput, 9);
    }
    expect(readdirSync(out).sort()).toEqual(['sweep.csv', 'sweep.json']);
  });

  it('gives bare numbers the unit the scenario reads them in: a delay of 0.1 is 0.1 s', async () => {
    const out = path.join(scratch, 'bare-delay');
    const result = await sweep([
      lossy,
      '--set',
      'flows[0].workload.messages=20',
      '--param',
      'links[0].delay=0.005:0.015:0.005',
      '--replications',
      '1',
      '--jobs',
      '1',
      '--no-charts',
      '--quiet',
      '--out',
      out,
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    const json = readSweep(out);
    expect(json.parameter.axis).toEqual({ kind: 'numeric', unit: 's' });
    const points: PointJson[] = json.points;
    expect(points.map((point) => point.x)).toEqual([0.005, 0.01, 0.015]);
    expect(points[2].theory.throughput.value).toBeCloseTo(stopAndWait(0.1, 0.015).throughput, 9);
  });

  it('says why a scenario of several flows gets no theory overlay, naming the predictions it has', async () => {
    // Two Poisson datagram flows, each alone on its own link: M/D/1 per flow (link-queue:f, :g).
    const file = path.join(scratch, 'two-queues.yaml');
    writeFileSync(
      file,
      [
        'name: two-queues',
        'nodes: [{ id: a }, { id: b }, { id: c }, { id: d }]',
        'links:',
        '  - { between: [a, b], bandwidth: 1Mbps, delay: 1ms }',
        '  - { between: [c, d], bandwidth: 1Mbps, delay: 1ms }',
        'flows:',
        '  - { id: f, from: a, to: b, transport: { protocol: datagram }, workload: { rate: 50, arrivals: poisson, size: 1000B, messages: 20 } }',
        '  - { id: g, from: c, to: d, transport: { protocol: datagram }, workload: { rate: 50, arrivals: poisson, size: 1000B, messages: 20 } }',
        '',
      ].join('\n'),
    );
    const out = path.join(scratch, 'two-queues');
    const result = await sweep([
      file,
      '--param',
      'links[*].delay=1ms,2ms',
      '--replications',
      '1',
      '--jobs',
      '1',
      '--no-charts',
      '--out',
      out,
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('no closed-form prediction');
    expect(result.stdout.replace(/\n +/g, ' ')).toContain(
      'theory overlay: needs a scenario with one flow; these summaries have predictions per flow: link-queue:f, link-queue:g',
    );
    const json = readSweep(out);
    expect(json.theoryWithheld).toEqual({
      reason: 'needs a scenario with one flow',
      models: ['link-queue:f', 'link-queue:g'],
      measures: ['goodput', 'latencyMean'],
    });
    expect(json.points.map((point: PointJson) => point.theory)).toEqual([{}, {}]);
  });

  it('says why flows sharing a link get no prediction, in the table and in sweep.json', async () => {
    const file = path.join(scratch, 'shared-link.yaml');
    writeFileSync(
      file,
      [
        'name: shared-link',
        'nodes: [{ id: a }, { id: b }]',
        'links:',
        '  - { between: [a, b], bandwidth: 1Mbps, delay: 1ms }',
        'flows:',
        '  - { id: f, from: a, to: b, transport: { protocol: datagram }, workload: { rate: 50, arrivals: poisson, size: 1000B, messages: 20 } }',
        '  - { id: g, from: a, to: b, transport: { protocol: datagram }, workload: { rate: 50, arrivals: poisson, size: 1000B, messages: 20 } }',
        '',
      ].join('\n'),
    );
    const out = path.join(scratch, 'shared-link');
    const result = await sweep([
      file,
      '--param',
      'links[0].delay=1ms,2ms',
      '--replications',
      '2',
      '--jobs',
      '1',
      '--no-charts',
      '--out',
      out,
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toContain(
      'no closed-form prediction for these measures: no formula for f: its link also carries flow g;',
    );
    expect(lines).toContain('  no formula for g: its link also carries flow f');
    // Datagrams are never sent again: whole counts, shown without decimals.
    expect(lines[2]).toMatch(/ {3}0 ± 0 {4,}0 ± 0 /);
    const json = readSweep(out);
    expect(json.theoryWithheld).toBeNull();
    expect(json.noTheory).toEqual([
      {
        points: ['delay=1ms', 'delay=2ms'],
        flows: { f: 'its link also carries flow g', g: 'its link also carries flow f' },
      },
    ]);
  });

  it('draws a line per value of a second --param, with identical results for any --jobs', async () => {
    const runWith = async (jobs: string) => {
      const out = path.join(scratch, `series-${jobs}`);
      const result = await sweep([
        lossy,
        '--set',
        'flows[0].workload.messages=300',
        '--set',
        'flows[0].transport={protocol: go-back-n, window: 8, timeout: 50ms}',
        '--param',
        'links[0].loss.forward=0.05,0.1',
        '--param',
        'flows[*].transport.protocol=go-back-n,selective-repeat',
        '--replications',
        '2',
        '--jobs',
        jobs,
        '--seed',
        '3',
        '--no-charts',
        '--out',
        out,
      ]);
      expect(result.exitCode, result.stderr).toBe(0);
      return { text: readFileSync(path.join(out, 'sweep.json'), 'utf8'), result, out };
    };
    const inProcess = await runWith('1');
    const inWorkers = await runWith('2');
    expect(inWorkers.text).toBe(inProcess.text);

    const json = JSON.parse(inProcess.text);
    expect(json.series).toEqual({
      path: 'flows[*].transport.protocol',
      name: 'protocol',
      values: ['go-back-n', 'selective-repeat'],
    });
    const points: PointJson[] = json.points;
    expect(points.map((point) => [point.series, point.value])).toEqual([
      ['go-back-n', '0.05'],
      ['go-back-n', '0.1'],
      ['selective-repeat', '0.05'],
      ['selective-repeat', '0.1'],
    ]);
    expect(points[0].label).toBe('forward=0.05, protocol=go-back-n');
    // Go-Back-N: W·t_f = 64 ms outlasts T_o = 50 ms, so K = ceil(50/8) = 7 frame times a loss:
    // T = (1-p)/(1 + (K-1)p) / t_f. Selective repeat's window of 8 stalls after one loss (its
    // 36 ms of slack is less than a resend), so no formula holds there.
    for (const point of points.slice(0, 2)) {
      const p = Number(point.value);
      expect(point.theory.throughput.model).toBe('go-back-n:transfer');
      expect(point.theory.throughput.value).toBeCloseTo((1 - p) / (1 + 6 * p) / 0.008, 9);
    }
    for (const point of points.slice(2)) expect(point.theory).toEqual({});
    // Go-Back-N resends what followed a loss; selective repeat only the lost packet.
    expect(points[1].estimates.retransmissions.mean).toBeGreaterThan(
      points[3].estimates.retransmissions.mean,
    );

    const lines = inProcess.result.stdout.split('\n');
    expect(lines[1]).toMatch(/^protocol +forward +T \(messages\/s\) +theory +ratio /);
    expect(lines[2]).toMatch(/^go-back-n +0\.05 +\d+\.?\d* ± \d+\.?\d* +\d+\.\d+ +\d\.\d+ /);
    expect(lines[4]).toMatch(/^selective-repeat +0\.05 +\d+\.?\d* ± \d+\.?\d* +n\/a +n\/a /);
    const csv = readFileSync(path.join(inProcess.out, 'sweep.csv'), 'utf8').split('\n');
    expect(csv[0].startsWith('point,flows[*].transport.protocol,links[0].loss.forward,x,replications,')).toBe(
      true,
    );
    expect(csv[1].startsWith('"forward=0.05, protocol=go-back-n",go-back-n,0.05,0.05,2,')).toBe(true);
  });

  it('names the point, the replication and its own option when a run goes past --max-events', async () => {
    const out = path.join(scratch, 'runaway');
    const result = await sweep([
      lossy,
      '--set',
      'flows[0].workload.messages=200',
      '--param',
      'links[0].loss.forward=0.1,0.9',
      '--max-events',
      '2000',
      '--replications',
      '1',
      '--jobs',
      '1',
      '--out',
      out,
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /msgsim: .*lossy-link\.yaml: point forward=0\.9, replication 0: the run executed more than 2000 events .*\(msgsim sweep --max-events N\)\n/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 on bad input before running anything, naming the option and the point, and writes nothing', async () => {
    const out = path.join(scratch, 'never');
    const refused = async (args: string[], message: string | RegExp) => {
      const result = await sweep([lossy, ...args, '--out', out]);
      expect(result.exitCode, result.stderr).toBe(2);
      if (typeof message === 'string') expect(result.stderr).toContain(message);
      else expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toContain('[1/');
      expect(result.stdout).toBe('');
    };
    await refused([], 'msgsim: Missing required argument: param');
    await refused(
      ['--param', 'links[0].loss.forward=0:0.2:0'],
      "lossy-link.yaml: links[0].loss.forward: --param links[0].loss.forward=0:0.2:0: the range's step must be greater than 0, got '0'",
    );
    await refused(
      ['--param', 'links[0].loss.forward=0:1:0.0001'],
      "--param links[0].loss.forward=0:1:0.0001: the range '0:1:0.0001' has 10001 points, more than 1000",
    );
    await refused(
      ['--param', 'links[-1].loss.forward=0:0.1:0.05'],
      "lossy-link.yaml: links[-1].loss.forward: --param links[-1].loss.forward=0:0.1:0.05: index -1 of 'links' " +
        "must be a whole number from 0 to 0 ('links' has 1 item)\n",
    );
    await refused(
      ['--param', 'links[0].loss.forward=low:high:0.1'],
      "the range's from 'low' is not a number",
    );
    await refused(
      ['--param', 'links[3].loss=0:0.1:0.05'],
      // Once, not once per point: the path fails whatever the value.
      `lossy-link.yaml: links[3].loss: --param links[3].loss=0:0.1:0.05: index 3 of 'links' must be a whole ` +
        "number from 0 to 0 ('links' has 1 item)\n",
    );
    await refused(
      ['--param', 'links[0].loss.forward=0.5:1.5:0.5'],
      'lossy-link.yaml: links[0].loss.forward: point forward=1.5: expected a number of at most 1, got 1.5 ' +
        '(value from --param links[0].loss.forward=1.5)',
    );
    await refused(
      ['--param', 'links[0].loss.forward=0', '--param', 'links[0].delay=1ms', '--param', 'seed=1,2'],
      '--param was given 3 times; a sweep takes one parameter (the x axis) and at most a second one (a line per value)',
    );
    await refused(
      ['--param', 'links[0].loss.forward=0', '--param', 'links[0].loss.forward=0.1'],
      '--param links[0].loss.forward=0.1: this path is already varied by --param links[0].loss.forward=0',
    );
    // One path inside the other: whichever is applied last would win at every point.
    await refused(
      ['--param', 'links[0].loss.forward=0:0.1:0.05', '--param', 'links[0].loss=0,0.3'],
      'lossy-link.yaml: links[0].loss: --param links[0].loss=0,0.3: this path overlaps links[0].loss.forward, ' +
        'varied by --param links[0].loss.forward=0:0.1:0.05: one lies inside the other, so one would silently win',
    );
    // Equal values written differently would be two points at one x.
    await refused(
      ['--param', 'links[0].loss.forward=0,0.0,0.1'],
      "--param links[0].loss.forward=0,0.0,0.1: the values '0' and '0.0' are the same value written two ways (list it once)",
    );
    await refused(
      ['--param', 'links[0].delay=10ms,0.01'],
      "the values '10ms' and '0.01' are the same value written two ways",
    );
    // A million points are refused before any of them is validated.
    await refused(
      [
        '--param',
        'links[0].loss.forward=0:0.999:0.001',
        '--param',
        'links[0].loss.reverse=0:0.999:0.001',
        '--replications',
        '1',
      ],
      'lossy-link.yaml: --param links[0].loss.forward=0:0.999:0.001 and --param links[0].loss.reverse=0:0.999:0.001 ' +
        'make 1000 × 1000 = 1000000 points, more than 10000 (take fewer values or a larger step)',
    );
    // A list has no step: a product with a range suggests one, a single list of values does not.
    const values = (count: number) =>
      Array.from({ length: count }, (_, index) => String(index + 1)).join(',');
    await refused(
      ['--param', 'links[0].loss.forward=0:0.999:0.001', '--param', `seed=${values(11)}`],
      'lossy-link.yaml: --param links[0].loss.forward=0:0.999:0.001 and --param seed=1,2,3,4,5,6,7,8,9,10,11 ' +
        'make 1000 × 11 = 11000 points, more than 10000 (take fewer values or a larger step)\n',
    );
    await refused(
      ['--param', `seed=${values(10_001)}`],
      'lossy-link.yaml: --param seed=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,… ' +
        '(10001 values in all) makes 10001 points, more than 10000 (take fewer values)\n',
    );
    await refused(['--param', 'links[0].loss.forward=0', '--replications', '0'], '--replications expects');
    expect(existsSync(out)).toBe(false);
  });

  it('reports a path problem that no value changes once, not once for each of 1000 points', async () => {
    const out = path.join(scratch, 'never-1000');
    const result = await sweep([lossy, '--param', 'links[2].loss=0:0.999:0.001', '--out', out]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `${lossy}: links[2].loss: --param links[2].loss=0:0.999:0.001: index 2 of 'links' must be a whole ` +
        "number from 0 to 0 ('links' has 1 item)\n",
    );
    expect(existsSync(out)).toBe(false);
  });

  it('sweeps the seed without --seed, each point from its own, and refuses it beside --seed', async () => {
    const out = path.join(scratch, 'seed-points');
    const short = [
      '--set',
      'flows[0].workload.messages=200',
      '--replications',
      '1',
      '--jobs',
      '1',
      '--no-charts',
    ];
    const swept = await sweep([lossy, ...short, '--param', 'seed=3,4', '--out', out]);
    expect(swept.exitCode, swept.stderr).toBe(0);
    const points: Array<PointJson & { replications: Array<{ seed: number }> }> = readSweep(out).points;
    expect(points.map((point) => point.replications[0].seed)).toEqual([3, 4]);
    expect(points[0].estimates.throughput.mean).not.toBe(points[1].estimates.throughput.mean);

    const fixed = path.join(scratch, 'seed-fixed');
    const refused = await sweep([lossy, ...short, '--seed', '9', '--param', 'seed=1:5:1', '--out', fixed]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr.split('\n')[0]).toBe(
      'msgsim: --param seed=1:5:1 varies the seed, but --seed 9 fixes the seed of every point, so they would all ' +
        'run alike: drop --seed or this --param',
    );
    expect(refused.stdout).toBe('');
    expect(existsSync(fixed)).toBe(false);
  });

  it('is described by msgsim --help and msgsim sweep --help', async () => {
    const printed: string[] = [];
    // yargs prints help with console.log.
    const log = vi.spyOn(console, 'log').mockImplementation((text: unknown) => {
      printed.push(String(text));
    });
    try {
      expect((await runCli(['--help'])).exitCode).toBe(0);
      expect((await runCli(['sweep', '--help'])).exitCode).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(printed[0]).toMatch(/msgsim sweep <file> +run a scenario over the values of one parameter/);
    expect(printed[1]).toContain('--param');
    expect(printed[1]).toMatch(/or a range\s+from:to:step/);
    expect(printed[1]).toContain('default output/<scenario name>/sweep');
  });
});
