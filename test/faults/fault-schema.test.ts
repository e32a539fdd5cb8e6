import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/scenario/load.js';
import { issueAt, issueLines, issuesOf } from '../scenario/issues.js';

/** A scenario with one failing node and link, to which each case adds keys. */
const BASE = `name: faults
duration: 1h
nodes:
  - id: a
    failure: { mttf: 10h, mttr: 1h }
  - id: b
links:
  - id: L
    between: [a, b]
    bandwidth: 1Gbps
    failure: { mttf: 5h, mttr: 1h }
`;

const parse = (extra: string) => parseScenarioText(BASE + extra, 'faults.yaml');

/** The located refusals of a fault script (YAML list items) added to BASE, as `path: message`. */
const refusalsOf = (faults: string) => issueLines(issuesOf(() => parse(`faults:\n${faults}`)));

describe('fault keys of the scenario schema', () => {
  it('accepts every scripted fault, services, crews and cycle run lengths', () => {
    const scenario = parseScenarioText(
      `${BASE.replace('duration: 1h', 'duration: { cycles: 100 }\nwarmup: { cycles: 2, of: a }')}
faults:
  - { at: 1s, crash: a }
  - { at: 2s, recover: a }
  - { at: 1s, cut: L }
  - { at: 2s, restore: L }
  - { at: 3s, partition: [[a], [b]], oneWay: true }
  - { at: 4s, heal: partition-4 }
  - { at: 5s, degrade: L, for: 2s, bandwidth: 1Mbps, delay: { times: 3 }, loss: 0.1 }
services:
  - { id: pair, members: [a, L] }
  - { id: any, members: [pair, b], needs: 1 }
repairCrews:
  - { id: crew, members: [a, L] }
`,
      'faults.yaml',
    );
    expect(scenario.duration).toBeUndefined();
    expect(scenario.runCycles).toEqual({ cycles: 100, of: 'a' });
    expect(scenario.warmup).toBe(2 * 11 * 3600);
    expect(scenario.faults[4]).toMatchObject({ id: 'partition-4', oneWay: true });
    expect(scenario.faults[6]).toMatchObject({ bandwidth: { set: 1e6 }, delay: { times: 3 }, loss: 0.1 });
    expect(scenario.services.map((service) => service.needs)).toEqual([2, 1]);
    expect(scenario.repairCrews[0]).toEqual({ id: 'crew', members: ['a', 'L'], policy: 'fifo' });
  });

  it('names what a fault refers to that does not exist', () => {
    const issues = issuesOf(() =>
      parse(`faults:
  - { at: 1s, cut: M }
  - { at: 1s, degrade: L, for: 1s }
  - { at: 1s, partition: [[a, b], [b]] }
  - { at: 2s, heal: nope }
`),
    );
    expect(issueAt(issues, 'faults[0].cut').message).toContain("unknown link 'M' (links: L)");
    expect(issueAt(issues, 'faults[1]').message).toContain('a degradation changes bandwidth, delay or loss');
    expect(issueAt(issues, 'faults[2].partition[1][0]').message).toContain("node 'b' is in two groups");
    expect(issueAt(issues, 'faults[3].heal').message).toContain("no partition 'nope'");
  });

  it('refuses a recover or restore with no scripted crash or cut in effect, and a second crash', () => {
    const issues = issuesOf(() =>
      parse(`faults:
  - { at: 3s, recover: a }
  - { at: 1s, crash: a }
  - { at: 2s, crash: a }
  - { at: 4s, recover: a }
  - { at: 5s, restore: L }
  - { at: 6s, cut: L }
  - { at: 7s, restore: L }
  - { at: 7s, restore: L }
`),
    );
    // In time order: crash a (1 s), crash a again (2 s), recover a (3 s), recover a (4 s): a was up.
    expect(issues.map((issue) => issue.path)).toEqual([
      'faults[2].crash',
      'faults[3].recover',
      'faults[4].restore',
      'faults[7].restore',
    ]);
    expect(issueAt(issues, 'faults[2].crash').message).toBe(
      "node 'a' is already crashed at 2 s (by faults[1] at 1 s): recover it first",
    );
    expect(issueAt(issues, 'faults[4].restore').message).toContain(
      "link 'L' is not cut by a scripted fault at 5 s, so this restore would do nothing",
    );
  });

  it('refuses a recover at the same instant as its crash (the node would never be down)', () => {
    expect(
      refusalsOf(`  - { at: 1s, crash: a }
  - { at: 1s, recover: a }
`),
    ).toEqual([
      "faults[1].recover: node 'a' would be crashed for no time: this recover is at the same instant as its crash (faults[0] at 1 s)",
    ]);
  });

  it('refuses a crash at the instant of a recover (one outage split in two) and says when a crash comes later', () => {
    expect(
      refusalsOf(`  - { at: 2s, crash: a }
  - { at: 3s, recover: a }
  - { at: 3s, crash: a }
  - { at: 4s, recover: a }
  - { at: 5s, restore: L }
  - { at: 6s, cut: L }
  - { at: 7s, restore: L }
`),
    ).toEqual([
      "faults[2].crash: node 'a' would be up for no time: this crash is at the same instant as the recover of faults[1] (3 s); drop both to keep it down",
      "faults[4].restore: link 'L' is not cut by a scripted fault at 5 s, so this restore would do nothing (it is cut only later, by faults[5] at 6 s; faults apply in time order, list order at one instant): put a 'cut: L' before it",
    ]);
  });

  it('checks partitions and heals in time order, whatever their order in the list', () => {
    // Accepted: a heal listed first but later in time; a partition healed by its own `for`, then
    // split again under its id; another split once the first is healed.
    expect(() =>
      parse(`faults:
  - { at: 2s, heal: sp }
  - { at: 1s, partition: [[a], [b]], id: sp }
  - { at: 3s, partition: [[a], [b]], id: timed, for: 1s }
  - { at: 4s, partition: [[a], [b]], id: timed }
  - { at: 5s, partition: [[a], [b]], id: sp }
`),
    ).not.toThrow();
    expect(
      refusalsOf(`  - { at: 1s, partition: [[a], [b]], id: sp }
  - { at: 1.5s, partition: [[a], [b]], id: sp, oneWay: true }
  - { at: 2s, heal: sp }
  - { at: 3s, heal: sp }
  - { at: 4s, partition: [[a], [b]], id: timed, for: 1s }
  - { at: 5s, heal: timed }
  - { at: 6s, heal: later }
  - { at: 7s, partition: [[a], [b]], id: later }
  - { at: 8s, heal: nope }
`),
    ).toEqual([
      "faults[1].id: partition 'sp' is already in force at 1.5 s (faults[0] from 1 s): heal it first, or give this one another id",
      "faults[3].heal: partition 'sp' is not in force at 3 s (it ended at 2 s; faults apply in time order), so this heal would do nothing",
      "faults[5].heal: partition 'timed' is not in force at 5 s (it ended at 5 s; faults apply in time order), so this heal would do nothing",
      "faults[6].heal: partition 'later' is not in force at 6 s (it is split only later; faults apply in time order), so this heal would do nothing",
      "faults[8].heal: no partition 'nope' (partitions: sp, timed, later)",
    ]);
  });

  it('ends a window at the decimal instant its at + for reads as (0.1 s + 0.2 s is 0.3 s)', () => {
    // In doubles 0.1 + 0.2 is 0.30000000000000004: the heal at 0.3 s would find 'p' in force.
    expect(
      refusalsOf(`  - { at: 0.1s, partition: [[a], [b]], id: p, for: 0.2s }
  - { at: 300ms, heal: p }
`),
    ).toEqual([
      "faults[1].heal: partition 'p' is not in force at 0.3 s (300 ms) (it ended at 0.3 s (300 ms); faults apply in time order), so this heal would do nothing",
    ]);
    expect(() =>
      parse(`faults:
  - { at: 0.1s, partition: [[a], [b]], id: p, for: 0.2s }
  - { at: 0.3s, partition: [[a], [b]], id: p }
`),
    ).not.toThrow();
  });

  it('checks services and crews', () => {
    const issues = issuesOf(() =>
      parse(`services:
  - { id: L, members: [a] }
  - { id: q, members: [a, b, later], needs: 4 }
  - { id: later, members: [a] }
repairCrews:
  - { id: c1, members: [a, b] }
  - { id: c2, members: [a] }
`),
    );
    expect(issueAt(issues, 'services[0].id').message).toContain("service id 'L' is already the id");
    expect(issueAt(issues, 'services[1].members[2]').message).toContain("unknown member 'later'");
    expect(issueAt(issues, 'services[1].needs').message).toContain('needs 4 members up but has only 3');
    expect(issueAt(issues, 'repairCrews[0].members[1]').message).toContain("'b' has no failure process");
    expect(issueAt(issues, 'repairCrews[1].members[0]').message).toContain("already repaired by crew 'c1'");
  });

  it('refuses a scripted fault after the end of a run with a duration, at its line', () => {
    // BASE runs for 1 h = 3600 s: a fault at 3600 s still takes effect, one later never would.
    const issues = issuesOf(() =>
      parse(`faults:
  - { at: 1h, cut: L }
  - { at: 2h, crash: a }
  - { at: 3600.001s, partition: [[a], [b]] }
  - { at: 61m, degrade: L, for: 1s, loss: 0.5 }
`),
    );
    // Past two minutes a time also reads in its unit (3600.001 s is 60.0000167 min: 6 digits).
    const horizon = (action: string, at: string) =>
      `this ${action} at ${at} is after the end of the run (duration 3600 s (60 min)), so it would never ` +
      'happen: expected a time of at most 3600 s (60 min) (move it, lengthen the duration, or drop it)';
    expect(issueLines(issues)).toEqual([
      `faults[1].at: ${horizon('crash', '7200 s (2 h)')}`,
      `faults[2].at: ${horizon('partition', '3600.001 s (60 min)')}`,
      `faults[3].at: ${horizon('degrade', '3660 s (61 min)')}`,
    ]);
    expect(issues.map((issue) => [issue.file, issue.line, issue.column])).toEqual([
      ['faults.yaml', 14, 11],
      ['faults.yaml', 15, 11],
      ['faults.yaml', 16, 11],
    ]);
  });

  it('measures no fault against a duration the schema refused', () => {
    // 0 s passes the type check, so the reference checks run: the horizon check must not.
    for (const [duration, refusal] of [
      ['0s', 'duration: expected a time greater than 0, got 0s'],
      ['-5s', 'duration: expected a time greater than 0, got -5s'],
    ]) {
      const issues = issuesOf(() =>
        parseScenarioText(
          `${BASE.replace('duration: 1h', `duration: ${duration}`)}faults: [{ at: 1ms, crash: b }]\n`,
          'faults.yaml',
        ),
      );
      expect(issueLines(issues)).toEqual([refusal]);
      expect([issues[0].line, issues[0].column]).toEqual([2, 11]);
    }
  });

  it('says a long or short fault time in a unit that reads, after its exact seconds', () => {
    const issues = issuesOf(() =>
      parseScenarioText(
        `${BASE.replace('duration: 1h', 'duration: 30d')}faults:
  - { at: 366d, crash: a }
  - { at: 1.5ms, cut: L }
  - { at: 1.5ms, cut: L }
`,
        'faults.yaml',
      ),
    );
    expect(issueLines(issues)).toEqual([
      'faults[0].at: this crash at 31622400 s (366 d) is after the end of the run (duration 2592000 s (30 d)), ' +
        'so it would never happen: expected a time of at most 2592000 s (30 d) (move it, lengthen the duration, or drop it)',
      "faults[2].cut: link 'L' is already cut at 0.0015 s (1.5 ms) (by faults[1] at 0.0015 s (1.5 ms)): restore it first",
    ]);
  });

  it('lists the partitions a heal may name when it names none of them', () => {
    expect(
      refusalsOf(`  - { at: 1s, partition: [[a], [b]], id: other }
  - { at: 2s, partition: [[a], [b]], for: 1s }
  - { at: 4s, heal: split }
`),
    ).toEqual(["faults[2].heal: no partition 'split' (partitions: other, partition-1)"]);
    expect(refusalsOf('  - { at: 4s, heal: split }\n')).toEqual([
      "faults[0].heal: no partition 'split' (there is no partition to heal)",
    ]);
  });

  it('does not end a partition by a refused window of 0 s', () => {
    // With the window taken at its word the heal at 2 s would be of a partition ended at 1 s.
    expect(
      refusalsOf(`  - { at: 1s, partition: [[a], [b]], id: split, for: 0s }
  - { at: 2s, heal: split }
`),
    ).toEqual(['faults[0].for: expected a time greater than 0, got 0s']);
  });

  it('takes faults at any time when the run has no duration known before it runs', () => {
    const late = `faults:
  - { at: 2h, crash: a }
  - { at: 3h, recover: a }
`;
    const inCycles = parseScenarioText(
      `${BASE.replace('duration: 1h', 'duration: { cycles: 2, of: a }')}${late}`,
      'faults.yaml',
    );
    expect(inCycles.faults.map((fault) => fault.at)).toEqual([7200, 10800]);
    const untilFlowsEnd = parseScenarioText(
      `${BASE.replace('duration: 1h', '')}flows: [{ from: a, to: b, transport: { protocol: datagram }, workload: { messages: 1, size: 1B } }]
${late}`,
      'faults.yaml',
    );
    expect(untilFlowsEnd.duration).toBeUndefined();
    expect(untilFlowsEnd.faults).toHaveLength(2);
  });

  it('counts cycles only on a failing component', () => {
    const issues = issuesOf(() =>
      parseScenarioText(BASE.replace('duration: 1h', 'duration: { cycles: 10, of: b }'), 'faults.yaml'),
    );
    expect(issueAt(issues, 'duration.of').message).toContain(
      "'b' is not a node or link with a failure process",
    );
  });

  it('explains a fault of two forms, or with a key of another form, without contradicting itself', () => {
    expect(
      refusalsOf(`  - { at: 1s, degrade: L, for: 0s, bandwidth: 0 }
  - { at: 1s, crash: a, cut: L }
  - { at: 1s, crash: a, for: 2s }
`),
    ).toEqual([
      'faults[0].for: expected a time greater than 0, got 0s',
      'faults[0].bandwidth: expected a bandwidth greater than 0, got 0',
      "faults[1].cut: 'cut' cannot be combined with 'crash' in one entry: each entry takes one form, with the keys that form allows (see the README)",
      "faults[2].for: 'for' cannot be combined with 'crash' in one entry: each entry takes one form, with the keys that form allows (see the README)",
    ]);
  });

  it('takes a typo of an action for that action, and names every action when none is given', () => {
    expect(
      refusalsOf(`  - { at: 1s, degrad: L, for: 1s, delay: 1ms }
  - { at: 1s }
`),
    ).toEqual([
      "faults[0].degrad: unknown key 'degrad'; did you mean 'degrade'? (expected one of: at, crash, recover, cut, restore, partition, oneWay, id, for, heal, degrade, bandwidth, delay, loss)",
      "faults[1]: expected one of the keys 'crash', 'recover', 'cut', 'restore', 'partition', 'heal', 'degrade' (with 'for')",
    ]);
  });

  it('refuses a failure process whose times to failure or repair have a mean of 0', () => {
    const issues = issuesOf(() =>
      parseScenarioText(
        BASE.replace(
          'failure: { mttf: 10h, mttr: 1h }',
          'failure: { ttf: { dist: uniform, min: 0, max: 0 }, ttr: 0s }',
        ),
        'faults.yaml',
      ),
    );
    expect(issueLines(issues)).toEqual([
      "nodes[0].failure.ttf: expected a distribution with a mean above 0 (this one's mean is 0 s)",
      // A plain time is refused as a positive time is, at 0 and below alike.
      'nodes[0].failure.ttr: expected a time greater than 0, got 0s',
    ]);
    const negative = issuesOf(() =>
      parseScenarioText(
        BASE.replace(
          'failure: { mttf: 10h, mttr: 1h }',
          'failure: { ttf: -1h, ttr: { dist: constant, value: 0 } }',
        ),
        'faults.yaml',
      ),
    );
    expect(issueLines(negative)).toEqual([
      'nodes[0].failure.ttf: expected a time greater than 0, got -1h',
      "nodes[0].failure.ttr: expected a distribution with a mean above 0 (this one's mean is 0 s)",
    ]);
  });
});
