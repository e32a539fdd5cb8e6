import type { z } from 'zod';

type Payload = z.core.ParsePayload;
type Issue = Payload['issues'][number];

/**
 * The keys of list items that the reference checks read (ids, what a link joins, whether a
 * component fails); an issue anywhere else in such an item leaves them readable.
 */
const READ_BY_REFERENCE_CHECKS: Record<string, ReadonlySet<string>> = {
  nodes: new Set(['id', 'failure']),
  links: new Set(['id', 'between', 'failure']),
  flows: new Set(['id', 'from', 'to', 'workload', 'publish']),
};

/** Top-level keys no reference check reads. */
const UNREFERENCED_KEYS: ReadonlySet<string> = new Set(['name', 'description', 'seed', 'routing']);

/**
 * Whether the cross-reference checks can run on a scenario that still has schema issues,
 * so that one run reports both kinds (a bad bandwidth and an unknown link in a fault) instead
 * of the references only once the schema issues are fixed. True when every issue so far is one
 * zod itself would go on after, an unknown key (a missing key it stands for is its own issue),
 * or lies where the checks do not read: a top-level key they ignore, or a node, link or flow
 * key other than those in READ_BY_REFERENCE_CHECKS (e.g. `links[0].bandwidth`,
 * `flows[1].transport`).
 */
export function referencesReadable(payload: Payload): boolean {
  return payload.issues.every(leavesReferencesReadable);
}

function leavesReferencesReadable(issue: Issue): boolean {
  if (issue.continue === true || issue.code === 'unrecognized_keys') return true;
  const [top, index, key] = issue.path ?? [];
  if (typeof top === 'string' && UNREFERENCED_KEYS.has(top)) return true;
  const read = typeof top === 'string' ? READ_BY_REFERENCE_CHECKS[top] : undefined;
  return read !== undefined && typeof index === 'number' && typeof key === 'string' && !read.has(key);
}
