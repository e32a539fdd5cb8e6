import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../../src/scenario/load.js';
import { issueLines, issuesOf } from '../../scenario/issues.js';

/** A scenario whose one link has `buffer: <text>` on line 6, written as YAML. */
function withBuffer(buffer: string): string {
  return `name: t
nodes: [{ id: a }, { id: b }]
links:
  - between: [a, b]
    bandwidth: 1Mbps
    buffer: ${buffer}
flows: [{ from: a, to: b, workload: { messages: 3 } }]
`;
}

const bufferOf = (text: string) => parseScenarioText(withBuffer(text), 'inline.yaml').links[0].buffer!;

describe('a link buffer in a scenario', () => {
  it('reads a bare number as packets and a size with a unit as bytes, both drop-tail', () => {
    expect(bufferOf('100')).toMatchObject({
      discipline: 'drop-tail',
      capacityPackets: 100,
      capacityBytes: Number.POSITIVE_INFINITY,
      mayDrop: true,
    });
    expect(bufferOf('64KiB')).toMatchObject({
      discipline: 'drop-tail',
      capacityPackets: Number.POSITIVE_INFINITY,
      capacityBytes: 65536,
    });
    expect(bufferOf('{ discipline: drop-tail, capacity: 1.5kB }').capacityBytes).toBe(1500);
    expect(bufferOf('{ discipline: drop-tail }')).toMatchObject({ mayDrop: false });
    expect(bufferOf('0').createActiveQueue()).toBeNull();
  });

  it('gives RED the paper’s parameters by default, each direction its own state', () => {
    const red = bufferOf('{ discipline: red }');
    expect(red).toMatchObject({
      discipline: 'red',
      capacityPackets: Number.POSITIVE_INFINITY,
      mayDrop: true,
    });
    const [one, other] = [red.createActiveQueue(), red.createActiveQueue()];
    expect(one).not.toBe(other);
    expect(one).toMatchObject({ discipline: 'red', average: 0, count: -1 });
    // min_th 5, max_th 15: at q = 15 with weight 1 the average is at max_th: a forced drop.
    const strict = bufferOf('{ discipline: red, weight: 1, capacity: 20KiB }');
    expect(strict.capacityBytes).toBe(20480);
    const view = { queuedPackets: 15, queuedBytes: 0, idleSince: Number.NaN, bandwidthBitsPerSecond: 1e6 };
    const never = () => {
      throw new Error('no draw at or above max_th');
    };
    expect(strict.createActiveQueue()!.dropsEarly(view, 0, never)).toBe(true);
    expect(strict.createActiveQueue()!.dropsEarly({ ...view, queuedPackets: 4 }, 0, never)).toBe(false);
  });

  it('reports a bad buffer where it is written, saying what a buffer takes', () => {
    const cases: Array<[string, string]> = [
      [
        "'100'",
        "links[0].buffer: expected a capacity in bytes with a unit, such as '64KiB' or '1500B', got '100' (a bare number counts packets)",
      ],
      ['2.5', 'links[0].buffer: expected a whole number of packets (or bytes with a unit, such as 1500B)'],
      ['1.5B', "links[0].buffer: expected a capacity of whole bytes, got '1.5B' (1.5 B)"],
      ['8.79KiB', "links[0].buffer: expected a capacity of whole bytes, got '8.79KiB' (9000.96 B)"],
      [
        '{ discipline: red, capacity: 3 }',
        'links[0].buffer.capacity: expected a capacity above minThreshold (5 packets), got 3 packets: the average queue could never reach the threshold, so RED would never drop early',
      ],
      ['-1', 'links[0].buffer: expected a number of at least 0, got -1'],
      [
        '64Kib',
        "links[0].buffer: unknown size unit 'Kib' in '64Kib' (known: bit, b, kbit, Mbit, B, kB, KB, MB, GB, KiB, MiB, GiB)",
      ],
      [
        '[1]',
        'links[0].buffer: expected a capacity in packets (a bare number) or bytes (a size with a unit: 64KiB), drop-tail; or { discipline: drop-tail | red, ...parameters }, got a list',
      ],
      [
        '{ discipline: codel }',
        "links[0].buffer.discipline: unknown discipline 'codel' (expected one of: drop-tail, red)",
      ],
      [
        '{ discipline: red, minThreshold: 20 }',
        'links[0].buffer.maxThreshold: expected maxThreshold above minThreshold (20 packets), got 15',
      ],
      [
        '{ discipline: red, minThreshold: 2KiB }',
        'links[0].buffer.maxThreshold: expected both thresholds in packets (bare numbers) or both in bytes (with a unit)',
      ],
      ['{ discipline: red, weight: 0 }', 'links[0].buffer.weight: expected a number of more than 0, got 0'],
      [
        '{ discipline: red, maxProbability: 2 }',
        'links[0].buffer.maxProbability: expected a number of at most 1, got 2',
      ],
    ];
    for (const [text, expected] of cases) {
      const issues = issuesOf(() => parseScenarioText(withBuffer(text), 'inline.yaml'));
      expect(issueLines(issues), text).toEqual([expected]);
      expect(issues[0]).toMatchObject({ file: 'inline.yaml', line: 6 });
    }
  });
});
