import { quoteValue, quoteWritten } from './quote-option.js';

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
 * One segment of a written path, with where it stands in the text (`start` to `end`, its dot or
 * brackets included): a key (the first word, `.loss`, `["a.b"]` or `['a.b']`), an index (`[2]`),
 * `[*]` (every element, for `--vary` and `--param`), or brackets holding anything else
 * (`[-1]`, `[007]`, `[99999999999999999999]`, `[1.5]`, `[x]`), which is no index of any list.
 */
export type WrittenSegment = { start: number; end: number } & (
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'every' }
  | { kind: 'bad'; written: string }
);

/** A written path read into segments, or why it cannot be read. */
export type ReadPath = { ok: true; segments: WrittenSegment[] } | { ok: false; message: string };

/**
 * Reads a written path into its segments. A key stands first or after a dot and holds no `.`,
 * `[`, `]` or quote (`links[0].loss`); any key may be written in brackets, quoted: `["a.b"]` (a
 * JSON string, escapes and all) or `['a.b']` (as it stands, holding no `'`). An index is a whole
 * number from 0 in brackets, written without leading zeros and at most 2^53 - 1; brackets
 * holding anything else are a `bad` segment, left for the caller to explain (only the document
 * tells whether it indexes a list). Refused, saying how to write it (`example` shows a path):
 * an empty path or key, unclosed brackets, a bracketed quote that does not close, and a quoted
 * key after a dot or first (`."loss"`: write `["loss"]`, or `.loss`).
 */
export function readPath(text: string, example = 'flows[0].workload.messages'): ReadPath {
  const segments: WrittenSegment[] = [];
  const refuse = (offset: number, why = `write it like ${example}`): ReadPath => ({
    ok: false,
    message: `cannot read the path ${quoteWritten(text)} at ${quoteWritten(text.slice(offset))} (${why})`,
  });
  let offset = 0;
  while (offset < text.length) {
    const start = offset;
    if (text[offset] === '[') {
      const quote = text[offset + 1];
      if (quote === '"' || quote === "'") {
        const quoted = quote === '"' ? /\[("(?:[^"\\]|\\.)*")\]/y : /\['([^']*)'\]/y;
        quoted.lastIndex = offset;
        const found = quoted.exec(text);
        if (!found) return refuse(offset, `a key in brackets is quoted whole, like ["a.b"] or ['a.b']`);
        const key = quote === '"' ? readJsonString(found[1]) : found[1];
        if (key === undefined) {
          return refuse(
            offset,
            'a key in double quotes is a JSON string: write a backslash as \\\\, a quote as \\"',
          );
        }
        offset = quoted.lastIndex;
        segments.push({ kind: 'key', key, start, end: offset });
        continue;
      }
      const close = text.indexOf(']', offset);
      if (close < 0) return refuse(offset);
      const inside = text.slice(offset + 1, close);
      offset = close + 1;
      if (inside === '*') segments.push({ kind: 'every', start, end: offset });
      else if (/^\d+$/.test(inside) && !hasLeadingZero(inside) && Number.isSafeInteger(Number(inside))) {
        segments.push({ kind: 'index', index: Number(inside), start, end: offset });
      } else segments.push({ kind: 'bad', written: inside, start, end: offset });
      continue;
    }
    if (offset > 0 && text[offset] !== '.') return refuse(offset);
    const from = offset === 0 ? 0 : offset + 1;
    const word = /[^.[\]]*/y;
    word.lastIndex = from;
    const key = (word.exec(text) as RegExpExecArray)[0];
    if (key === '') return refuse(offset);
    offset = from + key.length;
    if (/["']/.test(key)) return refuse(start, quotedKeyAdvice(text, start, offset, key));
    segments.push({ kind: 'key', key, start, end: offset });
  }
  if (segments.length === 0) return { ok: false, message: `the path is empty (write it like ${example})` };
  return { ok: true, segments };
}

/**
 * How to write the key `word` that holds a quote (standing first or after a dot, from `start` to
 * `end` of `text`): a quoted key goes in brackets, and a plain one needs no quotes.
 */
function quotedKeyAdvice(text: string, start: number, end: number, word: string): string {
  const instead = (segment: string) => text.slice(0, start) + segment + text.slice(end);
  const meant = /^"(?:[^"\\]|\\.)*"$/.test(word)
    ? readJsonString(word)
    : /^'[^']*'$/.test(word)
      ? word.slice(1, -1)
      : undefined;
  if (meant === undefined) {
    return `a key with a quote in it goes in brackets, quoted: ${instead(`[${JSON.stringify(word)}]`)}`;
  }
  const bracketed = instead(`[${JSON.stringify(meant)}]`);
  if (!PLAIN_KEY.test(meant)) return `a quoted key goes in brackets: ${bracketed}`;
  return `a quoted key goes in brackets, ${bracketed}, and a plain one needs no quotes: ${instead(keySegment(meant, start === 0))}`;
}

/** A JSON string's text as the string it stands for, or undefined when it is none (`"\x"`). */
function readJsonString(quoted: string): string | undefined {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return undefined;
  }
}

/** `key` as a segment of a written path: `.loss` (bare when `first`), or `["a b"]` where it is no plain word. */
export function keySegment(key: string, first = false): string {
  if (!PLAIN_KEY.test(key)) return `[${JSON.stringify(key)}]`;
  return first ? key : `.${key}`;
}

/**
 * Where a written path has brackets holding no index (see WrittenSegment): `offset` and `end`
 * delimit `[...]` in the text, `written` is what stands inside.
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
 * of formatPath, where no document is at hand: brackets that hold no index (`[-1]`, `[007]`,
 * `[*]`) are refused as describeBadIndex says. See readPath for what is read.
 */
export function parsePath(text: string): ParsedPath {
  const read = readPath(text);
  if (!read.ok) return read;
  const path: Array<string | number> = [];
  for (const segment of read.segments) {
    if (segment.kind === 'key') path.push(segment.key);
    else if (segment.kind === 'index') path.push(segment.index);
    else {
      const written = segment.kind === 'bad' ? segment.written : '*';
      const badIndex = { offset: segment.start, end: segment.end, written };
      return { ok: false, message: describeBadIndex(text, badIndex), badIndex };
    }
  }
  return { ok: true, path };
}

/** True for digits with a zero before another digit (`007`, `00`), which an index may not have. */
function hasLeadingZero(digits: string): boolean {
  return /^0\d+$/.test(digits);
}

/**
 * What is wrong with the bad index of `text`: without `list` (no document at hand), `index -1
 * of 'links' must be a whole number from 0`, the index named as written (`index ' 0'`, `index
 * 99999999999999999999 ... from 0 to 9007199254740991`, `index 007 ... from 0, written without
 * leading zeros`), with the key to write instead where it holds a word (`a key goes after a dot:
 * links[0].loss`); with `list`, the list the brackets index, as describeIndex says.
 */
export function describeBadIndex(text: string, badIndex: BadIndex, list?: readonly unknown[]): string {
  return describeIndex(
    { text, listPath: text.slice(0, badIndex.offset), ...badIndex },
    list,
    badIndex.end === text.length,
  );
}

/** Brackets of a written path that name no item, for describeIndex. */
export interface IndexInPath {
  /** The whole path as written. */
  text: string;
  /** Where the brackets start and end in `text`. */
  offset: number;
  end: number;
  /** What stands inside them (for an index past the end, the number). */
  written: string;
  /** The path of the list as messages show it: `links`, `flows[0].x` ('' for the document). */
  listPath: string;
}

/**
 * Why `[written]` names no item of `list` (or of no known list, when undefined), in one wording
 * for every index that does not fit: `index 3 of 'links' must be a whole number from 0 to 0
 * ('links' has 1 item)`; where the brackets end the path (`appendable`), up to the length, which
 * appends: `from 0 to 1 ('links' has 1 item; index 1 adds one)`; an empty list that cannot take
 * one there has no index at all. The index is named as written (`' 0'`, `007 ... written without
 * leading zeros`); `[*]` says it is for --vary and --param.
 */
export function describeIndex(at: IndexInPath, list?: readonly unknown[], appendable = false): string {
  const of = at.listPath === '' ? 'the document' : quoteWritten(at.listPath);
  const inside = at.written.trim();
  // A number is named as written; anything else (a number with blanks around it too) is quoted
  // as written, and may have been meant as a key.
  const numeric = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(inside);
  const named = numeric && inside === at.written ? inside : quoteWritten(at.written);
  const leadingZero = hasLeadingZero(at.written) ? ', written without leading zeros' : '';
  const notes: string[] = [];
  let rule = `index ${named} of ${of} must be a whole number from 0`;
  if (list !== undefined) {
    const length = list.length;
    const items = `${of} has ${length === 0 ? 'no items' : `${length} item${length === 1 ? '' : 's'}`}`;
    if (appendable) {
      rule += ` to ${length}${leadingZero}`;
      notes.push(items, `index ${length} adds one`);
    } else if (length > 0) {
      rule += ` to ${length - 1}${leadingZero}`;
      notes.push(items);
    } else {
      rule = `${items}, so it has no index ${named}`;
      notes.push(`${optionText('--set', `${at.listPath}[0]=...`)} adds one`);
    }
  } else {
    if (/^\d+$/.test(at.written) && !leadingZero) rule += ` to ${Number.MAX_SAFE_INTEGER}`;
    rule += leadingZero;
  }
  if (inside === '*') notes.push('[*], every element, is for --vary and --param');
  else if (!numeric && inside !== '' && at.listPath !== '' && list === undefined) {
    const key = keySegment(inside, at.offset === 0);
    const instead = at.text.slice(0, at.offset) + key + at.text.slice(at.end);
    notes.push(
      key.startsWith('[') ? `a key in brackets is quoted: ${instead}` : `a key goes after a dot: ${instead}`,
    );
  }
  return notes.length === 0 ? rule : `${rule} (${notes.join('; ')})`;
}

/**
 * `option text` as a message suggests typing it: the text in single quotes for the shell, or in
 * double quotes where it holds a single one.
 */
export function optionText(option: string, text: string): string {
  return `${option} ${text.includes("'") ? JSON.stringify(text) : `'${text}'`}`;
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
 * `an object`, `null`, `nothing`. A long string is shortened as quoteValue does; a number is
 * shown as `written` when given (see numberAsWritten).
 */
export function describeValue(value: unknown, written?: string): string {
  if (typeof value === 'number' && written !== undefined) return `number ${written}`;
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'string') return `string ${quoteValue(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
