import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/scenario/errors.js';
import { overridesOfRun, planVariants } from '../../src/scenario/variant-plan.js';
import { EVERY_ELEMENT, expandVariants, MAX_VARIANTS, parseVary } from '../../src/scenario/variants.js';
import { issuesOf } from './issues.js';

const document = {
  name: 'doc',
  nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
  links: [
    { between: ['a', 'b'], bandwidth: '1Mbps', loss: 0 },
    { between: ['b', 'c'], bandwidth: '1Mbps', loss: 0 },
  ],
  flows: [
    { from: 'a', to: 'b', transport: { protocol: 'datagram' }, workload: { messages: 5 } },
    { from: 'a', to: 'c', transport: { protocol: 'datagram' }, workload: { messages: 5 } },
  ],
  faults: [],
};

describe('parseVary', () => {
  it('reads the path with [*] and the values, keeping flow collections and quoted commas whole', () => {
    expect(parseVary('flows[*].transport.protocol=datagram, stop-and-wait')).toEqual({
      option: '--vary',
      text: 'flows[*].transport.protocol=datagram, stop-and-wait',
      pathText: 'flows[*].transport.protocol',
      pattern: ['flows', EVERY_ELEMENT, 'transport', 'protocol'],
      values: ['datagram', 'stop-and-wait'],
      isRange: false,
    });
    expect(parseVary('links[0].delay={dist: exponential, mean: 10ms},10ms,"a,b",[1, 2]').values).toEqual([
      '{dist: exponential, mean: 10ms}',
      '10ms',
      '"a,b"',
      '[1, 2]',
    ]);
    expect(parseVary('nodes[*].x[*][0]=1').pattern).toEqual(['nodes', EVERY_ELEMENT, 'x', EVERY_ELEMENT, 0]);
    expect(parseVary('seed=1').pattern).toEqual(['seed']);
  });

  it('rejects bad options with one issue naming --vary', () => {
    const messageOf = (text: string) => issuesOf(() => parseVary(text, 'f.yaml'))[0].message;
    expect(messageOf('links[0].loss')).toBe(
      '--vary links[0].loss: expected path=value1,value2,..., like links[0].loss=0,0.1',
    );
    expect(messageOf('links[0].loss=0,,0.1')).toBe(
      '--vary links[0].loss=0,,0.1: a value is empty (write the values like 0,0.1,0.2)',
    );
    expect(messageOf('links[0].loss=0,0.1,0')).toBe(
      "--vary links[0].loss=0,0.1,0: the value '0' is listed twice",
    );
    // Values are compared as the scenario reads them, not as written.
    expect(messageOf('links[0].loss.forward=0,0.0,0.1')).toBe(
      "--vary links[0].loss.forward=0,0.0,0.1: the values '0' and '0.0' are the same value written two ways (list it once)",
    );
    expect(messageOf('links[0].delay=10ms,0.01')).toContain(
      "the values '10ms' and '0.01' are the same value written two ways",
    );
    expect(messageOf('links[0].delay=1s,1000ms')).toContain(
      "the values '1s' and '1000ms' are the same value",
    );
    expect(messageOf('links[0].loss=0.1,1e-1')).toContain("the values '0.1' and '1e-1' are the same value");
    expect(
      messageOf('flows[0].transport={protocol: go-back-n, window: 8},{window: 8, protocol: go-back-n}'),
    ).toContain(
      "the values '{protocol: go-back-n, window: 8}' and '{window: 8, protocol: go-back-n}' are the same value",
    );
    expect(
      messageOf(
        'flows[0].transport={protocol: stop-and-wait, timeout: 50ms},{protocol: stop-and-wait, timeout: 0.05}',
      ),
    ).toContain('are the same value written two ways');
    // An alias that names no anchor, or the value holding it, is no value (yaml threw on it).
    expect(messageOf('seed=*x,2')).toBe(
      "--vary seed=*x,2: cannot read the value '*x' as YAML: the alias *x names no anchor: set &x on a value before it",
    );
    expect(messageOf('seed=&a [*a],2')).toBe(
      "--vary seed=&a [*a],2: cannot read the value '&a [*a]' as YAML: the alias *a lies inside the value its " +
        'anchor marks: a value cannot hold itself',
    );
    // Merge keys are read as in a file: a merge of no mapping is refused; a merged value is
    // compared as what it merges to.
    expect(messageOf('links[0]={<<: 5},{delay: 1ms}')).toBe(
      "--vary links[0]={<<: 5},{delay: 1ms}: cannot read the value '{<<: 5}' as YAML: a merge key << takes " +
        "a mapping, an alias of one, or a list of those; got '5'",
    );
    expect(messageOf('links[0]={<<: {delay: 1ms}},{delay: 1ms}')).toContain(
      'are the same value written two ways',
    );
    // Different values, however alike they look, are kept.
    const valuesOf = (text: string) => parseVary(text).values;
    expect(valuesOf('links[0].delay=10ms,0.1,1s,1ms')).toEqual(['10ms', '0.1', '1s', '1ms']);
    expect(valuesOf('x=1B,1bps')).toEqual(['1B', '1bps']);
    expect(valuesOf('x="0",0,"a",a1')).toEqual(['"0"', '0', '"a"', 'a1']);
    expect(valuesOf('x={a: 1},{a: 1, b: 2},[1, 2],[2, 1]')).toHaveLength(4);
    expect(messageOf('[*].loss=0')).toContain("the path '[*].loss' must start with a key");
    expect(messageOf('links[*]loss=0')).toContain("cannot read the path 'links[*]loss' at 'loss'");
    expect(messageOf('links[x].loss=0')).toBe(
      "--vary links[x].loss=0: index 'x' of 'links' must be a whole number from 0 (a key goes after a dot: links.x.loss)",
    );
    expect(issuesOf(() => parseVary('links[-1].loss=0', 'f.yaml', { document }))).toEqual([
      {
        file: 'f.yaml',
        path: 'links[-1].loss',
        message:
          "--vary links[-1].loss=0: index -1 of 'links' must be a whole number from 0 to 1 ('links' has 2 items)",
      },
    ]);
    expect(messageOf('name=[unclosed')).toContain("cannot read the value '[unclosed' as YAML");
    expect(issuesOf(() => parseVary('links[0].loss=0,,1', 'f.yaml'))[0]).toMatchObject({
      file: 'f.yaml',
      path: 'links[0].loss',
    });
  });
});

describe('expandVariants', () => {
  it('expands [*] to every element of the list, one variant per value', () => {
    const variants = expandVariants(
      document,
      [parseVary('flows[*].transport.protocol=datagram,stop-and-wait')],
      'f.yaml',
    );
    expect(variants).toEqual([
      {
        label: 'protocol=datagram',
        settings: [{ path: 'flows[*].transport.protocol', name: 'protocol', value: 'datagram' }],
        overrides: ['flows[0].transport.protocol=datagram', 'flows[1].transport.protocol=datagram'],
      },
      {
        label: 'protocol=stop-and-wait',
        settings: [{ path: 'flows[*].transport.protocol', name: 'protocol', value: 'stop-and-wait' }],
        overrides: ['flows[0].transport.protocol=stop-and-wait', 'flows[1].transport.protocol=stop-and-wait'],
      },
    ]);
  });

  it('builds the cartesian product of several options, the first varying slowest', () => {
    const variants = expandVariants(
      document,
      [
        parseVary('links[*].loss=0,0.1'),
        parseVary('flows[0].workload.messages=5,10,20'),
        parseVary('seed=1,2'),
      ],
      'f.yaml',
    );
    expect(variants.map((variant) => variant.label)).toEqual([
      'loss=0, messages=5, seed=1',
      'loss=0, messages=5, seed=2',
      'loss=0, messages=10, seed=1',
      'loss=0, messages=10, seed=2',
      'loss=0, messages=20, seed=1',
      'loss=0, messages=20, seed=2',
      'loss=0.1, messages=5, seed=1',
      'loss=0.1, messages=5, seed=2',
      'loss=0.1, messages=10, seed=1',
      'loss=0.1, messages=10, seed=2',
      'loss=0.1, messages=20, seed=1',
      'loss=0.1, messages=20, seed=2',
    ]);
    expect(variants[9].overrides).toEqual([
      'links[0].loss=0.1',
      'links[1].loss=0.1',
      'flows[0].workload.messages=10',
      'seed=2',
    ]);
  });

  it('names settings by their whole path when their last keys clash', () => {
    const variants = expandVariants(
      document,
      [parseVary('links[0].loss=0,0.1'), parseVary('links[1].loss=0.2')],
      'f.yaml',
    );
    expect(variants.map((variant) => variant.label)).toEqual([
      'links[0].loss=0, links[1].loss=0.2',
      'links[0].loss=0.1, links[1].loss=0.2',
    ]);
  });

  it('expands nested [*] per element', () => {
    const nested = { groups: [{ items: [1, 2] }, { items: [3] }] };
    expect(expandVariants(nested, [parseVary('groups[*].items[*]=7')], 'f.yaml')[0].overrides).toEqual([
      'groups[0].items[0]=7',
      'groups[0].items[1]=7',
      'groups[1].items[0]=7',
    ]);
  });

  it('reports every bad option at its path as written, before any variant is built', () => {
    const issues = issuesOf(() =>
      expandVariants(
        document,
        [
          parseVary('nodes[0][*]=1,2'),
          parseVary('faults[*].at=1s'),
          parseVary('routes[*].x=1'),
          parseVary('nodes[*].servers=1'),
          parseVary('nodes[*].servers=2'),
        ],
        'f.yaml',
      ),
    );
    expect(issues).toEqual([
      {
        file: 'f.yaml',
        path: 'nodes[0][*]',
        message: "--vary nodes[0][*]=1,2: [*] needs a list at 'nodes[0]', found an object",
      },
      {
        file: 'f.yaml',
        path: 'faults[*].at',
        message: "--vary faults[*].at=1s: [*] found an empty list at 'faults'",
      },
      {
        file: 'f.yaml',
        path: 'routes[*].x',
        message:
          "--vary routes[*].x=1: there is no list at 'routes' (give the whole list first: --set 'routes=[...]')",
      },
      {
        file: 'f.yaml',
        path: 'nodes[*].servers',
        message: '--vary nodes[*].servers=2: this path is already varied by --vary nodes[*].servers=1',
      },
    ]);
  });

  it('refuses two paths where one lies inside the other, [*] meeting any index, naming both', () => {
    const overlapOf = (first: string, second: string) =>
      issuesOf(() => expandVariants(document, [parseVary(first), parseVary(second)], 'f.yaml')).map(
        (issue) => [issue.path, issue.message],
      );
    expect(overlapOf('links[0].loss.forward=0,0.05', 'links[0].loss=0,0.3')).toEqual([
      [
        'links[0].loss',
        '--vary links[0].loss=0,0.3: this path overlaps links[0].loss.forward, varied by ' +
          '--vary links[0].loss.forward=0,0.05: one lies inside the other, so one would silently win',
      ],
    ]);
    expect(
      overlapOf('flows[*].transport={protocol: datagram}', 'flows[0].transport.window=4,8')[0][1],
    ).toContain(
      'this path overlaps flows[*].transport, varied by --vary flows[*].transport={protocol: datagram}',
    );
    expect(overlapOf('flows[1]={from: a}', 'flows[*].workload.messages=1,2')[0][1]).toContain(
      'this path overlaps flows[1], varied by',
    );
    expect(overlapOf('links[*].loss=0,0.1', 'links[*].loss.forward=0.2')).toHaveLength(1);
    // Apart: other indexes, other keys, a key that only starts like the other.
    for (const [first, second] of [
      ['flows[0].transport.window=4', 'flows[1].transport.window=8'],
      ['links[0].loss=0', 'links[0].delay=1ms,2ms'],
      ['links[0].loss=0', 'links[0].lossy=1'],
      ['flows[*].transport.window=4', 'flows[*].workload.messages=5'],
    ]) {
      expect(
        expandVariants(document, [parseVary(first), parseVary(second)], 'f.yaml').length,
      ).toBeGreaterThan(0);
    }
  });

  it(`refuses more than ${MAX_VARIANTS} combinations before making any, giving the product`, () => {
    const values = (count: number) =>
      Array.from({ length: count }, (_, index) => String(index + 1)).join(',');
    const first = parseVary(`flows[0].workload.messages=${values(101)}`);
    const second = parseVary(`flows[1].workload.messages=${values(100)}`);
    expect(issuesOf(() => expandVariants(document, [first, second], 'f.yaml', 'points'))).toEqual([
      {
        file: 'f.yaml',
        path: '',
        message:
          '--vary flows[0].workload.messages=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,… ' +
          '(101 values in all) and --vary flows[1].workload.messages=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,… ' +
          '(100 values in all) make 101 × 100 = 10100 points, more than 10000 (take fewer values)',
      },
    ]);
    const allowed = parseVary(`flows[1].workload.messages=${values(99)}`);
    expect(expandVariants(document, [first, allowed], 'f.yaml')).toHaveLength(9999);
  });

  it('needs at least one option', () => {
    expect(issuesOf(() => expandVariants(document, [], 'f.yaml'))[0].message).toBe(
      'give at least one --vary path=value1,value2',
    );
  });
});

describe('planVariants', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'msgsim-variants-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const file = path.join(scratch, 'two-flows.yaml');
  writeFileSync(
    file,
    [
      'name: two-flows',
      'nodes: [{ id: a }, { id: b }]',
      'links:',
      '  - { between: [a, b], bandwidth: 1Mbps, delay: 1ms }',
      'flows:',
      '  - { from: a, to: b, transport: { protocol: datagram }, workload: { messages: 3 } }',
      '  - { from: b, to: a, transport: { protocol: datagram }, workload: { messages: 3 } }',
      '',
    ].join('\n'),
  );

  it('validates every variant into a scenario, --set applied first', () => {
    const plan = planVariants(file, {
      sets: ['links[0].delay=5ms'],
      varies: ['links[*].loss=0,0.25', 'flows[*].workload.messages=4,8'],
    });
    expect(plan.variants.map((variant) => variant.label)).toEqual([
      'loss=0, messages=4',
      'loss=0, messages=8',
      'loss=0.25, messages=4',
      'loss=0.25, messages=8',
    ]);
    const last = plan.variants[3].scenario;
    expect(last.links[0].loss.forward.independentProbability).toBe(0.25);
    expect(last.links[0].loss.reverse.independentProbability).toBe(0.25);
    expect(last.flows.map((flow) => flow.workload.messages)).toEqual([8, 8]);
    expect(plan.variants.every((variant) => variant.scenario.links[0].delay.mean === 0.005)).toBe(true);
  });

  it('names the variant whose value the schema refuses, as --vary, located in the file', () => {
    const issues = issuesOf(() =>
      planVariants(file, { varies: ['flows[*].transport.protocol=datagram,bogus'] }),
    ).map(formatIssue);
    expect(issues).toHaveLength(2);
    for (const [index, issue] of issues.entries()) {
      expect(issue).toContain(`${file}: flows[${index}].transport.protocol: variant protocol=bogus: `);
      expect(issue).toContain(`(value from --vary flows[${index}].transport.protocol=bogus)`);
      expect(issue).not.toContain('--set');
    }
  });

  it('reports a problem every variant shares once, without naming variants', () => {
    const issues = issuesOf(() =>
      planVariants(file, { sets: ['links[0].bandwidth=fast'], varies: ['links[*].loss=0,0.1'] }),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('links[0].bandwidth');
    expect(issues[0].message).not.toContain('variant');
  });

  it("reports a bad [*] at the option's path as written, with no file line, as --set's are", () => {
    const issues = issuesOf(() =>
      planVariants(file, { varies: ['links[0].between[*]=a,b', 'nodes[0][*]=1', 'faults[*].at=1s,2s'] }),
    );
    expect(issues.map(formatIssue)).toEqual([
      `${file}: nodes[0][*]: --vary nodes[0][*]=1: [*] needs a list at 'nodes[0]', found an object`,
      `${file}: faults[*].at: --vary faults[*].at=1s,2s: there is no list at 'faults' (give the whole list ` +
        "first: --set 'faults=[...]')",
    ]);
  });

  it('reports a path problem that no value changes once per option, not once per variant', () => {
    const values = Array.from({ length: 50 }, (_, index) => String(index / 100)).join(',');
    const issues = issuesOf(() =>
      planVariants(file, {
        varies: [`links[2].loss=${values}`, 'flows[0].workload.messages[007]=1,2', 'faults[0].at=1s,2s'],
      }),
    );
    expect(issues.map(formatIssue)).toEqual([
      `${file}: links[2].loss: --vary links[2].loss=0,0.01,0.02,0.03,0.04,0.05,0.06,0.07,0.08,0.09,0.1,0.11,0.12,…` +
        " (50 values in all): index 2 of 'links' must be a whole number from 0 to 0 ('links' has 1 item)",
      `${file}: flows[0].workload.messages[007]: --vary flows[0].workload.messages[007]=1,2: ` +
        "'flows[0].workload.messages' is number 3, not an object or a list, so it has no [007]",
      `${file}: faults[0].at: --vary faults[0].at=1s,2s: there is no list at 'faults' (give the whole list ` +
        "first: --set 'faults=[...]')",
    ]);
  });

  it('checks each path as the options before it leave the document: two may append in turn', () => {
    const link = (delay: string) => `{id: l${delay}, between: [a, b], bandwidth: 1Mbps, delay: ${delay}}`;
    const plan = planVariants(file, {
      varies: [`links[1]=${link('2ms')},${link('3ms')}`, `links[2]=${link('4ms')}`],
    });
    expect(plan.variants.map((variant) => variant.scenario.links.map((each) => each.delay.mean))).toEqual([
      [0.001, 0.002, 0.004],
      [0.001, 0.003, 0.004],
    ]);
    // Without the first, the second is past the end.
    expect(issuesOf(() => planVariants(file, { varies: [`links[2]=${link('4ms')}`] }))[0].message).toContain(
      "index 2 of 'links' must be a whole number from 0 to 1 ('links' has 1 item; index 1 adds one)",
    );
  });

  it('refuses an unreadable file', () => {
    expect(issuesOf(() => planVariants(path.join(scratch, 'none.yaml'), { varies: ['seed=1'] }))).toEqual([
      {
        file: path.join(scratch, 'none.yaml'),
        path: '',
        message: 'cannot read the scenario file: no such file',
      },
    ]);
  });
});

describe('overridesOfRun', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'msgsim-run-overrides-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const file = path.join(scratch, 'one-link.yaml');
  writeFileSync(
    file,
    [
      'name: one-link',
      'nodes: [{ id: a }, { id: b }, { id: c }]',
      'links: [{ between: [a, b], bandwidth: 1Mbps, delay: 1ms }]',
      'flows: [{ from: a, to: b, workload: { messages: 3 } }]',
      '',
    ].join('\n'),
  );
  const link = (id: string, delay: string) =>
    `{id: ${id}, between: [b, c], bandwidth: 1Mbps, delay: ${delay}}`;

  it('leaves out a --set that a value of the variant sets again, or one inside it', () => {
    const plan = planVariants(file, {
      sets: ['seed=5', 'links[0].loss=0.1', 'links[0].delay=3ms', 'flows[0].workload.messages=4'],
      varies: ['seed=3,7', 'links[0]={between: [a, b], bandwidth: 2Mbps, delay: 2ms}'],
    });
    expect(overridesOfRun(plan, 1)).toEqual([
      'flows[0].workload.messages=4',
      'seed=7',
      'links[0]={between: [a, b], bandwidth: 2Mbps, delay: 2ms}',
    ]);
  });

  it('keeps every --set where the scenario would differ without one', () => {
    // Without the first --set, the second no longer appends after it.
    const plan = planVariants(file, {
      sets: [`links[1]=${link('x', '1ms')}`, `links[2]=${link('y', '2ms')}`],
      varies: [`links[1]=${link('z', '3ms')},${link('w', '4ms')}`],
    });
    expect(overridesOfRun(plan, 0)).toEqual([...plan.sets, ...plan.variants[0].overrides]);
  });
});
