import { describeBadIndex, describeValue, formatPath, indexedBy, parsePath } from './document-path.js';
import { ScenarioError, type ScenarioIssue } from './errors.js';
import { quoteOption } from './quote-option.js';
import { readYamlValue } from './yaml-value.js';

/** One `--set path=value`, parsed. */
export interface Override {
  /** As the user wrote it, for messages. */
  text: string;
  path: Array<string | number>;
  /** The value read as YAML: `7` is a number, `20ms` a string, `{protocol: datagram}` an object. */
  value: unknown;
}

/** How messages quote a `--set path=value`: a long value shortened (see quoteOption). */
export function quoteSet(text: string): string {
  return quoteOption('--set', text, 'single');
}

/**
 * Parses `path=value` (split at the first `=`); the value is read as a YAML scalar or flow
 * collection, and an empty value is null as in YAML. `document`, the scenario the override will
 * apply to, when known, lets a bad index say how long its list is.
 * @throws ScenarioError (one issue naming `--set` and the path) for a missing `=`, a bad path
 * (an index that is no whole number from 0 among them) or a value that is not YAML; `file` is
 * put in the issue.
 */
export function parseOverride(text: string, file = '--set', document?: unknown): Override {
  const fail = (path: string, message: string): never => {
    throw new ScenarioError([{ file, path, message: `${quoteSet(text)}: ${message}` }]);
  };
  const equals = text.indexOf('=');
  if (equals < 0) return fail('', 'expected path=value, like flows[0].workload.messages=100');
  const pathText = text.slice(0, equals).trim();
  const parsedPath = parsePath(pathText);
  if (!parsedPath.ok) {
    if (!parsedPath.badIndex) return fail('', parsedPath.message);
    return fail(
      pathText,
      describeBadIndex(pathText, parsedPath.badIndex, indexedBy(pathText, parsedPath.badIndex, document)),
    );
  }
  const read = readYamlValue(text.slice(equals + 1));
  if (!read.ok) return fail(formatPath(parsedPath.path), `cannot read the value as YAML: ${read.problem}`);
  return { text, path: parsedPath.path, value: read.value };
}

/**
 * Returns a copy of the raw scenario `document` with each `--set path=value` applied in order
 * (paths like `seed`, `flows[0].workload.messages`, `nodes[1].failure.mttf`). Missing
 * intermediate objects are created; an index may point at an existing item, or just past the
 * last one to append when it ends the path. The input is not changed.
 * @throws ScenarioError with one issue per bad override (each says `--set` and the path):
 * unreadable text, an index past the end of a list, a key into a list or scalar.
 */
export function applyOverrides(document: unknown, overrides: string[], file = '--set'): unknown {
  const root: unknown = document === null || document === undefined ? {} : structuredClone(document);
  const issues: ScenarioIssue[] = [];
  for (const text of overrides) {
    try {
      setAt(root, parseOverride(text, file, root), file);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return root;
}

function setAt(root: unknown, override: Override, file: string): void {
  const { path, value, text } = override;
  let container = root;
  for (let index = 0; index < path.length; index++) {
    const segment = path[index];
    const here = formatPath(path.slice(0, index)) || 'the document';
    const isLast = index === path.length - 1;
    const fail = (message: string): never => {
      throw new ScenarioError([{ file, path: formatPath(path), message: `${quoteSet(text)}: ${message}` }]);
    };
    if (Array.isArray(container)) {
      if (typeof segment !== 'number') fail(`'${here}' is a list: use an index, like ${here}[0]`);
      const limit = isLast ? container.length : container.length - 1;
      if ((segment as number) > limit) {
        fail(
          `index ${segment} is past the end of '${here}' (${container.length} item${container.length === 1 ? '' : 's'})`,
        );
      }
    } else if (container !== null && typeof container === 'object') {
      if (typeof segment === 'number') fail(`'${here}' is an object, not a list: use a key, like ${here}.id`);
    } else {
      fail(`'${here}' is ${describeValue(container)}, which has no '${segment}'`);
    }
    const record = container as Record<string | number, unknown>;
    if (isLast) {
      setOwn(record, segment, value);
      return;
    }
    let next = Object.hasOwn(record, segment) ? record[segment] : undefined;
    if (next === undefined || next === null) {
      if (typeof path[index + 1] === 'number')
        fail(`there is no list at '${formatPath(path.slice(0, index + 1))}'`);
      next = {};
      setOwn(record, segment, next);
    }
    container = next;
  }
}

/** Assigns as an own property, so that a key like `__proto__` is data, not a prototype change. */
function setOwn(record: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}
