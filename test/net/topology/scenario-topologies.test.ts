import { describe, expect, it } from 'vitest';
import { type CliIo, main } from '../../../src/cli/main.js';
import { scenarioJsonSchemaText } from '../../../src/cli/schema-command.js';
import { loadScenario, parseScenarioText } from '../../../src/scenario/load.js';
import { issueAt, issuesOf } from '../../scenario/issues.js';

const FIXTURE = 'test/net/topology/fixtures/dumbbell.yaml';

/** A dumbbell scenario to break one line at a time (line numbers matter below). */
const DUMBBELL = `name: dumbbell
topologies:
  - kind: dumbbell
    pairs: 2
    access: { bandwidth: 100Mbps, delay: 1ms }
    bottleneck: { bandwidth: 10Mbps, delay: 10ms }
flows:
  - { from: s1, to: r1, workload: { messages: 10 } }
  - { from: s2, to: r2, workload: { messages: 10 } }
`;

function parse(text: string, overrides?: string[]) {
  return parseScenarioText(text, 'd.yaml', { overrides });
}

function issuesFor(text: string) {
  return issuesOf(() => parse(text));
}

describe('topologies in a scenario', () => {
  it('expands into plain nodes and links; the resolved scenario has no topologies left', () => {
    const scenario = parse(DUMBBELL);
    expect(scenario.nodes.map((node) => node.id)).toEqual(['s1', 's2', 'left', 'right', 'r1', 'r2']);
    expect(scenario.links.map((link) => link.id)).toEqual([
      's1-left',
      's2-left',
      'left-right',
      'right-r1',
      'right-r2',
    ]);
    expect(scenario).not.toHaveProperty('topologies');
    // Generated nodes carry the node defaults.
    expect(scenario.nodes[0]).toMatchObject({ servers: 1, persistent: false });
    expect(scenario.nodes[0].processing.mean).toBe(0);
  });

  it('lets a written node give properties to a generated one, and keeps written entries first', () => {
    const scenario = loadScenario(FIXTURE);
    expect(scenario.nodes.map((node) => node.id)).toEqual(['r2', 's1', 's2', 'left', 'right', 'r1']);
    expect(scenario.nodes[0].processing.mean).toBe(0.001);
    expect(scenario.nodes.filter((node) => node.id === 'r2')).toHaveLength(1);
  });

  it('lets topologies share nodes, and written links join them to the rest', () => {
    const scenario = parse(`name: joined
duration: 1s
topologies:
  - { kind: line, nodes: [a, b, hub], link: { bandwidth: 1Mbps } }
  - { kind: star, leaves: 2, link: { bandwidth: 1Mbps } }
nodes:
  - id: x
links:
  - { between: [x, a], bandwidth: 1Mbps }
flows:
  - { from: x, to: leaf2, workload: { messages: 1 } }
`);
    expect(scenario.nodes.map((node) => node.id)).toEqual(['x', 'a', 'b', 'hub', 'leaf1', 'leaf2']);
    expect(scenario.links.map((link) => link.id)).toEqual(['x-a', 'a-b', 'b-hub', 'hub-leaf1', 'hub-leaf2']);
  });

  it('checks flows against the generated nodes', () => {
    const [issue] = issuesFor(DUMBBELL.replace('to: r2', 'to: r3'));
    expect(issue).toMatchObject({
      path: 'flows[1].to',
      line: 9,
      message: "unknown node 'r3' (nodes: s1, s2, left, right, r1, r2)",
    });
  });

  it('locates issues inside a topology item', () => {
    const issues = issuesFor(DUMBBELL.replace('bandwidth: 10Mbps', 'bandwidth: 10Mbsp'));
    expect(issues).toHaveLength(1);
    expect(issueAt(issues, 'topologies[0].bottleneck.bandwidth')).toMatchObject({
      line: 6,
      column: 30,
      message: expect.stringContaining("unknown bandwidth unit 'Mbsp' in '10Mbsp'"),
    });
    const [missing] = issuesFor(
      DUMBBELL.replace('bottleneck: { bandwidth: 10Mbps, delay: 10ms }', 'bottleneck: {}'),
    );
    expect(missing).toMatchObject({
      path: 'topologies[0].bottleneck.bandwidth',
      line: 6,
      message: expect.stringMatching(/^missing required key 'bandwidth'/),
    });
  });

  it('names the registered kinds for an unknown one and suggests the closest', () => {
    const [issue] = issuesFor(DUMBBELL.replace('kind: dumbbell', 'kind: dumbell'));
    expect(issue).toMatchObject({
      path: 'topologies[0].kind',
      line: 3,
      message:
        "unknown kind 'dumbell' (expected one of: line, ring, star, mesh, tree, dumbbell); did you mean 'dumbbell'?",
    });
  });

  it('rejects contradictory or impossible builder parameters where they are written', () => {
    expect(issuesFor(DUMBBELL.replace('pairs: 2', 'pairs: 2\n    senders: 3'))[0]).toMatchObject({
      path: 'topologies[0].pairs',
      line: 4,
      message: 'give either pairs or senders and receivers, not both',
    });
    const names = issuesFor(DUMBBELL.replace('pairs: 2', 'senders: [a, b, a]\n    receivers: [left]'));
    // Flows are not checked while the topology is wrong: its nodes are unknown.
    expect(names.map((issue) => [issue.path, issue.message])).toEqual([
      ['topologies[0].senders[2]', "'a' is listed twice"],
      [
        'topologies[0].receivers[0]',
        "'left' is already the left router: each node of the topology needs its own id",
      ],
    ]);
    expect(
      issuesFor(DUMBBELL.replace('    access: { bandwidth: 100Mbps, delay: 1ms }\n', ''))[0],
    ).toMatchObject({
      path: 'topologies[0].access',
      message: expect.stringMatching(/^missing required key 'access'/),
    });
  });

  it('rejects parameters of the other builders', () => {
    const issues = issuesFor(`name: t
duration: 1s
topologies:
  - { kind: ring, nodes: 2, link: { bandwidth: 1 } }
  - { kind: line, nodes: [a, b], prefix: q, link: { bandwidth: 1 } }
  - { kind: tree, depth: 20, fanout: 3, link: { bandwidth: 1 } }
  - { kind: mesh, nodes: 500, link: { bandwidth: 1 } }
  - { kind: star, hub: leaf1, leaves: 2, link: { bandwidth: 1 } }
  - { kind: line, nodes: [a, b, a], link: { bandwidth: 1 } }
`);
    expect(issues.map((issue) => [issue.path, issue.line, issue.message])).toEqual([
      ['topologies[0].nodes', 4, 'expected a number of at least 3, got 2'],
      ['topologies[1].prefix', 5, "prefix names counted nodes only; 'nodes' already lists the ids"],
      ['topologies[2].depth', 6, 'a tree of depth 20 and fanout 3 has more than 10000 nodes'],
      [
        'topologies[3].nodes',
        7,
        'a full mesh of 500 nodes has 124750 links; at most 100000 may be generated',
      ],
      ['topologies[4].leaves', 8, "'leaf1' is already the hub: each node of the topology needs its own id"],
      ['topologies[5].nodes[2]', 9, "'a' is listed twice"],
    ]);
  });

  it('rejects a written link that duplicates a generated one, at the written link', () => {
    const issues = issuesFor(`${DUMBBELL}links:\n  - { between: [right, left], bandwidth: 1Gbps }\n`);
    expect(issues).toEqual([
      {
        file: 'd.yaml',
        path: 'links[0].between',
        line: 11,
        column: 16,
        message:
          'topologies[0] (dumbbell) already generates a link between left and right: remove this link or change the topology',
      },
    ]);
  });

  it('rejects two topologies that generate the same link, at the later one', () => {
    const [issue] = issuesFor(`name: t
duration: 1s
topologies:
  - { kind: line, nodes: 3, link: { bandwidth: 1 } }
  - { kind: ring, nodes: 3, link: { bandwidth: 1 } }
`);
    expect(issue).toMatchObject({
      path: 'topologies[1]',
      line: 5,
      message:
        'generates a link between n1 and n2, which topologies[0] (line) generates too: topologies may share nodes, not links',
    });
  });

  it('rejects a written link id that a generated link has', () => {
    const [issue] = issuesFor(`name: t
duration: 1s
topologies:
  - { kind: line, nodes: 2, link: { bandwidth: 1 } }
nodes: [{ id: x }, { id: y }]
links:
  - { id: n1-n2, between: [x, y], bandwidth: 1 }
`);
    expect(issue).toMatchObject({
      path: 'links[0].id',
      line: 7,
      message:
        "topologies[0] (line) already generates the link id 'n1-n2': remove this link or change the topology",
    });
  });

  it('needs some node, written or generated', () => {
    const [issue] = issuesFor('name: t\nduration: 1s\n');
    expect(issue).toMatchObject({
      path: 'nodes',
      line: 1,
      message: 'expected at least one node: list them under nodes, or generate them with topologies',
    });
  });

  it('takes --set overrides of builder parameters', () => {
    const scenario = parse(DUMBBELL, ['topologies[0].pairs=3', 'topologies[0].bottleneck.buffer=7']);
    expect(scenario.nodes).toHaveLength(8);
    expect(scenario.links.find((link) => link.id === 'left-right')?.buffer?.capacityPackets).toBe(7);
  });
});

describe('topologies in the tools', () => {
  it('msgsim validate counts the expanded nodes and links', async () => {
    let stdout = '';
    const io: CliIo = {
      stdout: (text) => {
        stdout += text;
      },
      stderr: () => {},
      isTerminal: false,
    };
    expect(await main(['validate', FIXTURE], io)).toBe(0);
    expect(stdout).toBe(`${FIXTURE}: ok (6 nodes, 5 links, 2 flows)\n`);
  });

  it('the JSON Schema offers topologies with one form per registered kind', () => {
    const schema = JSON.parse(scenarioJsonSchemaText());
    const forms = schema.properties.topologies.items.oneOf as Array<{
      properties: { kind: { const: string } };
    }>;
    expect(forms.map((form) => form.properties.kind.const)).toEqual([
      'line',
      'ring',
      'star',
      'mesh',
      'tree',
      'dumbbell',
    ]);
    expect(schema.required).toEqual(['name']);
    // Link settings are written once and referenced from every builder.
    expect(forms[5]).toMatchObject({ properties: { bottleneck: { $ref: '#/$defs/LinkSettings' } } });
    expect(Object.keys(schema.$defs.LinkSettings.properties)).toEqual([
      'bandwidth',
      'delay',
      'loss',
      'duplicate',
      'corrupt',
      'buffer',
      'reorder',
    ]);
  });
});
