import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { createRegistries } from '../../src/scenario/registries.js';
import { predictTheory } from '../../src/scenario/theory-for-scenario.js';

const bundled = readdirSync('scenarios')
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => `scenarios/${file}`);

describe('the bundled scenarios', () => {
  it('are all in the README table of bundled scenarios, each once', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('## Bundled scenarios'), readme.indexOf('## Benchmarks'));
    const listed = [...table.matchAll(/^\| `(scenarios\/[^`]+\.yaml)` \|/gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual([...bundled].sort());
  });

  it.each(bundled)('%s loads with no error and says what it teaches', (file) => {
    const scenario = loadScenario(file);
    expect(scenario.description.trim().length).toBeGreaterThan(80);
  });
});

describe('theory for the bundled scenarios', () => {
  const registries = createRegistries();
  it.each(bundled)('%s: every point-to-point flow has a prediction or a reason for none', (file) => {
    const scenario = loadScenario(file);
    const { theory, noTheory } = predictTheory(
      scenario,
      registries.transports,
      registries.arrivals,
      registries,
    );
    const predicted = new Set(Object.keys(theory).map((key) => key.slice(key.indexOf(':') + 1)));
    for (const flow of scenario.flows) {
      if (flow.broadcast || flow.publish !== undefined) continue;
      // Exactly one of the two: a flow with a prediction gives no reason for having none.
      expect(predicted.has(flow.id) !== flow.id in noTheory, `${file}: flow ${flow.id}`).toBe(true);
      if (flow.id in noTheory) expect(noTheory[flow.id].length).toBeGreaterThan(20);
    }
  });
});
