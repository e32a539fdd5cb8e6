import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/random.js';
import { formatSummary } from '../../../src/report/format-summary.js';
import type { ScenarioInput } from '../../../src/scenario/schema.js';
import { run } from '../../helpers/scenario.js';
import { recordingProbe } from '../recording-probe.js';

/** Five 1000-byte datagrams at once from a over a 1 Mbit/s link whose buffer is `buffer`. */
function burst(buffer: NonNullable<ScenarioInput['links']>[number]['buffer'], seed = 1): ScenarioInput {
  return {
    name: 'red-burst',
    seed,
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [{ between: ['a', 'b'], bandwidth: '1Mbps', delay: '1ms', buffer }],
    flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 5, size: '1000B' } }],
  };
}

describe('a RED link in a scenario', () => {
  it('drops by the average queue and its own stream (link/a-b/a>b/red), and what finds the buffer full as linkBuffer', () => {
    // weight 1: avg is the queue each arrival finds. min_th 0.5, max_th 1.5, max_p 1, capacity 1.
    // 0 starts at once (avg 0); 1 finds 0 waiting (avg 0 < min_th): it waits. 2 finds 1 waiting:
    // avg 1, count 0, p_b = 1·0.5/1 = 0.5 = p_a: dropped (red) if the first draw is below 0.5,
    // else the full buffer drops it (linkBuffer), count staying 0 then. 3: count 1, p_a =
    // 0.5/(1 - 0.5) = 1: red, after a second draw. 4: count 0 again, p_a = 0.5: the third draw.
    const red = new RandomStreams(11).stream('link/a-b/a>b/red');
    const [first, , third] = [red(), red(), red()];
    const recorder = recordingProbe();
    const { summary } = run(
      burst(
        {
          discipline: 'red',
          capacity: 1,
          minThreshold: 0.5,
          maxThreshold: 1.5,
          maxProbability: 1,
          weight: 1,
        },
        11,
      ),
      { probes: [recorder.probe] },
    );
    const reasons = recorder.dropped.map((drop) => [drop.packet.message!.id, drop.reason]);
    expect(reasons).toEqual([
      [2, first < 0.5 ? 'red' : 'linkBuffer'],
      [3, 'red'],
      [4, third < 0.5 ? 'red' : 'linkBuffer'],
    ]);
    expect(summary.counts.delivered).toBe(2);
    const expected: Record<string, number> = {};
    for (const [, reason] of reasons) expected[reason as string] = (expected[reason as string] ?? 0) + 1;
    expect(summary.counts.dropped).toEqual(expected);
    expect(summary.counts.packets.dropped).toEqual(expected);
    expect(summary.flows.f.counts.dropped).toEqual(expected);
    expect(summary.links['a-b'].directions[0].dropped).toBe(3);
  });

  it('drops every arrival once the average reaches max_th, and none while it stays below min_th', () => {
    // weight 1, min_th 1, max_th 2: 0 starts, 1 and 2 find 0 and 1 waiting (2 is in the band with
    // p_b = 0: kept), 3 and 4 find 2 waiting: avg 2 = max_th, dropped without a draw.
    const { summary } = run(burst({ discipline: 'red', minThreshold: 1, maxThreshold: 2, weight: 1 }));
    expect(summary.counts.delivered).toBe(3);
    expect(summary.counts.dropped).toEqual({ red: 2 });
    expect(formatSummary(summary)).toContain('dropped: red 2');
  });

  it('is deterministic, and its draws leave every other stream alone', () => {
    const lossy: ScenarioInput = {
      name: 'red-and-loss',
      seed: 3,
      duration: 2,
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      links: [
        {
          between: ['a', 'b'],
          bandwidth: '1Mbps',
          delay: '1ms',
          buffer: { discipline: 'red', capacity: 30, minThreshold: 3, maxThreshold: 12, weight: 0.2 },
        },
        { between: ['b', 'c'], bandwidth: '100Mbps', delay: '1ms', loss: 0.2 },
      ],
      flows: [
        { id: 'red', from: 'a', to: 'b', workload: { rate: 200, arrivals: 'poisson', size: '1000B' } },
        { id: 'beside', from: 'b', to: 'c', workload: { rate: 100, arrivals: 'poisson', size: '100B' } },
      ],
    };
    const first = run(lossy).summary;
    expect(first.counts.dropped.red).toBeGreaterThan(0);
    expect(JSON.stringify(run(lossy).summary)).toBe(JSON.stringify(first));
    // With a plain buffer on a-b instead, the same messages are created and the flow over b-c
    // (its own link, with its own loss stream) fares exactly as before.
    const plain = run({ ...lossy, links: [{ ...lossy.links![0], buffer: 30 }, lossy.links![1]] }).summary;
    expect(plain.counts.dropped.red).toBeUndefined();
    expect(plain.flows.red.counts.sent).toBe(first.flows.red.counts.sent);
    expect(JSON.stringify(plain.flows.beside)).toBe(JSON.stringify(first.flows.beside));
  });
});
