import type { z } from 'zod';
import { formatPath } from './document-path.js';
import { explainIssues } from './explain-issues.js';
import { applyOverrides, type Override } from './overrides.js';

/** What identifies an issue across two validations of one scenario: its path and message. */
const keyOf = (issue: { path: ReadonlyArray<string | number>; message: string }) =>
  `${formatPath(issue.path)}\n${issue.message}`;

/**
 * Finds, for issues a `--set` brought about somewhere else than at the path it set (renaming
 * `nodes[0].id` breaks the links that named the old id), the overrides that caused them: an
 * issue is theirs when the document without overrides lacks it, and it is one override's when
 * the document with every override but that one lacks it too. Returns a map from issue key
 * (`keyOfIssue`) to the overrides to name; issues the file has by itself are not in it.
 * Validates the document once more per override, so call it only on a refused document.
 */
export function overrideCauses(
  issues: ReadonlyArray<{ path: ReadonlyArray<string | number>; message: string }>,
  document: unknown,
  overrides: readonly Override[],
  file: string,
  schema: z.ZodType,
): Map<string, Override[]> {
  const causes = new Map<string, Override[]>();
  if (overrides.length === 0 || issues.length === 0) return causes;
  const issuesWith = (texts: string[]) => {
    const data = texts.length > 0 ? applyOverrides(document, texts, file) : document;
    const result = schema.safeParse(data);
    return new Set(result.success ? [] : explainIssues(result.error.issues, data, schema).map(keyOf));
  };
  const original = issuesWith([]);
  const caused = issues.map(keyOf).filter((key) => !original.has(key));
  if (caused.length === 0) return causes;
  const withoutEach =
    overrides.length === 1
      ? [new Set<string>()]
      : overrides.map((_, skipped) =>
          issuesWith(overrides.filter((_, index) => index !== skipped).map((override) => override.text)),
        );
  for (const key of caused) {
    const culprits = overrides.filter((_, index) => !withoutEach[index].has(key));
    // No single override is to blame when the issue needs two of them: name them all.
    causes.set(key, culprits.length > 0 ? culprits : [...overrides]);
  }
  return causes;
}

/** The key overrideCauses files an issue under. */
export const keyOfIssue = keyOf;
