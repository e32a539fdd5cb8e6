/**
 * Quoting what a user wrote (a value, an id) in messages. A message quotes it so the user sees
 * which one it means, but a value of 5,000 characters quoted whole buries the message: long ones
 * are shortened to their start and say how long they were. Files and command-line values alike.
 */

/** Characters of a value a message quotes before it is shortened (about half a line). */
export const QUOTED_VALUE_LIMIT = 60;

/** Ids a message lists before it stops and says how many there are in all. */
export const LISTED_IDS_LIMIT = 12;

/**
 * A single value a message quotes (`got '...'`), in single quotes; when longer than
 * QUOTED_VALUE_LIMIT, its first characters, `…`, and how many characters it has in all:
 * `'1111…' (79000 characters in all)`.
 */
export function quoteValue(text: string): string {
  if (characters(text).length <= QUOTED_VALUE_LIMIT) return `'${text}'`;
  return `'${firstCharacters(text)}…' (${characters(text).length} characters in all)`;
}

/**
 * Written text a message quotes (a path, a part of one), as quoteValue does, but in double
 * quotes where it holds a single quote and no double one, so that it reads as written
 * (`"['seed']"`, never `''seed''`).
 */
export function quoteWritten(text: string): string {
  if (!text.includes("'") || text.includes('"')) return quoteValue(text);
  if (characters(text).length <= QUOTED_VALUE_LIMIT) return `"${text}"`;
  return `"${firstCharacters(text)}…" (${characters(text).length} characters in all)`;
}

/**
 * `text` unquoted as written, or when longer than QUOTED_VALUE_LIMIT its first characters, `…`
 * and how many characters it has in all: `xxxx… (5000 characters in all)`.
 */
export function shortenValue(text: string): string {
  if (characters(text).length <= QUOTED_VALUE_LIMIT) return text;
  return `${firstCharacters(text)}… (${characters(text).length} characters in all)`;
}

/**
 * Ids as a message lists them (`a, b, c`): the first LISTED_IDS_LIMIT, each shortened as
 * shortenValue does, then `, ... (N in all)` when there are more; `none` when there are none.
 */
export function listIds(ids: Iterable<string>): string {
  const all = [...ids];
  if (all.length === 0) return 'none';
  const listed = all.slice(0, LISTED_IDS_LIMIT).map(shortenValue).join(', ');
  return all.length > LISTED_IDS_LIMIT ? `${listed}, ... (${all.length} in all)` : listed;
}

/** The first QUOTED_VALUE_LIMIT characters, never half a surrogate pair. */
export function firstCharacters(text: string): string {
  return characters(text).slice(0, QUOTED_VALUE_LIMIT).join('');
}

/** The characters of `text` (code points, so a surrogate pair is one). */
export function characters(text: string): string[] {
  return Array.from(text);
}
