import { describe, expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';
import {
  STOP_AND_WAIT_CYCLE as CYCLE,
  stopAndWaitScenario as stopAndWait,
} from '../helpers/stop-and-wait-scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

const DIGITS = 12;

/**
 * s — r over 1 Mbit/s with 10 ms one way; 1000 B data, 40 B ACKs: data takes 8 ms to send,
 * the ACK 0.32 ms, so one cycle is c = 8 + 2·10 + 0.32 = 28.32 ms.
 */

describe('stop-and-wait', () => {
  it('with every data packet lost, resends exactly `retries` times at k·timeout, then fails', () => {
    const recorder = recordingProbe();
    const { summary } = run(stopAndWait({ messages: 2, timeout: '100ms', retries: 3, loss: 1 }), {
      probes: [recorder.probe],
    });
    const data = recorder.sent.filter((s) => s.packet.kind === 'data');
    // Message 0 at 0, 0.1, 0.2, 0.3 and given up at 0.4; message 1 from 0.4 to 0.7, given up at 0.8.
    const expectedTimes = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];
    expect(data).toHaveLength(expectedTimes.length);
    data.forEach((s, i) => {
      expect(s.at).toBeCloseTo(expectedTimes[i], DIGITS);
    });
    expect(data.map((s) => s.packet.message?.id)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(data.map((s) => s.packet.isRetransmission)).toEqual([
      false,
      true,
      true,
      true,
      false,
      true,
      true,
      true,
    ]);
    expect(summary.counts.retransmissions).toBe(6);
    expect(summary.counts.failed).toBe(2);
    expect(summary.counts.delivered).toBe(0);
    expect(summary.counts.packets.lost).toEqual({ linkLoss: 8 });
    expect(summary.counts.packets.acks).toBe(0);
    expect(recorder.resolved.map((m) => [m.id, m.fate.kind, m.transmissions])).toEqual([
      [0, 'failed', 4],
      [1, 'failed', 4],
    ]);
    expect(summary.flows.f.completedAt).toBeCloseTo(0.8, DIGITS);
  });

  it('a backed-off timeout outlives a message given up, until an RTT sample resets it', () => {
    // Message 0: 0, 0.1, 0.3, given up at 0.7 with the RTO at 0.8 s; message 1 starts there with it:
    // resent at 1.5 (RTO now capped at 1 s) and 2.5, given up at 3.5. Nothing gets through: no sample.
    const recorder = recordingProbe();
    const timeout = { strategy: 'exponential-backoff', initial: '100ms', factor: 2, max: '1s' };
    const { summary } = run(stopAndWait({ messages: 2, timeout, retries: 2, loss: 1 }), {
      probes: [recorder.probe],
    });
    const data = recorder.sent.filter((s) => s.packet.kind === 'data');
    const expectedTimes = [0, 0.1, 0.3, 0.7, 1.5, 2.5];
    expect(data).toHaveLength(expectedTimes.length);
    data.forEach((s, i) => {
      expect(s.at).toBeCloseTo(expectedTimes[i], DIGITS);
    });
    expect(data.map((s) => s.packet.message?.id)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(summary.counts.failed).toBe(2);
    expect(summary.flows.f.completedAt).toBeCloseTo(3.5, DIGITS);
  });

  it('with retries 0 gives a message up after one timeout', () => {
    const { summary } = run(stopAndWait({ messages: 1, timeout: '100ms', retries: 0, loss: 1 }));
    expect(summary.counts.retransmissions).toBe(0);
    expect(summary.counts.failed).toBe(1);
    expect(summary.counts.packets.data).toBe(1);
    expect(summary.flows.f.completedAt).toBeCloseTo(0.1, DIGITS);
  });

  it('lossless with a timeout above the RTT: no retransmission, no duplicate, one cycle per message', () => {
    const recorder = recordingProbe();
    const { summary } = run(stopAndWait({ messages: 5, timeout: '50ms' }), { probes: [recorder.probe] });
    expect(summary.counts.retransmissions).toBe(0);
    expect(summary.counts.duplicates).toBe(0);
    expect(summary.counts.delivered).toBe(5);
    expect(summary.counts.packets).toEqual({ sent: 10, data: 5, acks: 5, dropped: {}, lost: {} });
    const data = recorder.sent.filter((s) => s.packet.kind === 'data');
    data.forEach((s, i) => {
      expect(s.at).toBeCloseTo(i * CYCLE, DIGITS);
    });
    // Message k is created at 0 and handed off at k·c: its wait component is k·c.
    const delivered = recorder.delivered();
    delivered.forEach((m, k) => {
      expect(m.waitSeconds).toBeCloseTo(k * CYCLE, DIGITS);
      expect(m.deliveredAt).toBeCloseTo(k * CYCLE + 0.018, DIGITS);
    });
    expect(summary.interval.from).toBe(0);
    expect(summary.interval.to).toBeCloseTo(5 * CYCLE, DIGITS);
    expect(summary.throughput.messagesPerSecond).toBeCloseTo(1 / CYCLE, 9);
    expect(summary.flows.f.senderUtilisation).toBeCloseTo(0.008 / CYCLE, 12);
  });

  it('lost ACKs make duplicates at the receiver, yet every message is delivered exactly once', () => {
    const recorder = recordingProbe();
    const { summary } = run(
      stopAndWait({
        messages: 60,
        timeout: '50ms',
        retries: 100,
        loss: { forward: 0, reverse: 0.5 },
        seed: 7,
      }),
      { probes: [recorder.probe] },
    );
    const counts = summary.counts;
    expect(counts.delivered).toBe(60);
    expect(counts.failed).toBe(0);
    const perMessage = recorder.deliveriesById();
    expect([...perMessage.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect([...perMessage.values()].every((n) => n === 1)).toBe(true);
    // Data is never lost, so each resend follows a lost ACK and reaches the receiver as a duplicate.
    const lostAcks = recorder.lost.filter((l) => l.packet.kind === 'ack' && l.reason === 'linkLoss').length;
    expect(lostAcks).toBeGreaterThan(10);
    expect(counts.retransmissions).toBe(lostAcks);
    expect(counts.duplicates).toBe(lostAcks);
    expect(recorder.duplicates).toHaveLength(lostAcks);
    expect(counts.packets.acks).toBe(counts.packets.data);
    expect(counts.packets.data).toBe(60 + lostAcks);
    // Each lost ACK costs exactly one timeout: the run lasts 60 cycles plus one timeout per loss.
    expect(summary.interval.to).toBeCloseTo(60 * CYCLE + lostAcks * 0.05, 9);
  });

  it('a timeout shorter than the RTT resends every message once, spuriously, still delivering once', () => {
    // Message k goes at k·c, is resent at k·c + 20 ms; its ACK returns at (k+1)·c = k·c + 28.32 ms
    // and the next goes; the resent copy arrives at k·c + 38 ms as a duplicate.
    const messages = 6;
    const recorder = recordingProbe();
    const { summary } = run(stopAndWait({ messages, timeout: '20ms', duration: 1 }), {
      probes: [recorder.probe],
    });
    const data = recorder.sent.filter((s) => s.packet.kind === 'data');
    expect(data).toHaveLength(2 * messages);
    data.forEach((s, i) => {
      const k = Math.floor(i / 2);
      expect(s.packet.message?.id).toBe(k);
      expect(s.at).toBeCloseTo(k * CYCLE + (i % 2) * 0.02, DIGITS);
    });
    expect(summary.counts.retransmissions).toBe(messages);
    expect(summary.counts.duplicates).toBe(messages);
    expect(summary.counts.delivered).toBe(messages);
    expect([...recorder.deliveriesById().values()]).toEqual(Array(messages).fill(1));
    // The first copies got through: no wait beyond the stop-and-wait backlog.
    recorder.delivered().forEach((m, k) => {
      expect(m.waitSeconds).toBeCloseTo(k * CYCLE, DIGITS);
    });
    expect(summary.flows.f.completedAt).toBeCloseTo(messages * CYCLE, DIGITS);
    expect(summary.interval.to).toBeCloseTo(messages * CYCLE, DIGITS);
  });

  it('without a duration the run stops at the last ACK, before the last spurious copy arrives', () => {
    const { summary } = run(stopAndWait({ messages: 6, timeout: '20ms' }));
    expect(summary.counts.retransmissions).toBe(6);
    expect(summary.counts.duplicates).toBe(5);
    expect(summary.simulatedSeconds).toBeCloseTo(6 * CYCLE, DIGITS);
  });
});
