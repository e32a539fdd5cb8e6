import { describe, expect, it } from 'vitest';
import { listIds, shortenValue } from '../../src/engine/quote-value.js';
import { parseScenarioText } from '../../src/scenario/load.js';
import { issueLines, issuesOf } from './issues.js';

/** A valid scenario to break one value at a time. */
const VALID = `name: base
nodes:
  - id: a
  - id: b
links:
  - between: [a, b]
    bandwidth: 1Gbps
flows:
  - from: a
    to: b
    workload: { messages: 10 }
`;

const long = 'x'.repeat(5000);
/** How messages show `long`: its first 60 characters, then how many there were. */
const shown = `${'x'.repeat(60)}… (5000 characters in all)`;

/** The `path: message` lines of loading `text`, with `overrides`. */
function problems(text: string, overrides: string[] = []): string[] {
  return issueLines(issuesOf(() => parseScenarioText(text, 'long.yaml', { overrides })));
}

describe('long values in messages', () => {
  it('lists ids each shortened, the first twelve of them', () => {
    expect(listIds(['a', long, 'b'])).toBe(`a, ${shown}, b`);
    const many = Array.from({ length: 13 }, (_, index) => `n${index}`);
    expect(listIds(many)).toBe('n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, ... (13 in all)');
    expect(listIds([])).toBe('none');
    expect(shortenValue('abc')).toBe('abc');
  });

  it('quote a long value by its start, from a file and from --set alike', () => {
    const bad = `expected a bandwidth greater than 0 such as '1Gbps' (a bare number is in bit/s), got '${shown.replace('…', "…'")}`;
    expect(problems(VALID.replace('1Gbps', long))).toEqual([`links[0].bandwidth: ${bad}`]);
    expect(problems(VALID, [`links[0].bandwidth=${long}`])).toEqual([
      `links[0].bandwidth: ${bad} (value from --set links[0].bandwidth=${shown})`,
    ]);
    const unit = `unknown bandwidth unit '${shown.replace('…', "…'")} in '5${'x'.repeat(59)}…' (5001 characters in all)`;
    expect(problems(VALID.replace('1Gbps', `5${long}`))[0]).toContain(unit);
  });

  it('list long node ids shortened, and quote a long unknown one shortened', () => {
    const idLines = problems(VALID.replace('  - id: a', `  - id: ${long}`));
    expect(idLines).toEqual([
      `links[0].between[0]: unknown node 'a' (nodes: ${shown}, b)`,
      `flows[0].from: unknown node 'a' (nodes: ${shown}, b)`,
    ]);
    expect(problems(VALID, [`nodes[0].id=${long}`])).toEqual([
      `links[0].between[0]: unknown node 'a' (nodes: ${shown}, b) (after --set nodes[0].id=${shown})`,
      `flows[0].from: unknown node 'a' (nodes: ${shown}, b) (after --set nodes[0].id=${shown})`,
    ]);
    expect(problems(VALID.replace('to: b', `to: ${long}`))[0]).toBe(
      `flows[0].to: unknown node '${shown.replace('…', "…'")} (nodes: a, b)`,
    );
  });

  it('quote a long string of the wrong kind, and a long unknown protocol, the same way', () => {
    expect(problems(VALID.replace('messages: 10', `messages: ${long}`))[0]).toContain(
      `got string '${shown.replace('…', "…'")}`,
    );
    expect(problems(VALID, [`flows[0].transport.protocol=${long}`])[0]).toMatch(
      new RegExp(
        `^flows\\[0\\]\\.transport\\.protocol: unknown protocol '${'x'.repeat(60)}…' \\(5000 characters in all\\) \\(expected one of:`,
      ),
    );
  });
});
