import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTopologyRegistry } from '../../../src/net/topology/index.js';
import type { Scenario, ScenarioInput } from '../../../src/scenario/schema.js';
import { scenarioOf } from '../../helpers/scenario.js';

type TopologyInput = NonNullable<ScenarioInput['topologies']>[number];

const LINK = { bandwidth: '1Mbps' };

/** The nodes and links of a scenario made of `topologies` alone, as ids and `a-b` link ids. */
function expand(...topologies: TopologyInput[]): { nodes: string[]; links: string[] } {
  return shapeOf(scenarioOf({ name: 't', duration: '1s', topologies }));
}

function shapeOf(scenario: Scenario): { nodes: string[]; links: string[] } {
  return {
    nodes: scenario.nodes.map((node) => node.id),
    links: scenario.links.map((link) => `${link.between[0]}-${link.between[1]}`),
  };
}

describe('topology builders', () => {
  it('registers one builder per kind', () => {
    expect(createTopologyRegistry().ids()).toEqual(['line', 'ring', 'star', 'mesh', 'tree', 'dumbbell']);
  });

  it('line: each node linked to the next', () => {
    expect(expand({ kind: 'line', nodes: 3, link: LINK })).toEqual({
      nodes: ['n1', 'n2', 'n3'],
      links: ['n1-n2', 'n2-n3'],
    });
    expect(expand({ kind: 'line', nodes: ['a', 'b', 'c', 'd'], link: LINK })).toEqual({
      nodes: ['a', 'b', 'c', 'd'],
      links: ['a-b', 'b-c', 'c-d'],
    });
    expect(expand({ kind: 'line', nodes: 2, prefix: 'hop', link: LINK }).nodes).toEqual(['hop1', 'hop2']);
  });

  it('ring: a line closed from the last node to the first', () => {
    expect(expand({ kind: 'ring', nodes: 4, link: LINK })).toEqual({
      nodes: ['n1', 'n2', 'n3', 'n4'],
      links: ['n1-n2', 'n2-n3', 'n3-n4', 'n4-n1'],
    });
  });

  it('star: the hub linked to every leaf', () => {
    expect(expand({ kind: 'star', leaves: 3, link: LINK })).toEqual({
      nodes: ['hub', 'leaf1', 'leaf2', 'leaf3'],
      links: ['hub-leaf1', 'hub-leaf2', 'hub-leaf3'],
    });
    expect(expand({ kind: 'star', hub: 'broker', leaves: ['p', 'c'], link: LINK })).toEqual({
      nodes: ['broker', 'p', 'c'],
      links: ['broker-p', 'broker-c'],
    });
  });

  it('mesh: every pair linked once', () => {
    expect(expand({ kind: 'mesh', nodes: 4, link: LINK })).toEqual({
      nodes: ['n1', 'n2', 'n3', 'n4'],
      links: ['n1-n2', 'n1-n3', 'n1-n4', 'n2-n3', 'n2-n4', 'n3-n4'],
    });
  });

  it('tree: children named by their path from the root, breadth first', () => {
    expect(expand({ kind: 'tree', depth: 2, fanout: 2, link: LINK })).toEqual({
      nodes: ['root', 'root.1', 'root.2', 'root.1.1', 'root.1.2', 'root.2.1', 'root.2.2'],
      links: [
        'root-root.1',
        'root-root.2',
        'root.1-root.1.1',
        'root.1-root.1.2',
        'root.2-root.2.1',
        'root.2-root.2.2',
      ],
    });
    expect(expand({ kind: 'tree', depth: 1, fanout: 3, root: 'core', link: LINK }).links).toEqual([
      'core-core.1',
      'core-core.2',
      'core-core.3',
    ]);
  });

  it('dumbbell: senders → left → right → receivers', () => {
    const access = { bandwidth: '100Mbps' };
    const bottleneck = { bandwidth: '10Mbps' };
    expect(expand({ kind: 'dumbbell', pairs: 2, access, bottleneck })).toEqual({
      nodes: ['s1', 's2', 'left', 'right', 'r1', 'r2'],
      links: ['s1-left', 's2-left', 'left-right', 'right-r1', 'right-r2'],
    });
    expect(
      expand({
        kind: 'dumbbell',
        senders: ['web', 'video', 'backup'],
        receivers: 1,
        left: 'isp',
        right: 'dc',
        access,
        bottleneck,
      }),
    ).toEqual({
      nodes: ['web', 'video', 'backup', 'isp', 'dc', 'r1'],
      links: ['web-isp', 'video-isp', 'backup-isp', 'isp-dc', 'dc-r1'],
    });
  });

  it('copies the link settings, parsed like a link of the scenario, onto every generated link', () => {
    const scenario = scenarioOf({
      name: 't',
      duration: '1s',
      topologies: [
        { kind: 'ring', nodes: 3, link: { bandwidth: '2Mbps', delay: '5ms', loss: 0.1, buffer: 8 } },
      ],
    });
    for (const link of scenario.links) {
      expect(link.bandwidth).toBe(2e6);
      expect(link.delay.mean).toBe(0.005);
      expect(link.loss.forward).toMatchObject({ model: 'bernoulli', independentProbability: 0.1 });
      expect(link.loss.reverse).toMatchObject({ model: 'bernoulli', independentProbability: 0.1 });
      expect(link.buffer).toMatchObject({ discipline: 'drop-tail', capacityPackets: 8 });
      expect(link.reorder).toBe(false);
    }
  });

  it('dumbbell: the bottleneck and each host get their own settings', () => {
    const scenario = scenarioOf({
      name: 't',
      duration: '1s',
      topologies: [
        {
          kind: 'dumbbell',
          senders: ['near', { id: 'far', access: { bandwidth: '100Mbps', delay: '40ms' } }],
          receivers: 1,
          access: { bandwidth: '100Mbps', delay: '1ms' },
          bottleneck: { bandwidth: '10Mbps', delay: '10ms', buffer: 20 },
        },
      ],
    });
    const delays = Object.fromEntries(scenario.links.map((link) => [link.id, link.delay.mean]));
    expect(delays).toEqual({ 'near-left': 0.001, 'far-left': 0.04, 'left-right': 0.01, 'right-r1': 0.001 });
    const bottleneck = scenario.links.find((link) => link.id === 'left-right')!;
    expect([bottleneck.bandwidth, bottleneck.buffer?.capacityPackets]).toEqual([10e6, 20]);
  });

  it('every builder yields the closed-form counts, links between two of its nodes, no pair twice, connected', () => {
    const kinds = fc.oneof(
      fc.record({ kind: fc.constant('line' as const), nodes: fc.integer({ min: 2, max: 30 }) }),
      fc.record({ kind: fc.constant('ring' as const), nodes: fc.integer({ min: 3, max: 30 }) }),
      fc.record({ kind: fc.constant('mesh' as const), nodes: fc.integer({ min: 2, max: 12 }) }),
      fc.record({ kind: fc.constant('star' as const), leaves: fc.integer({ min: 1, max: 30 }) }),
      fc.record({
        kind: fc.constant('tree' as const),
        depth: fc.integer({ min: 1, max: 4 }),
        fanout: fc.integer({ min: 1, max: 4 }),
      }),
      fc.record({
        kind: fc.constant('dumbbell' as const),
        senders: fc.integer({ min: 1, max: 10 }),
        receivers: fc.integer({ min: 1, max: 10 }),
      }),
    );
    fc.assert(
      fc.property(kinds, (params) => {
        const input = (
          params.kind === 'dumbbell'
            ? { ...params, access: LINK, bottleneck: LINK }
            : { ...params, link: LINK }
        ) as TopologyInput;
        const scenario = scenarioOf({ name: 't', duration: '1s', topologies: [input] });
        const { nodes, links } = shapeOf(scenario);
        const [nodeCount, linkCount] = expectedCounts(params);
        expect(nodes).toHaveLength(nodeCount);
        expect(new Set(nodes).size).toBe(nodeCount);
        expect(links).toHaveLength(linkCount);
        const pairs = new Set<string>();
        for (const { between } of scenario.links) {
          expect(between[0]).not.toBe(between[1]);
          expect(nodes).toContain(between[0]);
          expect(nodes).toContain(between[1]);
          pairs.add([...between].sort().join(' '));
        }
        expect(pairs.size).toBe(linkCount);
        expect(reachableFrom(nodes[0], scenario.links)).toEqual(new Set(nodes));
      }),
      { numRuns: 60 },
    );
  });
});

/** [nodes, links] of each kind, from its parameters. */
function expectedCounts(
  params:
    | { kind: 'line' | 'ring' | 'mesh'; nodes: number }
    | { kind: 'star'; leaves: number }
    | { kind: 'tree'; depth: number; fanout: number }
    | { kind: 'dumbbell'; senders: number; receivers: number },
): [number, number] {
  switch (params.kind) {
    case 'line':
      return [params.nodes, params.nodes - 1];
    case 'ring':
      return [params.nodes, params.nodes];
    case 'mesh':
      return [params.nodes, (params.nodes * (params.nodes - 1)) / 2];
    case 'star':
      return [params.leaves + 1, params.leaves];
    case 'tree': {
      // 1 + f + f^2 + ... + f^d nodes; every node but the root hangs on one link.
      let nodes = 0;
      for (let level = 0; level <= params.depth; level++) nodes += params.fanout ** level;
      return [nodes, nodes - 1];
    }
    case 'dumbbell':
      return [params.senders + params.receivers + 2, params.senders + params.receivers + 1];
  }
}

/** Nodes reachable from `start` over `links` (either direction). */
function reachableFrom(start: string, links: ReadonlyArray<{ between: [string, string] }>): Set<string> {
  const reached = new Set([start]);
  const pending = [start];
  while (pending.length > 0) {
    const node = pending.pop()!;
    for (const { between } of links) {
      const other = between[0] === node ? between[1] : between[1] === node ? between[0] : undefined;
      if (other !== undefined && !reached.has(other)) {
        reached.add(other);
        pending.push(other);
      }
    }
  }
  return reached;
}
