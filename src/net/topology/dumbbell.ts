import { z } from 'zod';
import { IdClaims, rejectRepeatedIds, resolveNames } from './node-names.js';
import {
  type GeneratedLink,
  MAX_GENERATED_NODES,
  type TopologyDefinition,
  type TopologySchemaParts,
} from './topology.js';

/** Senders and receivers share the node budget with the two routers. */
const MAX_HOSTS_PER_SIDE = (MAX_GENERATED_NODES - 2) / 2;

function hostsSchema(parts: TopologySchemaParts, side: 'senders' | 'receivers', prefix: string) {
  const host = z.union([
    parts.nodeId,
    z.strictObject({
      id: parts.nodeId,
      access: parts.link.meta({ description: "this host's own access link (instead of `access`)" }),
    }),
  ]);
  return z
    .union([
      z.number().int().min(1).max(MAX_HOSTS_PER_SIDE),
      z
        .array(host)
        .min(1)
        .max(MAX_HOSTS_PER_SIDE)
        .superRefine((hosts, ctx) => rejectRepeatedIds(hosts.map(hostId), ctx)),
    ])
    .optional()
    .meta({
      description: `how many ${side} (named ${prefix}1, ${prefix}2, ...), or a list of ids or { id, access }`,
    });
}

function schema(parts: TopologySchemaParts) {
  const linkSettings = (description: string) => parts.link.meta({ description });
  return z
    .strictObject({
      kind: z.literal('dumbbell'),
      pairs: z
        .number()
        .int()
        .min(1)
        .max(MAX_HOSTS_PER_SIDE)
        .optional()
        .meta({ description: 'N senders s1..sN and N receivers r1..rN (instead of senders and receivers)' }),
      senders: hostsSchema(parts, 'senders', 's'),
      receivers: hostsSchema(parts, 'receivers', 'r'),
      left: parts.nodeId
        .default('left')
        .meta({ description: "the router the senders hang on (default 'left')" }),
      right: parts.nodeId
        .default('right')
        .meta({ description: "the router the receivers hang on (default 'right')" }),
      access: linkSettings(
        'settings of each host–router link (forward is towards the receivers): any setting of a link (bandwidth, delay, loss, buffer, ...)',
      ).optional(),
      bottleneck: linkSettings(
        'settings of the left–right link all flows share (forward is left to right): any setting of a link (bandwidth, delay, loss, buffer, ...)',
      ),
    })
    .superRefine((config, ctx) => {
      if (config.pairs !== undefined) {
        if (config.senders !== undefined || config.receivers !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['pairs'],
            message: 'give either pairs or senders and receivers, not both',
          });
        }
      } else {
        for (const side of ['senders', 'receivers'] as const) {
          if (config[side] === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: [side],
              message: `missing required key '${side}': expected a count or a list of ids (or give pairs: N instead)`,
            });
          }
        }
      }
      const { senders, receivers } = hostsOf(config);
      const claims = new IdClaims(ctx);
      claims.claim(config.left, 'the left router', ['left']);
      claims.claim(config.right, 'the right router', ['right']);
      const sendersKey = config.pairs === undefined ? 'senders' : 'pairs';
      const receiversKey = config.pairs === undefined ? 'receivers' : 'pairs';
      const senderNames = config.senders ?? config.pairs ?? 0;
      const receiverNames = config.receivers ?? config.pairs ?? 0;
      claims.claimAll(countOrIds(senderNames), senders.map(hostId), 'a sender', sendersKey);
      claims.claimAll(countOrIds(receiverNames), receivers.map(hostId), 'a receiver', receiversKey);
      if (
        config.access === undefined &&
        [...senders, ...receivers].some((host) => typeof host === 'string')
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['access'],
          message:
            "missing required key 'access': expected the settings of the host–router links " +
            '(any setting of a link (bandwidth, delay, loss, buffer, ...)), unless every host has its own { id, access }',
        });
      }
    });
}

export type DumbbellConfig = z.output<ReturnType<typeof schema>>;
type Host = string | { id: string; access: unknown };
type Hosts = number | Host[];

function hostId(host: Host): string {
  return typeof host === 'string' ? host : host.id;
}

function countOrIds(hosts: Hosts): number | string[] {
  return typeof hosts === 'number' ? hosts : hosts.map(hostId);
}

function resolveHosts(hosts: Hosts, prefix: string): Host[] {
  return typeof hosts === 'number' ? resolveNames(hosts, prefix) : hosts;
}

function hostsOf(config: Pick<DumbbellConfig, 'pairs' | 'senders' | 'receivers'>) {
  return {
    senders: resolveHosts(config.senders ?? config.pairs ?? 0, 's'),
    receivers: resolveHosts(config.receivers ?? config.pairs ?? 0, 'r'),
  };
}

/**
 * `dumbbell`: senders on a left router, receivers on a right router, and one bottleneck link
 * between the routers that every sender-to-receiver path crosses.
 */
export const dumbbell: TopologyDefinition<DumbbellConfig> = {
  id: 'dumbbell',
  description: 'senders → left router → bottleneck → right router → receivers (N+M+2 nodes, N+M+1 links)',
  schema,
  expand: (config) => {
    const { senders, receivers } = hostsOf(config);
    const accessOf = (host: Host) => (typeof host === 'string' ? config.access : host.access);
    const links: GeneratedLink[] = [
      ...senders.map(
        (host): GeneratedLink => ({ between: [hostId(host), config.left], settings: accessOf(host) }),
      ),
      { between: [config.left, config.right], settings: config.bottleneck },
      ...receivers.map(
        (host): GeneratedLink => ({ between: [config.right, hostId(host)], settings: accessOf(host) }),
      ),
    ];
    return {
      nodes: [...senders.map(hostId), config.left, config.right, ...receivers.map(hostId)],
      links,
    };
  },
};
