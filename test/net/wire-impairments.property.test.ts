import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantDistribution, createDistributionRegistry } from '../../src/engine/distributions.js';
import { RandomStreams } from '../../src/engine/random.js';
import { Simulator } from '../../src/engine/simulator.js';
import { bernoulliLoss } from '../../src/net/loss/bernoulli.js';
import { Network } from '../../src/net/network.js';
import { copyPacketState, Packet } from '../../src/net/packet.js';
import { lineLinks } from '../helpers/two-way-link.js';
import { recordingProbe } from './recording-probe.js';

/**
 * A line of 2–4 nodes whose links lose, duplicate and corrupt packets, with small buffers and
 * jitter; packets between random nodes at random times; a node crash and a link cut on top.
 */
const arbitraryLine = fc.record({
  nodes: fc.integer({ min: 2, max: 4 }),
  seed: fc.nat(1_000_000),
  links: fc.array(
    fc.record({
      loss: fc.constantFrom(0, 0.2),
      duplicate: fc.constantFrom(0, 0.3, 1),
      corrupt: fc.constantFrom(0, 0.2, 1),
      buffer: fc.constantFrom(0, 2, Number.POSITIVE_INFINITY),
      jitter: fc.boolean(),
    }),
    { minLength: 3, maxLength: 3 },
  ),
  packets: fc.array(
    fc.record({ from: fc.nat(3), to: fc.nat(3), at: fc.double({ min: 0, max: 0.05, noNaN: true }) }),
    { minLength: 1, maxLength: 30 },
  ),
  crash: fc.option(fc.record({ node: fc.nat(3), at: fc.double({ min: 0, max: 0.05, noNaN: true }) }), {
    nil: undefined,
  }),
  cut: fc.option(fc.record({ link: fc.nat(2), at: fc.double({ min: 0, max: 0.05, noNaN: true }) }), {
    nil: undefined,
  }),
});

const jitter = createDistributionRegistry().get('uniform').create({ min: 0.001, max: 0.004 });

describe('every packet a duplicating, corrupting link carries ends once', () => {
  it('sent and copied packets each arrive or fail exactly once, and the probe hears every copy', () => {
    // Over all runs, so the property is seen to cover copies and corrupted packets.
    let copies = 0;
    let corrupted = 0;
    fc.assert(
      fc.property(arbitraryLine, (draw) => {
        const simulator = new Simulator();
        const recorder = recordingProbe();
        const {
          nodeIds,
          transmitters,
          transmitterNames: names,
        } = lineLinks(draw.nodes, (link) => {
          const settings = draw.links[link];
          return {
            delay: settings.jitter ? jitter : constantDistribution(0.002),
            loss: bernoulliLoss(settings.loss).createProcess(),
            bufferPackets: settings.buffer,
          };
        });
        // Both directions of a link alike, in transmitter order.
        const impairments = transmitters.map(({ linkIndex }) => ({
          duplicate: draw.links[linkIndex].duplicate,
          corrupt: draw.links[linkIndex].corrupt,
        }));
        const network = new Network(
          simulator,
          {
            nodeIds,
            transmitters,
            transmitterNames: names,
            routing: 'delay',
            impairments,
          },
          new RandomStreams(draw.seed),
          recorder.probe,
        );
        const ends = new Map<Packet, number>();
        const made: Packet[] = [];
        const end = (packet: Packet) => ends.set(packet, (ends.get(packet) ?? 0) + 1);
        let failures = 0;
        network.setHandlers({
          arrived: (packet) => {
            expect(packet.destination).toBe(transmitters[packet.hopTransmitter].to);
            end(packet);
          },
          departed: () => {},
          duplicate: (packet) => {
            expect(ends.has(packet)).toBe(false);
            const copy = new Packet(
              'data',
              0,
              packet.source,
              packet.destination,
              100,
              packet.sequence,
              null,
              false,
            );
            copyPacketState(packet, copy);
            made.push(copy);
            return copy;
          },
          failed: (packet) => {
            failures++;
            end(packet);
          },
        });
        draw.packets.forEach((spec, sequence) => {
          const from = spec.from % draw.nodes;
          const to = spec.to % draw.nodes;
          if (from === to) return;
          const packet = new Packet('data', 0, from, to, 100, sequence, null, false);
          made.push(packet);
          simulator.scheduleAt(spec.at, () => network.send(packet));
        });
        if (draw.crash)
          simulator.scheduleAt(draw.crash.at, () => network.crashNode(draw.crash!.node % draw.nodes));
        if (draw.cut && draw.nodes > 2)
          simulator.scheduleAt(draw.cut.at, () => network.cutLink(draw.cut!.link % (draw.nodes - 1)));
        simulator.run();
        copies += recorder.duplicated.length;
        corrupted += recorder.lost.filter(({ reason }) => reason === 'corrupted').length;
        for (const packet of made) expect(ends.get(packet)).toBe(1);
        expect(ends.size).toBe(made.length);
        expect(recorder.duplicated.length + recorder.sent.length).toBe(made.length);
        // Each failure with its counted reason, and the copies the probe heard are those made.
        expect(recorder.lost.length + recorder.dropped.length).toBe(failures);
        expect(recorder.duplicated.map(({ copy }) => copy)).toEqual(
          made.filter((packet) => !recorder.sent.some((sent) => sent.packet === packet)),
        );
      }),
      { numRuns: 200 },
    );
    expect(copies).toBeGreaterThan(100);
    expect(corrupted).toBeGreaterThan(100);
  });
});
