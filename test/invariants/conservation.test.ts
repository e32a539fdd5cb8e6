import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryScenario } from '../helpers/arbitrary-scenario.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('invariants over random scenarios (loss, buffers, jitter, crashes, multi-hop)', () => {
  it('accounts for every message sent: delivered + failed + dropped + lost + in flight', () => {
    // Over all runs: links that duplicate and corrupt are among them, under every transport.
    let copies = 0;
    let corrupted = 0;
    fc.assert(
      fc.property(arbitraryScenario(), (scenario) => {
        const { probe, resolved, created } = recordingProbe();
        const { summary } = run(scenario, { probes: [probe] });
        const c = summary.counts;
        expect(c.sent).toBe(created.length);
        expect(c.delivered + c.failed + sum(c.dropped) + sum(c.lost) + c.inFlight).toBe(c.sent);
        // Each message is resolved at most once.
        expect(new Set(resolved.map((m) => m.id)).size).toBe(resolved.length);
        expect(resolved.length + c.inFlight).toBe(c.sent);
        if (scenario.duration === undefined) expect(c.inFlight).toBe(0);
        for (const flow of Object.values(summary.flows)) {
          const f = flow.counts;
          expect(f.delivered + f.failed + sum(f.dropped) + sum(f.lost) + f.inFlight).toBe(f.sent);
        }
        // A wire copy is never a retransmission, nor a message of its own.
        expect(c.retransmissions).toBe(c.packets.data - created.filter((m) => m.transmissions > 0).length);
        copies += c.packets.duplicated ?? 0;
        corrupted += c.packets.lost.corrupted ?? 0;
      }),
      { numRuns: 150 },
    );
    expect(copies).toBeGreaterThan(100);
    expect(corrupted).toBeGreaterThan(100);
  });

  it('splits every delivered latency exactly into trans + prop + queue + proc + wait', () => {
    fc.assert(
      fc.property(arbitraryScenario(), (scenario) => {
        const { probe, resolved } = recordingProbe();
        run(scenario, { probes: [probe] });
        for (const m of resolved) {
          if (m.fate.kind !== 'delivered') continue;
          const parts = [m.transSeconds, m.propSeconds, m.queueSeconds, m.procSeconds, m.waitSeconds];
          for (const part of parts) expect(part).toBeGreaterThanOrEqual(-1e-12);
          // The latency is the sum of its components, which account for the whole time from
          // creation to delivery: up to a few roundings of the clock readings some are made of.
          const total = parts.reduce((a, b) => a + b, 0);
          expect(m.latencySeconds).toBe(total);
          const elapsed = m.deliveredAt - m.createdAt;
          expect(Math.abs(total - elapsed)).toBeLessThanOrEqual(
            64 * Number.EPSILON * Math.max(1, m.deliveredAt),
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is a pure function of scenario and seed', () => {
    fc.assert(
      fc.property(arbitraryScenario(), (scenario) => {
        const first = JSON.stringify(run(scenario).summary);
        const second = JSON.stringify(run(scenario).summary);
        expect(second).toBe(first);
      }),
      { numRuns: 40 },
    );
  });
});
