import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/scenario/errors.js';
import { loadScenario, parseScenarioText } from '../../src/scenario/load.js';
import { createRegistries } from '../../src/scenario/registries.js';
import { FIXTURES, issueAt, issuesOf } from './issues.js';

/** A valid scenario to break one key at a time. */
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

// The schema lists the registered transports, not a second list.
const TRANSPORT_IDS = createRegistries().transports.ids().join(', ');
expect(TRANSPORT_IDS).toBe('datagram, stop-and-wait, go-back-n, selective-repeat');

describe('loadScenario', () => {
  it('reads the same scenario from YAML and JSON', () => {
    const fromYaml = loadScenario(`${FIXTURES}/valid.yaml`);
    const fromJson = loadScenario(`${FIXTURES}/valid.json`);
    expect(JSON.parse(JSON.stringify(fromYaml))).toEqual(JSON.parse(JSON.stringify(fromJson)));
    expect(fromYaml.links[0].bandwidth).toBe(100e6);
    expect(fromYaml.flows[0].transport.protocol).toBe('stop-and-wait');
  });

  it('locates every schema issue of a YAML file by line and column', () => {
    const file = `${FIXTURES}/bad-types.yaml`;
    const issues = issuesOf(() => loadScenario(file));
    expect(issues.every((issue) => issue.file === file)).toBe(true);
    expect(issueAt(issues, 'seed')).toMatchObject({
      line: 2,
      column: 7,
      message: "expected a number, got string 'abc'",
    });
    expect(issueAt(issues, 'nodes[0].processing')).toMatchObject({
      line: 5,
      message: expect.stringContaining("unknown time unit 'xs' in '1xs'"),
    });
    expect(issueAt(issues, 'nodes[1].processing.dist')).toMatchObject({
      line: 7,
      message: expect.stringContaining("unknown dist 'expo'"),
    });
    expect(issueAt(issues, 'links[0].bandwth')).toMatchObject({ line: 10, column: 5 });
    expect(issueAt(issues, 'flows[0].transport.protocol')).toMatchObject({ line: 14 });
    expect(issues).toHaveLength(5);
  });

  it('locates the same issues in the JSON version of the file', () => {
    const issues = issuesOf(() => loadScenario(`${FIXTURES}/bad-types.json`));
    expect(issues.map((issue) => [issue.path, issue.line])).toEqual([
      ['seed', 3],
      ['nodes[0].processing', 5],
      ['nodes[1].processing.dist', 6],
      ['links[0].bandwth', 8],
      ['flows[0].transport.protocol', 13],
    ]);
    expect(issueAt(issues, 'seed').column).toBe(11);
  });

  it('reports YAML syntax errors with their line', () => {
    const file = `${FIXTURES}/syntax-error.yaml.broken`;
    const issues = issuesOf(() => loadScenario(file));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ file, line: 6, message: expect.stringMatching(/^syntax error: /) });
    const [indented] = issuesOf(() =>
      parseScenarioText('name: a\nnodes:\n  - id: a\n   id: b\n', 'indent.yaml'),
    );
    expect(indented).toMatchObject({ line: 4, message: expect.stringMatching(/^syntax error: /) });
  });

  it('shows the first five YAML syntax errors and counts the rest, which follow from them', () => {
    // Every other node indented one space too far: twelve errors from the parser.
    const nodes = Array.from({ length: 20 }, (_, i) => `${i % 2 === 0 ? '   ' : '  '}- id: n${i}`);
    const issues = issuesOf(() =>
      parseScenarioText(['name: x', 'nodes:', ...nodes, ''].join('\n'), 'many.yaml'),
    );
    expect(issues).toHaveLength(6);
    expect(issues.slice(0, 5).every((issue) => issue.message.startsWith('syntax error: '))).toBe(true);
    expect(issues[0].line).toBe(4);
    expect(issues[5].message).toBe(
      '7 more syntax errors after these, most likely following from the first: fix it and check again',
    );
  });

  it('reports JSON syntax errors with their line and column', () => {
    const file = `${FIXTURES}/syntax-error.json.broken`;
    const issues = issuesOf(() => loadScenario(file));
    expect(issues).toEqual([
      {
        file,
        path: '',
        line: 5,
        column: 5,
        message: "syntax error: invalid JSON: Expected ',' or ']' after array element",
      },
    ]);
  });

  it('reports the spot of a JSON error that V8 gives no position for', () => {
    const [issue] = issuesOf(() => parseScenarioText('{\n  "name": "a",\n  "seed": NaN\n}\n', 'x.json'));
    expect(issue).toMatchObject({
      line: 3,
      column: 11,
      message: "syntax error: invalid JSON: Unexpected token 'N'",
    });
  });

  it('names the file it cannot read', () => {
    const issues = issuesOf(() => loadScenario(`${FIXTURES}/no-such-file.yaml`));
    expect(issues).toEqual([
      {
        file: `${FIXTURES}/no-such-file.yaml`,
        path: '',
        message: 'cannot read the scenario file: no such file',
      },
    ]);
    expect(issuesOf(() => loadScenario(FIXTURES))[0].message).toContain('directory');
  });

  it('reports reference errors at the referring key', () => {
    const issues = issuesOf(() => loadScenario(`${FIXTURES}/bad-references.yaml`));
    expect(issueAt(issues, 'nodes[1].id')).toMatchObject({ line: 4, message: "duplicate node id 'a'" });
    expect(issueAt(issues, 'links[0].between[1]')).toMatchObject({
      line: 6,
      message: "unknown node 'nowhere' (nodes: a)",
    });
    expect(issueAt(issues, 'flows[0].to')).toMatchObject({ line: 10 });
    expect(issueAt(issues, 'flows[0].workload.messages').message).toContain('never ends');
  });

  it("refuses '__proto__' as an id: results keyed by it would lose the entry", () => {
    const text = VALID.replace('  - from: a', '  - id: __proto__\n    from: a').replace(
      'id: b',
      'id: __proto__',
    );
    const issues = issuesOf(() => parseScenarioText(text, 'proto.yaml'));
    const expected = "expected another id: '__proto__' cannot key a result";
    expect(issueAt(issues, 'nodes[1].id')).toMatchObject({ line: 4, message: expected });
    expect(issueAt(issues, 'flows[0].id')).toMatchObject({ line: 9, message: expected });
  });

  it('reports reference errors beside schema errors in the parts the references do not read', () => {
    const text = `name: both
duration: 10s
seed: -1
nodes: [{ id: a }, { id: b, processing: { dist: weird } }]
links: [{ between: [a, b], bandwidth: 10 parsecs, bandwth: 3 }]
flows: [{ from: a, to: ghost, transport: { protocol: bogus }, workload: { rate: 10 } }]
faults:
  - { at: 2s, cut: nolink }
  - { at: 20s, crash: b }
`;
    const issues = issuesOf(() => parseScenarioText(text, 'both.yaml'));
    expect(issues.map((issue) => `${issue.line}: ${issue.path}: ${issue.message.split(' (')[0]}`)).toEqual([
      '3: seed: expected a number of at least 0, got -1',
      "4: nodes[1].processing.dist: unknown dist 'weird'",
      "5: links[0].bandwidth: unknown bandwidth unit 'parsecs' in '10 parsecs'",
      "5: links[0].bandwth: unknown key 'bandwth'; did you mean 'bandwidth'?",
      "6: flows[0].to: unknown node 'ghost'",
      "6: flows[0].transport.protocol: unknown protocol 'bogus'",
      "8: faults[0].cut: unknown link 'nolink'",
      '9: faults[1].at: this crash at 20 s is after the end of the run',
    ]);
  });

  it('holds the reference checks back while what they read has schema errors', () => {
    // A bad node id or fault time would make every reference to it look wrong, or compare text.
    const text = `name: held
duration: 10s
nodes: [{ id: 'a b' }, { id: b }]
links: [{ between: [b, b2] }]
faults:
  - { at: soon, cut: nolink }
`;
    const issues = issuesOf(() => parseScenarioText(text, 'held.yaml'));
    expect(issues.map((issue) => issue.path)).toEqual(['nodes[0].id', 'links[0].bandwidth', 'faults[0].at']);
  });
});

describe('cross-reference checks beside schema issues', () => {
  it('run past a workload value that is only out of range, but not past one of the wrong type', () => {
    // messages: 0 is still a count the "never ends" check can read; 'many' is not.
    const withMessages = (messages: string) =>
      issuesOf(() =>
        parseScenarioText(
          VALID.replace('messages: 10', `messages: ${messages}`).replace('to: b', 'to: ghost'),
          'w.yaml',
        ),
      ).map((issue) => `${issue.line}:${issue.column}: ${issue.path}: ${issue.message}`);
    expect(withMessages('0')).toEqual([
      "10:9: flows[0].to: unknown node 'ghost' (nodes: a, b)",
      '11:27: flows[0].workload.messages: expected a number of at least 1, got 0',
    ]);
    expect(withMessages('many')).toEqual([
      "11:27: flows[0].workload.messages: expected a number, got string 'many'",
    ]);
  });

  it('run past a duration or window of 0 s or less, as past any value only out of range', () => {
    const lines = (text: string) =>
      issuesOf(() => parseScenarioText(text, 'r.yaml')).map((issue) => `${issue.path}: ${issue.message}`);
    const scenario = (duration: string, faults: string) => `name: f10
duration: ${duration}
nodes: [{id: a}, {id: b}]
links: [{between: [a, b], bandwidth: 1Mbps}]
flows: [{from: a, to: zz, workload: {rate: 10}}]
faults: [${faults}]
`;
    for (const duration of ['0s', '-5s', '0']) {
      expect(lines(scenario(duration, '{at: 1s, crash: zz}'))).toEqual([
        `duration: expected a time greater than 0, got ${duration}`,
        "flows[0].to: unknown node 'zz' (nodes: a, b)",
        // Not "after the end of the run": a refused duration is no end to measure against.
        "faults[0].crash: unknown node 'zz' (nodes: a, b)",
      ]);
    }
    const windows = scenario(
      '10s',
      '{at: 1s, crash: zz}, {at: 7s, degrade: a-b, for: 0s, bandwidth: 1Mbps}, ' +
        '{at: 8s, partition: [[a], [b]], id: split, for: 0s}, {at: 9s, heal: split}',
    ).replace('to: zz', 'to: b');
    expect(lines(windows)).toEqual([
      "faults[0].crash: unknown node 'zz' (nodes: a, b)",
      'faults[1].for: expected a time greater than 0, got 0s',
      'faults[2].for: expected a time greater than 0, got 0s',
    ]);
    expect(lines(windows.replace('for: 0s, bandwidth: 1Mbps', 'for: 1s, bandwidth: 0'))).toEqual([
      "faults[0].crash: unknown node 'zz' (nodes: a, b)",
      'faults[1].bandwidth: expected a bandwidth greater than 0, got 0',
      'faults[2].for: expected a time greater than 0, got 0s',
    ]);
  });

  it('compare no timeout of 0 s or less with the others: its refusal says it all', () => {
    const timeout = (value: string) =>
      issuesOf(() =>
        parseScenarioText(
          VALID.replace('to: b', `to: b\n    transport: { protocol: go-back-n, timeout: ${value} }`),
          't.yaml',
        ),
      ).map((issue) => `${issue.path}: ${issue.message}`);
    expect(timeout('{ strategy: adaptive, initial: 0s }')).toEqual([
      'flows[0].transport.timeout.initial: expected a time greater than 0, got 0s',
    ]);
    expect(timeout('{ strategy: exponential-backoff, max: -1s }')).toEqual([
      'flows[0].transport.timeout.max: expected a time greater than 0, got -1s',
    ]);
  });

  it('locate a duplicate link id at the id, and one without an id at its between', () => {
    const located = (links: string) =>
      issuesOf(() =>
        parseScenarioText(VALID.replace('  - between: [a, b]\n    bandwidth: 1Gbps\n', links), 'l.yaml'),
      ).map((issue) => `${issue.line}:${issue.column}: ${issue.path}: ${issue.message}`);
    expect(
      located(`  - id: L
    between: [a, b]
    bandwidth: 1Gbps
  - id: L
    between: [b, a]
    bandwidth: 1Gbps
`),
    ).toEqual(["9:9: links[1].id: duplicate link id 'L'"]);
    expect(
      located(`  - between: [a, b]
    bandwidth: 1Gbps
  - between: [a, b]
    bandwidth: 1Gbps
`),
    ).toEqual([
      "8:14: links[1].between: duplicate link id 'a-b' (a link without an id is named after its between)",
    ]);
  });
});

describe('parseScenarioText formats', () => {
  it('sniffs JSON and YAML for other extensions', () => {
    const json = JSON.stringify({ name: 'x', nodes: [{ id: 'a' }], duration: '1s' });
    expect(parseScenarioText(json, 'scenario.txt').name).toBe('x');
    expect(parseScenarioText('name: y\nnodes: [{id: a}]\nduration: 1s\n', 'scenario').name).toBe('y');
  });

  it('rejects duplicate keys in JSON, which JSON.parse would silently accept', () => {
    const [issue] = issuesOf(() => parseScenarioText('{"name": "a",\n "name": "b"}', 'x.json'));
    expect(issue).toMatchObject({ line: 2, column: 2, message: 'syntax error: duplicate key' });
  });

  it('says an empty file is empty', () => {
    const [issue] = issuesOf(() => parseScenarioText('', 'empty.yaml'));
    expect(issue.message).toMatch(/^expected a scenario: .*, got an empty document$/);
  });

  it('lets YAML scenarios reuse settings with anchors and merge keys', () => {
    const text = `name: merged
nodes: [{ id: a }, { id: b }, { id: c }]
links:
  - &fast { between: [a, b], bandwidth: 1Gbps, delay: 1ms }
  - { <<: *fast, between: [b, c], delay: 2ms }
duration: 1s
`;
    const links = parseScenarioText(text, 'merged.yaml').links;
    expect(links.map((link) => [link.id, link.bandwidth, link.delay.mean])).toEqual([
      ['a-b', 1e9, 0.001],
      ['b-c', 1e9, 0.002],
    ]);
  });

  it('locates what yaml finds only while converting: aliases without an anchor before them, merges of no mapping', () => {
    const issues = (text: string) =>
      issuesOf(() => parseScenarioText(text, 'my/bad/alias.yaml')).map(formatIssue);
    expect(issues(VALID.replace('bandwidth: 1Gbps', 'bandwidth: 1Gbps\n    loss: *nosuch'))).toEqual([
      'my/bad/alias.yaml:8:11: syntax error: the alias *nosuch names no anchor: set &nosuch on a value before it',
    ]);
    expect(issues('name: x\nseed: *s\nduration: &s 1s\n')).toEqual([
      'my/bad/alias.yaml:2:7: syntax error: the alias *s comes before its anchor &s (at line 3, column 11): ' +
        'set an anchor before the aliases that name it',
    ]);
    expect(
      issues(
        'name: x\nnodes: [{ id: a }]\nduration: 1s\nlinks:\n  - { <<: 5, between: [a, a] }\n  - { <<: }\n',
      ),
    ).toEqual([
      "my/bad/alias.yaml:5:11: syntax error: a merge key << takes a mapping, an alias of one, or a list of those; got '5'",
      'my/bad/alias.yaml:6:11: syntax error: a merge key << takes a mapping, an alias of one, or a list of those; got nothing',
    ]);
  });

  it('refuses an anchor set twice, and an alias inside the value it names, where they are', () => {
    const issues = (text: string) => issuesOf(() => parseScenarioText(text, 'a.yaml')).map(formatIssue);
    // YAML lets an anchor be set again, so that later aliases silently name another value.
    expect(issues('name: &a x\nseed: &a 1\nduration: *a\n')).toEqual([
      'a.yaml:2:7: syntax error: the anchor &a is set twice (first at line 1, column 7): ' +
        'an alias would name the later one, so give each anchor its own name',
    ]);
    // A value holding itself stopped a payload encoder with an internal error.
    const circular = VALID.replace(
      'workload: { messages: 10 }',
      'workload: { messages: 10, encoding: json, payload: &p { a: 1, b: [*p] } }',
    );
    expect(issues(circular)).toEqual([
      'a.yaml:11:71: syntax error: the alias *p lies inside the value its anchor marks: a value cannot hold itself',
    ]);
  });

  it('counts aliases as copies of what they name: many merges of one anchor pass, a billion laughs do not', () => {
    const nodes = Array.from({ length: 150 }, (_, index) => `  - id: n${index}`);
    const links = Array.from(
      { length: 148 },
      (_, index) => `  - { <<: *link, between: [n${index + 1}, n${index + 2}] }`,
    );
    const many = [
      'name: many',
      'nodes:',
      ...nodes,
      'links:',
      '  - &link { between: [n0, n1], bandwidth: 1Mbps, delay: 2ms }',
      ...links,
      'duration: 1s',
      '',
    ].join('\n');
    const scenario = parseScenarioText(many, 'many.yaml');
    expect(scenario.links).toHaveLength(149);
    expect(scenario.links[148]).toMatchObject({ id: 'n148-n149', bandwidth: 1e6 });

    const laughs = ['name: lol', 'a0: &a0 [x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 10; level++) {
      laughs.push(
        `a${level}: &a${level} [${Array(9)
          .fill(`*a${level - 1}`)
          .join(', ')}]`,
      );
    }
    expect(issuesOf(() => parseScenarioText(laughs.join('\n'), 'lol.yaml')).map(formatIssue)).toEqual([
      'lol.yaml:8:15: syntax error: with the alias *a5 the document holds more than 1000000 values here, ' +
        'each alias counted as a copy of what it names: use fewer aliases of large values',
    ]);
  });

  it('accepts a byte order mark', () => {
    expect(parseScenarioText(`\uFEFF${VALID}`, 'bom.yaml').name).toBe('base');
  });
});

describe('error messages', () => {
  const errorsFor = (replace: string, by: string) =>
    issuesOf(() => parseScenarioText(VALID.replace(replace, by), 'f.yaml'));

  it('unknown keys list the allowed keys and suggest the closest one', () => {
    const issues = errorsFor('bandwidth:', 'bandwth:');
    expect(issues).toHaveLength(1); // the typo explains the missing bandwidth too
    expect(issues[0]).toMatchObject({ path: 'links[0].bandwth', line: 7, column: 5 });
    expect(issues[0].message).toBe(
      "unknown key 'bandwth'; did you mean 'bandwidth'? (expected one of: id, between, bandwidth, delay, loss, duplicate, corrupt, buffer, reorder, failure)",
    );
  });

  it('a form of a union that zod set aside is checked as the form its keys show it is meant as', () => {
    // `loss` takes a model or { forward, reverse }; zod reports only the pair's unknown keys.
    const model = errorsFor(
      'bandwidth: 1Gbps\n',
      'bandwidth: 1Gbps\n    loss: { model: periodic, every: 0 }\n',
    );
    expect(model).toEqual([
      expect.objectContaining({
        path: 'links[0].loss.every',
        line: 8,
        message: 'expected a number of at least 1, got 0',
      }),
    ]);
    const unknownModel = errorsFor(
      'bandwidth: 1Gbps\n',
      'bandwidth: 1Gbps\n    loss: { model: bernouli, probability: 0.1 }\n',
    );
    expect(issueAt(unknownModel, 'links[0].loss.model').message).toMatch(
      /^unknown model 'bernouli' \(expected one of: .*\); did you mean 'bernoulli'\?/,
    );
    // Keys of no one form keep their own message.
    const mixed = errorsFor(
      'bandwidth: 1Gbps\n',
      'bandwidth: 1Gbps\n    loss: { forward: 0.1, revrse: 0.2 }\n',
    );
    expect(issueAt(mixed, 'links[0].loss.revrse').message).toMatch(
      /^unknown key 'revrse'; did you mean 'reverse'\?/,
    );
  });

  it('unknown keys without an obvious typo only list the allowed keys', () => {
    const issue = issueAt(errorsFor('  - id: a\n', '  - id: a\n    colour: red\n'), 'nodes[0].colour');
    expect(issue.message).toMatch(
      /^unknown key 'colour' \(expected one of: id, processing, servers, queue, failure, persistent\)$/,
    );
  });

  it('missing required keys point at the object that lacks them', () => {
    const issue = issueAt(errorsFor('    bandwidth: 1Gbps\n', ''), 'links[0].bandwidth');
    expect(issue).toMatchObject({ line: 6, column: 5 });
    expect(issue.message).toMatch(/^missing required key 'bandwidth': expected a bandwidth with a unit/);
  });

  it('type errors say what was expected and what was there', () => {
    expect(issueAt(errorsFor('messages: 10', 'messages: abc'), 'flows[0].workload.messages').message).toBe(
      "expected a number, got string 'abc'",
    );
    expect(issueAt(errorsFor('messages: 10', 'messages: 1.5'), 'flows[0].workload.messages').message).toBe(
      'expected an integer, got number 1.5',
    );
    expect(issueAt(errorsFor('bandwidth: 1Gbps', 'bandwidth: [1]'), 'links[0].bandwidth').message).toMatch(
      /^expected a bandwidth with a unit, or a bare number in SI base units, got a list$/,
    );
  });

  it('an infinite number asks for a finite one', () => {
    const at = (value: string) =>
      issueAt(
        issuesOf(() =>
          parseScenarioText(`${VALID}duration: 10s\nfaults: [{ at: ${value}, crash: b }]\n`, 'f.yaml'),
        ),
        'faults[0].at',
      );
    expect(at('.inf')).toMatchObject({
      line: 13,
      column: 16,
      message: 'expected a finite time, got Infinity',
    });
    expect(at('-.inf').message).toBe('expected a finite time, got -Infinity');
    expect(issueAt(errorsFor('messages: 10', 'messages: .nan'), 'flows[0].workload.messages').message).toBe(
      'expected a finite number, got NaN',
    );
  });

  it('a negative time where only one above 0 will do says so', () => {
    expect(issueAt(errorsFor('name: base', 'name: base\nduration: -5s'), 'duration').message).toBe(
      'expected a time greater than 0, got -5s',
    );
    // Where 0 is fine, "non-negative" is what is meant.
    expect(
      issueAt(errorsFor('messages: 10', 'messages: 10, stop: -5s'), 'flows[0].workload.stop').message,
    ).toMatch(/^expected a non-negative time /);
  });

  it('a bandwidth of 0 and a negative one are refused alike: it must be above 0', () => {
    const bandwidth = (value: string) =>
      issueAt(errorsFor('bandwidth: 1Gbps', `bandwidth: ${value}`), 'links[0].bandwidth');
    expect(bandwidth('0')).toMatchObject({
      line: 7,
      column: 16,
      message: 'expected a bandwidth greater than 0, got 0',
    });
    expect(bandwidth('0Mbps').message).toBe('expected a bandwidth greater than 0, got 0Mbps');
    expect(bandwidth('-1Mbps').message).toBe('expected a bandwidth greater than 0, got -1Mbps');
    expect(bandwidth('-1').message).toBe('expected a bandwidth greater than 0, got -1');
    // Text that is no bandwidth at all is told the same range.
    expect(bandwidth('fast').message).toBe(
      "expected a bandwidth greater than 0 such as '1Gbps' (a bare number is in bit/s), got 'fast'",
    );
    // So is every other quantity that must be above 0, such as a timeout.
    expect(
      issueAt(
        errorsFor(
          'workload: { messages: 10 }',
          'workload: { messages: 10 }\n    transport: { protocol: stop-and-wait, timeout: soon }',
        ),
        'flows[0].transport.timeout',
      ).message,
    ).toBe("expected a time greater than 0 such as '15ms' (a bare number is in s), got 'soon'");
  });

  it('a distribution parameter that must be above 0 is refused at it, at 0 and below alike', () => {
    const delay = (value: string) =>
      issuesOf(() =>
        parseScenarioText(
          VALID.replace('bandwidth: 1Gbps', `bandwidth: 1Gbps\n    delay: ${value}`),
          'f.yaml',
        ),
      ).map((issue) => `${issue.line}:${issue.column}: ${issue.path}: ${issue.message}`);
    expect(delay('{ dist: exponential, mean: 0 }')).toEqual([
      '8:39: links[0].delay.mean: expected a time greater than 0, got 0',
    ]);
    expect(delay('{ dist: exponential, mean: -1ms }')).toEqual([
      '8:39: links[0].delay.mean: expected a time greater than 0, got -1ms',
    ]);
    expect(delay('{ dist: lognormal, mean: 0, sd: 1ms }')).toEqual([
      '8:37: links[0].delay.mean: expected a time greater than 0, got 0',
    ]);
    expect(delay('{ dist: weibull, shape: 2, scale: 0s }')).toEqual([
      '8:46: links[0].delay.scale: expected a time greater than 0, got 0s',
    ]);
    // Where 0 is fine, only a negative value is refused, and called so.
    expect(delay('{ dist: normal, mean: 0, sd: -1ms }')).toEqual([
      "8:41: links[0].delay.sd: expected a non-negative time such as '15ms' (a bare number is in s), got a negative value -1ms",
    ]);
  });

  it('quantities report their unit problem', () => {
    const issue = issueAt(errorsFor('bandwidth: 1Gbps', 'bandwidth: 1Gbs'), 'links[0].bandwidth');
    expect(issue).toMatchObject({ line: 7, column: 16 });
    expect(issue.message).toMatch(/^unknown bandwidth unit 'Gbs' in '1Gbs' \(known: .*Gbps/);
  });

  it('distributions report the inner problem of the object form', () => {
    const withDelay = (delay: string) =>
      errorsFor('bandwidth: 1Gbps', `bandwidth: 1Gbps\n    delay: ${delay}`);
    expect(issueAt(withDelay('{ dist: uniform, min: 1ms, max: 1xs }'), 'links[0].delay.max').message).toMatch(
      /^unknown time unit 'xs' in '1xs'/,
    );
    expect(issueAt(withDelay('{ dist: gauss, mean: 1ms }'), 'links[0].delay.dist').message).toBe(
      "unknown dist 'gauss' (expected one of: constant, uniform, exponential, normal, lognormal, weibull)",
    );
    expect(issueAt(withDelay('{ dist: exponental, mean: 1ms }'), 'links[0].delay.dist').message).toContain(
      "did you mean 'exponential'?",
    );
    expect(issueAt(withDelay('{ dist: exponential }'), 'links[0].delay.mean').message).toMatch(
      /^missing required key 'mean' \(mean value \(1\/rate\)\): expected a time with a unit/,
    );
    expect(issueAt(withDelay('true'), 'links[0].delay').message).toMatch(
      /^expected a time \(constant\) or \{ dist: .*, got boolean true$/,
    );
  });

  it('an unknown protocol lists the registered ones', () => {
    const issues = errorsFor('workload:', 'transport: { protocol: tcp }\n    workload:');
    expect(issueAt(issues, 'flows[0].transport.protocol')).toMatchObject({
      line: 11,
      message: `unknown protocol 'tcp' (expected one of: ${TRANSPORT_IDS})`,
    });
    // A stress run of the load properties found `{ toString: null }` in place of a protocol,
    // which made the message itself throw a TypeError instead of reporting the issue.
    for (const [written, described] of [
      ['{ toString: null }', 'an object'],
      ['{ name: tcp }', 'an object'],
      ['[tcp]', 'a list'],
    ]) {
      const issues = errorsFor('workload:', `transport: { protocol: ${written} }\n    workload:`);
      expect(issueAt(issues, 'flows[0].transport.protocol').message).toBe(
        `unknown protocol ${described} (expected one of: ${TRANSPORT_IDS})`,
      );
    }
    const missing = errorsFor('workload:', 'transport: { timeout: 1s }\n    workload:');
    expect(issueAt(missing, 'flows[0].transport.protocol').message).toBe(
      `missing required key 'protocol': expected one of: ${TRANSPORT_IDS}`,
    );
  });

  it('enums and limits say what is allowed', () => {
    expect(
      issueAt(errorsFor('messages: 10', 'messages: 10, arrivals: poison'), 'flows[0].workload.arrivals')
        .message,
    ).toBe("expected one of: bulk, constant, poisson, got string 'poison'; did you mean 'poisson'?");
    expect(issueAt(errorsFor('messages: 10', 'messages: 0'), 'flows[0].workload.messages').message).toBe(
      'expected a number of at least 1, got 0',
    );
    expect(issueAt(errorsFor('[a, b]', '[a]'), 'links[0].between').message).toBe(
      'expected at least 2 items, got 1 item',
    );
  });

  it('object unions report the branch that fits best', () => {
    const failure = (text: string) => errorsFor('  - id: b\n', `  - id: b\n    failure: ${text}\n`);
    expect(issueAt(failure('{ mttf: 1h }'), 'nodes[1].failure.mttr').message).toMatch(
      /^missing required key 'mttr'/,
    );
    expect(issueAt(failure('{ mtf: 1h, mttr: 5m }'), 'nodes[1].failure.mtf').message).toContain(
      "did you mean 'mttf'?",
    );
    expect(issueAt(failure('sometimes'), 'nodes[1].failure').message).toMatch(
      /^expected \{ mttf, mttr \} .*, got string 'sometimes'$/,
    );
  });

  it('a loss model for both directions is explained as one for a direction', () => {
    // `{ forward, reverse }` takes only optional keys, so zod went on with it alone and reported
    // `model` as a key it lacks: "'model' cannot be combined with  in one entry".
    const models = createRegistries().lossModels.ids().join(', ');
    const explained = (loss: string) =>
      errorsFor('bandwidth: 1Gbps', `bandwidth: 1Gbps\n    loss: ${loss}`).map(
        (issue) => `${issue.path.replace('.forward', '')}: ${issue.message}`,
      );
    for (const [model, expected] of [
      ['{ model: periodic }', ["links[0].loss.every: missing required key 'every': expected a number"]],
      [
        '{ model: bernoulli }',
        ["links[0].loss.probability: missing required key 'probability': expected a number"],
      ],
      [
        '{ model: gilbert, p: 0.1 }',
        [`links[0].loss.model: unknown model 'gilbert' (expected one of: ${models})`],
      ],
      ['{ every: 3 }', [`links[0].loss.model: missing required key 'model': expected one of: ${models}`]],
    ] as const) {
      expect(explained(model), model).toEqual(expected);
      expect(explained(`{ forward: ${model} }`), `forward: ${model}`).toEqual(expected);
    }
    // A key of the other form still clashes.
    expect(explained('{ forward: 0.1, model: periodic, every: 3 }')).toEqual([
      "links[0].loss: 'forward' cannot be combined with 'model', 'every' in one entry: each entry takes " +
        'one form, with the keys that form allows (see the README)',
    ]);
  });

  it('formats issues as file:line:column: path: message', () => {
    const [issue] = errorsFor('messages: 10', 'messages: abc');
    expect(formatIssue(issue)).toBe(
      "f.yaml:11:27: flows[0].workload.messages: expected a number, got string 'abc'",
    );
  });
});
