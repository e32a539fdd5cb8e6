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
import { runCli } from '../helpers/cli.js';

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

describe('an option given without its value', () => {
  const takesValue: Array<[string, string[], string]> = [
    ['run', ['--seed'], 'a whole number from 0 to 9007199254740991'],
    ['run', ['--replication'], 'a whole number from 0 to 9007199254740991'],
    ['run', ['--max-events'], 'a whole number of at least 1'],
    ['run', ['--out'], 'a folder name'],
    ['run', ['--set'], 'path=value, like flows[0].workload.messages=100'],
    ['validate', ['--set'], 'path=value, like flows[0].workload.messages=100'],
    ['compare', ['--vary'], 'path=value1,value2,..., like links[0].loss=0,0.1'],
    ['compare', ['--vary', 'seed=1,2', '--replications'], 'a whole number from 1 to 10000'],
    ['compare', ['--vary', 'seed=1,2', '--jobs'], 'a whole number of at least 1'],
    [
      'sweep',
      ['--param'],
      'path=values, a comma list or a range from:to:step, like links[0].loss=0:0.2:0.05',
    ],
  ];

  it('is named with what it expects and what stands where its value should', async () => {
    for (const [command, options, expected] of takesValue) {
      const option = options[options.length - 1];
      for (const [after, where] of [
        [[], 'it ends the command line'],
        [['--set', 'seed=3'], '--set follows it'],
        [['--quiet'], '--quiet follows it'],
      ] as const) {
        const result = await runCli([command, 'scenarios/lossy-link.yaml', ...options, ...after]);
        expect(result.exitCode, `${command} ${option} ${after.join(' ')}`).toBe(2);
        expect(result.stderr.split('\n')[0]).toBe(
          `msgsim: ${option} expects ${expected}, got nothing (${where})`,
        );
      }
    }
  });
});
