import type { z } from 'zod';
import { listIds, quoteValue } from './quote-option.js';

/** The group a broadcast to every node but the sender names. */
export const BROADCAST_ALL = 'all';

/**
 * Consistency of a flow's pattern with its address and workload; `allAtOnce` tells whether the
 * workload's arrival pattern makes every message ready at its start (a bulk transfer).
 */
export function checkPattern(
  flow: {
    to: string | { broadcast: string };
    workload: { rate?: number; arrivals: string };
    pattern?: { kind: string; mode: 'sync' | 'async'; maxOutstanding?: number; think?: unknown };
  },
  ctx: z.RefinementCtx,
  allAtOnce: (arrivals: string) => boolean,
): void {
  const { pattern } = flow;
  if (pattern === undefined) return;
  if (typeof flow.to !== 'string') {
    ctx.addIssue({
      code: 'custom',
      path: ['pattern'],
      message: `a ${pattern.kind} flow goes to one node: expected a node id in 'to', not a broadcast`,
    });
  }
  if (pattern.mode === 'sync') {
    if (!allAtOnce(flow.workload.arrivals)) {
      ctx.addIssue({
        code: 'custom',
        path: ['workload', flow.workload.rate === undefined ? 'arrivals' : 'rate'],
        message:
          'a sync client sends each request when the previous one ends (closed loop): give workload.messages ' +
          'without a rate or arrivals, or use mode: async for requests at a rate',
      });
    }
    if (pattern.maxOutstanding !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['pattern', 'maxOutstanding'],
        message: 'a sync client has one request outstanding: maxOutstanding is for mode: async',
      });
    }
  } else if (pattern.think !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['pattern', 'think'],
      message: 'think time is the pause of a sync client between requests: use it with mode: sync',
    });
  }
}

/**
 * Where a flow's messages go: `to` becomes a label (the node id, or `broadcast(<group>)`, which
 * no node id can be) and `recipients` the node ids, in node order for a group.
 */
export function addressOf(
  flow: { from: string; to: string | { broadcast: string } },
  nodes: ReadonlyArray<{ id: string }>,
  groups: ReadonlyArray<{ id: string; members: string[] }>,
): { to: string; recipients: string[]; broadcast: boolean } {
  if (typeof flow.to === 'string') return { to: flow.to, recipients: [flow.to], broadcast: false };
  const target = flow.to.broadcast;
  const members = new Set(
    target === BROADCAST_ALL
      ? nodes.map((node) => node.id)
      : groups.find((group) => group.id === target)!.members,
  );
  return {
    to: `broadcast(${target})`,
    recipients: nodes.map((node) => node.id).filter((id) => id !== flow.from && members.has(id)),
    broadcast: true,
  };
}

type Path = (string | number)[];

/**
 * Checks the named groups (ids unique, not `all`, members known) and returns the check of a
 * broadcast from `from` to `target` (a known group or `all`, with someone besides the sender,
 * each recipient joined to the sender by a chain of links).
 */
export function checkGroups(
  groupList: ReadonlyArray<{ id: string; members: string[] }>,
  ctx: z.RefinementCtx,
  {
    nodeIds,
    checkNode,
    reachable,
  }: {
    nodeIds: ReadonlySet<string>;
    checkNode: (id: string, path: Path) => void;
    reachable: (from: string, to: string) => boolean;
  },
): (from: string, target: string, path: Path) => void {
  const groups = new Map<string, string[]>();
  groupList.forEach((group, index) => {
    if (group.id === BROADCAST_ALL) {
      ctx.addIssue({
        code: 'custom',
        path: ['groups', index, 'id'],
        message: `'${BROADCAST_ALL}' is reserved for every node (to: { broadcast: ${BROADCAST_ALL} })`,
      });
      return;
    }
    if (groups.has(group.id))
      ctx.addIssue({
        code: 'custom',
        path: ['groups', index, 'id'],
        message: `duplicate group id ${quoteValue(group.id)}`,
      });
    groups.set(group.id, group.members);
    group.members.forEach((member, position) => {
      checkNode(member, ['groups', index, 'members', position]);
    });
  });
  return (from: string, target: string, path: (string | number)[]) => {
    const members = target === BROADCAST_ALL ? [...nodeIds] : groups.get(target);
    if (members === undefined) {
      const names = listIds([BROADCAST_ALL, ...groups.keys()]);
      ctx.addIssue({
        code: 'custom',
        path,
        message: `unknown group ${quoteValue(target)} (expected one of: ${names})`,
      });
      return;
    }
    if (!nodeIds.has(from)) return;
    const recipients = members.filter((member) => member !== from && nodeIds.has(member));
    // Unknown members are reported where they are listed; an emptiness issue would only echo it.
    const hasUnknownMember = members.some((member) => !nodeIds.has(member));
    if (recipients.length === 0 && !hasUnknownMember)
      ctx.addIssue({
        code: 'custom',
        path,
        message: `group ${quoteValue(target)} has no node other than the sender ${quoteValue(from)}`,
      });
    const unreachable = recipients.filter((member) => !reachable(from, member));
    if (unreachable.length > 0)
      ctx.addIssue({
        code: 'custom',
        path,
        message: `no path from ${quoteValue(from)} to ${unreachable.map((id) => `${quoteValue(id)}`).join(', ')}: no chain of links joins them`,
      });
  };
}
