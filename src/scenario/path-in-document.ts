/**
 * Whether the written path of a `--set`, `--vary` or `--param` can be set in a scenario
 * document, and if not, the first problem along it. What the path meets decides, step by step,
 * so that a problem of structure is named where it is (`'nodes[0].id' is string 'a'`) before
 * how an index into it is written (`[007]`), and every index that names no item says the one
 * range the list has.
 */
import {
  describeIndex,
  describeValue,
  keySegment,
  optionText,
  type WrittenSegment,
} from './document-path.js';
import { quoteWritten } from './quote-option.js';

/**
 * The first problem of setting the written path `text` (read into `segments`) in `document`,
 * or undefined when it can be set: as applyOverrides sets it, a missing object along it is
 * created for a key, and an index may name an item or, where it ends the path, the one just past
 * the last, which appends. `[*]` (an `every` segment) stands for each element of the list there,
 * checked in document order. Problems: a key into a list, an index into an object, anything into
 * a string, number or boolean, an index with no list there (nothing at all, or null), an index a
 * list does not have (however written: `[3]`, `[-1]`, `[007]`, `[x]`), and a `[*]` with no list,
 * or an empty one. Paths in messages are as written (`links.0` shows as `links`, not
 * `links["0"]`), with each `[*]` the element's index; a path to write instead keeps the rest as
 * written.
 */
export function problemOfPath(
  document: unknown,
  text: string,
  segments: readonly WrittenSegment[],
): string | undefined {
  const visit = (value: unknown, index: number, shown: string): string | undefined => {
    if (index === segments.length) return undefined;
    const segment = segments[index];
    const here = nameOf(shown);
    const isLast = index === segments.length - 1;
    const written = text.slice(segment.start, segment.end);
    const instead = (replacement: string) =>
      text.slice(0, segment.start) + replacement + text.slice(segment.end);
    const first = segment.start === 0;
    if (value === undefined || value === null) {
      // Missing, or null: a key makes an object here (see applyOverrides), an index has no list.
      if (segment.kind === 'key') return visit(undefined, index + 1, shown + written);
      return noListAt(shown);
    }
    if (Array.isArray(value)) {
      switch (segment.kind) {
        case 'key': {
          // `links.0` meant links[0], and `nodes.id` an item's id: nodes[0].id.
          if (!/^(0|[1-9]\d*)$/.test(segment.key)) {
            return `${here} is a list: use an index, like ${instead(`[0]${keySegment(segment.key)}`)}`;
          }
          const asIndex = Number(segment.key);
          const fits = asIndex < value.length || (isLast && asIndex === value.length);
          return `${here} is a list: use an index, like ${instead(`[${fits ? asIndex : 0}]`)}`;
        }
        case 'every': {
          if (value.length === 0) return emptyListAt(shown);
          for (const [position, element] of value.entries()) {
            const problem = visit(element, index + 1, `${shown}[${position}]`);
            if (problem !== undefined) return problem;
          }
          return undefined;
        }
        case 'bad':
        case 'index': {
          const limit = isLast ? value.length : value.length - 1;
          if (segment.kind === 'index' && segment.index <= limit) {
            return visit(value[segment.index], index + 1, shown + written);
          }
          const inside = segment.kind === 'bad' ? segment.written : String(segment.index);
          return describeIndex(
            { text, offset: segment.start, end: segment.end, written: inside, listPath: shown },
            value,
            isLast,
          );
        }
      }
    }
    if (typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (segment.kind === 'key') {
        return visit(
          Object.hasOwn(record, segment.key) ? record[segment.key] : undefined,
          index + 1,
          shown + written,
        );
      }
      if (segment.kind === 'every') return `[*] needs a list at ${here}, found an object`;
      // Brackets holding a word were meant as a key; else name a key the object has.
      const inside = segment.kind === 'bad' ? segment.written.trim() : '';
      const meantKey = inside !== '' && !/^[+-]?[\d.]/.test(inside) && inside !== '*';
      const key = meantKey ? inside : (Object.keys(record)[0] ?? 'id');
      const like = instead(keySegment(key, first));
      return meantKey
        ? `${here} is an object, not a list: write the key ${like.includes('["') ? 'quoted in brackets' : 'after a dot'}, like ${like}`
        : `${here} is an object, not a list: use one of its keys, like ${like}`;
    }
    if (segment.kind === 'every') return `[*] needs a list at ${here}, found ${describeValue(value)}`;
    const what = segment.kind === 'key' ? `key ${quoteWritten(segment.key)}` : written;
    return `${here} is ${describeValue(value)}, not an object or a list, so it has no ${what}`;
  };
  return visit(document, 0, '');
}

/** How a message names the value at a written path: quoted, or `the document` for the empty one. */
function nameOf(shown: string): string {
  return shown === '' ? 'the document' : quoteWritten(shown);
}

/**
 * Why an index or `[*]` finds nothing at `shown` (a path as messages show it): no list there,
 * and how to give one, which applies before `--vary` and `--param` too.
 */
export function noListAt(shown: string): string {
  if (shown === '') return 'there is no list at the document';
  return `there is no list at ${nameOf(shown)} (give the whole list first: ${optionText('--set', `${shown}=[...]`)})`;
}

/** Why `[*]` finds no element at `shown`. */
export function emptyListAt(shown: string): string {
  return `[*] found an empty list at ${nameOf(shown)}`;
}
