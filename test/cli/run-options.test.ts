import { describe, expect, it } from 'vitest';
import { checkReplicatedOptions, type ReplicatedArguments } from '../../src/cli/replicated-study.js';
import {
  checkReplication,
  checkSimulationOptions,
  parseMaxEvents,
  parseReplication,
  parseSeed,
  parseWholeNumber,
} from '../../src/cli/run-options.js';

/** The options compare and sweep check, with `changes` over valid defaults. */
function replicated(changes: Partial<ReplicatedArguments>): ReplicatedArguments {
  return { file: 'f.yaml', replications: '5', maxEvents: '1000', noCharts: false, quiet: false, ...changes };
}

describe('whole-number options', () => {
  // --seed, --replication, --replications, --jobs and --max-events read their values one way.
  const checks: Array<[string, (text: string) => string | undefined, string]> = [
    [
      '--seed',
      (text) => checkSimulationOptions({ seed: text, maxEvents: '1000' }),
      'from 0 to 9007199254740991',
    ],
    ['--replication', (text) => checkReplication({ replication: text }), 'from 0 to 9007199254740991'],
    [
      '--replications',
      (text) => checkReplicatedOptions(replicated({ replications: text })),
      'from 1 to 10000',
    ],
    ['--jobs', (text) => checkReplicatedOptions(replicated({ jobs: text })), 'of at least 1'],
    ['--max-events', (text) => checkSimulationOptions({ maxEvents: text }), 'of at least 1'],
  ];

  it('accept decimal digits with blanks around them and leading zeros, as --seed always did', () => {
    for (const [option, check] of checks) {
      for (const text of ['3', ' 3', '3 ', '03', '003'])
        expect(check(text), `${option} '${text}'`).toBeUndefined();
    }
    for (const parse of [
      parseSeed,
      parseReplication,
      parseMaxEvents,
      (text: string) => parseWholeNumber(text, 1),
    ]) {
      expect([' 3', '03', '3 '].map(parse)).toEqual([3, 3, 3]);
    }
  });

  it('refuse a sign, a point, an exponent, hex, blanks inside or nothing, quoting the value as given', () => {
    for (const [option, check, range] of checks) {
      for (const text of ['+3', '-0', '3.0', '3e0', '0x3', '3 3', '', ' ']) {
        expect(check(text), `${option} '${text}'`).toBe(
          `${option} expects a whole number ${range}, got '${text}'`,
        );
      }
    }
  });
});
