import { describe, expect, it } from 'vitest';
import { constantDistribution } from '../../src/engine/distributions.js';
import { RandomStreams } from '../../src/engine/random.js';
import { Simulator } from '../../src/engine/simulator.js';
import { Network } from '../../src/net/network.js';
import { Packet } from '../../src/net/packet.js';
import type { TransmitterSettings } from '../../src/net/transmitter.js';
import { twoWayLink } from '../helpers/two-way-link.js';
import { recordingProbe } from './recording-probe.js';

/** One 1 Mbit/s link a-b (transmitter 0 is a>b): a 125-byte packet takes 1 ms to transmit. */
function link(delaySeconds: number): TransmitterSettings[] {
  return twoWayLink({ delay: constantDistribution(delaySeconds) });
}

describe('propagation over a constant delay (the delay lane of the simulator)', () => {
  it('holds a packet behind a slower predecessor after the delay shrinks, then arrives at now + delay again', () => {
    const simulator = new Simulator();
    const [slow] = link(0.01);
    const [fast] = link(0.001);
    const recording = recordingProbe();
    const network = new Network(
      simulator,
      { nodeIds: ['a', 'b'], transmitters: link(0.01), transmitterNames: ['a>b', 'b>a'], routing: 'delay' },
      new RandomStreams(1),
      recording.probe,
    );
    const arrivals: string[] = [];
    network.setHandlers({
      arrived: (packet) => arrivals.push(`${simulator.now}:${packet.sequence}`),
      departed: () => {},
      failed: () => {
        throw new Error('nothing fails on this link');
      },
    });
    const packets = [0, 1, 2, 3].map((i) => new Packet('data', 0, 0, 1, 125, i, null, false));
    // 0 leaves at 1 ms over 10 ms: arrives at 11 ms. The delay drops to 1 ms at 1.5 ms; 1 leaves
    // at 2.5 ms and would arrive at 3.5 ms, before 0: it is held to 11 ms (and runs after 0).
    // 2 and 3 leave at 20 and 21 ms and arrive 1 ms later; back at 10 ms, 3 leaves at 31 ms.
    simulator.schedule(0, () => network.send(packets[0]));
    simulator.schedule(0.0015, () => {
      network.setTransmitterSettings(0, fast);
      network.send(packets[1]);
    });
    simulator.schedule(0.019, () => {
      network.send(packets[2]);
      network.send(packets[3]);
    });
    simulator.schedule(0.0205, () => network.setTransmitterSettings(0, slow));
    simulator.run();
    expect(arrivals).toEqual([
      `${0.001 + 0.01}:0`,
      `${0.001 + 0.01}:1`,
      `${0.02 + 0.001}:2`,
      `${0.021 + 0.01}:3`,
    ]);
    expect(packets[1].propSeconds).toBe(0.001 + 0.01 - (0.0015 + 0.001));
    expect(packets.map((packet) => packet.transSeconds)).toEqual([0.001, 0.001, 0.001, 0.001]);
    // Each packet's bits are reported on the wire with its own delay, the hold included: they
    // leave it as the packet arrives.
    expect(recording.carried.map((entry) => entry.propagationSeconds)).toEqual(
      packets.map((packet) => packet.propSeconds),
    );
    expect(recording.carried.map(({ start, seconds, bits }) => ({ start, seconds, bits }))).toEqual([
      { start: 0, seconds: 0.001, bits: 1000 },
      { start: 0.0015, seconds: 0.001, bits: 1000 },
      { start: 0.019, seconds: 0.001, bits: 1000 },
      { start: 0.02, seconds: 0.001, bits: 1000 },
    ]);
  });
});

describe('transmissions of a repeated duration (the delay lane of that duration)', () => {
  /**
   * Two links a-b and c-d at 8 bit/s (a packet of n bytes takes n seconds to transmit), 0.5 s
   * of delay, on a fresh simulator; transmitters 0, 1 are a>b, b>a and 2, 3 are c>d, d>c.
   */
  function twoLinkNetwork() {
    const simulator = new Simulator();
    const recorder = recordingProbe();
    const settings = { bandwidthBitsPerSecond: 8, delay: constantDistribution(0.5) };
    const transmitters = [
      ...twoWayLink(settings),
      ...twoWayLink(settings).map((direction) => ({
        ...direction,
        linkIndex: 1,
        from: direction.from + 2,
        to: direction.to + 2,
      })),
    ];
    const network = new Network(
      simulator,
      {
        nodeIds: ['a', 'b', 'c', 'd'],
        transmitters,
        transmitterNames: ['a>b', 'b>a', 'c>d', 'd>c'],
        routing: 'delay',
      },
      new RandomStreams(1),
      recorder.probe,
    );
    return { simulator, recorder, network };
  }

  it('end at the same instants, in scheduling order with heap events at the same instant', () => {
    const { simulator, recorder, network } = twoLinkNetwork();
    const arrivals: string[] = [];
    network.setHandlers({
      arrived: (packet) =>
        arrivals.push(`${simulator.now}:${packet.source === 0 ? 'a' : 'c'}${packet.sequence}`),
      departed: () => {},
      failed: () => {
        throw new Error('nothing fails on these links');
      },
    });
    // c>d first, then a>b, all at t = 0. a>b: 2 B each, so its 2nd and 3rd transmissions take
    // the lane of 2 s, ending at 4 and 6 s; c>d: 1 B then 3 B (varying: the heap), ending at 1
    // and 4 s. At 4 s c's end was scheduled at 1 s, a's at 2 s: c's runs first.
    const c = [1, 3].map((bytes, i) => new Packet('data', 1, 2, 3, bytes, i, null, false));
    const a = [2, 2, 2].map((bytes, i) => new Packet('data', 0, 0, 1, bytes, i, null, false));
    simulator.schedule(0, () => {
      for (const packet of [...c, ...a]) network.send(packet);
    });
    simulator.run();
    expect(recorder.transmitted.map((t) => `${t.start + t.seconds}:${t.transmitter}`)).toEqual([
      '1:2',
      '2:0',
      '4:2',
      '4:0',
      '6:0',
    ]);
    expect(arrivals).toEqual(['1.5:c0', '2.5:a0', '4.5:c1', '4.5:a1', '6.5:a2']);
    expect(a.map((packet) => packet.transSeconds)).toEqual([2, 2, 2]);
  });

  it('a cut loses the packet whose transmission is in the lane, and no end of it runs', () => {
    const { simulator, recorder, network } = twoLinkNetwork();
    const failed: string[] = [];
    network.setHandlers({
      arrived: () => {},
      departed: () => {},
      failed: (packet, outcome) => failed.push(`${simulator.now}:${packet.sequence}:${outcome.reason}`),
    });
    const a = [2, 2, 2].map((bytes, i) => new Packet('data', 0, 0, 1, bytes, i, null, false));
    simulator.schedule(0, () => {
      for (const packet of a) network.send(packet);
    });
    // The second transmission (on the lane of 2 s) runs over [2, 4) s; cut at 3 s.
    simulator.schedule(3, () => network.cutLink(0));
    simulator.run();
    expect(recorder.transmitted.map((t) => t.start + t.seconds)).toEqual([2]);
    // Packet 0 arrived at 2.5 s; 1 is lost in transmission, 2 with the buffer.
    expect(failed).toEqual(['3:1:linkDown', '3:2:linkDown']);
    expect(simulator.pendingEvents).toBe(0);
  });
});
