import { z } from 'zod';
import { nodeSetShape, rejectUnusedPrefix, resolveNames } from './node-names.js';
import type { TopologyDefinition, TopologySchemaParts } from './topology.js';

function schema(parts: TopologySchemaParts) {
  // Two nodes would need two links between the same pair to close a ring.
  return z
    .strictObject({ kind: z.literal('ring'), ...nodeSetShape(parts, 3, 'n') })
    .superRefine((config, ctx) => rejectUnusedPrefix(config, 'nodes', ctx));
}

export type RingConfig = z.output<ReturnType<typeof schema>>;

/** `ring`: a line whose last node is linked back to the first. */
export const ring: TopologyDefinition<RingConfig> = {
  id: 'ring',
  description: 'a cycle: each node linked to the next, the last to the first (N nodes, N links)',
  schema,
  expand: (config) => {
    const nodes = resolveNames(config.nodes, config.prefix ?? 'n');
    return {
      nodes,
      links: nodes.map((node, index) => ({
        between: [node, nodes[(index + 1) % nodes.length]],
        settings: config.link,
      })),
    };
  },
};
