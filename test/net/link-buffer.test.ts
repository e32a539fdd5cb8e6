import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantDistribution } from '../../src/engine/distributions.js';
import { RandomStreams } from '../../src/engine/random.js';
import { Simulator } from '../../src/engine/simulator.js';
import { Network, type PacketHandlers } from '../../src/net/network.js';
import { Packet } from '../../src/net/packet.js';
import type { TransmitterSettings } from '../../src/net/transmitter.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { twoWayLink } from '../helpers/two-way-link.js';
import { recordingProbe } from './recording-probe.js';

/** One link a-b at 8 bit/s (a packet of n bytes takes n s), 1 s delay, buffered as given. */
function link(buffer: Partial<TransmitterSettings>): TransmitterSettings[] {
  return twoWayLink({ bandwidthBitsPerSecond: 8, delay: constantDistribution(1), ...buffer });
}

function network(buffer: Partial<TransmitterSettings>, handlers: Partial<PacketHandlers> = {}) {
  const simulator = new Simulator();
  const recorder = recordingProbe();
  const net = new Network(
    simulator,
    { nodeIds: ['a', 'b'], transmitters: link(buffer), transmitterNames: ['a>b', 'b>a'], routing: 'delay' },
    new RandomStreams(1),
    recorder.probe,
  );
  const arrived: string[] = [];
  net.setHandlers({
    arrived: (packet) => arrived.push(`${simulator.now}:${packet.sequence}`),
    departed: () => {},
    failed: () => {},
    ...handlers,
  });
  const dropped = () => recorder.dropped.map((drop) => `${drop.packet.sequence}:${drop.reason}`);
  return { simulator, net, arrived, dropped };
}

const packetOf = (sizeBytes: number, sequence: number) =>
  new Packet('data', 0, 0, 1, sizeBytes, sequence, null, false);

describe('a buffer counted in bytes (drop-tail)', () => {
  it('holds packets while their bytes fit behind the one in transmission: a burst of known sizes', () => {
    // 2000 B of buffer. At t = 0: 1500 B starts at once (it does not count); 800 + 700 = 1500
    // wait; 600 would make 2100: dropped; 400 makes 1900; 100 makes 2000, exactly full; 1 more
    // byte is too many.
    const { simulator, net, arrived, dropped } = network({ bufferBytes: 2000 });
    const sizes = [1500, 800, 700, 600, 400, 100, 1];
    simulator.schedule(0, () => {
      for (const [i, size] of sizes.entries()) net.send(packetOf(size, i));
    });
    simulator.run();
    expect(dropped()).toEqual(['3:linkBuffer', '6:linkBuffer']);
    // Transmissions back to back from 0: ends at 1500, 2300, 3000, 3400, 3500 s; 1 s of delay.
    expect(arrived).toEqual(['1501:0', '2301:1', '3001:2', '3401:4', '3501:5']);
  });

  it('frees the bytes of each packet that starts transmission, and lets a packet too large to wait through an idle transmitter', () => {
    const { simulator, net, arrived, dropped } = network({ bufferBytes: 1000 });
    simulator.schedule(0, () => {
      net.send(packetOf(5000, 0)); // idle: starts at once, however large
      net.send(packetOf(1000, 1)); // fills the buffer exactly
      net.send(packetOf(1001, 2)); // busy and larger than the buffer: dropped
    });
    // At 5000 s packet 1 starts: the buffer is empty again and takes 1000 B.
    simulator.schedule(5000.5, () => {
      net.send(packetOf(1000, 3));
      net.send(packetOf(1, 4));
    });
    simulator.run();
    expect(dropped()).toEqual(['2:linkBuffer', '4:linkBuffer']);
    expect(arrived).toEqual(['5001:0', '6001:1', '7001:3']);
  });

  it('counts the place of a packet whose sender is told it left as free, as a packet buffer does', () => {
    // 1000 B of buffer, 800 B waiting when packet 0 ends: the oldest waiting one takes its place,
    // so the 1000 B its sender sends in `departed` fits (200 B would wait otherwise).
    const sent: number[] = [];
    const context = network(
      { bufferBytes: 1000 },
      {
        departed: (packet) => {
          if (packet.sequence !== 0) return;
          context.net.send(packetOf(1000, 2));
          context.net.send(packetOf(1, 3)); // the oldest already moved up: 1000 B wait now
          sent.push(packet.sequence);
        },
      },
    );
    const { simulator, net, arrived, dropped } = context;
    simulator.schedule(0, () => {
      net.send(packetOf(100, 0));
      net.send(packetOf(800, 1));
    });
    simulator.run();
    expect(sent).toEqual([0]);
    expect(dropped()).toEqual(['3:linkBuffer']);
    expect(arrived).toEqual(['101:0', '901:1', '1901:2']);
  });

  it('limits packets and bytes at once when both are given', () => {
    const { simulator, net, dropped } = network({ bufferPackets: 2, bufferBytes: 1000 });
    simulator.schedule(0, () => {
      for (const [i, size] of [10, 100, 100, 100, 900].entries()) net.send(packetOf(size, i));
    });
    simulator.run();
    // Packets 1 and 2 wait (200 B); 3 would be a third packet waiting, and so would 4 (and 1100 B).
    expect(dropped()).toEqual(['3:linkBuffer', '4:linkBuffer']);
  });
});

/** Poisson datagrams of one size over one link into a buffer given as `buffer`. */
function fixedSizeFlow(
  buffer: number | string,
  seed: number,
  sizeBytes: number,
  rate: number,
): ScenarioInput {
  return {
    name: 'fixed-size',
    seed,
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [{ between: ['a', 'b'], bandwidth: '1Mbps', delay: '2ms', buffer }],
    flows: [
      {
        id: 'f',
        from: 'a',
        to: 'b',
        workload: { messages: 300, rate, arrivals: 'poisson', size: `${sizeBytes}B` },
      },
      // A bulk burst at the start fills the buffer at once.
      { id: 'burst', from: 'a', to: 'b', workload: { messages: 20, size: `${sizeBytes}B` } },
    ],
  };
}

describe('a byte buffer with packets of one size is the packet buffer of as many whole packets', () => {
  it('gives the same summary, exactly, for every capacity from K·S to (K + 1)·S - 1 bytes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 40, max: 1500 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        (packets, sizeBytes, slack, seed) => {
          // Offered load about 1.5 times what 1 Mbit/s carries, so the buffer overflows often.
          const rate = (1.5 * 1e6) / (8 * sizeBytes);
          const bytes = packets * sizeBytes + Math.floor(slack * sizeBytes);
          const inPackets = run(fixedSizeFlow(packets, seed, sizeBytes, rate)).summary;
          const inBytes = run(fixedSizeFlow(`${bytes}B`, seed, sizeBytes, rate)).summary;
          expect(inPackets.counts.dropped.linkBuffer ?? 0).toBeGreaterThan(0);
          expect(JSON.stringify(inBytes)).toBe(JSON.stringify(inPackets));
        },
      ),
      { numRuns: 25 },
    );
  });
});
