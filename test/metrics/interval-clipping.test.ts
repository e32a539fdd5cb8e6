import { describe, expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';

describe("rates over a datagram flow's interval, which ends at its last delivery", () => {
  // 1000 messages of 1000 B over a → r → b at 100 Mbit/s (80 µs each), 1 ms per hop; L2 is cut
  // at 10 ms. Message k leaves a at 80k µs and reaches b at 80k + 80 + 2000 µs: the 98th, the
  // last before the cut, at 9.92 ms. a's link stays busy to 80 ms sending copies that are lost.
  const { summary } = run({
    name: 'util',
    nodes: [{ id: 'a' }, { id: 'r' }, { id: 'b' }],
    links: [
      { between: ['a', 'r'], bandwidth: '100Mbps', delay: '1ms' },
      { id: 'L2', between: ['r', 'b'], bandwidth: '100Mbps', delay: '1ms' },
    ],
    flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 1000, size: '1000B' } }],
    faults: [{ at: '10ms', cut: 'L2' }],
  });
  const flow = summary.flows.f;

  it('ends the interval at the last delivery', () => {
    expect(flow.interval.to).toBeCloseTo(9.92e-3, 12);
    expect(flow.throughput.delivered).toBe(98);
  });

  it("counts only the sender's busy time and bits inside it: busy throughout, the link's rate", () => {
    // Over [0, 9.92 ms] the link sent without pause: 124 copies' worth, 992,000 bits.
    expect(flow.senderUtilisation).toBeCloseTo(1, 12);
    expect(flow.throughput.wireBitsPerSecond).toBeCloseTo(100e6, 3);
    expect(summary.throughput.wireBitsPerSecond).toBeCloseTo(100e6, 3);
  });

  it('counts as offered the messages created inside it: a bulk is created at its start', () => {
    expect(flow.throughput.offeredMessagesPerSecond).toBeCloseTo(1000 / 9.92e-3, 6);
    expect(flow.throughput.goodputBitsPerSecond).toBeCloseTo((98 * 8000) / 9.92e-3, 3);
  });

  it('counts as offered only the messages created inside it, a sender at a rate', () => {
    // One message per ms from 0, delivered 2.16 ms later; the cut at 12 ms loses the one created
    // at 10 ms on L2's wire: the last delivered, created at 9 ms, arrives at 11.16 ms. The 12
    // created up to then (0 to 11 ms) are offered, not the 28 after.
    const paced = run({
      name: 'paced',
      nodes: [{ id: 'a' }, { id: 'r' }, { id: 'b' }],
      links: [
        { between: ['a', 'r'], bandwidth: '100Mbps', delay: '1ms' },
        { id: 'L2', between: ['r', 'b'], bandwidth: '100Mbps', delay: '1ms' },
      ],
      flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 40, rate: 1000, size: '1000B' } }],
      faults: [{ at: '12ms', cut: 'L2' }],
    }).summary.flows.f;
    expect(paced.interval.to).toBeCloseTo(11.16e-3, 12);
    expect(paced.throughput.offeredMessagesPerSecond).toBeCloseTo(12 / 11.16e-3, 6);
    // 12 transmissions of 80 µs inside [0, 11.16 ms]: the 12th, from 11 ms to 11.08 ms, included.
    expect(paced.senderUtilisation).toBeCloseTo((12 * 80e-6) / 11.16e-3, 12);
  });
});

describe('a transmission cut short, or still under way at the end, counts as sending up to then', () => {
  // One 1 Mbit/s, 10 ms link: a 1000 B message takes 8 ms to send.
  const oneLink = (extra: object) =>
    run({
      name: 'cut-short',
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [{ id: 'l', between: ['a', 'b'], bandwidth: '1Mbps', delay: '10ms' }],
      flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 10, size: '1000B' } }],
      ...extra,
    }).summary;

  it('a cut: the copy on its way when the link goes down was being sent', () => {
    // Copies end at 8, 16, 24, 32 ms and arrive 10 ms later; the cut at 35 ms loses the 4th on
    // the wire (its bits left by 32 ms) and the 5th, sent from 32 ms: the last delivery is the
    // 3rd's, at 34 ms, and the link was busy all along.
    const summary = oneLink({ faults: [{ at: '35ms', cut: 'l' }] });
    expect(summary.flows.f.interval.to).toBeCloseTo(0.034, 12);
    expect(summary.flows.f.senderUtilisation).toBeCloseTo(1, 12);
    expect(summary.flows.f.throughput.wireBitsPerSecond).toBeCloseTo(1e6, 3);
  });

  it("a crash of the sender: what it sent until it went down, inside the flow's interval", () => {
    // The crash at 20 ms cuts the 3rd copy short after 4 ms; the 2nd arrives at 26 ms, the last
    // delivery: busy 20 ms of 26.
    const flow = oneLink({ faults: [{ at: '20ms', crash: 'a' }] }).flows.f;
    expect(flow.interval.to).toBeCloseTo(0.026, 12);
    expect(flow.senderUtilisation).toBeCloseTo(20 / 26, 12);
    expect(flow.throughput.wireBitsPerSecond).toBeCloseTo(20_000 / 0.026, 3);
  });

  it('a duration that ends the run inside a transmission: sending up to the end', () => {
    // One 10,000 B message (80 ms) and a run of 50 ms: the sender never stopped.
    const flow = oneLink({
      duration: '50ms',
      flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 1, size: '10000B' } }],
    }).flows.f;
    expect(flow.interval.to).toBeCloseTo(0.05, 12);
    expect(flow.senderUtilisation).toBeCloseTo(1, 12);
    expect(flow.throughput.wireBitsPerSecond).toBeCloseTo(1e6, 3);
  });
});
