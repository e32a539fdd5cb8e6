import type { z } from 'zod';
import { type DocumentPath, formatPath, valueAt } from './document-path.js';
import { ScenarioError } from './errors.js';
import { explainIssues } from './explain-issues.js';
import { applyOverrides, type Override } from './overrides.js';

type IssueLike = { path: ReadonlyArray<string | number>; message: string };

/**
 * What identifies a problem across validations of one scenario with different overrides: its
 * path and its message without the parenthesised context, which lists what else the document
 * holds (`unknown node 'a' (nodes: y, x, c)` is the same problem whatever the other nodes are).
 */
export function keyOfIssue(issue: IssueLike): string {
  let message = issue.message;
  for (let bare = message.replace(/\s*\([^()]*\)/g, ''); bare !== message; ) {
    message = bare;
    bare = message.replace(/\s*\([^()]*\)/g, '');
  }
  return `${formatPath(issue.path)}\n${message}`;
}

/**
 * The validations an attribution may run: each is a whole schema check, and an attribution
 * only words a refused document better, so a long list of overrides stops early.
 */
const VALIDATION_BUDGET = 64;

/**
 * Finds, for each issue the overrides brought about (the document without them lacks it), a
 * minimal set of overrides it needs: starting from all of them, each is dropped in turn when the
 * issue stays without it. So renaming two nodes blames, for a link naming the first, only the
 * first rename, and a fault moved after a shortened duration names both. Returns a map from
 * issue key (`keyOfIssue`) to the overrides to name, in the order given; issues the file has by
 * itself are not in it. Validates the document again a few times, so call it only on a refused
 * document.
 */
export function overrideCauses(
  issues: readonly IssueLike[],
  document: unknown,
  overrides: readonly Override[],
  file: string,
  schema: z.ZodType,
): Map<string, Override[]> {
  const causes = new Map<string, Override[]>();
  if (overrides.length === 0 || issues.length === 0) return causes;
  const validated = new Map<string, Set<string> | undefined>();
  const issuesWith = (kept: readonly number[]): Set<string> | undefined => {
    const id = kept.join(',');
    if (!validated.has(id)) {
      validated.set(
        id,
        validate(
          document,
          kept.map((index) => overrides[index].text),
          file,
          schema,
        ),
      );
    }
    return validated.get(id);
  };
  const original = issuesWith([]) ?? new Set<string>();
  for (const key of new Set(issues.map(keyOfIssue))) {
    if (original.has(key)) continue;
    let kept = overrides.map((_, index) => index);
    for (const dropped of overrides.keys()) {
      if (validated.size >= VALIDATION_BUDGET) break;
      const without = kept.filter((index) => index !== dropped);
      // Without every override the issue is gone (it is not the file's): one must stay.
      if (without.length > 0 && issuesWith(without)?.has(key)) kept = without;
    }
    causes.set(
      key,
      kept.map((index) => overrides[index]),
    );
  }
  return causes;
}

/**
 * The issue keys of `document` with the overrides `texts`, or undefined when they do not apply
 * without the ones left out (an index past the end of a list another override appended to).
 */
function validate(
  document: unknown,
  texts: string[],
  file: string,
  schema: z.ZodType,
): Set<string> | undefined {
  let data: unknown;
  try {
    data = texts.length > 0 ? applyOverrides(document, texts, file) : document;
  } catch (error) {
    if (error instanceof ScenarioError) return undefined;
    throw error;
  }
  const result = schema.safeParse(data);
  return new Set(result.success ? [] : explainIssues(result.error.issues, data, schema).map(keyOfIssue));
}

/**
 * For each override, the part of the document its value makes up: the path it set, or the
 * first object along it that it had to create (`--set foo.bar=1` makes `foo`; `--set
 * flows[0].transport.x=1` makes a transport, without a protocol). An issue under it lies in
 * the override's value, where the file has no token. Overrides apply in order, so what one
 * creates is judged by the document as the earlier ones left it.
 */
export function overrideRoots(
  document: unknown,
  overrides: readonly Override[],
  file: string,
): DocumentPath[] {
  let current = document;
  return overrides.map((override) => {
    const root = createdRoot(override.path, current);
    current = applyOverrides(current, [override.text], file);
    return root;
  });
}

/** The shortest prefix of `path` missing from `document` (what setting it creates), or `path` itself. */
function createdRoot(path: DocumentPath, document: unknown): DocumentPath {
  for (let length = 1; length < path.length; length++) {
    const prefix = path.slice(0, length);
    if (valueAt(document, prefix) === undefined) return prefix;
  }
  return path;
}
