import { z } from 'zod';
import { IdClaims, nodeNamesSchema, prefixSchema, rejectUnusedPrefix, resolveNames } from './node-names.js';
import type { TopologyDefinition, TopologySchemaParts } from './topology.js';

const DEFAULT_PREFIX = 'leaf';

function schema(parts: TopologySchemaParts) {
  return z
    .strictObject({
      kind: z.literal('star'),
      hub: parts.nodeId.default('hub').meta({ description: "the centre node (default 'hub')" }),
      leaves: nodeNamesSchema(parts.nodeId, 1, 'leaves'),
      prefix: prefixSchema(parts.nodeId, DEFAULT_PREFIX),
      link: parts.link.meta({
        description:
          'settings of every hub–leaf link (forward is hub to leaf): any setting of a link (bandwidth, delay, loss, buffer, ...)',
      }),
    })
    .superRefine((config, ctx) => {
      rejectUnusedPrefix(config, 'leaves', ctx);
      const claims = new IdClaims(ctx);
      claims.claim(config.hub, 'the hub', ['hub']);
      claims.claimAll(config.leaves, leavesOf(config), 'a leaf', 'leaves');
    });
}

export type StarConfig = z.output<ReturnType<typeof schema>>;

function leavesOf(config: Pick<StarConfig, 'leaves' | 'prefix'>): string[] {
  return resolveNames(config.leaves, config.prefix ?? DEFAULT_PREFIX);
}

/** `star`: one hub linked to every leaf. */
export const star: TopologyDefinition<StarConfig> = {
  id: 'star',
  description: 'a hub linked to each of N leaves (N+1 nodes, N links)',
  schema,
  expand: (config) => {
    const leaves = leavesOf(config);
    return {
      nodes: [config.hub, ...leaves],
      links: leaves.map((leaf) => ({ between: [config.hub, leaf], settings: config.link })),
    };
  },
};
