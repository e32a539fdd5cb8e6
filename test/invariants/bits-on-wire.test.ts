import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryScenario } from '../helpers/arbitrary-scenario.js';
import { run, scenarioOf } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

describe('the bits on the wire over random scenarios (loss, buffers, jitter, crashes, multi-hop)', () => {
  it('never exceed the bits sent on the direction, nor R·d where the delay is constant', () => {
    let filled = 0;
    fc.assert(
      fc.property(arbitraryScenario(), (input) => {
        const { probe, carried } = recordingProbe();
        const { summary } = run(input, { probes: [probe] });
        const scenario = scenarioOf(input);
        const degraded = new Set(
          scenario.faults.flatMap((fault) => ('degrade' in fault ? [fault.degrade] : [])),
        );
        scenario.links.forEach((link, index) => {
          summary.links[link.id].directions.forEach((direction, way) => {
            // Transmitters come in link order, a → b then b → a.
            const sent = carried
              .filter((entry) => entry.transmitter === 2 * index + way)
              .reduce((total, entry) => total + entry.bits, 0);
            const peak = direction.wire.peakBitsOnWire;
            if (peak === null) return;
            const slack = 1e-9 * Math.max(1, sent);
            expect(peak).toBeLessThanOrEqual(sent + slack);
            expect(direction.wire.meanBitsOnWire!).toBeGreaterThanOrEqual(-slack);
            if (link.delay.isConstant && !degraded.has(link.id)) {
              const product = link.bandwidth * link.delay.mean;
              expect(peak).toBeLessThanOrEqual(product * (1 + 1e-9) + 1e-9);
              if (peak > 0.5 * product) filled++;
            }
          });
        });
      }),
      { numRuns: 150 },
    );
    // Some runs came near R·d: the bound was tested where it binds.
    expect(filled).toBeGreaterThan(0);
  });
});
