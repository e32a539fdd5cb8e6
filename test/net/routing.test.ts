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

  it('returns -1 for a destination in another component', () => {
    const table = new RoutingTable(4, transmitters([[0, 1, 0.01]]), 'delay');
    expect(table.nextTransmitter(0, 3)).toBe(-1);
    expect(table.nextTransmitter(0, 1)).toBe(0);
  });
});
