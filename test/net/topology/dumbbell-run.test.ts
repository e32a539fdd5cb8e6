import { describe, expect, it } from 'vitest';
import { run } from '../../helpers/scenario.js';

/**
 * Two bulk datagram flows of 10 packets of 1250 B (10,000 bits) on a dumbbell: access links
 * 100 Mbit/s (0.1 ms per packet) and 1 ms one way; the bottleneck 10 Mbit/s (1 ms per packet)
 * and 10 ms. Packets reach the left router from 1.1 ms on, faster than the bottleneck sends
 * them, so it is busy from 1.1 ms until all 20 have gone: the last leaves at 1.1 + 20 · 1 =
 * 21.1 ms and reaches its receiver at 21.1 + 10 + 0.1 + 1 = 32.2 ms. The first delivery is at
 * 1.1 + 1 + 10 + 0.1 + 1 = 13.2 ms.
 */
const result = run({
  name: 'dumbbell-two-pairs',
  topologies: [
    {
      kind: 'dumbbell',
      pairs: 2,
      access: { bandwidth: '100Mbps', delay: '1ms' },
      bottleneck: { bandwidth: '10Mbps', delay: '10ms', buffer: 50 },
    },
  ],
  flows: [
    { id: 'f1', from: 's1', to: 'r1', workload: { messages: 10, size: '1250B' } },
    { id: 'f2', from: 's2', to: 'r2', workload: { messages: 10, size: '1250B' } },
  ],
});
const { summary } = result;

/** Packets sent by the transmitter of link `linkId` in direction `from` → `to`. */
function transmitted(linkId: string, from: string, to: string): number {
  const direction = summary.links[linkId].directions.find((d) => d.from === from && d.to === to);
  return direction!.packetsTransmitted;
}

describe('a dumbbell with two pairs', () => {
  it('delivers both flows completely', () => {
    expect(summary.flows.f1.counts.delivered).toBe(10);
    expect(summary.flows.f2.counts.delivered).toBe(10);
  });

  it('sends both flows across the one bottleneck link', () => {
    expect(transmitted('left-right', 'left', 'right')).toBe(20);
    expect(transmitted('left-right', 'right', 'left')).toBe(0);
    // Each flow keeps to its own access links.
    expect(transmitted('s1-left', 's1', 'left')).toBe(10);
    expect(transmitted('s2-left', 's2', 'left')).toBe(10);
    expect(transmitted('right-r1', 'right', 'r1')).toBe(10);
    expect(transmitted('right-r2', 'right', 'r2')).toBe(10);
  });

  it('serialises the flows at the bottleneck: the run ends when the 20th packet arrives', () => {
    expect(summary.simulatedSeconds).toBeCloseTo(0.0322, 12);
    expect(result.latencies.length).toBe(20);
    expect(Math.min(...result.latencies)).toBeCloseTo(0.0132, 12);
    expect(Math.max(...result.latencies)).toBeCloseTo(0.0322, 12);
    // Every packet has the same transmission and propagation times, so the last one's extra
    // 19 ms is all queueing; only the very first packet never waited.
    expect(summary.latency.components.queue.max).toBeCloseTo(0.019, 12);
    expect(summary.latency.noQueueFraction).toBe(1 / 20);
  });
});
