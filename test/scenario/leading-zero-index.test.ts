import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePath } from '../../src/scenario/document-path.js';
import { applyOverrides } from '../../src/scenario/overrides.js';
import { parseVary } from '../../src/scenario/variants.js';
import { runCli } from '../helpers/cli.js';
import { issuesOf } from './issues.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'msgsim-leading-zero-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const lossy = path.resolve('scenarios/lossy-link.yaml');

/**
 * An index is read strictly, as its other faults are (`links[ 0]`, `links[1.5]`): `links[007]`
 * is refused as written, not read as 7. Whole-number options (`--seed 03`) stay lenient.
 */
describe('an index with leading zeros', () => {
  it('is no path: parsePath refuses it as written', () => {
    expect(parsePath('links[007].bandwidth')).toEqual({
      ok: false,
      message: "index 007 of 'links' must be a whole number from 0, written without leading zeros",
      badIndex: { offset: 5, end: 10, written: '007' },
    });
    expect(parsePath('links[00]').ok).toBe(false);
    expect(parsePath('flows[0].x[01]').ok).toBe(false);
    // A single 0, and numbers that merely hold zeros, are indexes.
    expect(parsePath('links[0].bandwidth')).toEqual({ ok: true, path: ['links', 0, 'bandwidth'] });
    expect(parsePath('links[10][100]')).toEqual({ ok: true, path: ['links', 10, 100] });
    // A quoted key is a key, whatever it holds.
    expect(parsePath('links["007"]')).toEqual({ ok: true, path: ['links', '007'] });
  });

  it('is refused by --set and --vary with the list they index', () => {
    const document = {
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [{ between: ['a', 'b'], bandwidth: '1Mbps' }],
    };
    expect(issuesOf(() => applyOverrides(document, ['links[007].bandwidth=2Mbps', 'links[00]=1']))).toEqual([
      {
        file: '--set',
        path: 'links[007].bandwidth',
        message:
          "--set links[007].bandwidth=2Mbps: index 007 of 'links' must be a whole number from 0 to 0, written " +
          "without leading zeros ('links' has 1 item)",
      },
      {
        file: '--set',
        path: 'links[00]',
        message:
          "--set links[00]=1: index 00 of 'links' must be a whole number from 0 to 1, written without leading " +
          "zeros ('links' has 1 item; index 1 adds one)",
      },
    ]);
    expect(issuesOf(() => parseVary('links[01].loss=0,0.1', 'f.yaml', { document }))).toEqual([
      {
        file: 'f.yaml',
        path: 'links[01].loss',
        message:
          "--vary links[01].loss=0,0.1: index 01 of 'links' must be a whole number from 0 to 0, written without " +
          "leading zeros ('links' has 1 item)",
      },
    ]);
  });

  it('exits msgsim run with code 2, quoting it as written and writing nothing', async () => {
    const out = path.join(scratch, 'run');
    const result = await runCli([
      'run',
      lossy,
      '--set',
      'links[000].bandwidth=2Mbps',
      '--no-charts',
      '--out',
      out,
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      "links[000].bandwidth: --set links[000].bandwidth=2Mbps: index 000 of 'links' must be a whole number from 0 " +
        "to 0, written without leading zeros ('links' has 1 item)",
    );
    expect(result.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });
});
