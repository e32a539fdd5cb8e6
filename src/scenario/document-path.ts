/** A path inside a scenario document: object keys and list indexes, outermost first. */
export type DocumentPath = ReadonlyArray<string | number>;

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * Writes a path the way users read it in error messages and `--set`: `links[2].bandwidth`,
 * `flows[0].transport.protocol`. Keys that are not plain words are quoted: `nodes[0]["a b"]`.
 * The empty path is the empty string (the whole document).
 */
export function formatPath(path: DocumentPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** Result of parsing a written path: the segments, or what is wrong with the text. */
export type ParsedPath = { ok: true; path: Array<string | number> } | { ok: false; message: string };

/**
 * Parses the written form of a path (`flows[0].workload.messages`, `nodes[1]["a b"]`), the inverse
 * of formatPath. Indexes must be non-negative integers; keys must not be empty.
 */
export function parsePath(text: string): ParsedPath {
  const path: Array<string | number> = [];
  // One segment per match: `.key` or leading `key`, `[index]`, or `["quoted key"]`.
  const segment = /(?:(^|\.)([^.[\]"]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/y;
  let offset = 0;
  while (offset < text.length) {
    segment.lastIndex = offset;
    const match = segment.exec(text);
    if (!match || (match[1] === '.' && offset === 0)) {
      return {
        ok: false,
        message: `cannot read the path '${text}' at '${text.slice(offset)}' (write it like flows[0].workload.messages)`,
      };
    }
    if (match[2] !== undefined) path.push(match[2]);
    else if (match[3] !== undefined) path.push(Number(match[3]));
    else path.push(JSON.parse(match[4]) as string);
    offset = segment.lastIndex;
  }
  if (path.length === 0)
    return { ok: false, message: 'the path is empty (write it like flows[0].workload.messages)' };
  return { ok: true, path };
}

/** The value at `path` in a plain JSON-like value, or undefined when any step is missing. */
export function valueAt(document: unknown, path: DocumentPath): unknown {
  let value = document;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    if (!Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** True when `prefix` is `path` or one of its ancestors. */
export function isPathPrefix(prefix: DocumentPath, path: DocumentPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => segment === path[index]);
}

/**
 * Describes a document value for "got ..." in messages: `string 'abc'`, `number 5`, `a list`,
 * `an object`, `null`, `nothing`. Long strings are shortened.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return `string '${shown}'`;
  }
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
