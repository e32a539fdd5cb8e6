import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../src/engine/distributions.js';
import { RandomStreams } from '../../src/engine/random.js';
import { Simulator } from '../../src/engine/simulator.js';
import { Network } from '../../src/net/network.js';
import { Packet } from '../../src/net/packet.js';
import { twoWayLink } from '../helpers/two-way-link.js';
import { recordingProbe } from './recording-probe.js';

/** A jittered delay that draws the given values in turn (s). */
function scriptedDelay(values: number[]): Distribution {
  const left = [...values];
  return {
    family: 'scripted',
    mean: 0.005,
    isConstant: false,
    parameters: {},
    sample: () => {
      const next = left.shift();
      if (next === undefined) throw new Error('more delay draws than scripted');
      return next;
    },
  };
}

/** One 1 Mbit/s link a-b (a 125-byte packet takes 1 ms) whose a>b delays are scripted. */
function lineWith(delays: number[], reorder: boolean) {
  const simulator = new Simulator();
  const recorder = recordingProbe();
  const transmitters = twoWayLink((from) => ({
    delay: from === 0 ? scriptedDelay(delays) : scriptedDelay([]),
    reorder,
  }));
  const network = new Network(
    simulator,
    { nodeIds: ['a', 'b'], transmitters, transmitterNames: ['a>b', 'b>a'], routing: 'delay' },
    new RandomStreams(1),
    recorder.probe,
  );
  const events: string[] = [];
  // Times in whole microseconds, so the log reads without float noise.
  const at = () => Math.round(simulator.now * 1e6);
  network.setHandlers({
    arrived: (packet) => events.push(`${at()}us arrived ${packet.sequence}`),
    departed: () => {},
    failed: (packet, outcome) =>
      events.push(`${at()}us ${outcome.kind} ${packet.sequence} (${outcome.reason})`),
  });
  const packets = Array.from({ length: 8 }, (_, i) => new Packet('data', 0, 0, 1, 125, i, null, false));
  return { simulator, network, events, packets, recorder };
}

describe('a link that lets jitter reorder packets', () => {
  // Packets 0, 1, 2 sent at 0 leave at 1, 2, 3 ms and draw delays of 10, 2 and 5 ms.
  const delays = [0.01, 0.002, 0.005];

  it('lets a packet with a shorter draw overtake its predecessors: each arrives after its own delay', () => {
    const { simulator, network, events, packets } = lineWith(delays, true);
    simulator.schedule(0, () => {
      for (const packet of packets.slice(0, 3)) network.send(packet);
    });
    simulator.run();
    // Due at 1 + 10 = 11, 2 + 2 = 4, 3 + 5 = 8 ms: 1 overtakes 0, and 2 overtakes 0.
    expect(events).toEqual(['4000us arrived 1', '8000us arrived 2', '11000us arrived 0']);
    packets.slice(0, 3).forEach((packet, i) => {
      expect(packet.propSeconds).toBeCloseTo(delays[i], 12);
    });
  });

  it('reports each packet that arrives after one that left later (RFC 4737), at the hop', () => {
    // Leaving at 1, 2, 3, 4 ms with delays 10, 2, 5, 1 ms: due at 11, 4, 8, 5 ms. 1 and 3 arrive
    // after everything that left before them; 2 arrives after 3, and 0 after all of them.
    const { simulator, network, events, packets, recorder } = lineWith([0.01, 0.002, 0.005, 0.001], true);
    simulator.schedule(0, () => {
      for (const packet of packets.slice(0, 4)) network.send(packet);
    });
    simulator.run();
    expect(events).toEqual(['4000us arrived 1', '5000us arrived 3', '8000us arrived 2', '11000us arrived 0']);
    expect(recorder.reordered.map(({ packet, transmitter }) => [packet.sequence, transmitter])).toEqual([
      [2, 0],
      [0, 0],
    ]);
  });

  it('without reorder holds each packet behind its predecessor, as before', () => {
    const { simulator, network, events, packets } = lineWith(delays, false);
    simulator.schedule(0, () => {
      for (const packet of packets.slice(0, 3)) network.send(packet);
    });
    simulator.run();
    expect(events).toEqual(['11000us arrived 0', '11000us arrived 1', '11000us arrived 2']);
    // Held back: 1 spends 11 - 2 = 9 ms propagating, 2 spends 8 ms.
    expect(packets[1].propSeconds).toBeCloseTo(0.009, 12);
    expect(packets[2].propSeconds).toBeCloseTo(0.008, 12);
  });

  it('a cut loses exactly the packets on the wire, however they are ordered, and none sent after it', () => {
    // 0 (due 11 ms) and 2 (due 8 ms) are on the wire at the cut at 5 ms; 1 arrived at 4 ms.
    // Restored at 6 ms; 3 and 4 sent then leave at 7 and 8 ms and draw 0.5 and 4 ms: 3 arrives
    // at 7.5 ms, before 2 would have, and 4 at 12 ms, after 0 would have. A count of arrivals
    // (right without reordering) would take 3 for one of the packets on the wire.
    const { simulator, network, events, packets, recorder } = lineWith([...delays, 0.0005, 0.004], true);
    simulator.schedule(0, () => {
      for (const packet of packets.slice(0, 3)) network.send(packet);
    });
    simulator.schedule(0.005, () => network.cutLink(0));
    simulator.schedule(0.006, () => {
      network.restoreLink(0);
      network.send(packets[3]);
      network.send(packets[4]);
    });
    simulator.run();
    expect(events).toEqual([
      '4000us arrived 1',
      '7500us arrived 3',
      '8000us lost 2 (linkDown)',
      '11000us lost 0 (linkDown)',
      '12000us arrived 4',
    ]);
    // The packets lost to the cut never arrived, so nothing was overtaken.
    expect(recorder.reordered).toEqual([]);
  });

  it('a second cut loses the packets on the wire then, and those of the first cut still lose once', () => {
    // 0, 1, 2 leave at 1, 2, 3 ms with delays 10, 20, 1 ms: due 11, 22, 4 ms. A cut at 3.5 ms
    // finds all three on the wire.
    const { simulator, network, events, packets } = lineWith([0.01, 0.02, 0.001, 0.002], true);
    simulator.schedule(0, () => {
      for (const packet of packets.slice(0, 3)) network.send(packet);
    });
    simulator.schedule(0.0035, () => network.cutLink(0));
    // Restored at 5 ms: 3 leaves at 6 ms, due at 8 ms; cut again at 7 ms, restored at 30 ms.
    simulator.schedule(0.005, () => {
      network.restoreLink(0);
      network.send(packets[3]);
    });
    simulator.schedule(0.007, () => network.cutLink(0));
    simulator.schedule(0.03, () => network.restoreLink(0));
    simulator.run();
    expect(events).toEqual([
      '4000us lost 2 (linkDown)',
      '8000us lost 3 (linkDown)',
      '11000us lost 0 (linkDown)',
      '22000us lost 1 (linkDown)',
    ]);
  });
});
