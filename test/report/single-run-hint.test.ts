import { describe, expect, it } from 'vitest';
import { singleRunHint } from '../../src/report/single-run-hint.js';

describe('the hint under a compare or sweep table', () => {
  it('says how to run replication i alone and gives the example run as one unwrapped command', () => {
    const lines = singleRunHint({
      noun: 'variant',
      label: 'protocol=go-back-n, loss=0.1',
      replications: 5,
      run: {
        scenarioFile: 'scenarios/lossy-link.yaml',
        seed: 3,
        replication: 4,
        overrides: [
          'flows[0].transport.protocol=go-back-n',
          'flows[1].transport.protocol=go-back-n',
          'links[0].loss=0.1',
        ],
      },
    });
    expect(lines).toEqual([
      'replication i of a variant alone, with its summary.json (the same figures) and report.html: msgsim run with',
      "  the same seed, --replication i (0 to 4) and the variant's values as --set;",
      '  for variant protocol=go-back-n, loss=0.1, replication 4:',
      "    msgsim run scenarios/lossy-link.yaml --seed 3 --replication 4 --set 'flows[0].transport.protocol=go-back-n' " +
        "--set 'flows[1].transport.protocol=go-back-n' --set 'links[0].loss=0.1'",
    ]);
  });

  it('under a varied seed says each variant has its own, among its values, not the same seed', () => {
    const lines = singleRunHint({
      noun: 'variant',
      label: 'seed=7',
      replications: 2,
      ownSeeds: true,
      run: { scenarioFile: 'x.yaml', seed: 7, replication: 1, overrides: ['seed=7'] },
    });
    expect(lines).toEqual([
      'replication i of a variant alone, with its summary.json (the same figures) and report.html: msgsim run with',
      "  --replication i (0 to 1) and the variant's values as --set, its own seed among them;",
      '  for variant seed=7, replication 1:',
      '    msgsim run x.yaml --replication 1 --set seed=7',
    ]);
  });

  it('with one replication names only index 0, which the command leaves out, and repeats a --max-events the run needed', () => {
    const lines = singleRunHint({
      noun: 'point',
      label: 'delay=10ms',
      replications: 1,
      run: {
        scenarioFile: 'a b.yaml',
        seed: 1,
        replication: 0,
        overrides: ['links[0].delay=10ms'],
        maxEvents: 5e8,
      },
    });
    expect(lines.join(' ')).toContain('--replication i (only 0 here)');
    expect(lines.at(-1)).toBe(
      "    msgsim run 'a b.yaml' --seed 1 --set 'links[0].delay=10ms' --max-events 500000000",
    );
  });
});
