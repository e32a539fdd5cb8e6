import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arbitraryBrokerScenario,
  arbitraryDeadLetterScenario,
} from '../helpers/arbitrary-broker-scenario.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('broker invariants under consumer crashes, lossy consumer links and broker crashes', () => {
  it('conserves messages: each ends delivered, dropped, dead-lettered or lost with a reason, once', () => {
    fc.assert(
      fc.property(fc.oneof(arbitraryBrokerScenario(), arbitraryDeadLetterScenario()), ({ scenario }) => {
        const { probe, resolved, created } = recordingProbe();
        const { summary } = run(scenario, { probes: [probe] });
        const c = summary.counts;
        expect(c.sent).toBe(created.length);
        expect(c.delivered + c.failed + sum(c.dropped) + sum(c.lost) + c.inFlight).toBe(c.sent);
        expect(new Set(resolved.map((m) => m.id)).size).toBe(resolved.length);
        expect(resolved.length + c.inFlight).toBe(c.sent);
        for (const m of resolved) {
          if (m.fate.kind === 'dropped' || m.fate.kind === 'lost') expect(m.fate.reason).toBeTruthy();
        }
        // The broker's view agrees: what its subscriptions lost or dropped is in the ledger.
        const broker = summary.brokers!.broker;
        for (const queue of Object.values(broker.subscriptions)) {
          for (const [reason, count] of Object.entries(queue.dropped))
            expect(c.dropped[reason]).toBeGreaterThanOrEqual(count);
          for (const [reason, count] of Object.entries(queue.lost))
            expect(c.lost[reason]).toBeGreaterThanOrEqual(count);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a dead-letter queue keeps at most its capacity: kept and refused add up to what was dead-lettered', () => {
    fc.assert(
      fc.property(arbitraryDeadLetterScenario({ brokerCrash: false }), ({ scenario, draw }) => {
        const { summary } = run(scenario);
        const c = summary.counts;
        expect(c.delivered + c.failed + sum(c.dropped) + sum(c.lost) + c.inFlight).toBe(c.sent);
        const { dlq, ...sources } = summary.brokers!.broker.subscriptions;
        const deadLettered = Object.values(sources).reduce((total, queue) => total + queue.deadLettered, 0);
        const capacity = draw.deadLetters!.capacity ?? Number.POSITIVE_INFINITY;
        expect(dlq.depth.max).toBeLessThanOrEqual(capacity);
        const refused = dlq.dropped.queueFull ?? 0;
        if (draw.deadLetters!.consumed) {
          // Delivered from there, or refused there: none ends as kept.
          expect(c.dropped.deadLettered ?? 0).toBe(0);
          return;
        }
        // Each dead letter was kept (it ended where it was dead-lettered) or refused, once.
        const kept = Object.values(sources).reduce(
          (total, queue) => total + (queue.dropped.deadLettered ?? 0),
          0,
        );
        expect(kept + refused).toBe(deadLettered);
        expect(c.dropped.deadLettered ?? 0).toBe(kept);
        expect(dlq.depth.final).toBe(kept);
        expect(dlq.routed + dlq.delivered).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it('at-least-once loses nothing that reached the broker, however consumers crash (duplicates allowed)', () => {
    fc.assert(
      fc.property(
        arbitraryBrokerScenario({ delivery: 'at-least-once', brokerCrash: false, bounded: false }),
        ({ scenario }) => {
          const { probe, resolved, delivered } = recordingProbe();
          const { summary } = run(scenario, { probes: [probe] });
          const broker = summary.brokers!.broker;
          // Every message is delivered, or still on its way when the run stops (an ack timeout
          // shorter than a consumer's backlog redelivers without end: a redelivery storm).
          expect(resolved.filter((m) => m.fate.kind !== 'delivered')).toEqual([]);
          const { counts } = summary;
          expect(counts.delivered).toBe(delivered().length);
          expect(counts.delivered + counts.inFlight).toBe(counts.sent);
          expect(counts.lost).toEqual({});
          expect(counts.dropped).toEqual({});
          for (const queue of Object.values(broker.subscriptions)) {
            // Each acknowledgement is for a message a consumer processed (first time or again).
            expect(queue.acked).toBeLessThanOrEqual(queue.delivered + queue.duplicates);
            expect(queue.lost).toEqual({});
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('at-most-once never delivers a message twice, and never redelivers', () => {
    fc.assert(
      fc.property(arbitraryBrokerScenario({ delivery: 'at-most-once' }), ({ scenario }) => {
        const { probe, delivered, duplicated } = recordingProbe();
        const { summary } = run(scenario, { probes: [probe] });
        // (counts.duplicates may count the producer's retransmissions reaching a restarted broker.)
        const ids = delivered().map((m) => m.id);
        expect(new Set(ids).size).toBe(ids.length);
        // A consumer sees a message twice only when a duplicating link delivered it twice.
        const wireCopies = duplicated.filter(({ copy }) => copy.kind === 'data').length;
        let duplicates = 0;
        for (const queue of Object.values(summary.brokers!.broker.subscriptions)) {
          duplicates += queue.duplicates;
          expect(queue.redeliveries).toBe(0);
        }
        expect(duplicates).toBeLessThanOrEqual(wireCopies);
      }),
      { numRuns: 60 },
    );
  });

  it('splits every delivered latency exactly into trans + prop + queue + proc + wait', () => {
    fc.assert(
      fc.property(arbitraryBrokerScenario(), ({ scenario }) => {
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
      { numRuns: 60 },
    );
  });

  it('is a pure function of scenario and seed', () => {
    fc.assert(
      fc.property(arbitraryBrokerScenario(), ({ scenario }) => {
        expect(JSON.stringify(run(scenario).summary)).toBe(JSON.stringify(run(scenario).summary));
      }),
      { numRuns: 15 },
    );
  });
});
