import { z } from 'zod';
import {
  type GeneratedLink,
  MAX_GENERATED_NODES,
  type TopologyDefinition,
  type TopologySchemaParts,
} from './topology.js';

function schema(parts: TopologySchemaParts) {
  return z
    .strictObject({
      kind: z.literal('tree'),
      depth: z.number().int().min(1).meta({ description: 'levels below the root' }),
      fanout: z.number().int().min(1).meta({ description: 'children of each inner node' }),
      root: parts.nodeId.default('root').meta({
        description: "the root's id (default 'root'); a child's id is its parent's plus .1, .2, ...",
      }),
      link: parts.link.meta({
        description:
          'settings of every parent–child link (forward is parent to child): any setting of a link (bandwidth, delay, loss, buffer, ...)',
      }),
    })
    .superRefine((config, ctx) => {
      const count = treeSize(config.depth, config.fanout);
      if (count > MAX_GENERATED_NODES) {
        ctx.addIssue({
          code: 'custom',
          path: ['depth'],
          message: `a tree of depth ${config.depth} and fanout ${config.fanout} has more than ${MAX_GENERATED_NODES} nodes`,
        });
      }
    });
}

export type TreeConfig = z.output<ReturnType<typeof schema>>;

/** Nodes of a full tree, counted only up to just past MAX_GENERATED_NODES (no overflow). */
function treeSize(depth: number, fanout: number): number {
  let total = 1;
  let level = 1;
  for (let d = 1; d <= depth && total <= MAX_GENERATED_NODES; d++) {
    level *= fanout;
    total += level;
  }
  return total;
}

/** `tree`: a full tree, numbered by path from the root (root, root.1, root.1.2, ...). */
export const tree: TopologyDefinition<TreeConfig> = {
  id: 'tree',
  description: 'a full tree of the given depth and fanout; links join each parent to its children',
  schema,
  expand: (config) => {
    const nodes = [config.root];
    const links: GeneratedLink[] = [];
    let level = [config.root];
    for (let depth = 1; depth <= config.depth; depth++) {
      const next: string[] = [];
      for (const parent of level) {
        for (let child = 1; child <= config.fanout; child++) {
          const id = `${parent}.${child}`;
          next.push(id);
          links.push({ between: [parent, id], settings: config.link });
        }
      }
      for (const id of next) nodes.push(id);
      level = next;
    }
    return { nodes, links };
  },
};
