import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';

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
