import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/net/message.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from './recording-probe.js';

/** Float sums of a few milliseconds: equal to 1e-12 s. */
const DIGITS = 12;

function onlyDelivered(messages: Message[]): Message[] {
  return messages.filter((message) => message.fate.kind === 'delivered');
}

describe('store-and-forward over a 3-hop line a-b-c-d', () => {
  // 1000 B = 8000 bit. Hops: 1 Mbit/s + 1 ms, 2 Mbit/s + 5 ms, 500 kbit/s + 2 ms.
  // trans = 8 ms + 4 ms + 16 ms = 28 ms; prop = 1 + 5 + 2 = 8 ms; L = 36 ms.
  const scenario: ScenarioInput = {
    name: 'line',
    nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
    links: [
      { between: ['a', 'b'], bandwidth: '1Mbps', delay: '1ms' },
      { between: ['b', 'c'], bandwidth: '2Mbps', delay: '5ms' },
      { between: ['c', 'd'], bandwidth: '500kbps', delay: '2ms' },
    ],
    flows: [{ id: 'f', from: 'a', to: 'd', workload: { messages: 1, size: '1000B' } }],
  };

  it('gives one message the latency sum over hops of L/R_i + d_i, split into trans and prop', () => {
    const recorder = recordingProbe();
    const { summary } = run(scenario, { probes: [recorder.probe] });
    const [message] = onlyDelivered(recorder.resolved);
    expect(recorder.resolved).toHaveLength(1);
    expect(message.transSeconds).toBeCloseTo(0.028, DIGITS);
    expect(message.propSeconds).toBeCloseTo(0.008, DIGITS);
    expect(message.queueSeconds).toBe(0);
    expect(message.procSeconds).toBe(0);
    expect(message.waitSeconds).toBe(0);
    expect(message.deliveredAt).toBeCloseTo(0.036, DIGITS);
    expect(summary.latency.mean).toBeCloseTo(0.036, DIGITS);
    expect(summary.latency.components.trans.mean).toBeCloseTo(0.028, DIGITS);
    expect(summary.latency.components.prop.mean).toBeCloseTo(0.008, DIGITS);
    expect(summary.latency.noQueueFraction).toBe(1);
  });

  it('transmits the packet once per hop, each for L/R_i, starting when it arrived there', () => {
    const recorder = recordingProbe();
    run(scenario, { probes: [recorder.probe] });
    // Transmitters are numbered per link a→b, b→a, ...: the forward ones are 0, 2, 4.
    expect(recorder.transmitted.map((t) => t.transmitter)).toEqual([0, 2, 4]);
    const starts = recorder.transmitted.map((t) => t.start);
    const seconds = recorder.transmitted.map((t) => t.seconds);
    [0, 0.009, 0.018].forEach((start, i) => {
      expect(starts[i]).toBeCloseTo(start, DIGITS);
    });
    [0.008, 0.004, 0.016].forEach((s, i) => {
      expect(seconds[i]).toBeCloseTo(s, DIGITS);
    });
  });
});

describe('one link, FIFO transmitter', () => {
  const link = { between: ['a', 'b'] as [string, string], bandwidth: '1Mbps', delay: '10ms' };

  it("queues the second of two back-to-back messages for exactly the first's transmission time", () => {
    const recorder = recordingProbe();
    const { summary } = run(
      {
        name: 'two',
        nodes: [{ id: 'a' }, { id: 'b' }],
        links: [link],
        flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 2, size: '1000B' } }],
      },
      { probes: [recorder.probe] },
    );
    const [first, second] = onlyDelivered(recorder.resolved);
    expect([first.id, second.id]).toEqual([0, 1]);
    expect(first.queueSeconds).toBe(0);
    expect(first.deliveredAt).toBeCloseTo(0.018, DIGITS);
    expect(second.queueSeconds).toBeCloseTo(0.008, DIGITS);
    expect(second.transSeconds).toBeCloseTo(0.008, DIGITS);
    expect(second.propSeconds).toBeCloseTo(0.01, DIGITS);
    expect(second.deliveredAt).toBeCloseTo(0.026, DIGITS);
    expect(summary.latency.components.queue.max).toBeCloseTo(0.008, DIGITS);
    expect(summary.latency.noQueueFraction).toBe(0.5);
  });

  it('with a buffer of 1, drops the third of three simultaneous datagrams (linkBuffer)', () => {
    const recorder = recordingProbe();
    const { summary } = run(
      {
        name: 'buffer',
        nodes: [{ id: 'a' }, { id: 'b' }],
        links: [{ ...link, buffer: 1 }],
        flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 3, size: '1000B' } }],
      },
      { probes: [recorder.probe] },
    );
    expect(summary.counts.delivered).toBe(2);
    expect(summary.counts.dropped).toEqual({ linkBuffer: 1 });
    expect(summary.counts.lost).toEqual({});
    expect(summary.counts.packets.dropped).toEqual({ linkBuffer: 1 });
    expect(summary.links['a-b'].directions[0].dropped).toBe(1);
    // The one in transmission and the one waiting get through; the third found the buffer full.
    expect(recorder.dropped.map((d) => [d.packet.message?.id, d.reason, d.transmitter])).toEqual([
      [2, 'linkBuffer', 0],
    ]);
    expect(onlyDelivered(recorder.resolved).map((m) => m.id)).toEqual([0, 1]);
  });

  it('with a buffer of 0, only the packet that finds the transmitter idle gets through', () => {
    const { summary } = run({
      name: 'buffer0',
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [{ ...link, buffer: 0 }],
      flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 4, size: '1000B' } }],
    });
    expect(summary.counts.delivered).toBe(1);
    expect(summary.counts.dropped).toEqual({ linkBuffer: 3 });
  });

  it('with a buffer of 0, a window sender pacing itself loses nothing: its next copy takes the place the last one leaves', () => {
    const { summary } = run({
      name: 'buffer0-paced',
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [{ ...link, buffer: 0 }],
      flows: [
        {
          id: 'f',
          from: 'a',
          to: 'b',
          transport: { protocol: 'go-back-n', window: 8, timeout: '1s' },
          workload: { messages: 50, size: '1000B' },
        },
      ],
    });
    expect(summary.counts.delivered).toBe(50);
    expect(summary.counts.retransmissions).toBe(0);
    expect(summary.counts.packets.dropped).toEqual({});
  });

  it('never reorders packets under uniform jitter: arrival order is send order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.integer({ min: 100, max: 5000 }),
        (seed, minMs, widthMs, rate) => {
          const recorder = recordingProbe();
          run(
            {
              name: 'jitter',
              seed,
              nodes: [{ id: 'a' }, { id: 'b' }],
              links: [
                {
                  between: ['a', 'b'],
                  bandwidth: '100Mbps',
                  delay: { dist: 'uniform', min: `${minMs}ms`, max: `${minMs + widthMs}ms` },
                },
              ],
              flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 40, rate, size: '100B' } }],
            },
            { probes: [recorder.probe] },
          );
          const delivered = onlyDelivered(recorder.resolved);
          expect(delivered.map((m) => m.id)).toEqual(Array.from({ length: 40 }, (_, i) => i));
          for (let i = 1; i < delivered.length; i++) {
            expect(delivered[i].deliveredAt).toBeGreaterThanOrEqual(delivered[i - 1].deliveredAt);
          }
          // Holding a packet back behind its predecessor keeps its delay within [min, max].
          for (const message of delivered) {
            expect(message.propSeconds).toBeGreaterThanOrEqual(minMs / 1000 - 1e-12);
            expect(message.propSeconds).toBeLessThanOrEqual((minMs + widthMs) / 1000 + 1e-12);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('routing', () => {
  // Triangle: direct a-c has 50 ms; a-b-c has 10 ms + 10 ms. By hops the direct link wins, by
  // delay the two-hop path does; the prop component shows which path the message took.
  const triangle = (metric: 'hops' | 'delay'): ScenarioInput => ({
    name: `triangle-${metric}`,
    routing: { metric },
    nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    links: [
      { between: ['a', 'c'], bandwidth: '1Gbps', delay: '50ms' },
      { between: ['a', 'b'], bandwidth: '1Gbps', delay: '10ms' },
      { between: ['b', 'c'], bandwidth: '1Gbps', delay: '10ms' },
    ],
    flows: [{ id: 'f', from: 'a', to: 'c', workload: { messages: 1, size: '125B' } }],
  });

  it('by hops takes the direct link (prop 50 ms, one transmission)', () => {
    const recorder = recordingProbe();
    const { summary } = run(triangle('hops'), { probes: [recorder.probe] });
    expect(summary.latency.components.prop.mean).toBeCloseTo(0.05, DIGITS);
    expect(summary.latency.components.trans.mean).toBeCloseTo(1e-6, DIGITS);
    expect(recorder.transmitted.map((t) => t.transmitter)).toEqual([0]);
  });

  it('by delay takes the two-hop path (prop 20 ms, two transmissions)', () => {
    const recorder = recordingProbe();
    const { summary } = run(triangle('delay'), { probes: [recorder.probe] });
    expect(summary.latency.components.prop.mean).toBeCloseTo(0.02, DIGITS);
    expect(summary.latency.components.trans.mean).toBeCloseTo(2e-6, DIGITS);
    expect(recorder.transmitted.map((t) => t.transmitter)).toEqual([2, 4]);
    expect(summary.latency.mean).toBeCloseTo(0.020002, DIGITS);
  });

  it('rejects a flow to a destination no chain of links reaches', () => {
    expect(() =>
      run({
        name: 'island',
        nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
        links: [{ between: ['a', 'b'], bandwidth: '1Mbps', delay: '1ms' }],
        flows: [{ id: 'f', from: 'a', to: 'c', workload: { messages: 3, size: '100B' } }],
      }),
    ).toThrow(/no path from 'a' to 'c'/);
  });
});

describe('processing stage at the receiver', () => {
  // Four 0-byte messages cross a 0-trans link together and reach b at t = 5 ms.
  const scenario = (node: { servers: number; queue?: number }): ScenarioInput => ({
    name: 'processing',
    nodes: [{ id: 'a' }, { id: 'b', processing: '10ms', ...node }],
    links: [{ between: ['a', 'b'], bandwidth: '1Mbps', delay: '5ms' }],
    flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 4, size: 0 } }],
  });

  it('with 2 servers and constant service: two served at once, two wait one service time', () => {
    const recorder = recordingProbe();
    const { summary } = run(scenario({ servers: 2 }), { probes: [recorder.probe] });
    const delivered = onlyDelivered(recorder.resolved);
    expect(delivered.map((m) => m.id)).toEqual([0, 1, 2, 3]);
    const queue = delivered.map((m) => m.queueSeconds);
    const proc = delivered.map((m) => m.procSeconds);
    const at = delivered.map((m) => m.deliveredAt);
    [0, 0, 0.01, 0.01].forEach((q, i) => {
      expect(queue[i]).toBeCloseTo(q, DIGITS);
    });
    expect(proc).toEqual([0.01, 0.01, 0.01, 0.01]);
    [0.015, 0.015, 0.025, 0.025].forEach((t, i) => {
      expect(at[i]).toBeCloseTo(t, DIGITS);
    });
    expect(summary.latency.components.queue.mean).toBeCloseTo(0.005, DIGITS);
    expect(summary.latency.components.proc.mean).toBeCloseTo(0.01, DIGITS);
    expect(summary.latency.mean).toBeCloseTo(0.02, DIGITS);
    expect(summary.latency.noQueueFraction).toBe(0.5);
  });

  it('with 1 server and a queue of 1 drops the two that find it full (nodeQueue)', () => {
    const recorder = recordingProbe();
    const { summary } = run(scenario({ servers: 1, queue: 1 }), { probes: [recorder.probe] });
    expect(summary.counts.delivered).toBe(2);
    expect(summary.counts.dropped).toEqual({ nodeQueue: 2 });
    const dropped = recorder.resolved.filter((m) => m.fate.kind === 'dropped');
    expect(dropped.map((m) => [m.id, m.fate])).toEqual([
      [2, { kind: 'dropped', reason: 'nodeQueue' }],
      [3, { kind: 'dropped', reason: 'nodeQueue' }],
    ]);
    const [first, second] = onlyDelivered(recorder.resolved);
    expect(first.queueSeconds).toBe(0);
    expect(second.queueSeconds).toBeCloseTo(0.01, DIGITS);
    expect(second.deliveredAt).toBeCloseTo(0.025, DIGITS);
  });

  it('with a queue of 0 serves only what finds a server free', () => {
    const { summary } = run(scenario({ servers: 2, queue: 0 }));
    expect(summary.counts.delivered).toBe(2);
    expect(summary.counts.dropped).toEqual({ nodeQueue: 2 });
    expect(summary.latency.components.queue.max).toBe(0);
  });
});
