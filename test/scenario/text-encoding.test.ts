import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { planVariants } from '../../src/scenario/variant-plan.js';
import { issuesOf } from './issues.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'msgsim-encoding-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const TEXT = `name: encoded
# café, 10 µs
nodes: [{ id: a }, { id: b }]
links: [{ between: [a, b], bandwidth: 1Mbps, delay: 1ms }]
flows: [{ from: a, to: b, workload: { messages: 3 } }]
`;

function fileOf(name: string, bytes: Uint8Array): string {
  const file = path.join(scratch, name);
  writeFileSync(file, bytes);
  return file;
}

describe('a scenario file must be UTF-8 text', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    const plain = fileOf('plain.yaml', Buffer.from(TEXT, 'utf8'));
    const marked = fileOf('marked.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]));
    expect(loadScenario(plain).name).toBe('encoded');
    expect(loadScenario(marked).name).toBe('encoded');
  });

  it('refuses UTF-16 (as a Windows editor saves it), saying so, for run and compare alike', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    const file = fileOf('utf16.yaml', utf16);
    const message =
      'cannot read the scenario file: it is UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8';
    expect(issuesOf(() => loadScenario(file))).toEqual([{ file, path: '', message }]);
    expect(issuesOf(() => planVariants(file, { varies: ['seed=1,2'] }))[0].message).toBe(message);
  });

  it('refuses UTF-16 without a byte-order mark, whose ASCII is every other byte NUL', () => {
    for (const [name, bytes] of [
      ['utf16le.yaml', Buffer.from(TEXT, 'utf16le')],
      ['utf16be.yaml', Buffer.from(TEXT, 'utf16le').swap16()],
    ] as const) {
      const file = fileOf(name, bytes);
      expect(issuesOf(() => loadScenario(file))[0].message).toBe(
        'cannot read the scenario file: it is not UTF-8 text: line 1 holds NUL bytes (UTF-16 without a byte-order mark, or not text at all); save it as UTF-8',
      );
    }
  });

  it('refuses other bytes UTF-8 does not allow, naming the line (Latin-1 é on line 2)', () => {
    const latin1 = fileOf('latin1.yaml', Buffer.from(TEXT, 'latin1'));
    expect(issuesOf(() => loadScenario(latin1))[0].message).toBe(
      'cannot read the scenario file: it is not UTF-8 text: line 2 holds bytes UTF-8 does not allow; save it as UTF-8',
    );
  });
});
