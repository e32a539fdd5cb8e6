import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from './recording-probe.js';

const DIGITS = 12;

/**
 * s — r over 10 Mbit/s, 5 ms; 100 datagrams/s of 1000 B from t = 0: message k is handed off at
 * 10k ms, transmitted over [10k, 10k + 0.8) ms and arrives at 10k + 5.8 ms.
 */
function stream(faults: ScenarioInput['faults'], extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    name: 'link-faults',
    nodes: [{ id: 's' }, { id: 'r' }],
    links: [{ id: 'L', between: ['s', 'r'], bandwidth: '10Mbps', delay: '5ms' }],
    flows: [{ id: 'f', from: 's', to: 'r', workload: { messages: 50, rate: 100, size: '1000B' } }],
    faults,
    ...extra,
  };
}

describe('a scripted link cut', () => {
  it('loses the packet on the wire and refuses packets until restored (linkDown)', () => {
    // Cut over [103, 195) ms: message 10 left at 100.8 ms and is on the wire (arrives 105.8);
    // messages 11-19 find the link down; message 20 (200 ms) gets through.
    const recorder = recordingProbe();
    const { summary } = run(
      stream([
        { at: '103ms', cut: 'L' },
        { at: '195ms', restore: 'L' },
      ]),
      { probes: [recorder.probe] },
    );
    expect(summary.counts.lost).toEqual({ linkDown: 10 });
    expect(summary.counts.delivered).toBe(40);
    const lost = recorder.resolved.filter((m) => m.fate.kind === 'lost').map((m) => m.id);
    expect(lost).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    // All on the one transmitter s>r: the packet on the wire is counted where it would have arrived.
    expect(recorder.lost.every((entry) => entry.transmitter === 0)).toBe(true);
    const link = summary.availability.links!.L;
    expect(link.downSeconds).toBeCloseTo(0.092, DIGITS);
    expect(link.cycles).toBe(1);
    expect(link.analytic).toBeNull();
    expect(recorder.linkChanges).toEqual([
      { link: 0, up: false },
      { link: 0, up: true },
    ]);
  });

  it('loses the packet in transmission at once and delivers none of it', () => {
    // Cut at 100.4 ms, in the middle of message 10's transmission; restored at 101 ms. All the
    // packets have one size, so from the second on their transmissions end through a delay
    // lane: the cut cancels a lane event here.
    const recorder = recordingProbe();
    const { summary } = run(
      stream([
        { at: '100.4ms', cut: 'L' },
        { at: '101ms', restore: 'L' },
      ]),
      { probes: [recorder.probe] },
    );
    expect(summary.counts.lost).toEqual({ linkDown: 1 });
    expect(recorder.resolved.find((m) => m.fate.kind === 'lost')!.id).toBe(10);
    // Only 49 transmissions completed: the cut one never finished.
    expect(recorder.transmitted).toHaveLength(49);
  });

  it('loses a packet whose wire was cut even if the link is back before it would arrive', () => {
    const { summary } = run(
      stream([
        { at: '102ms', cut: 'L' },
        { at: '102.5ms', restore: 'L' },
      ]),
    );
    expect(summary.counts.lost).toEqual({ linkDown: 1 });
    expect(summary.counts.delivered).toBe(49);
  });

  it('is recovered by stop-and-wait retransmissions, which the counts show', () => {
    // 1 Mbit/s, 10 ms: cycle 8 + 20 + 0.32 ms; a cut over [50, 300) ms stalls the transfer.
    const { summary } = run({
      name: 'saw-cut',
      nodes: [{ id: 's' }, { id: 'r' }],
      links: [{ id: 'L', between: ['s', 'r'], bandwidth: '1Mbps', delay: '10ms' }],
      flows: [
        {
          id: 'f',
          from: 's',
          to: 'r',
          transport: { protocol: 'stop-and-wait', timeout: '50ms', ackSize: '40B', retries: 20 },
          workload: { messages: 10, size: '1000B' },
        },
      ],
      faults: [
        { at: '50ms', cut: 'L' },
        { at: '300ms', restore: 'L' },
      ],
    });
    expect(summary.counts.delivered).toBe(10);
    expect(summary.counts.lost).toEqual({});
    expect(summary.counts.retransmissions).toBeGreaterThanOrEqual(5);
    expect(summary.counts.packets.lost.linkDown).toBe(summary.counts.retransmissions);
    expect(summary.flows.f.completedAt).toBeGreaterThan(0.3);
  });
});

describe('routing around a down link', () => {
  // a — b directly (1 ms), or a — c — b (5 ms each); the direct link is cut over [5, 50) ms.
  const triangle = (dynamic: boolean): ScenarioInput => ({
    name: 'triangle',
    routing: { metric: 'delay', dynamic },
    nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    links: [
      { id: 'ab', between: ['a', 'b'], bandwidth: '8Mbps', delay: '1ms' },
      { id: 'ac', between: ['a', 'c'], bandwidth: '8Mbps', delay: '5ms' },
      { id: 'cb', between: ['c', 'b'], bandwidth: '8Mbps', delay: '5ms' },
    ],
    flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 10, rate: 100, size: '1000B' } }],
    faults: [
      { at: '5ms', cut: 'ab' },
      { at: '50ms', restore: 'ab' },
    ],
  });

  it('with static routes, loses what is routed over the down link', () => {
    // Messages at 10, 20, 30, 40 ms find the direct link down.
    const { summary } = run(triangle(false));
    expect(summary.counts.lost).toEqual({ linkDown: 4 });
    expect(summary.counts.delivered).toBe(6);
  });

  it('with dynamic routes, takes the other path while the link is down', () => {
    const recorder = recordingProbe();
    const { summary } = run(triangle(true), { probes: [recorder.probe] });
    expect(summary.counts.lost).toEqual({});
    expect(summary.counts.delivered).toBe(10);
    const latencies = recorder.delivered().map((m) => m.latencySeconds);
    // Direct: 1 ms + 1 ms transmission; around: 2 × (1 ms + 5 ms).
    expect(latencies[0]).toBeCloseTo(0.002, DIGITS);
    expect(latencies[1]).toBeCloseTo(0.012, DIGITS);
    expect(latencies[4]).toBeCloseTo(0.012, DIGITS);
    expect(latencies[5]).toBeCloseTo(0.002, DIGITS);
  });
});

describe('dynamic routing without a live path', () => {
  it('takes the static route and loses the packet where it is down (linkDown, not noRoute)', () => {
    const { summary } = run({
      name: 'no-live-path',
      routing: { metric: 'delay', dynamic: true },
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      links: [
        { id: 'ab', between: ['a', 'b'], bandwidth: '8Mbps', delay: '1ms' },
        { id: 'ac', between: ['a', 'c'], bandwidth: '8Mbps', delay: '5ms' },
        { id: 'cb', between: ['c', 'b'], bandwidth: '8Mbps', delay: '5ms' },
      ],
      flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 3, rate: 100, size: '1000B' } }],
      faults: [
        { at: 0, cut: 'ab' },
        { at: 0, cut: 'cb' },
      ],
    });
    expect(summary.counts.lost).toEqual({ linkDown: 3 });
  });
});

describe('link failure process', () => {
  it('with constant ttf 10 s and ttr 2 s, is up 100 of 120 s in 10 exact cycles', () => {
    const { summary, linkTimelines } = run({
      name: 'link-failures',
      duration: 120,
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [
        {
          id: 'L',
          between: ['a', 'b'],
          bandwidth: '1Mbps',
          failure: { ttf: { dist: 'constant', value: '10s' }, ttr: { dist: 'constant', value: '2s' } },
        },
      ],
    });
    const link = summary.availability.links!.L;
    expect(link.analytic).toBe(10 / 12);
    expect(link.measured).toBe(100 / 120);
    expect(link.cycles).toBe(10);
    expect(link.observedMttf).toBe(10);
    expect(link.observedMttr).toBe(2);
    // Every cycle is the same: the ratio estimator's interval has no width.
    expect(link.measuredCi95![0]).toBeCloseTo(100 / 120, DIGITS);
    expect(link.measuredCi95![1]).toBeCloseTo(100 / 120, DIGITS);
    expect(link.note).toMatch(/only 10 complete failure cycles/);
    expect(linkTimelines![0].periods.filter((p) => !p.up).slice(0, 2)).toEqual([
      { start: 10, end: 12, up: false },
      { start: 22, end: 24, up: false },
    ]);
  });
});

describe('a degradation window', () => {
  it('slows transmissions that start in it; one already in transmission keeps its timing', () => {
    // Bandwidth ÷ 10 over [100.4, 130.4) ms: message 10 (transmitting since 100 ms) still takes
    // 0.8 ms; messages 11-13 take 8 ms; message 14 is back to 0.8 ms. The delay is doubled too,
    // for packets leaving the transmitter inside the window.
    const recorder = recordingProbe();
    run(
      stream([{ at: '100.4ms', degrade: 'L', for: '30ms', bandwidth: { times: 0.1 }, delay: { times: 2 } }]),
      { probes: [recorder.probe] },
    );
    const seconds = recorder.transmitted.map((t) => t.seconds);
    expect(seconds[10]).toBeCloseTo(0.0008, DIGITS);
    expect(seconds[11]).toBeCloseTo(0.008, DIGITS);
    expect(seconds[13]).toBeCloseTo(0.008, DIGITS);
    expect(seconds[14]).toBeCloseTo(0.0008, DIGITS);
    const latency = recorder.delivered().map((m) => m.latencySeconds);
    expect(latency[10]).toBeCloseTo(0.0008 + 0.01, DIGITS);
    expect(latency[11]).toBeCloseTo(0.008 + 0.01, DIGITS);
    expect(latency[14]).toBeCloseTo(0.0058, DIGITS);
  });

  it('stacks overlapping windows in the order they began', () => {
    // ÷2 over [95, 135) ms and ÷2 again over [115, 155) ms: 1.6 ms, then 3.2 ms, then 1.6 ms.
    const recorder = recordingProbe();
    run(
      stream([
        { at: '95ms', degrade: 'L', for: '40ms', bandwidth: { times: 0.5 } },
        { at: '115ms', degrade: 'L', for: '40ms', bandwidth: { times: 0.5 } },
      ]),
      { probes: [recorder.probe] },
    );
    const seconds = recorder.transmitted.map((t) => t.seconds);
    expect(seconds.slice(9, 17)).toEqual(
      [0.0008, 0.0016, 0.0016, 0.0032, 0.0032, 0.0016, 0.0016, 0.0008].map((value) =>
        expect.closeTo(value, 12),
      ),
    );
  });

  it('replaces the loss probability for its window only', () => {
    const { summary } = run(stream([{ at: '95ms', degrade: 'L', for: '100ms', loss: 1 }]));
    // Messages 10-19 leave the transmitter inside the window and are all lost.
    expect(summary.counts.lost).toEqual({ linkLoss: 10 });
  });
});
