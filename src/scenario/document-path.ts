import { quoteValue } from './quote-option.js';

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

/**
 * Where a written path has something other than a whole number from 0 in brackets, or one too
 * large to be exact or written with leading zeros (`links[-1]`, `links[99999999999999999999]`,
 * `links[007]`, `links[1.5]`, `links[x]`): `offset` and `end` delimit `[...]` in the text, `written` is what
 * stands inside.
 */
export interface BadIndex {
  offset: number;
  end: number;
  written: string;
}

/** Result of parsing a written path: the segments, or what is wrong with the text. */
export type ParsedPath =
  | { ok: true; path: Array<string | number> }
  | { ok: false; message: string; badIndex?: BadIndex };

/**
 * Parses the written form of a path (`flows[0].workload.messages`, `nodes[1]["a b"]`), the inverse
 * of formatPath. Indexes must be whole numbers from 0 written without leading zeros (a bad one
 * is described by describeBadIndex); keys must not be empty.
 */
export function parsePath(text: string): ParsedPath {
  const path: Array<string | number> = [];
  // One segment per match: `.key` or leading `key`, `[index]`, `["quoted key"]`, or brackets
  // holding anything else unquoted, which is an index that is no whole number from 0.
  const segment = /(?:(^|\.)([^.[\]"]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\[([^\]"]*)\])/y;
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
    if (match[5] !== undefined) {
      const badIndex = { offset, end: segment.lastIndex, written: match[5] };
      return { ok: false, message: describeBadIndex(text, badIndex), badIndex };
    }
    // A whole number too large to be exact (1e20 would come back as 100000000000000000000) is no
    // index of any list, and one with leading zeros (`007`) is read strictly, not as 7: both are
    // refused as written.
    if (match[3] !== undefined && (hasLeadingZero(match[3]) || !Number.isSafeInteger(Number(match[3])))) {
      const badIndex = { offset, end: segment.lastIndex, written: match[3] };
      return { ok: false, message: describeBadIndex(text, badIndex), badIndex };
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

/** True for digits with a zero before another digit (`007`, `00`), which an index may not have. */
function hasLeadingZero(digits: string): boolean {
  return /^0\d+$/.test(digits);
}

/**
 * What is wrong with the bad index of `text`: `index -1 of 'links' must be a whole number from
 * 0`, the index named as written (`index ' 0'`, `index 99999999999999999999 ... from 0 to
 * 9007199254740991`, `index 007 ... from 0, written without leading zeros`). With `list`, the value the brackets index (when known), a list's length bounds it too: `from
 * 0 to 0 ('links' has 1 item)`, or where the index ends the path and may append, `from 0 to 1
 * ('links' has 1 item; index 1 adds one)`.
 */
export function describeBadIndex(text: string, badIndex: BadIndex, list?: unknown): string {
  const listText = text.slice(0, badIndex.offset);
  const of = listText === '' ? 'the document' : `'${listText}'`;
  const inside = badIndex.written.trim();
  // A number is named as written; anything else (a number with blanks around it too) is quoted
  // as written, and may have been meant as a key.
  const numeric = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(inside);
  const named = numeric && inside === badIndex.written ? inside : quoteValue(badIndex.written);
  let rule = `index ${named} of ${of} must be a whole number from 0`;
  const leadingZero = hasLeadingZero(badIndex.written);
  const notes: string[] = [];
  if (Array.isArray(list)) {
    notes.push(
      `${of} has ${list.length === 0 ? 'no items' : `${list.length} item${list.length === 1 ? '' : 's'}`}`,
    );
    // An index just past the end appends, where it ends the path (see applyOverrides).
    if (badIndex.end === text.length) {
      rule += ` to ${list.length}`;
      notes.push(`index ${list.length} adds one`);
    } else if (list.length > 0) rule += ` to ${list.length - 1}`;
  } else if (/^\d+$/.test(badIndex.written) && !leadingZero) rule += ` to ${Number.MAX_SAFE_INTEGER}`;
  if (leadingZero) rule += ', written without leading zeros';
  if (inside === '*') notes.push('[*], every element, is for --vary and --param');
  else if (!numeric && inside !== '' && listText !== '' && !Array.isArray(list)) {
    notes.push(`a key goes after a dot: ${listText}.${inside}`);
  }
  return notes.length === 0 ? rule : `${rule} (${notes.join('; ')})`;
}

/**
 * The value in `document` that the bad index of `text` indexes (for describeBadIndex), when the
 * path before it can be read and leads to one; else undefined.
 */
export function indexedBy(text: string, badIndex: BadIndex, document: unknown): unknown {
  if (badIndex.offset === 0) return document;
  const before = parsePath(text.slice(0, badIndex.offset));
  return before.ok ? valueAt(document, before.path) : undefined;
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
 * `an object`, `null`, `nothing`. A long string is shortened as quoteValue does.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'string') return `string ${quoteValue(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
