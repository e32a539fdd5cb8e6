import { describe, expect, it } from 'vitest';
import { constantDistribution } from '../../src/engine/distributions.js';
import { RandomStreams } from '../../src/engine/random.js';
import { Simulator } from '../../src/engine/simulator.js';
import { bernoulliLoss } from '../../src/net/loss/bernoulli.js';
import { Network } from '../../src/net/network.js';
import { Packet } from '../../src/net/packet.js';
import type { TransmitterSettings } from '../../src/net/transmitter.js';
import { recordingProbe } from './recording-probe.js';

/** One 1 Mbit/s link a-b (transmitter 0 is a>b): a 125-byte packet takes 1 ms to transmit. */
function link(delaySeconds: number): TransmitterSettings[] {
  return [
    [0, 1],
    [1, 0],
  ].map(([from, to]) => ({
    linkIndex: 0,
    from,
    to,
    bandwidthBitsPerSecond: 1e6,
    delay: constantDistribution(delaySeconds),
    loss: bernoulliLoss(0).createProcess(),
    bufferPackets: Number.POSITIVE_INFINITY,
  }));
}

describe('propagation over a constant delay (the delay lane of the simulator)', () => {
  it('holds a packet behind a slower predecessor after the delay shrinks, then arrives at now + delay again', () => {
    const simulator = new Simulator();
    const [slow] = link(0.01);
    const [fast] = link(0.001);
    const network = new Network(
      simulator,
      { nodeIds: ['a', 'b'], transmitters: link(0.01), transmitterNames: ['a>b', 'b>a'], routing: 'delay' },
      new RandomStreams(1),
      recordingProbe().probe,
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
  });
});
