import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { parseScenarioText } from '../../src/scenario/load.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';

/** Scripted crashes and recovers of node `n` at whole seconds in [0, 10), in any list order. */
const scripts = fc.array(fc.record({ at: fc.integer({ min: 0, max: 9 }), up: fc.boolean() }), {
  maxLength: 8,
});

const scenarioWith = (script: Array<{ at: number; up: boolean }>): ScenarioInput => ({
  name: 'fault-timeline',
  duration: 20,
  nodes: [{ id: 'n' }],
  faults: script.map(({ at, up }) => (up ? { at, recover: 'n' } : { at, crash: 'n' })),
});

describe('the fault script check, against what the run does', () => {
  it('accepts exactly the scripts whose every entry changes the node, and refuses the others at an entry', () => {
    fc.assert(
      fc.property(scripts, (script) => {
        let refused: ScenarioError | undefined;
        try {
          parseScenarioText(JSON.stringify(scenarioWith(script)), 'script.json');
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          refused = error;
        }
        // The reference: apply the entries in (time, list position) order to an up/down flag.
        const order = script
          .map((entry, index) => ({ ...entry, index }))
          .sort((a, b) => a.at - b.at || a.index - b.index);
        let down = false;
        let changedAt = Number.NaN;
        let effective = true;
        for (const entry of order) {
          // A change that does nothing, or undoes the previous change at the same instant.
          if (entry.up !== down || entry.at === changedAt) effective = false;
          down = !entry.up;
          changedAt = entry.at;
        }
        if (!effective) {
          expect(refused).toBeDefined();
          for (const issue of refused!.issues) expect(issue.path).toMatch(/^faults\[\d+\]\.(crash|recover)$/);
          return;
        }
        expect(refused).toBeUndefined();
        // Accepted: one down period per crash, each of positive length, as the script says.
        const { nodeTimelines } = run(scenarioWith(script));
        const downPeriods = nodeTimelines[0].periods.filter((period) => !period.up);
        const crashes = order.filter((entry) => !entry.up);
        expect(downPeriods.map((period) => period.start)).toEqual(crashes.map((entry) => entry.at));
        for (const period of nodeTimelines[0].periods) expect(period.end).toBeGreaterThan(period.start);
      }),
      { numRuns: 150 },
    );
  });
});
