import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

/** a ⇄ b over one link, 10 datagrams each way at 100/s from t = 0; a partition over [25, 75) ms. */
function twoWay(partition: Record<string, unknown>): ScenarioInput {
  return {
    name: 'partition',
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [{ between: ['a', 'b'], bandwidth: '10Mbps', delay: '1ms' }],
    flows: [
      { id: 'ab', from: 'a', to: 'b', workload: { messages: 10, rate: 100, size: '1000B' } },
      { id: 'ba', from: 'b', to: 'a', workload: { messages: 10, rate: 100, size: '1000B' } },
    ],
    faults: [
      { at: '25ms', partition: [['a'], ['b']], id: 'p', ...partition },
      { at: '75ms', heal: 'p' },
    ],
  };
}

describe('a partition between two nodes', () => {
  it('loses packets in both directions while it lasts (partition)', () => {
    // Messages created at 30, 40, 50, 60, 70 ms arrive inside the window, each way.
    const { summary } = run(twoWay({}));
    expect(summary.flows.ab.counts.lost).toEqual({ partition: 5 });
    expect(summary.flows.ba.counts.lost).toEqual({ partition: 5 });
    expect(summary.counts.delivered).toBe(10);
  });

  it('one-way: loses only packets from the first group, the other direction is delivered', () => {
    const { summary } = run(twoWay({ oneWay: true }));
    expect(summary.flows.ab.counts.lost).toEqual({ partition: 5 });
    expect(summary.flows.ba.counts.lost).toEqual({});
    expect(summary.flows.ba.counts.delivered).toBe(10);
  });

  it('heals by itself after `for`', () => {
    const scenario = twoWay({});
    scenario.faults = [{ at: '25ms', partition: [['a'], ['b']], for: '50ms' }];
    const { summary } = run(scenario);
    expect(summary.counts.lost).toEqual({ partition: 10 });
  });
});

describe('a partition with a router in between', () => {
  it('lets the router reach both sides and loses client packets where they would enter the server', () => {
    // c — r — s; partition [[c], [s]]: c→s is lost entering s (on transmitter r>s), r→s passes.
    const recorder = recordingProbe();
    const { summary } = run(
      {
        name: 'partition-router',
        nodes: [{ id: 'c' }, { id: 'r' }, { id: 's' }],
        links: [
          { between: ['c', 'r'], bandwidth: '10Mbps', delay: '1ms' },
          { between: ['r', 's'], bandwidth: '10Mbps', delay: '1ms' },
        ],
        flows: [
          { id: 'cs', from: 'c', to: 's', workload: { messages: 3, rate: 100, size: '100B' } },
          { id: 'rs', from: 'r', to: 's', workload: { messages: 3, rate: 100, size: '100B' } },
        ],
        faults: [{ at: 0, partition: [['c'], ['s']] }],
      },
      { probes: [recorder.probe] },
    );
    expect(summary.flows.cs.counts.lost).toEqual({ partition: 3 });
    expect(summary.flows.rs.counts.delivered).toBe(3);
    // Transmitters in link order: c>r (0), r>c (1), r>s (2), s>r (3).
    expect(recorder.lost.map((entry) => entry.transmitter)).toEqual([2, 2, 2]);
  });
});
