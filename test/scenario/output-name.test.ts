import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/scenario/load.js';
import { issueLines, issuesOf } from './issues.js';

/** A valid scenario named `name` (a YAML string). */
function named(name: string): string {
  return [
    `name: ${JSON.stringify(name)}`,
    'nodes: [{id: a}, {id: b}]',
    'links: [{ between: [a, b], bandwidth: 1Mbps, delay: 1ms }]',
    'flows: [{ from: a, to: b, workload: { messages: 1 } }]',
  ].join('\n');
}

const nameIssues = (name: string) => issueLines(issuesOf(() => parseScenarioText(named(name), 'f.yaml')));

describe("a scenario's name, which names its output folder", () => {
  it('refuses . and .. saying which folder they would name', () => {
    expect(nameIssues('..')).toEqual([
      "name: expected a name beginning with a letter or digit (it names the output folder: .. would name a folder outside output/, the one holding it), got string '..'",
    ]);
    expect(nameIssues('.')).toEqual([
      "name: expected a name beginning with a letter or digit (it names the output folder: . would name output/ itself), got string '.'",
    ]);
  });

  it('refuses a name of the allowed characters for how it begins, and others for their characters', () => {
    for (const name of ['.hidden', '-x', '_x', '...']) {
      expect(nameIssues(name)).toEqual([
        `name: expected a name beginning with a letter or digit (it names the output folder), got string '${name}'`,
      ]);
    }
    for (const name of ['a b', 'a/b', '']) {
      expect(nameIssues(name)).toEqual([
        `name: expected a name of letters, digits, . _ - (it names the output folder), got string '${name}'`,
      ]);
    }
    expect(parseScenarioText(named('a..b'), 'f.yaml').name).toBe('a..b');
  });
});
