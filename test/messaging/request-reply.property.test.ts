import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/messaging/request-probe.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

const TRANSPORTS = [
  { protocol: 'datagram' },
  { protocol: 'stop-and-wait', timeout: '40ms', retries: 3 },
  { protocol: 'go-back-n', window: 4, timeout: '40ms', retries: 3 },
  { protocol: 'selective-repeat', window: 4, timeout: '40ms', retries: 3 },
] as const;

type CrashTarget = 'c' | 's';

/**
 * Random request-reply flows over a lossy line of 2–3 nodes with bounded server queues; the
 * caller `c` or the server `s` may crash once (scripted, at most until 1 s), volatile or
 * persistent. `crash` forces a crash of that node.
 */
function arbitraryRequestReply(options: { crash?: CrashTarget } = {}): fc.Arbitrary<ScenarioInput> {
  const crashTarget: fc.Arbitrary<CrashTarget | undefined> = options.crash
    ? fc.constant(options.crash)
    : fc.constantFrom(undefined, undefined, 'c', 's');
  return fc
    .record({
      crash: fc.record({
        target: crashTarget,
        atMs: fc.integer({ min: 1, max: 600 }),
        forMs: fc.integer({ min: 1, max: 400 }),
        persistent: fc.boolean(),
      }),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      hops: fc.integer({ min: 1, max: 2 }),
      loss: fc.constantFrom(0, 0.05, 0.2),
      delayMs: fc.integer({ min: 1, max: 20 }),
      processingMs: fc.constantFrom(0, 1, 8),
      exponential: fc.boolean(),
      queue: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      transport: fc.constantFrom(...TRANSPORTS),
      mode: fc.constantFrom('sync', 'async'),
      openLoop: fc.boolean(),
      maxOutstanding: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
      timeoutMs: fc.option(fc.integer({ min: 10, max: 300 }), { nil: undefined }),
      retries: fc.integer({ min: 0, max: 3 }),
      messages: fc.integer({ min: 1, max: 15 }),
      thinkMs: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      withDuration: fc.boolean(),
    })
    .map((draw): ScenarioInput => {
      const ids = draw.hops === 1 ? ['c', 's'] : ['c', 'r', 's'];
      const processing = draw.exponential
        ? { dist: 'exponential', mean: `${draw.processingMs || 1}ms` }
        : `${draw.processingMs}ms`;
      const sync = draw.mode === 'sync';
      const { crash } = draw;
      const persistent = (id: string) => (crash.target === id ? { persistent: crash.persistent } : {});
      return {
        name: 'random-rr',
        seed: draw.seed,
        ...(draw.withDuration ? { duration: '1s' } : {}),
        nodes: ids.map((id) =>
          id === 's' ? { id, processing, queue: draw.queue, ...persistent(id) } : { id, ...persistent(id) },
        ),
        links: ids.slice(1).map((id, index) => ({
          between: [ids[index], id] as [string, string],
          bandwidth: '10Mbps',
          delay: `${draw.delayMs}ms`,
          loss: draw.loss,
        })),
        flows: [
          {
            id: 'rpc',
            from: 'c',
            to: 's',
            transport: draw.transport as never,
            workload:
              !sync && draw.openLoop
                ? { messages: draw.messages, rate: 200, arrivals: 'poisson', size: '400B' }
                : { messages: draw.messages, size: '400B' },
            pattern: {
              kind: 'request-reply',
              mode: draw.mode,
              replySize: { dist: 'uniform', min: '100B', max: '900B' },
              retries: draw.retries,
              ...(draw.timeoutMs === undefined ? {} : { timeout: `${draw.timeoutMs}ms` }),
              ...(sync && draw.thinkMs !== undefined ? { think: `${draw.thinkMs}ms` } : {}),
              ...(!sync && draw.maxOutstanding !== undefined ? { maxOutstanding: draw.maxOutstanding } : {}),
            },
          },
        ],
        faults:
          crash.target === undefined
            ? []
            : [
                { at: crash.atMs / 1000, crash: crash.target },
                { at: (crash.atMs + crash.forMs) / 1000, recover: crash.target },
              ],
      } as ScenarioInput;
    });
}

/** When the scenario's scripted crash of `node` holds it down: [crash, recover), or null. */
function downInterval(scenario: ScenarioInput, node: CrashTarget): { from: number; to: number } | null {
  const faults = (scenario.faults ?? []) as Array<{ at: number; crash?: string; recover?: string }>;
  const crash = faults.find((fault) => fault.crash === node);
  const recover = faults.find((fault) => fault.recover === node);
  return crash && recover ? { from: crash.at, to: recover.at } : null;
}

function runRecorded(scenario: ScenarioInput) {
  const records: RequestRecord[] = [];
  const sent: number[] = [];
  const result = run(scenario, {
    requestProbes: [
      {
        requestSent: (_flow, at) => sent.push(at),
        requestEnded: (record) => records.push(record),
        lateReply: () => {},
      },
    ],
  });
  return { ...result, records, sent };
}

describe('request-reply invariants over random scenarios (loss, queues, transports, timeouts)', () => {
  it('ends every request once: replied, or failed with a counted reason; components add up', () => {
    fc.assert(
      fc.property(arbitraryRequestReply(), (scenario) => {
        const { summary, records, sent } = runRecorded(scenario);
        const pattern = scenario.flows![0].pattern!;
        const requests = summary.flows.rpc.requests!;
        expect(requests.sent).toBe(sent.length);
        expect(new Set(records.map((record) => record.id)).size).toBe(records.length);
        expect(requests.replied + sum(requests.failed) + requests.inFlight).toBe(requests.sent);
        expect(records).toHaveLength(requests.replied + sum(requests.failed));
        if (scenario.duration === undefined) expect(requests.inFlight).toBe(0);
        const withTimeout = pattern.timeout !== undefined;
        const callerCrashes = downInterval(scenario, 'c') !== null;
        const crashes = callerCrashes || downInterval(scenario, 's') !== null;
        for (const reason of Object.keys(requests.failed)) {
          if (reason === 'callerDown') {
            expect(callerCrashes).toBe(true);
            continue;
          }
          const causes = crashes
            ? 'linkLoss|nodeQueue|linkBuffer|gaveUp|nodeDown'
            : 'linkLoss|nodeQueue|linkBuffer|gaveUp';
          expect(reason).toMatch(withTimeout ? /^timeout$/ : new RegExp(`^(request|reply)\\.(${causes})$`));
        }
        for (const record of records) {
          expect(record.attempts).toBeGreaterThanOrEqual(1);
          expect(record.attempts).toBeLessThanOrEqual((pattern.retries ?? 0) + 1);
          if (record.outcome.kind === 'failed') continue;
          const parts = [
            record.transSeconds,
            record.propSeconds,
            record.queueSeconds,
            record.procSeconds,
            record.waitSeconds,
          ];
          for (const part of parts) expect(part).toBeGreaterThanOrEqual(-1e-12);
          const latency = record.endedAt - record.sentAt;
          expect(Math.abs(parts.reduce((a, b) => a + b, 0) - latency)).toBeLessThanOrEqual(
            1e-9 * Math.max(1, latency),
          );
        }
        expect(requests.retries).toBe(records.reduce((total, record) => total + record.attempts - 1, 0));
        // The message ledger stays whole with replies in it.
        const counts = summary.counts;
        expect(
          counts.delivered + counts.failed + sum(counts.dropped) + sum(counts.lost) + counts.inFlight,
        ).toBe(counts.sent);
      }),
      { numRuns: 60 },
    );
  });

  it('does nothing at a down caller: what it creates then fails at once, the rest waits for its recovery', () => {
    fc.assert(
      fc.property(arbitraryRequestReply({ crash: 'c' }), (scenario) => {
        const down = downInterval(scenario, 'c')!;
        const persistent = scenario.nodes!.find((node) => node.id === 'c')!.persistent === true;
        const { probe, created } = recordingProbe();
        const records: RequestRecord[] = [];
        run(scenario, {
          probes: [probe],
          requestProbes: [
            { requestSent: () => {}, requestEnded: (record) => records.push(record), lateReply: () => {} },
          ],
        });
        const inside = (at: number) => at > down.from && at < down.to;
        const madeWhileDown = records.filter((record) => inside(record.sentAt));
        for (const record of madeWhileDown) {
          expect(record).toMatchObject({ attempts: 1, outcome: { kind: 'failed', reason: 'callerDown' } });
          expect(record.endedAt).toBe(record.sentAt);
        }
        // Nothing else ends while it is down: no timeout, no retry, no reply.
        expect(records.filter((record) => inside(record.endedAt))).toEqual(madeWhileDown);
        // The only request messages made while it is down are those requests' one attempts.
        const requestMessages = created.filter((message) => message.flowIndex === 0);
        expect(requestMessages.filter((message) => inside(message.createdAt))).toHaveLength(
          madeWhileDown.length,
        );
        for (const record of records) {
          if (record.outcome.kind !== 'failed' || record.outcome.reason !== 'callerDown') continue;
          if (persistent || record.sentAt > down.from) expect(record.endedAt).toBe(record.sentAt);
          // A volatile crash ends what was outstanding at its instant.
          else expect(record.endedAt).toBe(down.from);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps at most one request outstanding in sync mode and at most M in async mode', () => {
    fc.assert(
      fc.property(arbitraryRequestReply(), (scenario) => {
        const pattern = scenario.flows![0].pattern!;
        const limit = pattern.mode === 'sync' ? 1 : (pattern.maxOutstanding ?? Number.POSITIVE_INFINITY);
        const { records } = runRecorded(scenario);
        // Ends before starts at the same instant: a sync caller sends the next one as the last ends.
        const events = records
          .flatMap((record) => [
            { at: record.sentAt, change: 1 },
            { at: record.endedAt, change: -1 },
          ])
          .sort((a, b) => a.at - b.at || a.change - b.change);
        let outstanding = 0;
        for (const event of events) {
          outstanding += event.change;
          expect(outstanding).toBeLessThanOrEqual(limit);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('splits every delivered message latency exactly, also behind a selective-repeat reorder buffer', () => {
    fc.assert(
      fc.property(arbitraryRequestReply(), (scenario) => {
        const { probe, resolved } = recordingProbe();
        run(scenario, { probes: [probe] });
        for (const m of resolved) {
          if (m.fate.kind !== 'delivered') continue;
          const parts = [m.transSeconds, m.propSeconds, m.queueSeconds, m.procSeconds, m.waitSeconds];
          for (const part of parts) expect(part).toBeGreaterThanOrEqual(-1e-12);
          const latency = m.deliveredAt - m.createdAt;
          expect(Math.abs(parts.reduce((a, b) => a + b, 0) - latency)).toBeLessThanOrEqual(
            1e-9 * Math.max(1, latency),
          );
        }
      }),
      { numRuns: 30 },
    );
  });

  it('is a pure function of scenario and seed', () => {
    fc.assert(
      fc.property(arbitraryRequestReply(), (scenario) => {
        expect(JSON.stringify(run(scenario).summary)).toBe(JSON.stringify(run(scenario).summary));
      }),
      { numRuns: 15 },
    );
  });
});
