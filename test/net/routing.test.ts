import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantDistribution } from '../../src/engine/distributions.js';
import { bernoulliLoss } from '../../src/net/loss/bernoulli.js';
import { RoutingTable } from '../../src/net/routing.js';
import type { TransmitterSettings } from '../../src/net/transmitter.js';

/** Both directions of each undirected link [from, to, delay], in link order like the network. */
function transmitters(links: Array<[number, number, number]>): TransmitterSettings[] {
  return links.flatMap(([a, b, delay], linkIndex) =>
    [
      [a, b],
      [b, a],
    ].map(([from, to]) => ({
      linkIndex,
      from,
      to,
      bandwidthBitsPerSecond: 1e6,
      delay: constantDistribution(delay),
      loss: bernoulliLoss(0).createProcess(),
      bufferPackets: Number.POSITIVE_INFINITY,
    })),
  );
}

describe('RoutingTable', () => {
  // Square 0-1-2-3-0 plus a slow diagonal 0-2.
  const square = transmitters([
    [0, 1, 0.01], // transmitters 0 (0>1), 1 (1>0)
    [1, 2, 0.01], // 2 (1>2), 3 (2>1)
    [2, 3, 0.01], // 4 (2>3), 5 (3>2)
    [3, 0, 0.01], // 6 (3>0), 7 (0>3)
    [0, 2, 0.05], // 8 (0>2), 9 (2>0)
  ]);

  it('by delay goes round the square (20 ms) rather than over the 50 ms diagonal', () => {
    const table = new RoutingTable(4, square, 'delay');
    // Two equal 20 ms paths 0-1-2 and 0-3-2: the lower transmitter index (0, towards 1) wins.
    expect(table.nextTransmitter(0, 2)).toBe(0);
    expect(table.nextTransmitter(1, 2)).toBe(2);
    expect(table.nextTransmitter(3, 2)).toBe(5);
    expect(table.nextTransmitter(2, 2)).toBe(-1);
  });

  it('by hops takes the diagonal', () => {
    const table = new RoutingTable(4, square, 'hops');
    expect(table.nextTransmitter(0, 2)).toBe(8);
    expect(table.nextTransmitter(2, 0)).toBe(9);
    expect(table.nextTransmitter(1, 3)).toBe(1); // 1>0>3 and 1>2>3 tie at 2 hops: lower index
  });

  it('breaks equal delays by fewer hops (zero-delay links)', () => {
    // 0-1-2 with zero delays and a direct zero-delay 0-2 (added last, higher index).
    const table = new RoutingTable(
      3,
      transmitters([
        [0, 1, 0],
        [1, 2, 0],
        [0, 2, 0],
      ]),
      'delay',
    );
    expect(table.nextTransmitter(0, 2)).toBe(4);
  });

  it('with zero-delay links, still weighs every tie before answering', () => {
    // 2 reaches 0 in 1 s through 3 (2>3 is transmitter 6) or through 1 (2>1 is transmitter 4),
    // both 2 hops: the lower index, 4, wins. Node 3 is settled first; answering as soon as nothing
    // nearer than 1 s is left would give 6, as node 1, at the same distance 1 s, can still
    // offer an equal path when the link 2-1 costs nothing.
    const table = new RoutingTable(
      4,
      transmitters([
        [3, 0, 1],
        [1, 0, 1],
        [2, 1, 0],
        [2, 3, 0],
      ]),
      'delay',
    );
    expect(table.nextTransmitter(2, 0)).toBe(4);
  });

  it('returns -1 for a destination in another component', () => {
    const table = new RoutingTable(4, transmitters([[0, 1, 0.01]]), 'delay');
    expect(table.nextTransmitter(0, 3)).toBe(-1);
    expect(table.nextTransmitter(0, 1)).toBe(0);
  });
});

/**
 * The route RoutingTable promises, by brute force: Bellman–Ford on (length, hops) in
 * lexicographic order, then the lowest-index transmitter from `node` that achieves it.
 */
function referenceNextTransmitter(
  nodeCount: number,
  settings: readonly TransmitterSettings[],
  metric: 'delay' | 'hops',
  node: number,
  destination: number,
): number {
  if (node === destination) return -1;
  const weight = (t: TransmitterSettings) => (metric === 'hops' ? 1 : t.delay.mean);
  const length = new Array<number>(nodeCount).fill(Number.POSITIVE_INFINITY);
  const hops = new Array<number>(nodeCount).fill(Number.POSITIVE_INFINITY);
  length[destination] = 0;
  hops[destination] = 0;
  for (let round = 0; round < nodeCount; round++) {
    for (const t of settings) {
      const candidate = length[t.to] + weight(t);
      const candidateHops = hops[t.to] + 1;
      if (candidate < length[t.from] || (candidate === length[t.from] && candidateHops < hops[t.from])) {
        length[t.from] = candidate;
        hops[t.from] = candidateHops;
      }
    }
  }
  if (length[node] === Number.POSITIVE_INFINITY) return -1;
  return settings.findIndex(
    (t) => t.from === node && length[t.to] + weight(t) === length[node] && hops[t.to] + 1 === hops[node],
  );
}

describe('RoutingTable against brute force', () => {
  it('hands a star of equally far leaves each its own uplink, in any order of questions', () => {
    // Destination 0 - hub 1 (1 s); leaves 2..7 on the hub (1 s each): every leaf is 2 s away, a tie
    // the search need not settle before answering (it pauses once nothing nearer is left).
    const links: Array<[number, number, number]> = [[0, 1, 1]];
    for (let leaf = 2; leaf < 8; leaf++) links.push([1, leaf, 1]);
    const star = transmitters(links);
    const table = new RoutingTable(8, star, 'delay');
    // Link k's reverse direction (leaf > hub) is transmitter 2k + 1.
    for (const leaf of [5, 2, 7, 3, 6, 4]) expect(table.nextTransmitter(leaf, 0)).toBe(2 * (leaf - 1) + 1);
    expect(table.nextTransmitter(1, 0)).toBe(1);
    expect(table.nextTransmitter(0, 5)).toBe(0);
    expect(table.nextTransmitter(1, 5)).toBe(2 * 4);
  });

  it('agrees with Bellman–Ford on random graphs with positive weights, for any sequence of questions', () => {
    const graph = fc.integer({ min: 2, max: 9 }).chain((nodeCount) =>
      fc.record({
        nodeCount: fc.constant(nodeCount),
        metric: fc.constantFrom<'delay' | 'hops'>('delay', 'hops'),
        // Directed transmitters with whole-second weights 1–3: exact sums, many ties.
        edges: fc.array(
          fc.tuple(fc.nat(nodeCount - 1), fc.nat(nodeCount - 1), fc.integer({ min: 1, max: 3 })),
          {
            maxLength: 30,
          },
        ),
        questions: fc.array(fc.tuple(fc.nat(nodeCount - 1), fc.nat(nodeCount - 1)), {
          minLength: 1,
          maxLength: 30,
        }),
      }),
    );
    fc.assert(
      fc.property(graph, ({ nodeCount, metric, edges, questions }) => {
        const settings: TransmitterSettings[] = edges.map(([from, to, delay], linkIndex) => ({
          linkIndex,
          from,
          to,
          bandwidthBitsPerSecond: 1e6,
          delay: constantDistribution(delay),
          loss: bernoulliLoss(0).createProcess(),
          bufferPackets: Number.POSITIVE_INFINITY,
        }));
        const table = new RoutingTable(nodeCount, settings, metric);
        for (const [node, destination] of questions) {
          expect(table.nextTransmitter(node, destination)).toBe(
            referenceNextTransmitter(nodeCount, settings, metric, node, destination),
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
