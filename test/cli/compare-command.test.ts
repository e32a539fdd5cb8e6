import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'msgsim-compare-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const lossy = path.resolve('scenarios/lossy-link.yaml');
/** Keeps each run of the lossy link short. */
const SHORT = ['--set', 'flows[0].workload.messages=200'];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function compare(args: string[]) {
  const io = { out: '', err: '' };
  const code = await main(['compare', ...args], {
    stdout: (text) => {
      io.out += text;
    },
    stderr: (text) => {
      io.err += text;
    },
    isTerminal: false,
  });
  return { code, ...io };
}

function readJson(folder: string) {
  return JSON.parse(readFileSync(path.join(folder, 'compare.json'), 'utf8'));
}

describe('msgsim compare', () => {
  it('prints each variant with confidence intervals and writes compare.json, compare.csv and the charts', async () => {
    const out = path.join(scratch, 'loss');
    const result = await compare([
      lossy,
      ...SHORT,
      '--vary',
      'links[0].loss=0,0.1',
      '--replications',
      '3',
      '--jobs',
      '1',
      '--out',
      out,
    ]);
    expect(result.code, result.err).toBe(0);

    const lines = result.out.split('\n');
    expect(lines[0]).toBe(
      'lossy-link: 2 variants, 3 replications each (common random numbers); mean ± half-width of the 95% confidence interval',
    );
    expect(lines[1]).toMatch(
      /^variant +T \(messages\/s\) +goodput \(kbit\/s\) +L mean \(s\) +L p99 \(s\) +retransmissions \(copies, whole run\) +retransmission timeouts \(expiries, whole run\) +delivered\/sent \(whole run\)$/,
    );
    // Without loss every replication is the same: 1000-byte packets, a 28 ms cycle each.
    expect(lines[2]).toMatch(/^loss=0 +35\.7143 ± 0 +285\.714 ± 0 /);
    expect(lines[3]).toMatch(/^loss=0\.1 +\d+\.\d+ ± \d\.\d+ /);
    expect(result.err.trim().split('\n')).toHaveLength(6);
    expect(result.err).toContain('[6/6]');

    const files = readdirSync(out).sort();
    expect(files).toEqual([
      'compare-delivered-ratio.png',
      'compare-goodput.png',
      'compare-latency-mean.png',
      'compare-latency-p99.png',
      'compare-retransmission-timeouts.png',
      'compare-retransmissions.png',
      'compare-throughput.png',
      'compare.csv',
      'compare.json',
    ]);
    expect(readFileSync(path.join(out, 'compare-throughput.png')).subarray(0, 8)).toEqual(PNG_SIGNATURE);

    const json = readJson(out);
    expect(json).toMatchObject({
      scenario: 'lossy-link',
      vary: ['links[0].loss=0,0.1'],
      set: ['flows[0].workload.messages=200'],
      replications: 3,
      confidenceLevel: 0.95,
    });
    expect(Object.keys(json.measures)).toEqual([
      'throughput',
      'goodput',
      'latencyMean',
      'latencyP99',
      'retransmissions',
      'retransmissionTimeouts',
      'deliveredRatio',
    ]);
    const [lossless, lossy10] = json.variants;
    expect(lossless.settings).toEqual([{ path: 'links[0].loss', name: 'loss', value: '0' }]);
    expect(lossless.estimates.throughput).toMatchObject({ n: 3, halfWidth: 0 });
    expect(lossless.estimates.throughput.mean).toBeCloseTo(1 / 0.028, 9);
    expect(lossless.estimates.retransmissions).toMatchObject({ mean: 0, halfWidth: 0 });
    expect(lossy10.estimates.retransmissions.mean).toBeGreaterThan(0);
    // Stop-and-wait resends once per expiry of its timer, and no message reaches the retry limit.
    expect(lossless.estimates.retransmissionTimeouts).toMatchObject({ mean: 0, halfWidth: 0 });
    for (const run of lossy10.replications) {
      expect(run.values.retransmissionTimeouts).toBe(run.values.retransmissions);
    }
    expect(lossy10.estimates.throughput.halfWidth).toBeGreaterThan(0);
    expect(
      lossy10.replications.map((run: { replication: number; seed: number }) => [run.replication, run.seed]),
    ).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
    ]);

    const csv = readFileSync(path.join(out, 'compare.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe(
      'variant,links[0].loss,replications,throughput_mean,throughput_ci95_half_width,goodput_mean,goodput_ci95_half_width,' +
        'latencyMean_mean,latencyMean_ci95_half_width,latencyP99_mean,latencyP99_ci95_half_width,' +
        'retransmissions_mean,retransmissions_ci95_half_width,' +
        'retransmissionTimeouts_mean,retransmissionTimeouts_ci95_half_width,deliveredRatio_mean,deliveredRatio_ci95_half_width,' +
        'missing',
    );
    expect(csv).toHaveLength(3);
    expect(csv[1].split(',').slice(0, 5)).toEqual([
      'loss=0',
      '0',
      '3',
      String(lossless.estimates.throughput.mean),
      '0',
    ]);
    expect(csv[2].startsWith('loss=0.1,0.1,3,')).toBe(true);
  });

  it('compares Go-Back-N and selective repeat over the same losses', async () => {
    const out = path.join(scratch, 'windows');
    const result = await compare([
      lossy,
      ...SHORT,
      '--set',
      'flows[0].transport={protocol: go-back-n, window: 8, timeout: 50ms}',
      '--vary',
      'flows[*].transport.protocol=go-back-n,selective-repeat',
      '--replications',
      '3',
      '--jobs',
      '1',
      '--out',
      out,
    ]);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/\nprotocol=go-back-n +\d+\.?\d* ± \d/);
    expect(result.out).toMatch(/\nprotocol=selective-repeat +\d+\.?\d* ± \d/);
    expect(readFileSync(path.join(out, 'compare-throughput.png')).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    // Go-Back-N resends the whole window after a loss; selective repeat only the lost packet.
    const [goBackN, selectiveRepeat] = readJson(out).variants;
    expect(goBackN.estimates.retransmissions.mean).toBeGreaterThan(
      selectiveRepeat.estimates.retransmissions.mean,
    );
  });

  it('gives replication i of every variant the same random numbers', async () => {
    const out = path.join(scratch, 'common-random-numbers');
    // Persistence only matters when a node crashes, which never happens here.
    const result = await compare([
      lossy,
      ...SHORT,
      '--vary',
      'nodes[*].persistent=false,true',
      '--replications',
      '3',
      '--jobs',
      '1',
      '--no-charts',
      '--quiet',
      '--out',
      out,
    ]);
    expect(result.code, result.err).toBe(0);
    expect(result.err).toBe('');
    const [volatile, persistent] = readJson(out).variants;
    expect(persistent.replications).toEqual(volatile.replications);
    expect(persistent.differenceFromFirst.throughput).toMatchObject({ n: 3, mean: 0, halfWidth: 0 });
    // ... while the replications differ from each other.
    const retransmissions = volatile.replications.map(
      (run: { values: { retransmissions: number } }) => run.values.retransmissions,
    );
    expect(new Set(retransmissions).size).toBeGreaterThan(1);
  });

  it('writes an identical compare.json whatever the number of worker threads', async () => {
    const runWith = async (jobs: string) => {
      const out = path.join(scratch, `jobs-${jobs}`);
      const args = [
        lossy,
        ...SHORT,
        '--vary',
        'links[0].loss=0.05,0.1',
        '--vary',
        'flows[*].workload.size=500B,1000B',
      ];
      const result = await compare([
        ...args,
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
      expect(result.code, result.err).toBe(0);
      return readFileSync(path.join(out, 'compare.json'), 'utf8');
    };
    const inProcess = await runWith('1');
    expect(await runWith('2')).toBe(inProcess);
    const json = JSON.parse(inProcess);
    expect(json.variants.map((variant: { label: string }) => variant.label)).toEqual([
      'loss=0.05, size=500B',
      'loss=0.05, size=1000B',
      'loss=0.1, size=500B',
      'loss=0.1, size=1000B',
    ]);
    expect(json.variants[0].replications[1].seed).toBe(3);
  });

  it('varies the seed when asked to: each variant runs from its own seed, so their figures differ', async () => {
    const out = path.join(scratch, 'vary-seed');
    const result = await compare([
      lossy,
      ...SHORT,
      '--vary',
      'seed=3,4',
      '--replications',
      '2',
      '--jobs',
      '1',
      '--no-charts',
      '--out',
      out,
    ]);
    expect(result.code, result.err).toBe(0);
    const json = readJson(out);
    const seeds = json.variants.map((variant: { replications: Array<{ seed: number }> }) =>
      variant.replications.map((run) => run.seed),
    );
    expect(seeds).toEqual([
      [3, 3],
      [4, 4],
    ]);
    const [first, second] = json.variants.map(
      (variant: { estimates: { throughput: { mean: number } } }) => variant.estimates.throughput.mean,
    );
    expect(first).not.toBe(second);
  });

  it('refuses to vary the seed beside --seed, which fixes the seed of every variant, writing nothing', async () => {
    const out = path.join(scratch, 'vary-seed-fixed');
    for (const vary of ['seed=3,4', ' seed =3,4', '["seed"]=3,4']) {
      const result = await compare([
        lossy,
        ...SHORT,
        '--seed',
        '9',
        '--vary',
        'links[0].loss=0,0.1',
        '--vary',
        vary,
        '--out',
        out,
      ]);
      expect(result.code, vary).toBe(2);
      // Blanks at either end are shown by quoting the option's text.
      const quoted = vary.trim() === vary ? vary : `'${vary}'`;
      expect(result.err.split('\n')[0]).toBe(
        `msgsim: --vary ${quoted} varies the seed, but --seed 9 fixes the seed of every variant, so they would ` +
          'all run alike: drop --seed or this --vary',
      );
      expect(result.out).toBe('');
    }
    expect(existsSync(out)).toBe(false);
    // Varying something under a key named seed is fine.
    const nested = await compare([
      lossy,
      ...SHORT,
      '--seed',
      '9',
      '--vary',
      'flows[0].seed=1,2',
      '--out',
      out,
    ]);
    expect(nested.err).not.toContain('--seed 9 fixes');
  });

  it('names the variant, the replication and its own option when a run goes past --max-events', async () => {
    // At 90% loss a stop-and-wait sender needs ten times the events of one at 10%.
    for (const jobs of ['1', '2']) {
      const out = path.join(scratch, `runaway-${jobs}`);
      const args = [lossy, ...SHORT, '--vary', 'links[0].loss=0.1,0.9', '--max-events', '4000'];
      const result = await compare([...args, '--replications', '2', '--jobs', jobs, '--out', out]);
      expect(result.code).toBe(2);
      // In worker threads either replication of that variant may be the first to stop.
      const replication = jobs === '1' ? '0' : '[01]';
      expect(result.err.split('\n').filter((line) => line.startsWith('msgsim:'))).toEqual([
        expect.stringMatching(
          new RegExp(
            `^msgsim: .*lossy-link\\.yaml: variant loss=0\\.9, replication ${replication}: the run executed ` +
              'more than 4000 events and was stopped at t=[\\d.]+ s; .* \\(msgsim compare --max-events N\\)$',
          ),
        ),
      ]);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('shows n/a for the interval of a single replication', async () => {
    const result = await compare([
      lossy,
      ...SHORT,
      '--vary',
      'links[0].loss=0.1',
      '--replications',
      '1',
      '--jobs',
      '1',
      '--no-charts',
      '--out',
      path.join(scratch, 'single'),
    ]);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain(
      '1 replication each (common random numbers); one replication: no confidence interval',
    );
    expect(result.out).toMatch(/\nloss=0\.1 +\d+\.\d+ ± n\/a /);
  });

  it('exits 2 on bad input before running anything, and writes nothing', async () => {
    const out = path.join(scratch, 'never');
    const unknownProtocol = await compare([
      lossy,
      '--vary',
      'flows[*].transport.protocol=stop-and-wait,stop-and-go',
      '--out',
      out,
    ]);
    expect(unknownProtocol.code).toBe(2);
    expect(unknownProtocol.err).toMatch(
      /lossy-link\.yaml: flows\[0\]\.transport\.protocol: variant protocol=stop-and-go: unknown protocol 'stop-and-go'/,
    );
    expect(unknownProtocol.err).not.toContain('[1/');

    const negative = await compare([lossy, '--vary', 'links[-1].loss=0,0.1', '--out', out]);
    expect(negative.code).toBe(2);
    expect(negative.err).toBe(
      `${lossy}: links[-1].loss: --vary links[-1].loss=0,0.1: index -1 of 'links' must be a whole number ` +
        "from 0 to 0 ('links' has 1 item)\n",
    );
    // Past a [*], each element's: what the path meets there is named first.
    expect((await compare([lossy, '--vary', 'flows[*].transport.x[-1]=1,2', '--out', out])).err).toBe(
      `${lossy}: flows[*].transport.x[-1]: --vary flows[*].transport.x[-1]=1,2: there is no list at ` +
        "'flows[0].transport.x' (give the whole list first: --set 'flows[0].transport.x=[...]')\n",
    );

    // At the path as written, with no file line, as a --set's path problem.
    const notAList = await compare([lossy, '--vary', 'links[0][*]=1', '--out', out]);
    expect(notAList.code).toBe(2);
    expect(notAList.err).toBe(
      `${lossy}: links[0][*]: --vary links[0][*]=1: [*] needs a list at 'links[0]', found an object\n`,
    );

    expect((await compare([lossy, '--out', out])).code).toBe(2);
    expect(
      (await compare([lossy, '--vary', 'links[0].loss=0', '--replications', '0', '--out', out])).code,
    ).toBe(2);
    expect((await compare([lossy, '--vary', 'links[0].loss=0', '--jobs', '1.5', '--out', out])).code).toBe(2);
    // Absurd counts are refused at once, quoting what was given.
    const huge = await compare([
      lossy,
      '--vary',
      'links[0].loss=0',
      '--replications',
      '1000000000',
      '--out',
      out,
    ]);
    expect(huge.code).toBe(2);
    expect(huge.err).toContain("--replications expects a whole number from 1 to 10000, got '1000000000'");
    const word = await compare([lossy, '--vary', 'links[0].loss=0', '--replications', 'abc', '--out', out]);
    expect(word.err).toContain("got 'abc'");
    expect((await compare([lossy, '--vary', 'links[0].loss=0,', '--out', out])).code).toBe(2);
    for (const option of ['--seed', '--jobs', '--replications']) {
      const twice = await compare([
        lossy,
        '--vary',
        'links[0].loss=0',
        option,
        '1',
        option,
        '2',
        '--out',
        out,
      ]);
      expect(twice.code).toBe(2);
      expect(twice.err).toContain(`${option} was given 2 times ('1', '2'); give it once`);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('refuses overlapping paths, one value written two ways and too many variants, at once and writing nothing', async () => {
    const out = path.join(scratch, 'refused');
    const refused = async (varies: string[], message: string) => {
      const result = await compare([lossy, ...varies.flatMap((vary) => ['--vary', vary]), '--out', out]);
      expect(result.code, result.err).toBe(2);
      expect(result.err).toContain(message);
      expect(result.err).not.toContain('[1/');
      expect(result.out).toBe('');
    };
    await refused(
      ['flows[*].transport={protocol: go-back-n, window: 4}', 'flows[0].transport.window=4,8'],
      'lossy-link.yaml: flows[0].transport.window: --vary flows[0].transport.window=4,8: this path overlaps ' +
        'flows[*].transport, varied by --vary flows[*].transport={protocol: go-back-n, window: 4}',
    );
    await refused(
      ['links[0].delay=10ms,0.01'],
      "--vary links[0].delay=10ms,0.01: the values '10ms' and '0.01' are the same value written two ways",
    );
    // 200 × 200 × 200 variants would be validated one by one for hours (past the test's
    // timeout); refused before any is.
    const values = Array.from({ length: 200 }, (_, index) => String(index + 1)).join(',');
    await refused(
      [`flows[0].workload.messages=${values}`, `flows[0].workload.size=${values}`, `seed=${values}`],
      'make 200 × 200 × 200 = 8000000 variants, more than 10000 (take fewer values)',
    );
    // One option of 10,001 values (79 KB on the command line) is quoted by its start and its
    // count; one factor is no product, and --vary has no step to make larger.
    const tenThousandAndOne = Array.from({ length: 10_001 }, (_, index) => String(index + 1)).join(',');
    await refused(
      [`seed=${tenThousandAndOne}`],
      'lossy-link.yaml: --vary seed=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,… ' +
        '(10001 values in all) makes 10001 variants, more than 10000 (take fewer values)\n',
    );
    const long = await compare([lossy, '--vary', `seed=${tenThousandAndOne}`, '--out', out]);
    expect(long.err.length).toBeLessThan(300);
    // A variant whose value is long is named by its start too, as is the value it came from.
    const list = `[${Array.from({ length: 1000 }, (_, index) => index + 1).join(',')}]`;
    const listStart =
      '[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23… (3894 characters in all)';
    await refused(
      [`links[0].delay=${list},5ms`],
      `lossy-link.yaml: links[0].delay: variant delay=${listStart}: expected a time (constant) or { dist: ` +
        'constant | uniform | exponential | normal | lognormal | weibull, ...parameters }, got a list ' +
        `(value from --vary links[0].delay=${listStart})\n`,
    );
    expect(existsSync(out)).toBe(false);
  });
});
