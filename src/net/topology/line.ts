import { z } from 'zod';
import { nodeSetShape, rejectUnusedPrefix, resolveNames } from './node-names.js';
import type { TopologyDefinition, TopologySchemaParts } from './topology.js';

function schema(parts: TopologySchemaParts) {
  return z
    .strictObject({ kind: z.literal('line'), ...nodeSetShape(parts, 2, 'n') })
    .superRefine((config, ctx) => rejectUnusedPrefix(config, 'nodes', ctx));
}

export type LineConfig = z.output<ReturnType<typeof schema>>;

/** `line`: n1 – n2 – ... – nN, each node linked to the next. */
export const line: TopologyDefinition<LineConfig> = {
  id: 'line',
  description: 'a chain: each node linked to the next (N nodes, N-1 links)',
  schema,
  expand: (config) => {
    const nodes = resolveNames(config.nodes, config.prefix ?? 'n');
    return {
      nodes,
      links: nodes.slice(1).map((node, index) => ({
        between: [nodes[index], node],
        settings: config.link,
      })),
    };
  },
};
