import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from './issues.js';

describe('msgsim validate', () => {
  it('prints a summary line per valid file and exits 0', async () => {
    const result = await runCli(['validate', `${FIXTURES}/valid.yaml`, `${FIXTURES}/valid.json`]);
    expect(result).toEqual({
      exitCode: 0,
      stdout: `${FIXTURES}/valid.yaml: ok (2 nodes, 1 link, 1 flow)\n${FIXTURES}/valid.json: ok (2 nodes, 1 link, 1 flow)\n`,
      stderr: '',
    });
  });

  it('prints every issue of a bad file to stderr and exits 2', async () => {
    const result = await runCli(['validate', `${FIXTURES}/bad-types.yaml`]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(`${FIXTURES}/bad-types.yaml:2:7: seed: expected a number, got string 'abc'`);
    expect(lines.every((line) => line.startsWith(`${FIXTURES}/bad-types.yaml:`))).toBe(true);
  });

  it('checks every file even after a bad one, and exits 2', async () => {
    const result = await runCli([
      'validate',
      `${FIXTURES}/syntax-error.json.broken`,
      `${FIXTURES}/valid.yaml`,
      `${FIXTURES}/missing.yaml`,
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe(`${FIXTURES}/valid.yaml: ok (2 nodes, 1 link, 1 flow)\n`);
    expect(result.stderr).toContain(`${FIXTURES}/syntax-error.json.broken:5:5: syntax error: invalid JSON`);
    expect(result.stderr).toContain(`${FIXTURES}/missing.yaml: cannot read the scenario file: no such file`);
  });

  it('applies --set overrides before checking', async () => {
    const good = await runCli(['validate', `${FIXTURES}/valid.yaml`, '--set', 'nodes[2]={id: extra}']);
    expect(good).toMatchObject({
      exitCode: 0,
      stdout: `${FIXTURES}/valid.yaml: ok (3 nodes, 1 link, 1 flow)\n`,
    });
    const bad = await runCli([
      'validate',
      `${FIXTURES}/valid.yaml`,
      '--set',
      'seed=-1',
      '--set',
      'flows[9].to=x',
    ]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe(
      `${FIXTURES}/valid.yaml: flows[9].to: --set flows[9].to=x: index 9 of 'flows' must be a whole number ` +
        "from 0 to 0 ('flows' has 1 item)\n",
    );
  });

  it('locates a YAML alias that names no anchor, as other syntax errors', async () => {
    const result = await runCli(['validate', `${FIXTURES}/bad-alias.yaml`]);
    expect(result).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: `${FIXTURES}/bad-alias.yaml:11:11: syntax error: the alias *nosuch names no anchor: set &nosuch on a value before it\n`,
    });
  });

  it('says an index must be a whole number from 0, below the length of its list', async () => {
    const result = await runCli(['validate', `${FIXTURES}/valid.yaml`, '--set', 'links[-1].loss=0.1']);
    expect(result).toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        `${FIXTURES}/valid.yaml: links[-1].loss: --set links[-1].loss=0.1: index -1 of 'links' must be a whole ` +
        "number from 0 to 0 ('links' has 1 item)\n",
    });
  });

  it('exits 2 without a file', async () => {
    const result = await runCli(['validate']);
    expect(result.exitCode).toBe(2);
  });
});

describe('msgsim schema', () => {
  it('prints the JSON Schema that schema/scenario.schema.json holds', async () => {
    const result = await runCli(['schema']);
    expect(result.exitCode).toBe(0);
    const published = readFileSync('schema/scenario.schema.json', 'utf8');
    // When this fails the schema changed: regenerate the file with
    //   npm run build && node bin/msgsim.js schema > schema/scenario.schema.json
    expect(result.stdout, 'schema/scenario.schema.json is stale').toBe(published);
    // nodes are optional: a topology builder can declare them instead.
    expect(JSON.parse(published)).toMatchObject({
      type: 'object',
      required: ['name'],
      properties: { nodes: { type: 'array' }, topologies: { type: 'array' } },
    });
  });
});
