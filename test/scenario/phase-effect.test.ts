import { describe, expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';

type Flow = { from: string; to: string; workload: { messages: number; start?: string } };

/** README's two-flows-one-bottleneck, its flows in the order given, access delay as given. */
function dumbbell(flows: Flow[], accessDelay: string | Record<string, string> = '1ms') {
  return run({
    name: 'two-flows-one-bottleneck',
    topologies: [
      {
        kind: 'dumbbell',
        pairs: 2,
        access: { bandwidth: '100Mbps', delay: accessDelay },
        bottleneck: { bandwidth: '10Mbps', delay: '10ms', buffer: 50 },
      },
    ],
    nodes: [{ id: 'r2', processing: '1ms' }],
    flows,
  }).summary;
}

/** Deliveries per sender. */
function bySender(summary: ReturnType<typeof dumbbell>): Record<string, number> {
  return Object.fromEntries(Object.values(summary.flows).map((flow) => [flow.from, flow.counts.delivered]));
}

const s1: Flow = { from: 's1', to: 'r1', workload: { messages: 1000 } };
const s2: Flow = { from: 's2', to: 'r2', workload: { messages: 1000 } };
const jitter = { dist: 'uniform', min: '1ms', max: '1.08ms' };

describe("README's dumbbell: the phase effect of a deterministic simulation", () => {
  it('gives the flow written first the bottleneck, whichever it is', () => {
    expect(bySender(dumbbell([s1, s2]))).toEqual({ s1: 124, s2: 26 });
    expect(bySender(dumbbell([s2, s1]))).toEqual({ s1: 26, s2: 124 });
  });

  it('is only moved by a start offset', () => {
    const later = { ...s2, workload: { messages: 1000, start: '1us' } };
    expect(bySender(dumbbell([s1, later]))).toEqual({ s1: 66, s2: 84 });
  });

  it('is gone with jitter of one access transmission: the same split in either order', () => {
    expect(bySender(dumbbell([s1, s2], jitter))).toEqual({ s1: 72, s2: 78 });
    expect(bySender(dumbbell([s2, s1], jitter))).toEqual({ s1: 72, s2: 78 });
  });
});
