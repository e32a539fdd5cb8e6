import { describe, expect, it } from 'vitest';
import type { Counts } from '../../src/metrics/summary.js';
import { parseScenarioText } from '../../src/scenario/load.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';
import { issueAt, issuesOf } from '../scenario/issues.js';

const DIGITS = 12;
const PROTOCOLS = ['go-back-n', 'selective-repeat'] as const;
type Protocol = (typeof PROTOCOLS)[number];

/**
 * s — r, by default over 1 Mbit/s with 10 ms one way; 1000 B data (8 ms to send), 40 B ACKs
 * (0.32 ms): the ACK of a message sent at t arrives at t + c, c = 8 + 10 + 0.32 + 10 = 28.32 ms.
 */
const CYCLE = 0.02832;
const DATA_SECONDS = 0.008;

interface WindowOptions {
  protocol: Protocol;
  messages: number;
  window: number;
  timeout?: string | Record<string, unknown>;
  sequenceBits?: number;
  allowUnsafeWindow?: boolean;
  delayedAck?: { every: number; timeout: string };
  receiveBuffer?: number;
  retries?: number;
  ackSize?: string;
  bandwidth?: string;
  delay?: string;
  loss?: number | { forward: number; reverse: number };
  seed?: number;
  receiver?: { processing?: string; queue?: number; persistent?: boolean };
  faults?: ScenarioInput['faults'];
}

function windowScenario(options: WindowOptions): ScenarioInput {
  return {
    name: 'window',
    seed: options.seed ?? 1,
    nodes: [{ id: 's' }, { id: 'r', ...options.receiver }],
    links: [
      {
        between: ['s', 'r'],
        bandwidth: options.bandwidth ?? '1Mbps',
        delay: options.delay ?? '10ms',
        loss: options.loss ?? 0,
      },
    ],
    flows: [
      {
        id: 'f',
        from: 's',
        to: 'r',
        transport: {
          protocol: options.protocol,
          window: options.window,
          timeout: options.timeout ?? '100ms',
          ackSize: options.ackSize ?? '40B',
          sequenceBits: options.sequenceBits ?? 16,
          allowUnsafeWindow: options.allowUnsafeWindow ?? false,
          delayedAck: options.delayedAck ?? false,
          receiveBuffer: options.receiveBuffer,
          retries: options.retries ?? 15,
        },
        workload: { messages: options.messages, size: '1000B' },
      },
    ],
    faults: options.faults ?? [],
  };
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);

/** Every message sent ends delivered, failed, dropped or lost, or is still in flight. */
function expectConservation(counts: Counts): void {
  expect(
    counts.delivered + counts.failed + total(counts.dropped) + total(counts.lost) + counts.inFlight,
  ).toBe(counts.sent);
}

describe.each(PROTOCOLS)('%s on a lossless path', (protocol) => {
  const timeouts = {
    'fixed 100 ms': '100ms',
    'adaptive (RFC 6298 defaults: 1 s floor)': { strategy: 'adaptive' },
    'exponential backoff from 100 ms': { strategy: 'exponential-backoff', initial: '100ms' },
  };

  it.each(Object.entries(timeouts))(
    'W = 2 (window-limited), timeout %s: two messages per cycle, none resent',
    (_, timeout) => {
      // Messages 2j and 2j+1 leave at j·c and j·c + 8 ms; the last ACK (message 11) is back at
      // 5c + 8 ms + c = 177.92 ms. Every timer is cancelled by its ACK before it expires.
      const recorder = recordingProbe();
      const { summary } = run(windowScenario({ protocol, messages: 12, window: 2, timeout }), {
        probes: [recorder.probe],
      });
      expect(summary.counts).toMatchObject({
        delivered: 12,
        retransmissions: 0,
        duplicates: 0,
        misdelivered: 0,
      });
      expect(summary.counts.packets).toMatchObject({ data: 12, acks: 12 });
      const data = recorder.sent.filter((s) => s.packet.kind === 'data');
      data.forEach((s, k) => {
        expect(s.packet.message!.id).toBe(k);
        expect(s.at).toBeCloseTo(Math.floor(k / 2) * CYCLE + (k % 2) * DATA_SECONDS, DIGITS);
      });
      expect(summary.flows.f.completedAt).toBeCloseTo(5 * CYCLE + DATA_SECONDS + CYCLE, DIGITS);
    },
  );

  it('W = 4 (link-limited, 4 × 8 ms > c): back to back, last ACK at 12 × 8 + 20.32 ms', () => {
    const recorder = recordingProbe();
    const { summary } = run(windowScenario({ protocol, messages: 12, window: 4 }), {
      probes: [recorder.probe],
    });
    expect(summary.counts).toMatchObject({ delivered: 12, retransmissions: 0, duplicates: 0 });
    recorder.sent
      .filter((s) => s.packet.kind === 'data')
      .forEach((s, k) => {
        expect(s.at).toBeCloseTo(k * DATA_SECONDS, DIGITS);
      });
    expect(summary.flows.f.completedAt).toBeCloseTo(12 * DATA_SECONDS + 0.02032, DIGITS);
    expect(summary.flows.f.senderUtilisation).toBeCloseTo(
      (12 * DATA_SECONDS) / (12 * DATA_SECONDS + 0.02032),
      DIGITS,
    );
  });
});

describe('window limits of the sequence number width', () => {
  const scenarioText = (protocol: Protocol, window: number, extra = '') => `name: limits
nodes: [{ id: s }, { id: r }]
links: [{ between: [s, r], bandwidth: 1Mbps, delay: 10ms }]
flows:
  - from: s
    to: r
    transport:
      protocol: ${protocol}
      sequenceBits: 3
      window: ${window}${extra}
    workload: { messages: 10 }
`;

  it('refuses a Go-Back-N window of 8 with 3-bit numbers, naming window and the limit 2^3 - 1 = 7', () => {
    const issues = issuesOf(() => parseScenarioText(scenarioText('go-back-n', 8), 'gbn.yaml'));
    const issue = issueAt(issues, 'flows[0].transport.window');
    expect(issue).toMatchObject({ file: 'gbn.yaml', line: 10 });
    expect(issue.message).toMatch(/window 8 .*3-bit.*W <= 2\^sequenceBits - 1 = 7/);
    expect(issue.message).toContain('allowUnsafeWindow');
    expect(issues).toHaveLength(1);
  });

  it('refuses a selective-repeat window of 5 with 3-bit numbers: the limit is 2^(3-1) = 4', () => {
    const issues = issuesOf(() => parseScenarioText(scenarioText('selective-repeat', 5), 'sr.yaml'));
    const issue = issueAt(issues, 'flows[0].transport.window');
    expect(issue.message).toMatch(/window 5 .*W <= 2\^\(sequenceBits - 1\) = 4/);
    expect(issues).toHaveLength(1);
  });

  it('accepts the largest legal windows, and larger ones only with allowUnsafeWindow', () => {
    expect(parseScenarioText(scenarioText('go-back-n', 7), 'a.yaml').flows[0].transport).toMatchObject({
      window: 7,
      sequenceBits: 3,
    });
    expect(parseScenarioText(scenarioText('selective-repeat', 4), 'b.yaml').flows[0].transport).toMatchObject(
      {
        window: 4,
      },
    );
    const unsafe = '\n      allowUnsafeWindow: true';
    expect(
      parseScenarioText(scenarioText('go-back-n', 8, unsafe), 'c.yaml').flows[0].transport,
    ).toMatchObject({
      window: 8,
      allowUnsafeWindow: true,
    });
    expect(
      parseScenarioText(scenarioText('selective-repeat', 5, unsafe), 'd.yaml').flows[0].transport,
    ).toMatchObject({ window: 5 });
  });
});

describe('an unsafe window, allowed to show the failure', () => {
  // 100 Mbit/s, 10 ms: a window leaves within 0.64 ms, the first ACK is back after 20.0832 ms. A
  // 15 ms timeout expires before it, so the sender resends the whole window while the originals
  // are on their way (a premature timeout acts like lost ACKs, deterministically).
  const premature = (protocol: Protocol, window: number) =>
    windowScenario({
      protocol,
      messages: 16,
      window,
      sequenceBits: 3,
      allowUnsafeWindow: true,
      timeout: '15ms',
      bandwidth: '100Mbps',
    });

  it('Go-Back-N with W = 2^3 takes resent copies of messages 0-7 as messages 8-15', () => {
    const recorder = recordingProbe();
    const { summary } = run(premature('go-back-n', 8), { probes: [recorder.probe] });
    const counts = summary.counts;
    // The receiver got all eight originals and expects wire number 0 again: the resent copy of
    // message 0 carries it. Its ACKs then release messages 8-15, which never arrived.
    expect(recorder.misdelivered.slice(0, 8).map((packet) => packet.message!.id)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7,
    ]);
    expect(counts.misdelivered).toBe(recorder.misdelivered.length);
    expect(counts.misdelivered).toBeGreaterThanOrEqual(8);
    expect(counts.delivered).toBe(8);
    expect(counts.lost).toEqual({ misdelivered: 8 });
    expect(recorder.delivered().map((message) => message.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expectConservation(counts);
  });

  it('Go-Back-N with the legal W = 7 on the same path: duplicates, but every message once', () => {
    const { summary } = run(premature('go-back-n', 7));
    expect(summary.counts).toMatchObject({ delivered: 16, misdelivered: 0, failed: 0, lost: {} });
    expect(summary.counts.duplicates).toBeGreaterThan(0);
  });

  it('selective repeat with W = 5 > 2^(3-1) takes resent copies as new messages; W = 4 does not', () => {
    const recorder = recordingProbe();
    const unsafe = run(premature('selective-repeat', 5), { probes: [recorder.probe] }).summary.counts;
    // After messages 0-4 the receiver's window is 5..9, wire numbers 5, 6, 7, 0, 1: the resent
    // copies of messages 0 and 1 land in it as 8 and 9.
    expect(recorder.misdelivered.slice(0, 2).map((packet) => packet.message!.id)).toEqual([0, 1]);
    expect(unsafe.misdelivered).toBeGreaterThanOrEqual(2);
    expect(unsafe.lost.misdelivered).toBeGreaterThanOrEqual(2);
    expect(unsafe.delivered).toBe(16 - unsafe.lost.misdelivered);
    expectConservation(unsafe);
    const legal = run(premature('selective-repeat', 4)).summary.counts;
    expect(legal).toMatchObject({ delivered: 16, misdelivered: 0, lost: {} });
  });
});

describe.each(PROTOCOLS)('%s with delayed ACKs (every 2)', (protocol) => {
  it('halves the ACKs of a lossless bulk transfer: 100 messages, 50 ACKs', () => {
    const delayedAck = { every: 2, timeout: '200ms' };
    const { summary } = run(
      windowScenario({ protocol, messages: 100, window: 8, delayedAck, timeout: '1s' }),
    );
    expect(summary.counts).toMatchObject({ delivered: 100, retransmissions: 0, duplicates: 0 });
    expect(summary.counts.packets.acks).toBe(50);
    const immediate = run(windowScenario({ protocol, messages: 100, window: 8, timeout: '1s' }));
    expect(immediate.summary.counts.packets.acks).toBe(100);
  });

  it('holds the ACK of an odd last message until the delayed-ACK timeout', () => {
    // Message k arrives at 8k + 18 ms: ACKs go after messages 1 and 3; message 4 arrives at
    // 50 ms alone, its ACK leaves 50 ms later and is back at 100 + 10.32 ms.
    const delayedAck = { every: 2, timeout: '50ms' };
    const { summary } = run(windowScenario({ protocol, messages: 5, window: 8, delayedAck, timeout: '1s' }));
    expect(summary.counts.packets.acks).toBe(3);
    expect(summary.counts.retransmissions).toBe(0);
    expect(summary.flows.f.completedAt).toBeCloseTo(0.11032, DIGITS);
  });
});

describe.each(PROTOCOLS)('%s with a receive buffer smaller than the window', (protocol) => {
  // 100 Mbit/s (80 µs per message), 1 ms one way; the receiver takes 10 ms per message, holds at
  // most one waiting; receiveBuffer 2 = one in service + one waiting, W = 8.
  const slowReceiver = (receiveBuffer?: number) =>
    windowScenario({
      protocol,
      messages: 20,
      window: 8,
      receiveBuffer,
      timeout: '1s',
      bandwidth: '100Mbps',
      delay: '1ms',
      receiver: { processing: '10ms', queue: 1 },
    });

  it('paces the sender to the processing: the receiver never idles, nothing is dropped or resent', () => {
    const recorder = recordingProbe();
    const { summary } = run(slowReceiver(2), { probes: [recorder.probe] });
    expect(summary.counts).toMatchObject({ delivered: 20, retransmissions: 0, duplicates: 0, dropped: {} });
    // The first message is there at 1.08 ms; each window update (sent when processing ends) brings
    // the next one within 2.2 ms, while the one waiting is processed for 10 ms.
    recorder.delivered().forEach((message, k) => {
      expect(message.id).toBe(k);
      expect(message.deliveredAt).toBeCloseTo(0.00108 + 0.01 * (k + 1), DIGITS);
    });
    expect(summary.flows.f.completedAt).toBeCloseTo(0.20108, DIGITS);
    // One ACK per message, and a window update as each completion frees a place (the receiver
    // cannot know the last one is the last).
    expect(summary.counts.packets.acks).toBe(20 + 20);
    const windows = recorder.sent
      .filter((s) => s.packet.kind === 'ack')
      .map((s) => s.packet.advertisedWindow);
    // An ACK leaves as a message is handed up, so it advertises 1 or 0 places, and so does a
    // window update while the next message waits; only the last one finds the buffer empty.
    expect(new Set(windows.slice(0, -1))).toEqual(new Set([0, 1]));
    expect(windows.at(-1)).toBe(2);
  });

  it('with a buffer of 1 and no processing time, one message per round trip and one ACK each', () => {
    // The message is processed as it is handed up, so the ACK that follows already advertises the
    // free place: no window update is needed. Each message takes 0.08 + 1 + 0.0032 + 1 ms.
    const { summary } = run(
      windowScenario({
        protocol,
        messages: 20,
        window: 4,
        receiveBuffer: 1,
        bandwidth: '100Mbps',
        delay: '1ms',
      }),
    );
    expect(summary.counts).toMatchObject({ delivered: 20, retransmissions: 0, duplicates: 0 });
    expect(summary.counts.packets.acks).toBe(20);
    expect(summary.flows.f.completedAt).toBeCloseTo(20 * 0.0020832, DIGITS);
  });

  describe('throughput against the receive buffer N (1 Gbit/s, 5 ms one way, 1 ms per message)', () => {
    // A place is held from the segment's arrival until its message is processed; its window
    // update (ACKs of 0 B here, so an update never waits behind an ACK) reaches the sender 5 ms
    // later, and the next segment arrives 5.008 ms after that. So a place cycles in
    // c = 11.008 ms and N places carry N/c messages per second, until the processing (1000 per
    // second) is the bottleneck: N >= 12, since N - 1 processing times must fit in the 10.008 ms
    // the place is away. The first N arrive back to back at 5.008 ms (+8 µs each) and are
    // processed one after another: message k = qN + i is processed by 6.008 + i + 11.008·q ms
    // when N <= 11, and by 6.008 + k ms when N >= 12.
    const MESSAGES = 60;
    const processedBy = (k: number, places: number) =>
      places <= 11
        ? 0.006008 + (k % places) * 0.001 + Math.floor(k / places) * 0.011008
        : 0.006008 + k * 0.001;
    it.each([1, 2, 3, 4, 8, 11, 12, 16])('N = %i', (places) => {
      const recorder = recordingProbe();
      const { summary } = run(
        windowScenario({
          protocol,
          messages: MESSAGES,
          window: 64,
          receiveBuffer: places,
          timeout: '1s',
          bandwidth: '1Gbps',
          delay: '5ms',
          ackSize: '0B',
          receiver: { processing: '1ms' },
        }),
        { probes: [recorder.probe] },
      );
      expect(summary.counts).toMatchObject({ delivered: MESSAGES, retransmissions: 0, dropped: {} });
      recorder.delivered().forEach((message, k) => {
        expect(message.id).toBe(k);
        expect(message.deliveredAt).toBeCloseTo(processedBy(k, places), 9);
      });
    });
  });

  it('without the receive buffer the sender overruns the receiving node, which drops 18', () => {
    const { summary } = run(slowReceiver());
    expect(summary.counts.delivered).toBe(2);
    expect(summary.counts.dropped).toEqual({ nodeQueue: 18 });
  });
});

describe.each(PROTOCOLS)('%s with 3-bit sequence numbers', (protocol) => {
  it('wraps around 25 times and still delivers 200 messages once each, in order, over a lossy link', () => {
    const window = protocol === 'go-back-n' ? 7 : 4;
    const recorder = recordingProbe();
    const { summary } = run(
      windowScenario({
        protocol,
        messages: 200,
        window,
        sequenceBits: 3,
        loss: { forward: 0.1, reverse: 0.1 },
        retries: 1000,
        seed: 3,
      }),
      { probes: [recorder.probe] },
    );
    expect(summary.counts).toMatchObject({
      delivered: 200,
      failed: 0,
      misdelivered: 0,
      lost: {},
      inFlight: 0,
    });
    expect(recorder.delivered().map((message) => message.id)).toEqual(
      Array.from({ length: 200 }, (_, k) => k),
    );
    expect(summary.counts.retransmissions).toBeGreaterThan(20);
    const wire = recorder.sent.filter((s) => s.packet.kind === 'data').map((s) => s.packet.wireSequence);
    expect(Math.max(...wire)).toBe(7);
  });
});

describe.each(PROTOCOLS)('%s when the receiver crashes (not persistent)', (protocol) => {
  it('answers with a reset: the sender resends what is unacknowledged in a new epoch', () => {
    // Message 0 is delivered at 18 ms; r is down over [20, 200) ms and loses what arrives. The
    // sender's copies after recovery meet a receiver without state, which answers with resets.
    const recorder = recordingProbe();
    const { summary } = run(
      windowScenario({
        protocol,
        messages: 10,
        window: 4,
        faults: [
          { at: '20ms', crash: 'r' },
          { at: '200ms', recover: 'r' },
        ],
      }),
      { probes: [recorder.probe] },
    );
    expect(summary.counts).toMatchObject({ delivered: 10, failed: 0, duplicates: 0, lost: {}, inFlight: 0 });
    expect(recorder.delivered().map((message) => message.id)).toEqual(
      Array.from({ length: 10 }, (_, k) => k),
    );
    const resets = recorder.sent.filter((s) => s.packet.kind === 'ack' && s.packet.reset);
    expect(resets.length).toBeGreaterThan(0);
    // Messages 1-9 go again in epoch 1, numbered from 0 with the first one synchronising.
    const epochOne = recorder.sent.filter((s) => s.packet.kind === 'data' && s.packet.epoch === 1);
    expect(epochOne.map((s) => s.packet.message!.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(epochOne.map((s) => s.packet.sequence)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(epochOne[0].packet.synchronize).toBe(true);
    expect(epochOne[0].at).toBeGreaterThan(0.2);
    expectConservation(summary.counts);
  });

  it('completes when the reset leaves nothing to resend: only the last ACK was lost', () => {
    // Message 1 is delivered at 26 ms; r crashes at 26.1 ms, while its ACK is being sent, and
    // recovers at 50 ms. Segment 1's timer resends it at 108 ms (100 ms after it left) to a
    // receiver without state, whose reset (sent at 126 ms) is back c later: the sender has
    // nothing unacknowledged left, so the flow is done. (A stress run found a flow that never completed there, the stall guard ending the run.)
    const recorder = recordingProbe();
    const scenario = windowScenario({
      protocol,
      messages: 2,
      window: 2,
      faults: [
        { at: '26.1ms', crash: 'r' },
        { at: '50ms', recover: 'r' },
      ],
    });
    const { summary } = run(scenario, { probes: [recorder.probe] });
    expect(summary.counts).toMatchObject({ delivered: 2, failed: 0, duplicates: 0, lost: {}, inFlight: 0 });
    const resets = recorder.sent.filter((s) => s.packet.kind === 'ack' && s.packet.reset);
    expect(resets).toHaveLength(1);
    expect(resets[0].at).toBeCloseTo(0.108 + DATA_SECONDS + 0.01, DIGITS);
    expect(summary.flows.f.completedAt).toBeCloseTo(0.108 + CYCLE, DIGITS);
    // Run on for a second: segment 1's timer from epoch 0 must not outlive the reset (it expired
    // in the new epoch and was counted as a second timeout).
    const longer = run({ ...scenario, duration: '1s' }).summary;
    expect(longer.counts).toMatchObject({ retransmissions: 1, retransmissionTimeouts: 1, delivered: 2 });
  });

  it('re-synchronises on segment 0 if no ACK got through: message 0 arrives twice, counted once', () => {
    // r crashes at 18.1 ms, while the ACK of message 0 is being sent: the sender resends from
    // segment 0, which starts the epoch afresh at the recovered receiver (a duplicate there), and
    // the buffer of 2 is not left holding it.
    const recorder = recordingProbe();
    const { summary } = run(
      windowScenario({
        protocol,
        messages: 10,
        window: 4,
        receiveBuffer: 2,
        faults: [
          { at: '18.1ms', crash: 'r' },
          { at: '150ms', recover: 'r' },
        ],
      }),
      { probes: [recorder.probe] },
    );
    expect(summary.counts).toMatchObject({ delivered: 10, failed: 0, duplicates: 1, lost: {}, inFlight: 0 });
    expect(recorder.duplicates.map((packet) => packet.message!.id)).toEqual([0]);
    expect(recorder.sent.some((s) => s.packet.reset)).toBe(false);
    // Segments 0 and 1 go again at 200 ms (timer of the copies sent at 100 ms); from then on the
    // window of 2 sends two per cycle: segment 9 leaves at 228.32 + 3c + 8 ms, its ACK is back c later.
    expect(summary.flows.f.completedAt).toBeCloseTo(0.22832 + 3 * CYCLE + DATA_SECONDS + CYCLE, DIGITS);
  });
});
