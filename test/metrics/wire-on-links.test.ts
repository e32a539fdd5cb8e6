import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';

/**
 * One link a–b of `bandwidth` bit/s and `delay`, datagrams of `sizeBytes` with no header: the
 * bits on the wire of a → b, and the link's measured seconds (its busy time over its utilisation).
 */
function wireOf(options: {
  bandwidth: number;
  delay: string;
  messages: number;
  sizeBytes: number;
  rate?: number;
  loss?: number;
  faults?: ScenarioInput['faults'];
}) {
  const { summary } = run({
    name: 'wire',
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [
      {
        id: 'l',
        between: ['a', 'b'],
        bandwidth: options.bandwidth,
        delay: options.delay,
        loss: options.loss ?? 0,
      },
    ],
    flows: [
      {
        id: 'f',
        from: 'a',
        to: 'b',
        transport: { protocol: 'datagram', headerSize: 0 },
        workload: {
          messages: options.messages,
          size: `${options.sizeBytes}B`,
          ...(options.rate !== undefined && { rate: options.rate }),
        },
      },
    ],
    faults: options.faults ?? [],
  } as ScenarioInput);
  const forward = summary.links.l.directions[0];
  return { wire: forward.wire, utilisation: forward.utilisation!, summary };
}

describe('the bits on a link direction, measured by a run', () => {
  it('two packets back to back fill the pipe to R·d', () => {
    // 1000 bits each at 1000 bit/s over 0.5 s: 500 bits on the wire from 0.5 s to 2 s; each bit
    // spends 0.5 s there, 1000 bit-seconds over the interval [0, 2.5 s].
    const { wire } = wireOf({ bandwidth: 1000, delay: '500ms', messages: 2, sizeBytes: 125 });
    expect(wire.peakBitsOnWire).toBeCloseTo(500, 9);
    expect(wire.meanBitsOnWire).toBeCloseTo(1000 / 2.5, 9);
  });

  it('packets apart hold at most one packet each, and overlap only on the way', () => {
    // 800 bits at 800 bit/s (1 s) over 2 s, one every 2.5 s: the first is whole on the wire from
    // 1 s to 2 s and drains until 3 s while the second goes on at 2.5 s; at most 800 at once.
    const { wire, summary } = wireOf({ bandwidth: 800, delay: '2s', messages: 2, sizeBytes: 100, rate: 0.4 });
    expect(summary.interval).toEqual({ from: 0, to: 5.5 });
    expect(wire.peakBitsOnWire).toBeCloseTo(800, 9);
    expect(wire.meanBitsOnWire).toBeCloseTo((2 * 800 * 2) / 5.5, 9);
  });

  it('a delay shorter than a transmission holds R·d, however long the packet', () => {
    // 800,000 bits at 2 Mbit/s (0.4 s) over 80 ms.
    const { wire } = wireOf({ bandwidth: 2e6, delay: '80ms', messages: 1, sizeBytes: 100_000 });
    expect(wire.peakBitsOnWire).toBeCloseTo(160_000, 6);
    expect(wire.meanBitsOnWire).toBeCloseTo((800_000 * 0.08) / 0.48, 6);
  });

  it('counts the bits of packets the link loses: they crossed the wire all the same', () => {
    const lossless = wireOf({ bandwidth: 1000, delay: '500ms', messages: 2, sizeBytes: 125 });
    const lossy = wireOf({ bandwidth: 1000, delay: '500ms', messages: 2, sizeBytes: 125, loss: 1 });
    expect(lossy.summary.counts.lost).toEqual({ linkLoss: 2 });
    expect(lossy.wire.peakBitsOnWire).toBeCloseTo(lossless.wire.peakBitsOnWire!, 9);
  });

  it('a cut loses what is on the wire at once', () => {
    // 800 bits at 800 bit/s over 2 s, cut at 1.5 s: the wire fills to 800 at 1 s, holds them
    // until the cut and is empty after it: 400 + 400 bit-seconds.
    const { wire, utilisation } = wireOf({
      bandwidth: 800,
      delay: '2s',
      messages: 1,
      sizeBytes: 100,
      faults: [{ at: 1.5, cut: 'l' }],
    });
    expect(wire.peakBitsOnWire).toBeCloseTo(800, 9);
    // Busy 1 s of the link's measured time: the mean is 800 bit-seconds over it.
    expect(wire.meanBitsOnWire).toBeCloseTo(800 * utilisation, 9);
  });

  it("a sender's crash ends its transmission, and what it sent goes on along the wire", () => {
    // Crashed at 0.5 s: 400 bits were sent; each crosses in 2 s, 800 bit-seconds in all. A flow
    // the other way, from 5 s on, keeps the links measured past them.
    const { summary } = run({
      name: 'wire-crash',
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [{ id: 'l', between: ['a', 'b'], bandwidth: 800, delay: '2s' }],
      flows: [
        {
          id: 'f',
          from: 'a',
          to: 'b',
          transport: { protocol: 'datagram', headerSize: 0 },
          workload: { messages: 1, size: '100B' },
        },
        {
          id: 'g',
          from: 'b',
          to: 'a',
          transport: { protocol: 'datagram', headerSize: 0 },
          workload: { messages: 1, size: '100B', start: 5 },
        },
      ],
      faults: [{ at: 0.5, crash: 'a' }],
    } as ScenarioInput);
    // g's message reaches a, down, at 8 s: lost there, the end of the interval [0, 8 s].
    const { wire } = summary.links.l.directions[0];
    expect(wire.peakBitsOnWire).toBeCloseTo(400, 9);
    expect(wire.meanBitsOnWire).toBeCloseTo(800 / 8, 9);
  });
});
