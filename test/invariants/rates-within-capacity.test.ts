import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantity } from '../../src/engine/units.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { arbitraryScenario } from '../helpers/arbitrary-scenario.js';
import { run } from '../helpers/scenario.js';

/** Rounding slack: a share or rate summed from many transmissions may pass its bound by this much. */
const SLACK = 1e-9;

/** The bandwidth of the link a flow's data leaves its source on (the scenarios are a line n0 - n1 - ...). */
function firstLinkBandwidth(scenario: ScenarioInput, from: string, to: string): number {
  const ids = (scenario.nodes ?? []).map((node) => node.id);
  const source = ids.indexOf(from);
  const link = ids.indexOf(to) > source ? source : source - 1;
  return quantity(scenario.links?.[link].bandwidth, 'bandwidth');
}

describe('rates and time-averages stay within what the links carry (random scenarios)', () => {
  it("no flow's sender is busy more than its interval, nor puts more bits on the wire than its first link carries", () => {
    let clipped = 0;
    fc.assert(
      fc.property(arbitraryScenario(), fc.constantFrom(0, 0, 0.003, 0.05), (drawn, warmup) => {
        const scenario: ScenarioInput = { ...drawn, warmup };
        const { summary } = run(scenario);
        // Each distinct first link direction once: the run's wire throughput is bounded by their sum.
        const firstLinks = new Map<string, number>();
        for (const flow of Object.values(summary.flows)) {
          const bandwidth = firstLinkBandwidth(scenario, flow.from, flow.to);
          firstLinks.set(`${flow.from}>${flow.to > flow.from ? 'up' : 'down'}`, bandwidth);
          if (flow.senderUtilisation !== null) expect(flow.senderUtilisation).toBeLessThanOrEqual(1 + SLACK);
          const wire = flow.throughput.wireBitsPerSecond;
          if (wire !== null) expect(wire).toBeLessThanOrEqual(bandwidth * (1 + SLACK));
          if (flow.completedAt !== null && flow.completedAt < summary.simulatedSeconds) clipped++;
        }
        const capacity = [...firstLinks.values()].reduce((a, b) => a + b, 0);
        const wire = summary.throughput.wireBitsPerSecond;
        if (wire !== null) expect(wire).toBeLessThanOrEqual(capacity * (1 + SLACK));
        for (const link of Object.values(summary.links)) {
          for (const direction of link.directions) {
            if (direction.utilisation !== null) expect(direction.utilisation).toBeLessThanOrEqual(1 + SLACK);
          }
        }
      }),
      { numRuns: 300 },
    );
    // The intervals that end before the run does are the ones that needed clipping.
    expect(clipped).toBeGreaterThan(20);
  });
});
