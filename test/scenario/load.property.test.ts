import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ScenarioError } from '../../src/scenario/errors.js';
import { parseScenarioText } from '../../src/scenario/load.js';

// fast-check prints the seed and the shrunk counterexample of a failing property, so a failure
// can be replayed with `{ seed, path }` in the options below.

/** A word of `characters` after a letter; cheaper to generate and shrink than fc.stringMatching. */
const word = (characters: string) =>
  fc.string({ unit: fc.constantFrom(...characters), maxLength: 7 }).map((tail) => `n${tail}`);

const time = fc.oneof(
  fc.integer({ min: 0, max: 10_000 }).map((ms) => `${ms}ms`),
  fc.integer({ min: 1, max: 60 }).map((s) => `${s}s`),
  fc.double({ min: 0, max: 100, noNaN: true }),
);
const positiveTime = fc.integer({ min: 1, max: 5000 }).map((us) => `${us}us`);
const distribution = fc.oneof(
  time,
  positiveTime.map((mean) => ({ dist: 'exponential', mean })),
  fc
    .tuple(fc.nat(1000), fc.nat(1000))
    .map(([minMs, widthMs]) => ({ dist: 'uniform', min: `${minMs}ms`, max: `${minMs + widthMs}ms` })),
);
const bandwidth = fc.oneof(
  fc.integer({ min: 1, max: 1000 }).map((mbps) => `${mbps}Mbps`),
  fc.integer({ min: 1, max: 1e9 }),
);
const transport = fc.oneof(
  fc.constant(undefined),
  fc.constant({ protocol: 'datagram' }),
  positiveTime.map((timeout) => ({ protocol: 'stop-and-wait', timeout, ackSize: '40B' })),
);

/** Valid scenario documents as a user would write them (ids unique, references resolved). */
const validScenario = fc.uniqueArray(word('abcxyz019-'), { minLength: 2, maxLength: 5 }).chain((ids) => {
  const node = (id: string) =>
    fc.record(
      {
        id: fc.constant(id),
        processing: distribution,
        servers: fc.integer({ min: 1, max: 4 }),
        queue: fc.nat(100),
      },
      { requiredKeys: ['id'] },
    );
  const pair = fc
    .tuple(fc.nat(ids.length - 1), fc.nat(ids.length - 2))
    .map(([from, offset]) => [ids[from], ids[(from + 1 + offset) % ids.length]] as const);
  const link = fc.record(
    {
      between: pair,
      bandwidth,
      delay: distribution,
      loss: fc.double({ min: 0, max: 1, noNaN: true }),
      buffer: fc.nat(64),
    },
    { requiredKeys: ['between', 'bandwidth'] },
  );
  const flow = fc.record({
    from: pair,
    transport,
    workload: fc.record({
      messages: fc.integer({ min: 1, max: 1000 }),
      size: fc.integer({ min: 1, max: 1500 }).map((b) => `${b}B`),
    }),
  });
  return fc.record({
    name: word('abz09._-'),
    seed: fc.nat(1000),
    nodes: fc.tuple(...ids.map(node)),
    // A chain joins every node, so every flow has a path (the schema rejects flows without one).
    links: fc
      .tuple(fc.array(link, { maxLength: 4 }), bandwidth)
      .map(([links, chainBandwidth]) =>
        dedupeLinks([
          ...ids.slice(1).map((id, i) => ({ between: [ids[i], id] as const, bandwidth: chainBandwidth })),
          ...links,
        ]),
      ),
    flows: fc.array(flow, { minLength: 1, maxLength: 3 }).map((flows) =>
      flows.map(({ from: [from, to], transport: chosen, workload }) => ({
        from,
        to,
        workload,
        ...(chosen && { transport: chosen }),
      })),
    ),
  });
});

/** Two links between the same ordered pair would share a default id, which the schema rejects. */
function dedupeLinks<Link extends { between: readonly [string, string] }>(links: Link[]): Link[] {
  const seen = new Set<string>();
  return links.filter((link) => {
    const id = link.between.join('-');
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Replaces or deletes the value at one path of `document`, chosen by `selector`. */
function mutate(document: unknown, selector: number, replacement: unknown, remove: boolean): unknown {
  const copy = structuredClone(document);
  const paths: Array<Array<string | number>> = [];
  const walk = (value: unknown, path: Array<string | number>) => {
    if (path.length > 0) paths.push(path);
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value))
        walk(child, [...path, Array.isArray(value) ? Number(key) : key]);
    }
  };
  walk(copy, []);
  const path = paths[selector % paths.length];
  let parent = copy as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove && !Array.isArray(parent)) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

/** Parses `text`; returns normally on success, checks the error on failure. */
function expectOnlyScenarioErrors(text: string, file: string): void {
  try {
    parseScenarioText(text, file);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(issue.file).toBe(file);
      expect(issue.message.trim()).not.toBe('');
    }
  }
}

describe('parseScenarioText properties', () => {
  it('generated scenarios are valid', () => {
    fc.assert(
      fc.property(validScenario, (document) => {
        expect(() => parseScenarioText(JSON.stringify(document), 'generated.json')).not.toThrow();
      }),
      { numRuns: 50 },
    );
  });

  it('throws only ScenarioErrors with located, non-empty issues for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectOnlyScenarioErrors(JSON.stringify(value) ?? 'null', 'any.json');
        expectOnlyScenarioErrors(stringify(value), 'any.yaml');
      }),
      { numRuns: 150 },
    );
  });

  it('throws only ScenarioErrors for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        expectOnlyScenarioErrors(text, 'text.yaml');
        expectOnlyScenarioErrors(text, 'text.json');
      }),
      { numRuns: 150 },
    );
  });

  it('throws only ScenarioErrors for valid scenarios with one part broken', () => {
    fc.assert(
      fc.property(
        validScenario,
        fc.nat(),
        fc.jsonValue({ maxDepth: 2 }),
        fc.boolean(),
        (document, selector, value, remove) => {
          const broken = mutate(document, selector, value, remove);
          expectOnlyScenarioErrors(JSON.stringify(broken), 'broken.json');
          expectOnlyScenarioErrors(stringify(broken), 'broken.yaml');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads a scenario the same from YAML and from JSON', () => {
    fc.assert(
      fc.property(validScenario, (document) => {
        const plain = (scenario: unknown) => JSON.parse(JSON.stringify(scenario));
        const fromJson = parseScenarioText(JSON.stringify(document, null, 2), 'round-trip.json');
        const fromYaml = parseScenarioText(stringify(document), 'round-trip.yaml');
        expect(plain(fromYaml)).toEqual(plain(fromJson));
      }),
      { numRuns: 50 },
    );
  });
});
