import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommandLine } from '../../src/report/run-command-line.js';
import { runCli } from '../helpers/cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'msgsim-seed-set-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const lossy = path.resolve('scenarios/lossy-link.yaml');
/** Keeps each run of the lossy link short. */
const SHORT = ['--set', 'flows[0].workload.messages=200', '--no-charts'];
const STUDY = [...SHORT, '--replications', '2', '--jobs', '1'];

/** What every command prints for `--seed 9` beside `--set <setting>` (quoted where blanks end it). */
const refusal = (setting: string) =>
  `msgsim: --set ${setting.trim() === setting ? setting : `'${setting}'`} sets the seed, but --seed 9 overrides ` +
  "the scenario's seed, so this --set would be ignored: drop --seed or this --set";

describe('--seed beside a --set of the seed', () => {
  it('is refused by run, compare and sweep with exit code 2, naming both, writing nothing', async () => {
    const commands: Array<[string, string[]]> = [
      ['run', [...SHORT]],
      ['compare', [...STUDY, '--vary', 'links[0].loss=0,0.1']],
      ['sweep', [...STUDY, '--param', 'links[0].loss=0,0.1']],
    ];
    for (const [command, rest] of commands) {
      // However the path is spelt, it is the seed.
      for (const setting of ['seed=4', ' seed =4', '["seed"]=4']) {
        const out = path.join(scratch, `${command}-refused`);
        const result = await runCli([command, lossy, '--seed', '9', ...rest, '--set', setting, '--out', out]);
        expect(result.exitCode, `${command} ${setting}`).toBe(2);
        expect(result.stderr.split('\n')[0]).toBe(refusal(setting));
        expect(result.stdout).toBe('');
        expect(existsSync(out)).toBe(false);
      }
    }
  });

  it('leaves either alone, and a key named seed further in, as before', async () => {
    const alone = await runCli([
      'run',
      lossy,
      ...SHORT,
      '--set',
      'seed=4',
      '--quiet',
      '--out',
      path.join(scratch, 'a'),
    ]);
    expect(alone.exitCode, alone.stderr).toBe(0);
    const seedOnly = await runCli([
      'run',
      lossy,
      ...SHORT,
      '--seed',
      '9',
      '--quiet',
      '--out',
      path.join(scratch, 'b'),
    ]);
    expect(seedOnly.exitCode, seedOnly.stderr).toBe(0);
    // Not the scenario's seed: the schema refuses the unknown key, but not as a --seed clash.
    const nested = await runCli(['run', lossy, ...SHORT, '--seed', '9', '--set', 'flows[0].seed=4']);
    expect(nested.stderr).not.toContain('sets the seed');
    // A --set without `=` sets nothing: loading says what it lacks.
    const bare = await runCli(['run', lossy, ...SHORT, '--seed', '9', '--set', 'seed']);
    expect(bare.exitCode).toBe(2);
    expect(bare.stderr).toContain('--set seed: expected path=value');
  });

  it('the command that repeats a run gives a seed set by --set that way, without --seed', async () => {
    const out = path.join(scratch, 'set-seed');
    const run = await runCli(['run', lossy, ...SHORT, '--set', 'seed=4', '--quiet', '--out', out]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')).seed).toBe(4);
    const command = `msgsim run ${lossy} --set 'flows[0].workload.messages=200' --set seed=4 --no-charts`;
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toContain(
      `<code>${command.replace(/'/g, '&#39;')}</code>`,
    );
    expect(
      runCommandLine({ scenarioFile: 'x.yaml', seed: 3, replication: 1, overrides: ['["seed"]=3'] }),
    ).toBe('msgsim run x.yaml --replication 1 --set \'["seed"]=3\'');
    expect(
      runCommandLine({ scenarioFile: 'x.yaml', seed: 3, replication: 0, overrides: ['flows[0].seed=1'] }),
    ).toBe("msgsim run x.yaml --seed 3 --set 'flows[0].seed=1'");
  });

  it("compare's example of a run alone, with --vary seed, says each variant has its own seed and leaves out the --set it overrides", async () => {
    const out = path.join(scratch, 'vary-seed-over-set');
    const result = await runCli([
      'compare',
      lossy,
      ...STUDY,
      '--set',
      'seed=5',
      '--vary',
      'seed=3,7',
      '--out',
      out,
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    const command = `msgsim run ${lossy} --replication 1 --set 'flows[0].workload.messages=200' --set seed=7`;
    expect(result.stdout).toContain(
      "msgsim run with\n  --replication i (0 to 1) and the variant's values as --set, its own seed among them;\n" +
        `  for variant seed=7, replication 1:\n    ${command}\n`,
    );
    expect(result.stdout).not.toContain('the same seed');
    // The command gives the run compare made.
    const single = path.join(scratch, 'vary-seed-over-set-run');
    const args = command
      .split(' ')
      .slice(1)
      .map((word) => word.replace(/^'(.*)'$/, '$1'));
    const run = await runCli([...args, '--no-charts', '--quiet', '--out', single]);
    expect(run.exitCode, run.stderr).toBe(0);
    const compared = JSON.parse(readFileSync(path.join(out, 'compare.json'), 'utf8'));
    const summary = JSON.parse(readFileSync(path.join(single, 'summary.json'), 'utf8'));
    expect(summary.seed).toBe(compared.variants[1].replications[1].seed);
  });

  it("compare's example of a run alone, with --vary seed, repeats it without --seed", async () => {
    const out = path.join(scratch, 'vary-seed');
    const result = await runCli(['compare', lossy, ...STUDY, '--vary', 'seed=3,4', '--out', out]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      `    msgsim run ${lossy} --replication 1 --set 'flows[0].workload.messages=200' --set seed=4\n`,
    );
  });
});

describe('--seed beside several options that set or vary the seed', () => {
  it('is refused naming every one at once, a line each', async () => {
    const out = path.join(scratch, 'all-at-once');
    const varying = (setting: string, option: string, noun: string) =>
      `msgsim: ${option} ${setting} varies the seed, but --seed 9 fixes the seed of every ${noun}, so they ` +
      `would all run alike: drop --seed or this ${option}`;
    const cases: Array<[string, string[], string[]]> = [
      ['run', ['--set', 'seed=4', '--set', '["seed"]=5'], [refusal('seed=4'), refusal('["seed"]=5')]],
      [
        'compare',
        ['--set', 'seed=4', '--vary', 'seed=3,4', '--replications', '2'],
        [refusal('seed=4'), varying('seed=3,4', '--vary', 'variant')],
      ],
      [
        'sweep',
        ['--set', ' seed=4', '--param', 'seed=3,4'],
        [refusal(' seed=4'), varying('seed=3,4', '--param', 'point')],
      ],
    ];
    for (const [command, options, lines] of cases) {
      const result = await runCli([command, lossy, ...SHORT, '--seed', '9', ...options, '--out', out]);
      expect(result.exitCode, command).toBe(2);
      expect(result.stderr, command).toBe(`${lines.join('\n')}\nRun 'msgsim --help' for usage.\n`);
      expect(result.stdout).toBe('');
    }
    // Beside other bad options, all of them too.
    const mixed = await runCli([
      'run',
      lossy,
      '--seed',
      '9',
      '--set',
      'seed=4',
      '--max-events',
      '0',
      '--out',
      out,
    ]);
    expect(mixed.stderr).toBe(
      "msgsim: --max-events expects a whole number of at least 1, got '0'\n" +
        `${refusal('seed=4')}\nRun 'msgsim --help' for usage.\n`,
    );
    expect(existsSync(out)).toBe(false);
  });
});
