import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { stopAndWaitScenario } from '../helpers/stop-and-wait-scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

/**
 * s — r over 1 Mbit/s (8 ms per 1000 B segment), 10 ms one way; only the second data copy
 * s → r is lost: segment 1, sent at 8 ms. (Not the first: a receiver ignores segments until
 * the one that opens the connection arrives.)
 */
function windowScenario(protocol: 'go-back-n' | 'selective-repeat'): ScenarioInput {
  return {
    name: 'rto-window',
    nodes: [{ id: 's' }, { id: 'r' }],
    links: [
      {
        between: ['s', 'r'],
        bandwidth: '1Mbps',
        delay: '10ms',
        loss: { forward: { model: 'periodic', every: 1000, first: 2 }, reverse: 0 },
      },
    ],
    flows: [
      {
        id: 'f',
        from: 's',
        to: 'r',
        // Three segments in flight give two duplicate ACKs: too few for a fast retransmit.
        transport: { protocol, window: 3, timeout: '100ms', ackSize: '40B' },
        workload: { messages: 4, size: '1000B' },
      },
    ],
  } as ScenarioInput;
}

describe('retransmission timer expiries in summary.json', () => {
  it('stop-and-wait, every copy lost, 2 retries: 3 messages × 3 expiries, 2 of them resending', () => {
    // Each message: sent at t, expiries at t + 0.1 and t + 0.2 resend it, the one at t + 0.3
    // meets the retry limit and fails it, and the next message goes at that instant.
    const recorder = recordingProbe();
    const { summary } = run(stopAndWaitScenario({ messages: 3, timeout: '100ms', retries: 2, loss: 1 }), {
      probes: [recorder.probe],
    });
    expect(summary.counts.retransmissionTimeouts).toBe(9);
    expect(summary.counts.retransmissions).toBe(6);
    expect(summary.counts.failed).toBe(3);
    expect(summary.flows.f.counts.retransmissionTimeouts).toBe(9);
    expect(recorder.timerExpiries.map((expiry) => expiry.flow)).toEqual(Array(9).fill(0));
    recorder.timerExpiries.forEach((expiry, index) => {
      expect(expiry.at).toBeCloseTo(0.1 * (index + 1), 12);
    });
  });

  it('none without loss', () => {
    const { summary } = run(stopAndWaitScenario({ messages: 20, timeout: '100ms' }));
    expect(summary.counts.retransmissionTimeouts).toBe(0);
    expect(summary.counts.retransmissions).toBe(0);
  });

  it('go-back-n: one expiry of the base timer, 0.1 s after segment 1 left, resends segments 1-3', () => {
    const recorder = recordingProbe();
    const { summary } = run(windowScenario('go-back-n'), { probes: [recorder.probe] });
    expect(summary.counts.retransmissionTimeouts).toBe(1);
    expect(summary.counts.retransmissions).toBe(3);
    expect(summary.counts.delivered).toBe(4);
    expect(recorder.timerExpiries).toEqual([{ flow: 0, at: expect.closeTo(0.108, 12) }]);
  });

  it("selective-repeat: only the lost segment's timer expires, resending it alone", () => {
    const recorder = recordingProbe();
    const { summary } = run(windowScenario('selective-repeat'), { probes: [recorder.probe] });
    expect(summary.counts.retransmissionTimeouts).toBe(1);
    expect(summary.counts.retransmissions).toBe(1);
    expect(summary.flows.f.counts.retransmissionTimeouts).toBe(1);
    expect(recorder.timerExpiries).toEqual([{ flow: 0, at: expect.closeTo(0.108, 12) }]);
  });

  it('selective-repeat, timeout under the round trip, no loss: 3 expiries, 2 of them with the resend made needless by the ACK before it was sent', () => {
    // 8 Mbit/s: 1 ms per 1000 B segment; 0.1 ms each way, 0 B ACKs: segment k leaves at k ms,
    // is ACKed at k + 1.2 ms, and its timer expires at k + 1.15 ms. For k = 0, 1 segment k + 1
    // holds the interface until k + 2 ms: the resend queues behind it, the ACK comes first and
    // the queued resend is dropped unsent. Segment 2's expiry at 3.15 ms finds the interface
    // free and resends at once; the run ends at 3.2 ms with the last ACK, that copy on its way.
    const recorder = recordingProbe();
    const { summary } = run(
      {
        name: 'rto-spurious',
        nodes: [{ id: 's' }, { id: 'r' }],
        links: [{ between: ['s', 'r'], bandwidth: '8Mbps', delay: '0.1ms' }],
        flows: [
          {
            id: 'f',
            from: 's',
            to: 'r',
            transport: { protocol: 'selective-repeat', window: 8, timeout: '1.15ms', ackSize: '0B' },
            workload: { messages: 3, size: '1000B' },
          },
        ],
      } as ScenarioInput,
      { probes: [recorder.probe] },
    );
    expect(summary.counts.retransmissionTimeouts).toBe(3);
    expect(summary.counts.retransmissions).toBe(1);
    expect(summary.counts.failed).toBe(0);
    expect(summary.counts.delivered).toBe(3);
    expect(recorder.timerExpiries).toEqual([
      { flow: 0, at: expect.closeTo(0.00115, 12) },
      { flow: 0, at: expect.closeTo(0.00215, 12) },
      { flow: 0, at: expect.closeTo(0.00315, 12) },
    ]);
    const data = recorder.sent.filter((entry) => entry.packet.kind === 'data');
    expect(data.map((entry) => [entry.at, entry.packet.sequence])).toEqual([
      [0, 0],
      [expect.closeTo(0.001, 12), 1],
      [expect.closeTo(0.002, 12), 2],
      [expect.closeTo(0.00315, 12), 2],
    ]);
    expect(summary.interval.to).toBeCloseTo(0.0032, 12);
  });
});
