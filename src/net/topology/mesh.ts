import { z } from 'zod';
import { nodeSetShape, rejectUnusedPrefix, resolveNames } from './node-names.js';
import { MAX_GENERATED_LINKS, type TopologyDefinition, type TopologySchemaParts } from './topology.js';

function schema(parts: TopologySchemaParts) {
  return z
    .strictObject({ kind: z.literal('mesh'), ...nodeSetShape(parts, 2, 'n') })
    .superRefine((config, ctx) => {
      rejectUnusedPrefix(config, 'nodes', ctx);
      const count = typeof config.nodes === 'number' ? config.nodes : config.nodes.length;
      const links = (count * (count - 1)) / 2;
      if (links > MAX_GENERATED_LINKS) {
        ctx.addIssue({
          code: 'custom',
          path: ['nodes'],
          message: `a full mesh of ${count} nodes has ${links} links; at most ${MAX_GENERATED_LINKS} may be generated`,
        });
      }
    });
}

export type MeshConfig = z.output<ReturnType<typeof schema>>;

/** `mesh`: every node linked to every other one. */
export const mesh: TopologyDefinition<MeshConfig> = {
  id: 'mesh',
  description: 'a full mesh: every pair of nodes linked (N nodes, N(N-1)/2 links)',
  schema,
  expand: (config) => {
    const nodes = resolveNames(config.nodes, config.prefix ?? 'n');
    return {
      nodes,
      links: nodes.flatMap((first, index) =>
        nodes.slice(index + 1).map((second) => ({
          between: [first, second] as [string, string],
          settings: config.link,
        })),
      ),
    };
  },
};
