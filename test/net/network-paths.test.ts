import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantDistribution } from '../../src/engine/distributions.js';
import { RandomStreams } from '../../src/engine/random.js';
import { Simulator } from '../../src/engine/simulator.js';
import { Network } from '../../src/net/network.js';
import { Packet } from '../../src/net/packet.js';
import { lineLinks } from '../helpers/two-way-link.js';
import { recordingProbe } from './recording-probe.js';

/** A line 0-1-...-(n-1) of 1 Mbit/s, 1 ms links; transmitters 2k (k>k+1) and 2k+1 (k+1>k). */
function line(nodes: number) {
  return { ...lineLinks(nodes, () => ({ delay: constantDistribution(0.001) })), routing: 'delay' as const };
}

/** The transmitters from `source` to `destination` along the line, worked out by hand. */
function linePath(source: number, destination: number): number[] {
  const hops: number[] = [];
  for (let at = source; at !== destination; at += source < destination ? 1 : -1) {
    hops.push(source < destination ? 2 * at : 2 * (at - 1) + 1);
  }
  return hops;
}

/**
 * Sends one 125-byte packet (1 ms per hop at 1 Mbit/s) for each (source, destination) pair at the
 * given times, and returns, per packet, the transmitters it crossed and when it arrived.
 */
function sendAll(nodes: number, sends: Array<{ at: number; source: number; destination: number }>) {
  const simulator = new Simulator();
  const recorder = recordingProbe();
  const network = new Network(simulator, line(nodes), new RandomStreams(1), recorder.probe);
  const arrivals = new Map<Packet, number>();
  network.setHandlers({
    arrived: (packet) => arrivals.set(packet, simulator.now),
    departed: () => {},
    failed: () => {
      throw new Error('nothing fails on this line');
    },
  });
  const packets = sends.map(
    ({ source, destination }, i) => new Packet('data', i, source, destination, 125, i, null, false),
  );
  sends.forEach(({ at }, i) => {
    simulator.schedule(at, () => network.send(packets[i]));
  });
  simulator.run();
  return packets.map((packet) => ({
    crossed: recorder.transmitted.filter((t) => t.packet === packet).map((t) => t.transmitter),
    arrivedAt: arrivals.get(packet),
    hops: packet.hops,
    path: network.path(packet.source, packet.destination),
  }));
}

describe('static paths (stored once per pair, shared by the packets of that pair)', () => {
  it('takes every pair of a 30-node line along its own path, however the sources alternate between destinations', () => {
    const nodes = 30;
    // Each source sends to every destination, twice, the pairs interleaved so that a source's
    // consecutive packets go to different destinations (the per-source cache misses, the pair
    // map answers) and the shared path store grows far past its first 256 hops.
    const sends: Array<{ at: number; source: number; destination: number }> = [];
    for (let round = 0; round < 2; round++)
      for (let destination = 0; destination < nodes; destination++)
        for (let source = 0; source < nodes; source++)
          if (source !== destination)
            sends.push({ at: 10 * (round * nodes + destination), source, destination });
    const results = sendAll(nodes, sends);
    results.forEach(({ crossed, arrivedAt, hops, path }, i) => {
      const { at, source, destination } = sends[i];
      const expected = linePath(source, destination);
      expect(crossed).toEqual(expected);
      expect(path).toEqual(expected);
      expect(hops).toBe(expected.length);
      // Alone on its links (sends are 10 s apart): 1 ms transmission + 1 ms propagation per hop.
      expect(arrivedAt).toBeCloseTo(at + 0.002 * expected.length, 9);
    });
  });

  it('routes any sequence of sends exactly as the hand-computed line paths', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }).chain((nodes) =>
          fc.tuple(
            fc.constant(nodes),
            fc.array(
              fc
                .tuple(fc.nat(nodes - 1), fc.nat(nodes - 1))
                .filter(([source, destination]) => source !== destination),
              { minLength: 1, maxLength: 40 },
            ),
          ),
        ),
        ([nodes, pairs]) => {
          const sends = pairs.map(([source, destination], i) => ({ at: i, source, destination }));
          const results = sendAll(nodes, sends);
          results.forEach(({ crossed }, i) => {
            expect(crossed).toEqual(linePath(sends[i].source, sends[i].destination));
          });
        },
      ),
      { numRuns: 50 },
    );
  });
});
