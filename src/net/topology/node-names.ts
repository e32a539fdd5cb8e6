import { z } from 'zod';
import { quoteValue } from '../../engine/quote-value.js';
import { MAX_GENERATED_NODES, type TopologySchemaParts } from './topology.js';

/** How a builder's nodes are named: a count (`<prefix>1`, `<prefix>2`, ...) or the ids themselves. */
export type NodeNames = number | string[];

/**
 * A count of nodes or a list of their ids (each at most once), `min` to MAX_GENERATED_NODES of
 * them. `what` names them in the description ("nodes", "leaves").
 */
export function nodeNamesSchema(nodeId: z.ZodType<string>, min: number, what: string) {
  return z
    .union([
      z.number().int().min(min).max(MAX_GENERATED_NODES),
      z.array(nodeId).min(min).max(MAX_GENERATED_NODES).superRefine(rejectRepeatedIds),
    ])
    .meta({ description: `how many ${what} (named <prefix>1, <prefix>2, ...), or a list of their ids` });
}

/**
 * The prefix of generated names; it must itself be a valid id, so `<prefix>7` is one too. `fallback`
 * is the documented default.
 */
export function prefixSchema(nodeId: z.ZodType<string>, fallback: string) {
  return nodeId
    .optional()
    .meta({ description: `names counted nodes <prefix>1, <prefix>2, ... (default '${fallback}')` });
}

/** The ids `names` stands for: `prefix1..prefixN` for a count, else the list itself. */
export function resolveNames(names: NodeNames, prefix: string): string[] {
  if (typeof names !== 'number') return [...names];
  return Array.from({ length: names }, (_, index) => `${prefix}${index + 1}`);
}

/**
 * Flags a `prefix` given beside a list of ids (it would be silently ignored). `namesKey` is the
 * key holding the count or list.
 */
export function rejectUnusedPrefix(
  config: { prefix?: string } & Record<string, unknown>,
  namesKey: string,
  ctx: z.RefinementCtx,
): void {
  if (config.prefix !== undefined && Array.isArray(config[namesKey])) {
    ctx.addIssue({
      code: 'custom',
      path: ['prefix'],
      message: `prefix names counted nodes only; '${namesKey}' already lists the ids`,
    });
  }
}

/** Adds an issue at each id of `ids` that an earlier item already has. */
export function rejectRepeatedIds(ids: readonly string[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id))
      ctx.addIssue({ code: 'custom', path: [index], message: `${quoteValue(id)} is listed twice` });
    seen.add(id);
  });
}

/**
 * The node ids a builder's parameters name, each with its role ("the hub", "a sender"), so that
 * one node given two roles is reported where the second role names it.
 */
export class IdClaims {
  private readonly roles = new Map<string, string>();

  constructor(private readonly ctx: z.RefinementCtx) {}

  /** Claims `id` for `role`; an issue at `path` when another role has it. */
  claim(id: string, role: string, path: Array<string | number>): void {
    const owner = this.roles.get(id);
    if (owner === undefined) this.roles.set(id, role);
    else if (owner !== role)
      this.ctx.addIssue({
        code: 'custom',
        path,
        message: `${quoteValue(id)} is already ${owner}: each node of the topology needs its own id`,
      });
  }

  /**
   * Claims the ids `names` resolves to: a listed id's issue points at its list item, a counted
   * one's at the count (`key`).
   */
  claimAll(names: NodeNames, resolved: readonly string[], role: string, key: string): void {
    resolved.forEach((id, index) => {
      this.claim(id, role, typeof names === 'number' ? [key] : [key, index]);
    });
  }
}

/**
 * The parameters of a builder over one set of nodes (line, ring, mesh): `nodes` (a count of at
 * least `min`, or ids), `prefix` for counted names, and `link`, the settings of every link.
 */
export function nodeSetShape(parts: TopologySchemaParts, min: number, defaultPrefix: string) {
  return {
    nodes: nodeNamesSchema(parts.nodeId, min, 'nodes'),
    prefix: prefixSchema(parts.nodeId, defaultPrefix),
    link: parts.link.meta({
      description:
        'settings of every generated link: any setting of a link (bandwidth, delay, loss, buffer, ...)',
    }),
  };
}
