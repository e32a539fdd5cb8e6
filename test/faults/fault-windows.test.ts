import { describe, expect, it } from 'vitest';
import { PartitionSet } from '../../src/faults/partitions.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

/** a — b over link L1 for 20 s, a datagram a second each way; `faults` on the timeline. */
function scenario(faults: NonNullable<ScenarioInput['faults']>): ScenarioInput {
  return {
    name: 'fault-windows',
    duration: '20s',
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [{ id: 'L1', between: ['a', 'b'], bandwidth: '10Mbps', delay: '1ms' }],
    flows: [
      { id: 'ab', from: 'a', to: 'b', workload: { rate: 1, size: '100B' } },
      { id: 'ba', from: 'b', to: 'a', workload: { rate: 1, size: '100B' } },
    ],
    faults,
  };
}

describe('the windows in which partitions and degradations were in force', () => {
  it('records what happened: healed by heal, by for, and overlapping degradations as one period', () => {
    const recorder = recordingProbe();
    const result = run(
      scenario([
        { at: '3s', partition: [['a'], ['b']], id: 'split' },
        { at: '7s', heal: 'split' },
        { at: '10s', partition: [['b'], ['a']], oneWay: true, for: '2s' },
        { at: '1s', degrade: 'L1', for: '3s', loss: 0.5 },
        { at: '2s', degrade: 'L1', for: '3s', delay: '50ms' },
      ]),
      { probes: [recorder.probe] },
    );
    expect(result.summary.simulatedSeconds).toBe(20);
    // The degradations [1, 4) and [2, 5) overlap: L1 was degraded from 1 s to 5 s.
    expect(result.faultWindows).toEqual([
      { kind: 'partition', id: 'split', oneWay: false, periods: [{ start: 3, end: 7 }] },
      // The fault at index 2 without an id is partition-2.
      { kind: 'partition', id: 'partition-2', oneWay: true, periods: [{ start: 10, end: 12 }] },
      { kind: 'degradation', id: 'L1', periods: [{ start: 1, end: 5 }] },
    ]);
    // The probe hears each change once, in time order.
    expect(recorder.partitionChanges).toEqual([
      { id: 'split', oneWay: false, active: true },
      { id: 'split', oneWay: false, active: false },
      { id: 'partition-2', oneWay: true, active: true },
      { id: 'partition-2', oneWay: true, active: false },
    ]);
    expect(recorder.conditionChanges).toEqual([
      { link: 0, degraded: true },
      { link: 0, degraded: false },
    ]);
    // Nothing of it goes into summary.json.
    expect(JSON.stringify(result.summary)).not.toContain('faultWindows');
  });

  it('ends a partition and a degradation still in force at the end of the run', () => {
    const result = run(
      scenario([
        { at: '15s', partition: [['a'], ['b']], id: 'late' },
        { at: '18s', degrade: 'L1', for: '10s', bandwidth: '1Mbps' },
        { at: '5s', degrade: 'L1', for: '1s', bandwidth: '1Mbps' },
      ]),
    );
    expect(result.faultWindows).toEqual([
      { kind: 'partition', id: 'late', oneWay: false, periods: [{ start: 15, end: 20 }] },
      {
        kind: 'degradation',
        id: 'L1',
        periods: [
          { start: 5, end: 6 },
          { start: 18, end: 20 },
        ],
      },
    ]);
  });

  it('is empty without partitions or degradations', () => {
    expect(run(scenario([{ at: '3s', cut: 'L1' }])).faultWindows).toEqual([]);
  });
});

describe('PartitionSet reports', () => {
  function recordedSet() {
    const changes: Array<[string, boolean, boolean]> = [];
    const set = new PartitionSet(
      2,
      () => {},
      (id, oneWay, active) => changes.push([id, oneWay, active]),
    );
    return { set, changes };
  }

  it('a partition split again the same way once, and healing one not in force not at all', () => {
    const { set, changes } = recordedSet();
    set.heal('p');
    set.split('p', [[0], [1]], false);
    set.split('p', [[1], [0]], false);
    set.heal('p');
    set.heal('p');
    expect(changes).toEqual([
      ['p', false, true],
      ['p', false, false],
    ]);
  });

  it('a partition split again one-way as the end of the two-way one and the start of another', () => {
    const { set, changes } = recordedSet();
    set.split('p', [[0], [1]], false);
    set.split('p', [[0], [1]], true);
    set.heal('p');
    expect(changes).toEqual([
      ['p', false, true],
      ['p', false, false],
      ['p', true, true],
      ['p', true, false],
    ]);
  });
});
