import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import { applyOverrides, parseOverride } from '../../src/scenario/overrides.js';
import { FIXTURES, issueAt, issuesOf } from './issues.js';

const document = {
  name: 'doc',
  seed: 1,
  nodes: [{ id: 'a' }, { id: 'b', failure: { mttf: '1h', mttr: '5m' } }],
  links: [{ between: ['a', 'b'], bandwidth: '1Gbps', delay: '10ms' }],
  flows: [{ from: 'a', to: 'b', workload: { messages: 10 } }],
};

describe('applyOverrides', () => {
  it('reads values as YAML: numbers, strings, flow objects and lists', () => {
    const result = applyOverrides(document, [
      'seed=7',
      'links[0].delay=20ms',
      'flows[0].transport={protocol: datagram}',
      'links[0].between=[b, a]',
      'name="007"',
    ]) as typeof document & { flows: Array<{ transport: unknown }> };
    expect(result.seed).toBe(7);
    expect(result.links[0].delay).toBe('20ms');
    expect(result.flows[0].transport).toEqual({ protocol: 'datagram' });
    expect(result.links[0].between).toEqual(['b', 'a']);
    expect(result.name).toBe('007');
  });

  it('sets nested keys, creating missing objects, and leaves the input alone', () => {
    const before = structuredClone(document);
    const result = applyOverrides(document, ['nodes[1].failure.mttf=2h', 'nodes[0].failure.mttr=1m']) as {
      nodes: Array<{ failure?: Record<string, unknown> }>;
    };
    expect(result.nodes[1].failure).toEqual({ mttf: '2h', mttr: '5m' });
    expect(result.nodes[0].failure).toEqual({ mttr: '1m' });
    expect(document).toEqual(before);
  });

  it('applies overrides in order, later ones winning', () => {
    expect(applyOverrides(document, ['seed=2', 'seed=3'])).toMatchObject({ seed: 3 });
  });

  it('appends to a list at the index just past its end', () => {
    const result = applyOverrides(document, ['nodes[2]={id: c}']) as typeof document;
    expect(result.nodes.map((node) => node.id)).toEqual(['a', 'b', 'c']);
  });

  it('starts from an empty object when the document is empty', () => {
    expect(applyOverrides(null, ['name=x'])).toEqual({ name: 'x' });
  });

  it('rejects an index past the end of a list, naming --set and the path', () => {
    const issues = issuesOf(() => applyOverrides(document, ['flows[3].workload.messages=5']));
    expect(issues).toEqual([
      {
        file: '--set',
        path: 'flows[3].workload.messages',
        message:
          "--set flows[3].workload.messages=5: index 3 of 'flows' must be a whole number from 0 to 0 ('flows' has 1 item)",
      },
    ]);
  });

  it('rejects a negative index, naming --set, the path and the length of the list', () => {
    expect(issuesOf(() => applyOverrides(document, ['links[-1].loss=0.1']))).toEqual([
      {
        file: '--set',
        path: 'links[-1].loss',
        message:
          "--set links[-1].loss=0.1: index -1 of 'links' must be a whole number from 0 to 0 ('links' has 1 item)",
      },
    ]);
    // The list as the overrides before left it.
    expect(
      issuesOf(() => applyOverrides(document, ['links[1]={between: [b, a]}', 'links[-2].delay=1ms']))[0]
        .message,
    ).toBe(
      "--set links[-2].delay=1ms: index -2 of 'links' must be a whole number from 0 to 1 ('links' has 2 items)",
    );
  });

  it('names a bad index as written, in the message and the path', () => {
    expect(
      issuesOf(() => applyOverrides(document, ['links[ 0].loss=0.1', 'links[99999999999999999999]=1'])),
    ).toEqual([
      {
        file: '--set',
        path: 'links[ 0].loss',
        message:
          "--set links[ 0].loss=0.1: index ' 0' of 'links' must be a whole number from 0 to 0 ('links' has 1 item)",
      },
      {
        file: '--set',
        path: 'links[99999999999999999999]',
        message:
          "--set links[99999999999999999999]=1: index 99999999999999999999 of 'links' must be a whole number " +
          "from 0 to 1 ('links' has 1 item; index 1 adds one)",
      },
    ]);
  });

  it('reports every bad override at once', () => {
    const issues = issuesOf(() =>
      applyOverrides(document, [
        'seed',
        'nodes.id=x',
        'seed.value=1',
        'flows[0].x[0]=1',
        'a..b=1',
        'name={oops',
      ]),
    );
    expect(issues.map((issue) => issue.message)).toEqual([
      '--set seed: expected path=value, like flows[0].workload.messages=100',
      "--set nodes.id=x: 'nodes' is a list: use an index, like nodes[0].id",
      "--set seed.value=1: 'seed' is number 1, not an object or a list, so it has no key 'value'",
      "--set flows[0].x[0]=1: there is no list at 'flows[0].x' (give the whole list first: --set 'flows[0].x=[...]')",
      expect.stringMatching(/^--set a\.\.b=1: cannot read the path 'a\.\.b'/),
      expect.stringMatching(/^--set name=\{oops: cannot read the value as YAML/),
    ]);
  });

  it('refuses a value whose aliases yaml cannot resolve, or that would hold itself, naming --set', () => {
    const messages = issuesOf(() =>
      applyOverrides(document, [
        'seed=*x',
        'flows[0].workload={messages: 2, encoding: json, payload: &p {a: [*p]}}',
        'flows[0].workload={messages: &n 2, size: &n 3}',
      ]),
    ).map((issue) => issue.message);
    expect(messages).toEqual([
      '--set seed=*x: cannot read the value as YAML: the alias *x names no anchor: set &x on a value before it',
      '--set flows[0].workload={messages: 2, encoding: json, payload: &p {a: [*p]}}: cannot read the value ' +
        'as YAML: the alias *p lies inside the value its anchor marks: a value cannot hold itself',
      '--set flows[0].workload={messages: &n 2, size: &n 3}: cannot read the value as YAML: the anchor &n is ' +
        'set twice (first at character 12): an alias would name the later one, so give each anchor its own name',
    ]);
    // An alias of an anchor set before it is fine.
    expect(applyOverrides(document, ['flows[0].workload={messages: &n 2, start: *n}'])).toMatchObject({
      flows: [{ workload: { messages: 2, start: 2 } }],
    });
  });

  it('reads merge keys as a file does: they merge, and one of no mapping is refused naming --set', () => {
    const merged = applyOverrides(document, [
      'links[0]={<<: {bandwidth: 2Mbps, delay: 5ms}, between: [a, b], delay: 1ms}',
      'flows[0].workload={<<: [{messages: 3}, {size: 10B}]}',
    ]);
    expect(merged).toMatchObject({
      links: [{ between: ['a', 'b'], bandwidth: '2Mbps', delay: '1ms' }],
      flows: [{ workload: { messages: 3, size: '10B' } }],
    });
    expect((merged as { links: object[] }).links[0]).not.toHaveProperty('<<');
    const messages = issuesOf(() =>
      applyOverrides(document, ['links[0]={<<: 5}', 'links[0]={<<: [{delay: 1ms}, x]}', 'links[0]={<<: }']),
    ).map((issue) => issue.message);
    const refused =
      'cannot read the value as YAML: a merge key << takes a mapping, an alias of one, or a list of those';
    expect(messages).toEqual([
      `--set links[0]={<<: 5}: ${refused}; got '5'`,
      `--set links[0]={<<: [{delay: 1ms}, x]}: ${refused}; got 'x'`,
      `--set links[0]={<<: }: ${refused}; got nothing`,
    ]);
  });

  it('keeps keys like __proto__ as plain data', () => {
    const result = applyOverrides({}, ['__proto__.polluted=1']) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseOverride', () => {
  it('splits at the first = and reads quoted keys', () => {
    expect(parseOverride('nodes[0]["a.b"]=x=y')).toMatchObject({
      text: 'nodes[0]["a.b"]=x=y',
      pathText: 'nodes[0]["a.b"]',
      path: ['nodes', 0, 'a.b'],
      value: 'x=y',
    });
    expect(parseOverride('seed=').value).toBeNull();
  });
});

describe('loadScenario with overrides', () => {
  const file = `${FIXTURES}/valid.yaml`;

  it('applies them before validation', () => {
    const scenario = loadScenario(file, {
      overrides: ['seed=9', 'links[0].delay=20ms', 'flows[0].workload.messages=5'],
    });
    expect(scenario.seed).toBe(9);
    expect(scenario.links[0].delay.mean).toBeCloseTo(0.02);
    expect(scenario.flows[0].workload.messages).toBe(5);
  });

  it('blames the override, not the file line, for a bad overridden value', () => {
    const issues = issuesOf(() => loadScenario(file, { overrides: ['links[0].bandwidth=fast'] }));
    const issue = issueAt(issues, 'links[0].bandwidth');
    expect(issue.line).toBeUndefined();
    expect(formatIssue(issue)).toMatch(
      /^test\/fixtures\/valid\.yaml: links\[0\]\.bandwidth: expected a bandwidth greater than 0 .*\(value from --set links\[0\]\.bandwidth=fast\)$/,
    );
  });

  it('still locates the issues the overrides did not touch', () => {
    const issues = issuesOf(() =>
      loadScenario(`${FIXTURES}/bad-types.yaml`, { overrides: ['seed=1', 'flows[0].to=nobody'] }),
    );
    expect(issues.map((issue) => issue.path)).not.toContain('seed');
    expect(issueAt(issues, 'nodes[0].processing').line).toBe(5);
    expect(issueAt(issues, 'links[0].bandwth').line).toBe(10);
  });

  it('says which --set brought about an issue at a path it did not set, still at the file line', () => {
    const issues = issuesOf(() => loadScenario(file, { overrides: ['nodes[1].id=db'] }));
    expect(issues.map(formatIssue)).toEqual([
      "test/fixtures/valid.yaml:10:23: links[0].between[1]: unknown node 'server' (nodes: sender, db) (after --set nodes[1].id=db)",
      "test/fixtures/valid.yaml:17:9: flows[0].to: unknown node 'server' (nodes: sender, db) (after --set nodes[1].id=db)",
      "test/fixtures/valid.yaml:21:23: faults[0].crash: unknown node 'server' (nodes: sender, db) (after --set nodes[1].id=db)",
      "test/fixtures/valid.yaml:22:25: faults[1].recover: unknown node 'server' (nodes: sender, db) (after --set nodes[1].id=db)",
    ]);
  });

  it('names only the override an issue needs among several', () => {
    // The recover at 20 s lies after a 15 s run; the seed has nothing to do with it.
    const shortened = issuesOf(() => loadScenario(file, { overrides: ['seed=4', 'duration=15s'] }));
    expect(shortened.map(formatIssue)).toEqual([
      'test/fixtures/valid.yaml:22:11: faults[1].at: this recover at 20 s is after the end of the run ' +
        '(duration 15 s), so it would never happen: expected a time of at most 15 s (move it, lengthen ' +
        'the duration, or drop it) (after --set duration=15s)',
    ]);
  });

  it('names, among overrides that each break something, only those a problem needs', () => {
    // Renaming both nodes: a reference to the old sender needs only the sender's rename, though
    // the other rename changes the list of nodes the message shows.
    const issues = issuesOf(() =>
      loadScenario(file, { overrides: ['nodes[1].id=db', 'nodes[0].id=client'] }),
    );
    expect(issues.map(formatIssue)).toEqual([
      "test/fixtures/valid.yaml:10:15: links[0].between[0]: unknown node 'sender' (nodes: client, db) (after --set nodes[0].id=client)",
      "test/fixtures/valid.yaml:10:23: links[0].between[1]: unknown node 'server' (nodes: client, db) (after --set nodes[1].id=db)",
      "test/fixtures/valid.yaml:16:11: flows[0].from: unknown node 'sender' (nodes: client, db) (after --set nodes[0].id=client)",
      "test/fixtures/valid.yaml:17:9: flows[0].to: unknown node 'server' (nodes: client, db) (after --set nodes[1].id=db)",
      "test/fixtures/valid.yaml:21:23: faults[0].crash: unknown node 'server' (nodes: client, db) (after --set nodes[1].id=db)",
      "test/fixtures/valid.yaml:22:25: faults[1].recover: unknown node 'server' (nodes: client, db) (after --set nodes[1].id=db)",
    ]);
  });

  it('names the other overrides a value from --set fails with', () => {
    // 16 s is within the file's 20 s... there is no duration in the file: the run ends with
    // its flow, so only the shortened run makes the moved recover too late.
    const issues = issuesOf(() =>
      loadScenario(file, { overrides: ['seed=5', 'duration=15s', 'faults[1].at=16s'] }),
    );
    expect(issues.map(formatIssue)).toEqual([
      'test/fixtures/valid.yaml: faults[1].at: this recover at 16 s is after the end of the run ' +
        '(duration 15 s), so it would never happen: expected a time of at most 15 s (move it, lengthen ' +
        'the duration, or drop it) (value from --set faults[1].at=16s, after --set duration=15s)',
    ]);
  });

  it('takes a key an override created for the value from --set, with no file line', () => {
    // `foo` and the failure of the sender exist only because the overrides made them.
    const issues = issuesOf(() =>
      loadScenario(file, { overrides: ['foo.bar=1', 'nodes[0].failure.mttf=1h'] }),
    );
    expect(issues.map(formatIssue)).toEqual([
      "test/fixtures/valid.yaml: nodes[0].failure.mttr: missing required key 'mttr' (mean time to repair " +
        '(exponential)): expected a time with a unit, or a bare number in SI base units (value from --set ' +
        'nodes[0].failure.mttf=1h)',
      "test/fixtures/valid.yaml: foo: unknown key 'foo' (expected one of: name, description, seed, duration, " +
        'warmup, routing, topologies, nodes, links, groups, flows, faults, services, repairCrews, brokers) ' +
        '(value from --set foo.bar=1)',
    ]);
  });

  it('adds nothing to the issues the file has by itself', () => {
    const issues = issuesOf(() =>
      loadScenario(`${FIXTURES}/bad-references.yaml`, { overrides: ['seed=2', 'links[0].bandwidth=2Gbps'] }),
    );
    expect(issues.map((issue) => `${issue.line}: ${issue.path}: ${issue.message}`)).toEqual([
      "4: nodes[1].id: duplicate node id 'a'",
      "6: links[0].between[1]: unknown node 'nowhere' (nodes: a)",
      "10: flows[0].to: unknown node 'ghost' (nodes: a)",
      '11: flows[0].workload.messages: this flow never ends: give it a message count or a stop time, or give the scenario a duration',
    ]);
  });

  it('names the file in override errors', () => {
    const issues = issuesOf(() => loadScenario(file, { overrides: ['flows[4].to=x'] }));
    expect(issues).toEqual([
      {
        file,
        path: 'flows[4].to',
        message:
          "--set flows[4].to=x: index 4 of 'flows' must be a whole number from 0 to 0 ('flows' has 1 item)",
      },
    ]);
  });
});
