import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

const DIGITS = 12;

function datagram(options: { messages: number; loss?: number; seed?: number }): ScenarioInput {
  return {
    name: 'dgram',
    seed: options.seed ?? 1,
    nodes: [{ id: 's' }, { id: 'r' }],
    links: [{ between: ['s', 'r'], bandwidth: '1Mbps', delay: '10ms', loss: options.loss ?? 0 }],
    flows: [{ id: 'f', from: 's', to: 'r', workload: { messages: options.messages, size: '1000B' } }],
  };
}

describe('datagram', () => {
  it('loses exactly the packets whose loss draw falls below p (linkLoss)', () => {
    const seed = 42;
    const p = 0.3;
    const messages = 200;
    // The link's loss stream, drawn once per packet at the end of its transmission, in order.
    const draws = new RandomStreams(seed, 0).stream('link/s-r/s>r/loss');
    const expectedLost: number[] = [];
    for (let id = 0; id < messages; id++) if (draws() < p) expectedLost.push(id);

    const recorder = recordingProbe();
    const { summary } = run(datagram({ messages, loss: p, seed }), { probes: [recorder.probe] });
    expect(summary.counts.lost).toEqual({ linkLoss: expectedLost.length });
    expect(summary.counts.packets.lost).toEqual({ linkLoss: expectedLost.length });
    expect(summary.counts.delivered).toBe(messages - expectedLost.length);
    expect(recorder.lost.map((l) => l.packet.message?.id)).toEqual(expectedLost);
    expect(summary.counts.retransmissions).toBe(0);
    expect(summary.counts.packets.acks).toBe(0);
    expect(summary.links['s-r'].directions[0].lost).toBe(expectedLost.length);
  });

  it('each copy is sent once: loss 1 loses every message', () => {
    const { summary } = run(datagram({ messages: 7, loss: 1 }));
    expect(summary.counts.lost).toEqual({ linkLoss: 7 });
    expect(summary.counts.packets.data).toBe(7);
    expect(summary.counts.delivered).toBe(0);
  });

  it('T = N/t runs from the first send to the last delivery', () => {
    // Bulk of 5: the k-th leaves after (k+1)·8 ms, arrives 10 ms later; last delivery 50 ms.
    const { summary } = run(datagram({ messages: 5 }));
    expect(summary.interval.from).toBe(0);
    expect(summary.interval.to).toBeCloseTo(0.05, DIGITS);
    expect(summary.throughput.messagesPerSecond).toBeCloseTo(5 / 0.05, 9);
    expect(summary.throughput.goodputBitsPerSecond).toBeCloseTo((5 * 8000) / 0.05, 6);
  });

  it('ends the interval at the last delivery even when a later message is lost', () => {
    // Bulk of 3 arriving at 18, 26, 34 ms; the receiver crashes at 30 ms, so message 2 is lost at
    // 34 ms (when the flow completes) and the interval ends at the last delivery, 26 ms.
    const { summary } = run({ ...datagram({ messages: 3 }), faults: [{ at: '30ms', crash: 'r' }] });
    expect(summary.counts.delivered).toBe(2);
    expect(summary.counts.lost).toEqual({ nodeDown: 1 });
    expect(summary.flows.f.completedAt).toBeCloseTo(0.026, DIGITS);
    expect(summary.interval.to).toBeCloseTo(0.026, DIGITS);
  });
});

describe('interval of T = N/t: stop-and-wait vs datagram on the same path', () => {
  it('stop-and-wait ends at the last ACK, datagram at the last delivery', () => {
    const base = datagram({ messages: 3 });
    const reliable: ScenarioInput = {
      ...base,
      flows: [
        {
          ...base.flows![0],
          transport: { protocol: 'stop-and-wait', timeout: '1s', ackSize: '40B' },
        },
      ],
    };
    // Stop-and-wait: 3 cycles of 8 + 20 + 0.32 ms; its last delivery is at 2·28.32 + 18 ms.
    const saw = run(reliable).summary;
    expect(saw.interval.to).toBeCloseTo(3 * 0.02832, DIGITS);
    expect(saw.flows.f.completedAt).toBeCloseTo(3 * 0.02832, DIGITS);
    // Datagram: bulk 3 delivered at 18, 26, 34 ms.
    const dgram = run(base).summary;
    expect(dgram.interval.to).toBeCloseTo(0.034, DIGITS);
    expect(dgram.flows.f.completedAt).toBeCloseTo(0.034, DIGITS);
  });
});
