import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/messaging/request-probe.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

/**
 * A caller c and a server s on one link: 8 Mbit/s, 50 ms one way, 2 ms processing at s,
 * 1000-byte requests and 500-byte replies over datagrams. A request's round trip is
 * C = 1 ms + 50 ms + 2 ms + 0.5 ms + 50 ms = 103.5 ms. The caller is down 150 ms – 1.15 s.
 */
function crashingCaller(options: {
  pattern: Record<string, unknown>;
  workload: Record<string, unknown>;
  persistent?: boolean;
  crashAt?: string;
  recoverAt?: string;
}): ScenarioInput {
  return {
    name: 'rr-caller-crash',
    nodes: [
      { id: 'c', persistent: options.persistent ?? false },
      { id: 's', processing: '2ms' },
    ],
    links: [{ between: ['c', 's'], bandwidth: '8Mbps', delay: '50ms' }],
    flows: [
      {
        id: 'rpc',
        from: 'c',
        to: 's',
        workload: options.workload,
        pattern: { kind: 'request-reply', replySize: '500B', ...options.pattern },
      },
    ],
    faults: [
      { at: options.crashAt ?? '150ms', crash: 'c' },
      { at: options.recoverAt ?? '1.15s', recover: 'c' },
    ],
  } as ScenarioInput;
}

const C = 0.1035;

function recordsOf(input: ScenarioInput) {
  const records: RequestRecord[] = [];
  const { probe, created } = recordingProbe();
  const result = run(input, {
    probes: [probe],
    requestProbes: [
      { requestSent: () => {}, requestEnded: (record) => records.push(record), lateReply: () => {} },
    ],
  });
  return { ...result, records: records.sort((a, b) => a.id - b.id), created };
}

describe('request-reply: a crash of the caller', () => {
  it('ends its outstanding request at the crash (callerDown, no timeouts while down) and resumes on recovery', () => {
    // Request 0 replied at C; request 1 sent at C = 103.5 ms is outstanding at 150 ms and ends
    // there. Its reply comes back at 207 ms to the down caller and is lost. Requests 2–4 go one
    // after another from the recovery at 1.15 s: the last ends at 1.15 + 3C = 1.4605 s.
    const { summary, records } = recordsOf(
      crashingCaller({
        pattern: { mode: 'sync', timeout: '200ms', retries: 2 },
        workload: { messages: 5, size: '1000B' },
      }),
    );
    const requests = summary.flows.rpc.requests!;
    expect(requests).toMatchObject({
      sent: 5,
      replied: 4,
      failed: { callerDown: 1 },
      timeouts: 0,
      retries: 0,
      lateReplies: 0,
      inFlight: 0,
    });
    expect(records.map((record) => [record.sentAt, record.endedAt])).toEqual(
      [
        [0, C],
        [C, 0.15],
        [1.15, 1.15 + C],
        [1.15 + C, 1.15 + 2 * C],
        [1.15 + 2 * C, 1.15 + 3 * C],
      ].map((pair) => pair.map((value) => expect.closeTo(value, 12))),
    );
    expect(records[1]).toMatchObject({
      attempts: 1,
      timeouts: 0,
      outcome: { kind: 'failed', reason: 'callerDown' },
    });
    expect(requests.interval.to).toBeCloseTo(1.15 + 3 * C, 12);
    expect(requests.throughput.completed).toBe(4);
    // Five requests and their five replies; the reply to request 1 is the one lost message.
    expect(summary.counts).toMatchObject({ sent: 10, delivered: 9, lost: { nodeDown: 1 } });
  });

  it.each([
    ['a timeout that expired while it was down', { timeout: '200ms', retries: 2 }, 1],
    ['the loss of a reply while it was down (no timeout)', { retries: 2 }, 0],
  ])(
    'keeps a persistent caller’s outstanding request and acts on %s at recovery',
    (_case, pattern, timeouts) => {
      // Request 1's reply is lost at the down caller at 207 ms; its timer would expire at
      // 303.5 ms. Both come due only at the recovery (1.15 s): the retry goes then and is
      // answered at 1.15 + C; requests 2–4 follow.
      const { summary, records } = recordsOf(
        crashingCaller({
          pattern: { mode: 'sync', ...pattern },
          workload: { messages: 5, size: '1000B' },
          persistent: true,
        }),
      );
      const requests = summary.flows.rpc.requests!;
      expect(requests).toMatchObject({
        sent: 5,
        replied: 5,
        failed: {},
        timeouts,
        retries: 1,
        inFlight: 0,
      });
      expect(records[1]).toMatchObject({ attempts: 2, timeouts, outcome: { kind: 'replied' } });
      expect(records[1].sentAt).toBeCloseTo(C, 12);
      expect(records[1].endedAt).toBeCloseTo(1.15 + C, 12);
      // The time before the answered attempt went out is waiting: 1.15 s − 103.5 ms.
      expect(records[1].waitSeconds).toBeCloseTo(1.15 - C, 12);
      expect(records[4].endedAt).toBeCloseTo(1.15 + 4 * C, 12);
      expect(summary.counts).toMatchObject({ sent: 12, delivered: 11, lost: { nodeDown: 1 } });
    },
  );

  it('fails the requests its workload creates while it is down at once, one lost message each', () => {
    // One request every 100 ms from 0 to 900 ms; the caller is down 250–750 ms. Requests 0 and
    // 1 are answered; request 2 (sent at 200 ms) is outstanding at the crash; requests 3–7 are
    // created while down; 8 and 9 are answered after the recovery.
    const { summary, records, created } = recordsOf(
      crashingCaller({
        pattern: { mode: 'async' },
        workload: { messages: 10, rate: 10, size: '1000B' },
        crashAt: '250ms',
        recoverAt: '750ms',
      }),
    );
    const requests = summary.flows.rpc.requests!;
    expect(requests).toMatchObject({ sent: 10, replied: 4, failed: { callerDown: 6 }, inFlight: 0 });
    const failed = records.filter((record) => record.outcome.kind === 'failed');
    expect(failed.map((record) => [record.sentAt, record.endedAt])).toEqual(
      [
        [0.2, 0.25],
        [0.3, 0.3],
        [0.4, 0.4],
        [0.5, 0.5],
        [0.6, 0.6],
        [0.7, 0.7],
      ].map((pair) => pair.map((value) => expect.closeTo(value, 12))),
    );
    const replied = records.filter((record) => record.outcome.kind === 'replied');
    expect(replied.map((record) => record.sentAt)).toEqual(
      [0, 0.1, 0.8, 0.9].map((value) => expect.closeTo(value, 12)),
    );
    // Ten requests and five replies: requests 0, 1, 2, 8, 9 reached the server. The five made
    // while down are lost at once at c, as is the reply to request 2 (back at 303.5 ms).
    expect(summary.counts).toMatchObject({ sent: 15, delivered: 9, lost: { nodeDown: 6 } });
    const requestMessagesWhileDown = created.filter(
      (message) => message.flowIndex === 0 && message.createdAt > 0.25 && message.createdAt < 0.75,
    );
    expect(requestMessagesWhileDown).toHaveLength(5);
  });

  it.each([
    [false, 0.38],
    [true, 2 * C + 0.2],
  ])(
    'resets the think time of a volatile caller, a persistent one thinks on (persistent: %s)',
    (persistent, next) => {
      // Think 100 ms: request 1 ends at 2C + 0.1 s = 307 ms and the caller thinks until 407 ms;
      // it is down 350–380 ms. Request 2 goes at the recovery, or when the think time ends.
      const { records } = recordsOf(
        crashingCaller({
          pattern: { mode: 'sync', think: '100ms' },
          workload: { messages: 3, size: '1000B' },
          persistent,
          crashAt: '350ms',
          recoverAt: '380ms',
        }),
      );
      expect(records.map((record) => record.outcome.kind)).toEqual(['replied', 'replied', 'replied']);
      expect(records[1].endedAt).toBeCloseTo(2 * C + 0.1, 12);
      expect(records[2].sentAt).toBeCloseTo(next, 12);
      expect(records[2].endedAt).toBeCloseTo(next + C, 12);
    },
  );

  it('leaves a crash of the server as it was: the caller, up, times out and retries', () => {
    // The server is down 150 ms – 1.15 s. Request 1 (sent at C) reaches it at 154.5 ms and is
    // lost, as are its retries at C + 0.2 s and C + 0.4 s: it fails at C + 0.6 s. Request 2's
    // third attempt (C + 1 s) reaches the recovered server at 1.1545 s and is answered at
    // C + 1 s + C; request 3 follows.
    const input = crashingCaller({
      pattern: { mode: 'sync', timeout: '200ms', retries: 2 },
      workload: { messages: 4, size: '1000B' },
    });
    input.faults = [
      { at: '150ms', crash: 's' },
      { at: '1.15s', recover: 's' },
    ];
    const { summary, records } = recordsOf(input);
    expect(summary.flows.rpc.requests).toMatchObject({
      sent: 4,
      replied: 3,
      failed: { timeout: 1 },
      timeouts: 5,
      retries: 4,
    });
    expect(records[1].endedAt).toBeCloseTo(C + 0.6, 12);
    expect(records[2]).toMatchObject({ attempts: 3, timeouts: 2, outcome: { kind: 'replied' } });
    expect(records[2].endedAt).toBeCloseTo(2 * C + 1, 12);
    expect(records[3].endedAt).toBeCloseTo(3 * C + 1, 12);
  });
});
