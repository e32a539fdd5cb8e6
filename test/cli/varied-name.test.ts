import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'msgsim-varied-name-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const lossy = 'scenarios/lossy-link.yaml';
/** Keeps a run short, were it to start. */
const SHORT = ['--set', 'flows[0].workload.messages=20', '--replications', '1', '--jobs', '1'];

describe("compare and sweep refuse to vary the scenario's name", () => {
  it('names each --vary or --param of the name, before anything runs or is written', async () => {
    const out = path.join(scratch, 'compare');
    const compare = await runCli(['compare', lossy, ...SHORT, '--vary', 'name=alpha,beta', '--out', out]);
    expect(compare.exitCode).toBe(2);
    expect(compare.stderr).toBe(
      "msgsim: --vary name=alpha,beta varies only the scenario's name, which names the output folder, so every " +
        "variant would run alike: drop this --vary (--set name=... or --out names the folder)\nRun 'msgsim --help' for usage.\n",
    );
    const sweep = await runCli(['sweep', lossy, '--param', '["name"]=alpha,beta', '--seed', 'x']);
    expect(sweep.exitCode).toBe(2);
    expect(sweep.stderr.split('\n').slice(0, 2)).toEqual([
      "msgsim: --seed expects a whole number from 0 to 9007199254740991, got 'x'",
      'msgsim: --param ["name"]=alpha,beta varies only the scenario\'s name, which names the output folder, so every ' +
        'point would run alike: drop this --param (--set name=... or --out names the folder)',
    ]);
    expect(existsSync(out)).toBe(false);
  });
});
