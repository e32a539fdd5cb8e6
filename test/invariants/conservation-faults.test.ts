import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { arbitraryScenario } from '../helpers/arbitrary-scenario.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * Random scenarios (a line of 2-4 nodes, see arbitraryScenario) with link faults on top: random
 * link failures, a scripted cut and restore, a partition (both ways or one way), a degradation
 * window, dynamic or static routing, and a shared crew for the failing nodes.
 */
function arbitraryFaultyScenario(): fc.Arbitrary<ScenarioInput> {
  return fc
    .record({
      base: arbitraryScenario(),
      failingLink: fc.option(fc.nat(2), { nil: undefined }),
      cut: fc.option(fc.record({ link: fc.nat(2), at: fc.double({ min: 0, max: 0.3, noNaN: true }) }), {
        nil: undefined,
      }),
      partition: fc.option(
        fc.record({
          at: fc.double({ min: 0, max: 0.3, noNaN: true }),
          length: fc.double({ min: 0.001, max: 0.3, noNaN: true }),
          oneWay: fc.boolean(),
        }),
        { nil: undefined },
      ),
      degrade: fc.option(
        fc.record({
          link: fc.nat(2),
          at: fc.double({ min: 0, max: 0.3, noNaN: true }),
          factor: fc.constantFrom(0.01, 0.5, 3),
          loss: fc.constantFrom(undefined, 0, 0.5),
        }),
        { nil: undefined },
      ),
      dynamic: fc.boolean(),
      crew: fc.boolean(),
    })
    .map(({ base, failingLink, cut, partition, degrade, dynamic, crew }): ScenarioInput => {
      const nodes = base.nodes ?? [];
      const links = (base.links ?? []).map((link, index) => ({
        ...link,
        id: `L${index}`,
        ...(index === failingLink ? { failure: { mttf: '200ms', mttr: '40ms' } } : {}),
      }));
      const linkId = (index: number) => links[index % links.length].id;
      const faults = [...(base.faults ?? [])];
      if (cut && links.length > 0) {
        faults.push({ at: cut.at, cut: linkId(cut.link) }, { at: cut.at + 0.05, restore: linkId(cut.link) });
      }
      if (partition && nodes.length >= 2) {
        faults.push({
          at: partition.at,
          partition: [[nodes[0].id], [nodes[nodes.length - 1].id]],
          oneWay: partition.oneWay,
          for: partition.length,
        });
      }
      if (degrade && links.length > 0) {
        faults.push({
          at: degrade.at,
          degrade: linkId(degrade.link),
          for: 0.1,
          bandwidth: { times: degrade.factor },
          ...(degrade.loss === undefined ? {} : { loss: degrade.loss }),
        });
      }
      const failing = nodes.filter((node) => node.failure).map((node) => node.id);
      return {
        ...base,
        routing: { metric: 'delay', dynamic },
        links,
        faults,
        repairCrews: crew && failing.length > 0 ? [{ id: 'crew', members: failing }] : [],
      };
    });
}

describe('conservation under random and scripted faults (links, partitions, degradations)', () => {
  it('accounts for every message: delivered + failed + dropped + lost + in flight = sent', () => {
    fc.assert(
      fc.property(arbitraryFaultyScenario(), (scenario) => {
        const { probe, resolved, created } = recordingProbe();
        const { summary } = run(scenario, { probes: [probe] });
        const c = summary.counts;
        expect(c.sent).toBe(created.length);
        expect(c.delivered + c.failed + sum(c.dropped) + sum(c.lost) + c.inFlight).toBe(c.sent);
        expect(new Set(resolved.map((m) => m.id)).size).toBe(resolved.length);
        if (scenario.duration === undefined) expect(c.inFlight).toBe(0);
        for (const reason of Object.keys(c.lost)) {
          expect([
            'linkLoss',
            'nodeDown',
            'noRoute',
            'hopLimit',
            'linkDown',
            'partition',
            'corrupted',
          ]).toContain(reason);
        }
        for (const link of Object.values(summary.availability.links!)) {
          expect(link.upSeconds + link.downSeconds).toBeCloseTo(summary.simulatedSeconds, 9);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('stays a pure function of scenario and seed', () => {
    fc.assert(
      fc.property(arbitraryFaultyScenario(), (scenario) => {
        expect(JSON.stringify(run(scenario).summary)).toBe(JSON.stringify(run(scenario).summary));
      }),
      { numRuns: 30 },
    );
  });
});
