import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

/**
 * `links.<id>.directions[i].queue`: the buffer's time-average backlog, mean wait and peak, on
 * cases small enough to follow packet by packet.
 */

/** `count` datagrams of 1000 B ready at once on an 8 Mbit/s link: one transmission takes 1 ms. */
function burst(count: number, warmup = 0, bufferPackets?: number): ScenarioInput {
  return {
    name: 'burst',
    warmup,
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [
      {
        between: ['a', 'b'],
        bandwidth: '8Mbps',
        delay: 0,
        ...(bufferPackets ? { buffer: bufferPackets } : {}),
      },
    ],
    flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: count, size: '1000B' } }],
  };
}

const forward = (input: ScenarioInput) => run(input).summary.links['a-b'].directions[0];

describe('link queue figures', () => {
  it('three packets at once: waits 0, 1 and 2 ms; a backlog of 2, 1, 0 over 3 ms averages 1', () => {
    const direction = forward(burst(3));
    expect(direction.queue.peakPacketsWaiting).toBe(2);
    expect(direction.queue.meanWaitSeconds).toBeCloseTo(0.001, 15);
    expect(direction.queue.meanPacketsWaiting).toBeCloseTo(1, 12);
    // The reverse direction carries nothing (datagrams have no ACKs): nothing waited.
    const reverse = run(burst(3)).summary.links['a-b'].directions[1];
    expect(reverse.queue).toEqual({ meanPacketsWaiting: 0, meanWaitSeconds: 0, peakPacketsWaiting: 0 });
  });

  it('after a 1.5 ms warm-up: one packet left waiting, which waited 2 ms in all and 0.5 ms of the 1.5 ms interval', () => {
    const direction = forward(burst(3, 0.0015));
    // The backlog the warm-up leaves (1 packet, until 2 ms) counts for the peak.
    expect(direction.queue.peakPacketsWaiting).toBe(1);
    // Only the third packet started after the warm-up: its whole wait.
    expect(direction.queue.meanWaitSeconds).toBeCloseTo(0.002, 15);
    // Its 0.5 ms of waiting after the warm-up over the interval [1.5 ms, 3 ms].
    expect(direction.queue.meanPacketsWaiting).toBeCloseTo(0.5 / 1.5, 12);
  });

  describe('ten 1000 B packets at once on 1 Mbit/s (8 ms each), the run cut before the last is sent', () => {
    const slowBurst = (extra: Partial<ScenarioInput>): ScenarioInput => ({
      name: 'slow-burst',
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [{ between: ['a', 'b'], bandwidth: '1Mbps', delay: '2ms' }],
      flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 10, size: '1000B' } }],
      ...extra,
    });
    // Transmissions start at 0, 8, 16, ... ms; 9, 8, 7, ... packets wait behind them.

    it('cut at 30 ms: 6 still wait, the fourth is being sent; both count', () => {
      const direction = forward(slowBurst({ duration: 0.03 }));
      expect(direction.utilisation).toBeCloseTo(1, 12);
      // (9·8 + 8·8 + 7·8 + 6·6) packet-ms over 30 ms.
      expect(direction.queue.meanPacketsWaiting).toBeCloseTo(228 / 30, 12);
      // The four that started waited 0, 8, 16 and 24 ms.
      expect(direction.queue.meanWaitSeconds).toBeCloseTo(0.012, 12);
      expect(direction.queue.peakPacketsWaiting).toBe(9);
      expect(direction.packetsTransmitted).toBe(3);
    });

    it('measured over [30 ms, 50 ms] after a warm-up: 6, 5, 4, 3 waiting', () => {
      const direction = forward(slowBurst({ duration: 0.05, warmup: 0.03 }));
      expect(direction.utilisation).toBeCloseTo(1, 12);
      expect(direction.queue.meanPacketsWaiting).toBeCloseTo((6 * 2 + 5 * 8 + 4 * 8 + 3 * 2) / 20, 12);
      // Started at 32, 40 and 48 ms after waiting as long.
      expect(direction.queue.meanWaitSeconds).toBeCloseTo(0.04, 12);
      expect(direction.queue.peakPacketsWaiting).toBe(6);
    });

    it('the sender crashes at 20 ms: the packet being sent and the 7 waiting are lost then', () => {
      const { summary } = run(slowBurst({ faults: [{ at: 0.02, crash: 'a' }] }));
      const direction = summary.links['a-b'].directions[0];
      expect(summary.counts.delivered).toBe(2);
      // The interval ends with the last delivery (18 ms); the link is measured until the loss at
      // 20 ms, which ends the flow: busy throughout, never above 1.
      expect(summary.interval.to).toBeCloseTo(0.018, 12);
      expect(direction.utilisation).toBeCloseTo(1, 12);
      expect(direction.queue.meanPacketsWaiting).toBeCloseTo((9 * 8 + 8 * 8 + 7 * 4) / 20, 12);
      // Three started, the third cut short: waits 0, 8 and 16 ms.
      expect(direction.queue.meanWaitSeconds).toBeCloseTo(0.008, 12);
      expect(direction.lost).toBe(8);
    });
  });

  it('a full buffer caps the peak; dropped packets never wait', () => {
    const direction = forward(burst(10, 0, 3));
    expect(direction.dropped).toBe(6);
    expect(direction.queue.peakPacketsWaiting).toBe(3);
    // Packets 2-4 wait 1, 2 and 3 ms; with packet 1's none, 6 ms over 4 packets and 4 ms.
    expect(direction.queue.meanWaitSeconds).toBeCloseTo(0.0015, 15);
    expect(direction.queue.meanPacketsWaiting).toBeCloseTo(1.5, 12);
  });

  it('a window sender that hands over its next segment as the previous one leaves never makes a backlog', () => {
    const { summary } = run({
      name: 'paced',
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [{ between: ['a', 'b'], bandwidth: '8Mbps', delay: '10ms' }],
      flows: [
        {
          id: 'f',
          from: 'a',
          to: 'b',
          transport: { protocol: 'go-back-n', window: 4, timeout: '1s' },
          workload: { messages: 20, size: '1000B' },
        },
      ],
    });
    // Each segment joins the buffer while its predecessor vacates the link: it waits no time.
    expect(summary.links['a-b'].directions[0].queue).toEqual({
      meanPacketsWaiting: 0,
      meanWaitSeconds: 0,
      peakPacketsWaiting: 0,
    });
    expect(summary.latency.components.queue.mean).toBe(0);
  });

  it("Little's law on any burst: the time-average backlog is the probe's waits over the interval", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 20 }), (count, buffer) => {
        const recorder = recordingProbe();
        const { summary } = run(burst(count, 0, buffer), { probes: [recorder.probe] });
        const direction = summary.links['a-b'].directions[0];
        const waits = recorder.dequeued.map((entry) => entry.waitedSeconds);
        const seconds = summary.interval.to - summary.interval.from;
        const sent = Math.min(count, buffer + 1);
        expect(direction.packetsTransmitted).toBe(sent);
        // Packet k (from 0) waits k ms: the backlog falls by one every millisecond.
        expect(waits).toHaveLength(sent - 1);
        for (const [k, wait] of waits.entries()) expect(wait).toBeCloseTo((k + 1) * 0.001, 12);
        const total = waits.reduce((sum, wait) => sum + wait, 0);
        expect(direction.queue.meanPacketsWaiting).toBeCloseTo(total / seconds, 12);
        expect(direction.queue.meanWaitSeconds).toBeCloseTo(total / sent, 12);
        expect(direction.queue.peakPacketsWaiting).toBe(sent - 1);
      }),
      { numRuns: 40 },
    );
  });
});
