import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'msgsim-undeclared-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const lossy = 'scenarios/lossy-link.yaml';
const HELP = "Run 'msgsim --help' for usage.";

/** The lines a refused command line prints (the help hint left out); its exit code must be 2. */
async function refused(...args: string[]): Promise<string[]> {
  const result = await runCli(args);
  expect(result.exitCode, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines.at(-1)).toBe(HELP);
  return lines.slice(0, -1);
}

describe('arguments a command does not declare are problems beside the others', () => {
  it('prints an unknown option with the other option problems, a line each', async () => {
    const out = path.join(scratch, 'run');
    expect(await refused('run', lossy, '--seed', 'abc', '--bogus', '--out', out)).toEqual([
      'msgsim: Unknown argument: --bogus',
      "msgsim: --seed expects a whole number from 0 to 9007199254740991, got 'abc'",
    ]);
    expect(existsSync(out)).toBe(false);
    expect(
      await refused('compare', lossy, '--vary', 'links[0].loss=0,0.1', '--jobs', '0', '--foo-bar=1', '-x'),
    ).toEqual([
      'msgsim: Unknown arguments: --foo-bar, -x',
      "msgsim: --jobs expects a whole number of at least 1, got '0'",
    ]);
    expect(
      await refused('sweep', lossy, '--param', 'links[0].loss=0,0.1', '--replications', 'x', '--bogus'),
    ).toEqual([
      'msgsim: Unknown argument: --bogus',
      "msgsim: --replications expects a whole number from 1 to 10000, got 'x'",
    ]);
    expect(await refused('validate', lossy, '--bogus')).toEqual(['msgsim: Unknown argument: --bogus']);
  });

  it('says a command takes one scenario file when given more, with the other problems', async () => {
    expect(await refused('run', lossy, lossy)).toEqual([
      `msgsim: run takes one scenario file, got 2: '${lossy}', '${lossy}'`,
    ]);
    expect(await refused('run', lossy, 'b.yaml', 'c.yaml', '--bogus', '--seed', 'x')).toEqual([
      'msgsim: Unknown argument: --bogus',
      `msgsim: run takes one scenario file, got 3: '${lossy}', 'b.yaml', 'c.yaml'`,
      "msgsim: --seed expects a whole number from 0 to 9007199254740991, got 'x'",
    ]);
    expect(await refused('compare', lossy, 'b.yaml', '--vary', 'seed=1,2')).toEqual([
      `msgsim: compare takes one scenario file, got 2: '${lossy}', 'b.yaml'`,
    ]);
    expect(await refused('sweep', lossy, 'b.yaml', '--param', 'seed=1,2')).toEqual([
      `msgsim: sweep takes one scenario file, got 2: '${lossy}', 'b.yaml'`,
    ]);
    expect(await refused('list', 'transports', 'extra')).toEqual([
      "msgsim: list takes at most one kind, got 2: 'transports', 'extra'",
    ]);
    expect(await refused('schema', 'extra', '--bogus')).toEqual([
      'msgsim: Unknown argument: --bogus',
      "msgsim: schema takes no argument, got 1: 'extra'",
    ]);
    // validate takes several files.
    const result = await runCli(['validate', lossy, lossy]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(
      result.stdout.split('\n').filter((line) => line.endsWith('ok (2 nodes, 1 link, 1 flow)')),
    ).toHaveLength(2);
  });

  it('names an unknown command as written, with the suggestion when there is one', async () => {
    expect(await refused('frob')).toEqual(["msgsim: unknown command 'frob' (did you mean run?)"]);
    expect(await refused('zzzzzz', '--bogus')).toEqual([
      "msgsim: unknown command 'zzzzzz': give one of run, compare, sweep, validate, schema or list",
      'msgsim: Unknown argument: --bogus',
    ]);
  });
});
