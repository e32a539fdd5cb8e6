import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import { planVariants } from '../../src/scenario/variant-plan.js';
import { issuesOf } from './issues.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'msgsim-numbers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const scenario = (seed: string) =>
  [
    'name: numbers',
    `seed: ${seed}`,
    'nodes: [{ id: a }, { id: b }]',
    'links: [{ between: [a, b], bandwidth: 1Mbps, delay: 1ms }]',
    'flows: [{ from: a, to: b, workload: { messages: 3 } }]',
    '',
  ].join('\n');
const file = path.join(scratch, 'numbers.yaml');
writeFileSync(file, scenario('1'));

/** A whole number past 2^53 - 1, as typed: a double cannot hold most of them. */
const pastExact = fc.bigInt({ min: 2n ** 53n, max: 10n ** 30n }).map(String);

describe('a number a double cannot hold as typed', () => {
  it('is quoted as typed, from --set, --vary and the file alike', () => {
    fc.assert(
      fc.property(pastExact, (typed) => {
        const quoted = `expected a number of at most 9007199254740991, got ${typed}`;
        expect(issuesOf(() => loadScenario(file, { overrides: [`seed=${typed}`] })).map(formatIssue)).toEqual(
          [`${file}: seed: ${quoted} (value from --set seed=${typed})`],
        );
        const inFile = path.join(scratch, 'big.yaml');
        writeFileSync(inFile, scenario(typed));
        expect(issuesOf(() => loadScenario(inFile)).map(formatIssue)).toEqual([
          `${inFile}:2:7: seed: ${quoted}`,
        ]);
        expect(
          issuesOf(() => planVariants(file, { varies: [`seed=2,${typed}`] })).map((issue) => issue.message),
        ).toEqual([`variant seed=${typed}: ${quoted} (value from --vary seed=${typed})`]);
        // Inside a value, as at its top.
        const inside = `flows[0].workload={messages: ${typed}}`;
        expect(issuesOf(() => loadScenario(file, { overrides: [inside] }))[0].message).toBe(
          `${quoted} (value from --set ${inside})`,
        );
      }),
      { numRuns: 30 },
    );
    expect(issuesOf(() => loadScenario(file, { overrides: ['seed=9007199254740993'] }))[0].message).toBe(
      'expected a number of at most 9007199254740991, got 9007199254740993 (value from --set seed=9007199254740993)',
    );
    expect(issuesOf(() => loadScenario(file, { overrides: ['seed=1e400'] }))[0].message).toBe(
      'expected a finite number, got 1e400 (value from --set seed=1e400)',
    );
  });

  it('quotes a number written with an exponent as typed (1e20 is no 100000000000000000000 to its writer)', () => {
    const inFile = path.join(scratch, 'exponent.yaml');
    const quotedAsTyped = (message: string, typed: string) =>
      message.endsWith(`got ${typed}`) || message.endsWith(`got number ${typed}`);
    for (const typed of ['1e20', '1e300', '2.5E+21', '-3e-2']) {
      writeFileSync(inFile, scenario(typed));
      const fromFile = issuesOf(() => loadScenario(inFile))[0].message;
      expect(quotedAsTyped(fromFile, typed), fromFile).toBe(true);
      const fromSet = issuesOf(() => loadScenario(file, { overrides: [`seed=${typed}`] }))[0].message;
      expect(quotedAsTyped(fromSet.replace(` (value from --set seed=${typed})`, ''), typed), fromSet).toBe(
        true,
      );
    }
  });

  it('leaves numbers a double holds as they read', () => {
    expect(issuesOf(() => loadScenario(file, { overrides: ['seed=1.50'] }))[0].message).toBe(
      'expected an integer, got number 1.5 (value from --set seed=1.50)',
    );
    expect(issuesOf(() => loadScenario(file, { overrides: ['seed=.inf'] }))[0].message).toBe(
      'expected a finite number, got Infinity (value from --set seed=.inf)',
    );
  });
});
