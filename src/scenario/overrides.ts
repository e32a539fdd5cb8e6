import { type DocumentPath, describeBadIndex, readPath, type WrittenSegment } from './document-path.js';
import { ScenarioError, type ScenarioIssue } from './errors.js';
import { problemOfPath } from './path-in-document.js';
import { quoteOption } from './quote-option.js';
import { readYamlValue } from './yaml-value.js';

/** One `--set path=value`, parsed. */
export interface Override {
  /** As the user wrote it, for messages. */
  text: string;
  /** The path part as written (trimmed), for messages: `links[0]["loss"]`. */
  pathText: string;
  path: Array<string | number>;
  /** The value read as YAML: `7` is a number, `20ms` a string, `{protocol: datagram}` an object. */
  value: unknown;
  /** The source text of the scalar at a path inside the value (`[]`: the value itself), where it is one. */
  writtenAt: (path: DocumentPath) => string | undefined;
}

/** How messages quote a `--set path=value`: a long value shortened (see quoteOption). */
export function quoteSet(text: string): string {
  return quoteOption('--set', text, 'single');
}

/**
 * Parses `path=value` (split at the first `=`); the value is read as a YAML scalar or flow
 * collection, and an empty value is null as in YAML. With `document`, the scenario the override
 * will apply to, the path is checked against it (see problemOfPath: what the path meets is
 * named before how an index is written, and an index that names no item says the list's range);
 * without, brackets that hold no index are refused as written.
 * @throws ScenarioError (one issue naming `--set`, at the path as written) for a missing `=`, a
 * path that cannot be read or set, or a value that is not YAML; `file` is put in the issue.
 */
export function parseOverride(text: string, file = '--set', document?: unknown): Override {
  const fail = (path: string, message: string): never => {
    throw new ScenarioError([{ file, path, message: `${quoteSet(text)}: ${message}` }]);
  };
  const equals = text.indexOf('=');
  if (equals < 0) return fail('', 'expected path=value, like flows[0].workload.messages=100');
  const pathText = text.slice(0, equals).trim();
  const read = readPath(pathText);
  if (!read.ok) return fail('', read.message);
  // `[*]` is for --vary and --param: here it is brackets holding no index.
  const segments = read.segments.map(
    (segment): WrittenSegment =>
      segment.kind === 'every' ? { ...segment, kind: 'bad', written: '*' } : segment,
  );
  if (document !== undefined) {
    const problem = problemOfPath(document, pathText, segments);
    if (problem !== undefined) return fail(pathText, problem);
  }
  const path: Array<string | number> = [];
  for (const segment of segments) {
    if (segment.kind === 'key') path.push(segment.key);
    else if (segment.kind === 'index') path.push(segment.index);
    else if (segment.kind === 'bad') {
      const badIndex = { offset: segment.start, end: segment.end, written: segment.written };
      return fail(pathText, describeBadIndex(pathText, badIndex));
    }
  }
  const value = readYamlValue(text.slice(equals + 1));
  if (!value.ok) return fail(pathText, `cannot read the value as YAML: ${value.problem}`);
  return { text, pathText, path, value: value.value, writtenAt: value.writtenAt };
}

/**
 * Returns a copy of the raw scenario `document` with each `--set path=value` applied in order
 * (paths like `seed`, `flows[0].workload.messages`, `nodes[1].failure.mttf`). Missing
 * intermediate objects are created; an index may point at an existing item, or just past the
 * last one to append when it ends the path. The input is not changed.
 * @throws ScenarioError with one issue per bad override (each says `--set` and the path as
 * written), each judged by the document as the overrides before it left it: unreadable text, a
 * path that cannot be set there (see parseOverride), a value that is no YAML.
 */
export function applyOverrides(document: unknown, overrides: string[], file = '--set'): unknown {
  const root: unknown = document === null || document === undefined ? {} : structuredClone(document);
  const issues: ScenarioIssue[] = [];
  for (const text of overrides) {
    try {
      const { path, value } = parseOverride(text, file, root);
      setAt(root, path, value);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return root;
}

/** Sets `value` at `path` in `root`, which parseOverride has checked the path against. */
function setAt(root: unknown, path: ReadonlyArray<string | number>, value: unknown): void {
  let container = root as Record<string | number, unknown>;
  for (const [index, segment] of path.entries()) {
    if (index === path.length - 1) {
      setOwn(container, segment, value);
      return;
    }
    let next = Object.hasOwn(container, segment) ? container[segment] : undefined;
    if (next === undefined || next === null) {
      next = {};
      setOwn(container, segment, next);
    }
    container = next as Record<string | number, unknown>;
  }
}

/** Assigns as an own property, so that a key like `__proto__` is data, not a prototype change. */
function setOwn(record: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}
