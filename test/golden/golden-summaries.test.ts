import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/scenario/build-simulation.js';
import { loadScenario } from '../../src/scenario/load.js';

/**
 * Pins the whole summary of bundled scenarios at a fixed seed, so an optimisation cannot
 * silently change results. After an intended change of the model, regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run test/golden` and explain the change in the commit.
 */
const cases = [
  { scenario: 'scenarios/stop-and-wait-1g.yaml', overrides: [] },
  { scenario: 'scenarios/lossy-link.yaml', overrides: ['flows[0].workload.messages=3000'] },
  { scenario: 'scenarios/server-availability.yaml', overrides: ['duration=2y'] },
];

describe('golden summaries', () => {
  for (const { scenario, overrides } of cases) {
    it(`${scenario} gives the pinned summary.json`, () => {
      const { summary } = simulate(loadScenario(scenario, { overrides }));
      const text = `${JSON.stringify(summary, null, 2)}\n`;
      const golden = path.join('test/golden', `${path.basename(scenario, '.yaml')}.summary.json`);
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text);
      expect(text).toBe(readFileSync(golden, 'utf8'));
    });
  }
});
