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
