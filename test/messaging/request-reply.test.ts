import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/messaging/request-probe.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

/** Seconds to send `bytes` at `bitsPerSecond`. */
const tx = (bytes: number, bitsPerSecond: number) => (bytes * 8) / bitsPerSecond;

/** A caller c and a server s on one link: 8 Mbit/s, 50 ms one way, 2 ms processing at s. */
function oneLink(pattern: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    name: 'rr',
    nodes: [{ id: 'c' }, { id: 's', processing: '2ms' }],
    links: [{ between: ['c', 's'], bandwidth: '8Mbps', delay: '50ms' }],
    flows: [
      {
        id: 'rpc',
        from: 'c',
        to: 's',
        workload: { messages: 50, size: '1000B' },
        pattern: { kind: 'request-reply', replySize: '500B', ...pattern },
        ...extra,
      },
    ],
  } as ScenarioInput;
}

const R = 8e6;
const D = 0.05;
const PROC = 0.002;
/** Request round trip plus processing: 1 ms + 50 ms + 2 ms + 0.5 ms + 50 ms = 103.5 ms. */
const C = tx(1000, R) + D + PROC + tx(500, R) + D;

function recordsOf(input: ScenarioInput) {
  const records: RequestRecord[] = [];
  const result = run(input, {
    requestProbes: [
      { requestSent: () => {}, requestEnded: (record) => records.push(record), lateReply: () => {} },
    ],
  });
  return { ...result, records };
}

describe('request-reply: exact cases with constant delays', () => {
  it('adds store-and-forward delays hop by hop: sum of L/R + d over the path, plus t_proc', () => {
    // Three hops with different rates and delays; processing only at the destinations.
    const hops = [
      { bandwidth: 10e6, delay: 0.004 },
      { bandwidth: 2e6, delay: 0.011 },
      { bandwidth: 5e6, delay: 0.0025 },
    ];
    const { records, summary } = recordsOf({
      name: 'hops',
      nodes: [{ id: 'a', processing: '0.3ms' }, { id: 'b' }, { id: 'c' }, { id: 'd', processing: '1.5ms' }],
      links: [
        { between: ['a', 'b'], ...hops[0] },
        { between: ['b', 'c'], ...hops[1] },
        { between: ['c', 'd'], ...hops[2] },
      ],
      flows: [
        {
          from: 'a',
          to: 'd',
          workload: { messages: 1, size: '1200B' },
          pattern: { kind: 'request-reply', mode: 'sync', replySize: '300B' },
        },
      ],
    });
    const oneWay = (bytes: number) =>
      hops.reduce((sum, hop) => sum + tx(bytes, hop.bandwidth) + hop.delay, 0);
    expect(records).toHaveLength(1);
    const [record] = records;
    // Request 0.96 + 4 + 4.8 + 11 + 1.92 + 2.5 = 25.18 ms; server 1.5 ms;
    // reply 0.24 + 4 + 1.2 + 11 + 0.48 + 2.5 = 19.42 ms; caller 0.3 ms: 46.4 ms.
    const expected = oneWay(1200) + 0.0015 + oneWay(300) + 0.0003;
    expect(expected).toBeCloseTo(0.0464, 12);
    expect(record.endedAt - record.sentAt).toBeCloseTo(expected, 12);
    expect(record.transSeconds).toBeCloseTo(
      hops.reduce((sum, hop) => sum + tx(1500, hop.bandwidth), 0),
      12,
    );
    expect(record.propSeconds).toBeCloseTo(2 * (0.004 + 0.011 + 0.0025), 12);
    expect(record.procSeconds).toBeCloseTo(0.0018, 12);
    expect(record.queueSeconds).toBe(0);
    expect(record.waitSeconds).toBe(0);
    // The one-way message latency of the request alone is the same sum.
    expect(summary.flows['flow-0'].latency.max).toBeCloseTo(oneWay(1200) + 0.0015, 12);
  });

  it.each([
    ['datagram', { protocol: 'datagram' }],
    ['stop-and-wait', { protocol: 'stop-and-wait', timeout: '1s' }],
  ])(
    'a sync caller over %s completes exactly 1 / (round trip + processing) requests per second',
    (_name, transport) => {
      const { summary } = run(oneLink({ mode: 'sync' }, { transport } as never));
      const requests = summary.flows.rpc.requests!;
      expect(C).toBeCloseTo(0.1035, 15);
      expect(requests.replied).toBe(50);
      expect(requests.throughput.completed).toBe(50);
      expect(requests.interval).toEqual({ from: 0, to: expect.closeTo(50 * C, 12) });
      expect(requests.throughput.requestsPerSecond).toBeCloseTo(1 / C, 9);
      expect(requests.latency.mean).toBeCloseTo(C, 12);
      expect(requests.latency.max).toBeCloseTo(C, 12);
      expect(requests.latency.components.prop.mean).toBeCloseTo(2 * D, 12);
      expect(requests.latency.components.trans.mean).toBeCloseTo(tx(1500, R), 12);
      expect(requests.latency.components.proc.mean).toBeCloseTo(PROC, 12);
      // Each request and each reply is a message of the flow.
      expect(summary.flows.rpc.counts.delivered).toBe(100);
    },
  );

  it('a sync caller that thinks Z between requests takes N·C + (N-1)·Z for N requests', () => {
    const { summary } = run(oneLink({ mode: 'sync', think: '20ms' }));
    const requests = summary.flows.rpc.requests!;
    expect(requests.interval.to).toBeCloseTo(50 * C + 49 * 0.02, 12);
    expect(requests.throughput.requestsPerSecond).toBeCloseTo(50 / (50 * C + 49 * 0.02), 9);
    expect(requests.latency.mean).toBeCloseTo(C, 12);
  });

  it('the theory entry gives T = 1/C for the sync caller', () => {
    const { summary } = run(oneLink({ mode: 'sync' }));
    const theory = summary.theory['request-reply:rpc'];
    expect(theory.values.roundTripSeconds).toBeCloseTo(C, 15);
    expect(theory.values.requestsPerSecond).toBeCloseTo(1 / C, 12);
    expect(summary.theory['stop-and-wait:rpc']).toBeUndefined();
  });

  it('keeps the async entry under a timeout that cannot fire, and drops it under one that can', () => {
    // M = 16 outstanding: a request waits behind 15 others at most at each of the four stages
    // (1 ms + 2 ms + 0.5 ms + 0 ms), so it takes at most C + 15 · 3.5 ms = 156 ms.
    const longest = C + 15 * (tx(1000, R) + PROC + tx(500, R));
    const withTimeout = (timeout: string, extra: Record<string, unknown> = {}) =>
      run(oneLink({ mode: 'async', maxOutstanding: 16, timeout, ...extra })).summary;
    const none = run(oneLink({ mode: 'async', maxOutstanding: 16 })).summary.theory['request-reply:rpc'];
    for (const timeout of ['1s', `${longest + 1e-9}`]) {
      const summary = withTimeout(timeout);
      expect(summary.theory['request-reply:rpc'], timeout).toEqual(none);
      expect(summary.flows.rpc.requests!.timeouts).toBe(0);
      expect(summary.flows.rpc.requests!.latency.max).toBeLessThanOrEqual(longest);
    }
    expect(none.values.requestsPerSecondBound).toBeCloseTo(16 / C, 9);
    // From the bound down a timer might fire (the bound is not tight: the slowest request here
    // takes 133.5 ms).
    expect(withTimeout(`${longest}`).theory['request-reply:rpc']).toBeUndefined();
    // A link buffer too small for the 15 others could drop a request, which then ends by its timer.
    const input = oneLink({ mode: 'async', maxOutstanding: 16, timeout: '1s' });
    input.links![0] = { ...input.links![0], buffer: 14 } as (typeof input.links & object)[number];
    expect(run(input).summary.theory['request-reply:rpc']).toBeUndefined();
    input.links![0] = { ...input.links![0], buffer: 15 } as (typeof input.links & object)[number];
    expect(run(input).summary.theory['request-reply:rpc']).toEqual(none);
    // An open loop of Poisson arrivals has no bound on the queue: any timeout might fire.
    const poisson = oneLink(
      { mode: 'async', timeout: '10s' },
      { workload: { rate: 100, arrivals: 'poisson', messages: undefined, stop: '1s', size: '1000B' } },
    );
    expect(run(poisson).summary.theory['request-reply:rpc']).toBeUndefined();
    // Constant arrivals every stage serves before the next one: nothing waits, C is the longest.
    const evenly = oneLink(
      { mode: 'async', timeout: `${C + 1e-9}` },
      { workload: { rate: 100, stop: '1s', size: '1000B' } },
    );
    const evenSummary = run(evenly).summary;
    expect(evenSummary.theory['request-reply:rpc'].values.requestsPerSecondBound).toBeCloseTo(100, 9);
    expect(evenSummary.flows.rpc.requests!.timeouts).toBe(0);
  });

  it('stops as runaway when requests pile up behind maxOutstanding faster than they are answered', () => {
    const input = oneLink(
      { mode: 'async', maxOutstanding: 1 },
      { workload: { rate: 1e7, stop: '1s', size: '100B' } },
    );
    expect(() => run(input)).toThrow(/more than 4,000,000 requests are held back by the caller at t=0\.4/);
  });

  it('gives no theory entry when the link loses packets (the formula assumes none)', () => {
    for (const loss of [0.1, { forward: 0, reverse: 0.1 }]) {
      const input = oneLink({ mode: 'sync', timeout: '1s' });
      input.links![0] = { ...input.links![0], loss } as (typeof input.links & object)[number];
      expect(run(input).summary.theory['request-reply:rpc']).toBeUndefined();
    }
  });

  it('an async caller with M outstanding reaches the window bound: N / ((M-1)·Lq/R + (N/M)·C)', () => {
    // No processing, a smaller reply than request: nothing queues, M slots each turn every C.
    const input = oneLink(
      { mode: 'async', maxOutstanding: 4 },
      { workload: { messages: 48, size: '1000B' } },
    );
    input.nodes = [{ id: 'c' }, { id: 's' }];
    const { summary } = run(input);
    const requests = summary.flows.rpc.requests!;
    const cycle = tx(1000, R) + D + tx(500, R) + D;
    const end = 3 * tx(1000, R) + 12 * cycle;
    expect(requests.replied).toBe(48);
    expect(requests.interval.to).toBeCloseTo(end, 9);
    expect(requests.throughput.requestsPerSecond).toBeCloseTo(48 / end, 6);
    // Within 2% of M/C already at 12 turns; the theory entry states the bound.
    const bound = summary.theory['request-reply:rpc'].values;
    expect(bound.windowBoundPerSecond).toBeCloseTo(4 / cycle, 9);
    expect(bound.requestsPerSecondBound).toBeCloseTo(4 / cycle, 9);
    expect(requests.throughput.requestsPerSecond).toBeLessThanOrEqual(bound.requestsPerSecondBound);
    expect(requests.throughput.requestsPerSecond! / bound.requestsPerSecondBound).toBeGreaterThan(0.98);
    // Latency stays one round trip (the window overlaps round trips), except in the first
    // turn, where request j waits j·Lq/R behind the others on the caller's link.
    expect(requests.latency.p50).toBeCloseTo(cycle, 9);
    expect(requests.latency.max).toBeCloseTo(cycle + 3 * tx(1000, R), 9);
    expect(requests.latency.components.queue.max).toBeCloseTo(3 * tx(1000, R), 9);
  });

  it('an async caller with a large M is held by the slowest stage: the server at 1/t_proc', () => {
    // 5 ms processing > 1 ms request transmission: the server is busy from the first arrival on.
    const input = oneLink(
      { mode: 'async', maxOutstanding: 100 },
      { workload: { messages: 100, size: '1000B' } },
    );
    input.nodes = [{ id: 'c' }, { id: 's', processing: '5ms' }];
    const { summary } = run(input);
    const requests = summary.flows.rpc.requests!;
    const end = tx(1000, R) + D + 100 * 0.005 + tx(500, R) + D;
    expect(requests.interval.to).toBeCloseTo(end, 9);
    expect(requests.throughput.requestsPerSecond).toBeCloseTo(100 / end, 6);
    const bound = summary.theory['request-reply:rpc'].values;
    expect(bound.capacityPerSecond).toBeCloseTo(200, 9);
    expect(bound.requestsPerSecondBound).toBeCloseTo(200, 9);
    expect(requests.throughput.requestsPerSecond).toBeLessThan(200);
  });

  it('async raises throughput over sync tenfold when the round trip dominates', () => {
    const sync = run(oneLink({ mode: 'sync' })).summary.flows.rpc.requests!;
    const async = run(oneLink({ mode: 'async', maxOutstanding: 16 })).summary.flows.rpc.requests!;
    expect(async.throughput.requestsPerSecond! / sync.throughput.requestsPerSecond!).toBeGreaterThan(10);
  });
});

describe('request-reply: timeouts, retries and failures', () => {
  it('times out every attempt of a request whose server never answers in time, then fails it', () => {
    // Server processing 500 ms > 200 ms timeout: 1 + 2 attempts, each timed out; replies come late.
    const input = oneLink({ mode: 'sync', timeout: '200ms', retries: 2 }, { workload: { messages: 3 } });
    input.nodes = [{ id: 'c' }, { id: 's', processing: '500ms' }];
    const { summary, records } = recordsOf(input);
    const requests = summary.flows.rpc.requests!;
    expect(requests).toMatchObject({
      sent: 3,
      replied: 0,
      failed: { timeout: 3 },
      timeouts: 9,
      retries: 6,
      lateReplies: 9,
      inFlight: 0,
    });
    expect(records.map((record) => record.endedAt - record.sentAt)).toEqual(
      [0.6, 0.6, 0.6].map((v) => expect.closeTo(v, 12)),
    );
    // Every request and reply message was still delivered: the message ledger is whole.
    expect(summary.flows.rpc.counts.delivered).toBe(18);
  });

  it('accepts a reply to an earlier attempt after a retry, counting the retry as waiting', () => {
    // Timeout 150 ms < C = 103.5 ms + 100 ms processing... the first reply comes at 203.5 ms.
    const input = oneLink({ mode: 'sync', timeout: '150ms', retries: 1 }, { workload: { messages: 1 } });
    input.nodes = [{ id: 'c' }, { id: 's', processing: '100ms' }];
    const { records, summary } = recordsOf(input);
    const [record] = records;
    expect(record.outcome).toEqual({ kind: 'replied' });
    expect(record.attempts).toBe(2);
    expect(record.endedAt).toBeCloseTo(C - PROC + 0.1, 12);
    expect(record.waitSeconds).toBe(0);
    expect(summary.flows.rpc.requests!.lateReplies).toBe(1);
  });

  it('without a timeout, a lost request or reply fails at once with its reason, after retries', () => {
    const input = oneLink({ mode: 'sync', retries: 1 }, { workload: { messages: 40 } });
    input.links![0].loss = { forward: 0.3, reverse: 0.3 };
    input.seed = 7;
    const { probe, resolved } = recordingProbe();
    const { summary } = run(input, { probes: [probe] });
    const requests = summary.flows.rpc.requests!;
    const failed = Object.values(requests.failed).reduce((a, b) => a + b, 0);
    expect(requests.replied + failed).toBe(40);
    expect(failed).toBeGreaterThan(0);
    for (const reason of Object.keys(requests.failed)) expect(reason).toMatch(/^(request|reply)\.linkLoss$/);
    const lost = resolved.filter((message) => message.fate.kind === 'lost').length;
    // Every lost message cost one attempt: a retry, or the failure of its request.
    expect(requests.retries + failed).toBe(lost);
  });
});

describe('request-reply over multi-hop and dynamic routing', () => {
  it('goes around a cut link on a ring when routing is dynamic', () => {
    const input: ScenarioInput = {
      name: 'ring-rr',
      routing: { metric: 'hops', dynamic: true },
      topologies: [{ kind: 'ring', nodes: 5, link: { bandwidth: '10Mbps', delay: '10ms' } }],
      flows: [
        {
          id: 'rpc',
          from: 'n1',
          to: 'n2',
          workload: { messages: 20, size: '500B' },
          pattern: { kind: 'request-reply', mode: 'sync', replySize: '500B', timeout: '500ms', retries: 3 },
        },
      ],
      faults: [{ at: '0.1s', cut: 'n1-n2' }],
    };
    const { records, summary } = recordsOf(input);
    const requests = summary.flows.rpc.requests!;
    expect(requests.replied).toBe(20);
    const hop = tx(500, 10e6) + 0.01;
    // Before the cut one hop each way; after it four (n1-n5-n4-n3-n2).
    expect(records[0].endedAt - records[0].sentAt).toBeCloseTo(2 * hop, 12);
    expect(records[19].endedAt - records[19].sentAt).toBeCloseTo(8 * hop, 12);
  });
});
