import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

const R = 10e6;
const D = 0.005;
/** One 1000-byte copy on one 10 Mbit/s link: 0.8 ms. */
const TAU = (1000 * 8) / R;
const link = { bandwidth: '10Mbps', delay: '5ms' };

function broadcastOn(topology: Record<string, unknown>, from: string, messages = 1): ScenarioInput {
  return {
    name: 'broadcast',
    routing: { metric: 'hops' },
    topologies: [topology],
    flows: [{ id: 'b', from, to: { broadcast: 'all' }, workload: { messages, size: '1000B' } }],
  } as ScenarioInput;
}

describe('broadcast: one copy per recipient over its routed path', () => {
  it('on a ring of 5, copies share the sender two links and are forwarded hop by hop', () => {
    const { summary } = run(broadcastOn({ kind: 'ring', nodes: 5, link }, 'n1'));
    const broadcast = summary.flows.b.broadcast!;
    expect(broadcast.recipients).toEqual(['n2', 'n3', 'n4', 'n5']);
    expect(Object.values(broadcast.perRecipient).map((r) => r.hops)).toEqual([1, 2, 2, 1]);
    expect(broadcast.meanHops).toBe(1.5);
    // Link n1>n2 sends n2's copy, then n3's (which waits τ); link n1>n5 sends n4's, then n5's.
    const mean = (id: string) => broadcast.perRecipient[id].latency.mean;
    expect(mean('n2')).toBeCloseTo(TAU + D, 12);
    expect(mean('n3')).toBeCloseTo(TAU + 2 * (TAU + D), 12);
    expect(mean('n4')).toBeCloseTo(2 * (TAU + D), 12);
    expect(mean('n5')).toBeCloseTo(TAU + TAU + D, 12);
    expect(broadcast.slowestMeanLatency).toBeCloseTo(3 * TAU + 2 * D, 12);
    expect(broadcast).toMatchObject({ messages: 1, deliveries: 4 });
    // Each delivery counts in N.
    expect(summary.flows.b.throughput.delivered).toBe(4);
  });

  it('from a star hub every leaf is one hop away and its copy has its own link', () => {
    const { summary } = run(broadcastOn({ kind: 'star', leaves: 4, link }, 'hub'));
    const broadcast = summary.flows.b.broadcast!;
    for (const recipient of Object.values(broadcast.perRecipient)) {
      expect(recipient.hops).toBe(1);
      expect(recipient.latency.mean).toBeCloseTo(TAU + D, 12);
    }
  });

  it('from a star leaf every copy queues on the leaf link, then the hub forwards it', () => {
    const { summary } = run(broadcastOn({ kind: 'star', leaves: 4, link }, 'leaf1'));
    const per = summary.flows.b.broadcast!.perRecipient;
    expect(Object.keys(per)).toEqual(['hub', 'leaf2', 'leaf3', 'leaf4']);
    expect(per.hub.latency.mean).toBeCloseTo(TAU + D, 12);
    // The k-th copy (k = 2, 3, 4 after the hub's) leaves leaf1 at k·τ, then one hop more.
    [2, 3, 4].forEach((k) => {
      expect(per[`leaf${k}`].hops).toBe(2);
      expect(per[`leaf${k}`].latency.mean).toBeCloseTo(k * TAU + D + TAU + D, 12);
    });
  });

  it('to a named group reaches its members but the sender, and T counts every delivery', () => {
    const input: ScenarioInput = {
      name: 'group',
      topologies: [{ kind: 'line', nodes: 4, link }],
      groups: [{ id: 'tail', members: ['n1', 'n3', 'n4'] }],
      flows: [
        {
          id: 'g',
          from: 'n1',
          to: { broadcast: 'tail' },
          workload: { messages: 20, rate: 100, size: '1000B' },
        },
      ],
    };
    const { summary } = run(input);
    const flow = summary.flows.g;
    expect(flow.to).toBe('broadcast(tail)');
    expect(flow.broadcast).toMatchObject({ recipients: ['n3', 'n4'], messages: 20, deliveries: 40 });
    expect(flow.counts).toMatchObject({ sent: 40, delivered: 40 });
    expect(flow.throughput.messagesPerSecond).toBeCloseTo(40 / flow.throughput.intervalSeconds, 12);
  });

  it('gives every recipient the same sizes in the same order, and a reliable transport every message', () => {
    const input = broadcastOn({ kind: 'ring', nodes: 4, link: { ...link, loss: 0.1 } }, 'n1', 30);
    input.flows![0].transport = { protocol: 'selective-repeat', window: 4, timeout: '100ms' } as never;
    input.flows![0].workload = { messages: 30, size: { dist: 'uniform', min: '100B', max: '1400B' } };
    const { probe, resolved } = recordingProbe();
    const { summary } = run(input, { probes: [probe] });
    const broadcast = summary.flows.b.broadcast!;
    expect(Object.values(broadcast.perRecipient).map((r) => r.delivered)).toEqual([30, 30, 30]);
    const sizesOf = (channel: number) =>
      resolved
        .filter((m) => m.flowIndex === channel)
        .sort((a, b) => a.id - b.id)
        .map((m) => m.payloadBytes);
    const first = sizesOf(0);
    expect(new Set(first).size).toBeGreaterThan(10);
    expect(sizesOf(1)).toEqual(first);
    expect(sizesOf(2)).toEqual(first);
  });
});
