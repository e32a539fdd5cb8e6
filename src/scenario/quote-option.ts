/**
 * Quoting what a user gave on the command line in messages. A message quotes an option so the
 * user sees which one it means, but a `--vary` of 10,001 values is 79 KB: quoted whole it buries
 * the message. Long values are shortened to their start and say how much there was.
 */
import { characters, firstCharacters, QUOTED_VALUE_LIMIT } from '../engine/quote-value.js';
import { splitValueList } from './split-outside.js';

export {
  listIds,
  QUOTED_VALUE_LIMIT,
  quoteValue,
  quoteWritten,
  shortenValue,
} from '../engine/quote-value.js';

/**
 * How an option's text after `=` is read: `list` (`--vary`, `--param`) holds values separated by
 * commas, which a shortened quote counts; `single` (`--set`) is one value, counted in characters.
 */
export type OptionValueForm = 'list' | 'single';

/**
 * `option text` as messages quote an option (`--vary links[0].loss=0,0.1`), the text shortened
 * as shortenOptionText does: `--vary seed=1,2,3,…,23,… (10001 values in all)`. A text with blanks
 * at either end, or none at all, is quoted, so that what was given shows: `--set ' seed=4'`
 * (in double quotes where it holds a single one).
 */
export function quoteOption(option: string, text: string, form: OptionValueForm): string {
  const shown = shortenOptionText(text, form);
  if (!/^\s|\s$/.test(text) && text !== '') return `${option} ${shown}`;
  return `${option} ${shown.includes("'") ? `"${shown}"` : `'${shown}'`}`;
}

/**
 * `path=value` as written, or when the part after the first `=` is longer than
 * QUOTED_VALUE_LIMIT, that part cut after the last whole value that fits (inside the first value
 * when even that one is longer), marked `…`, and followed by how many values it holds in all, or
 * for a single value how many characters: `seed=1,2,3,…,23,… (10001 values in all)`. The path
 * before `=` is always kept whole.
 */
export function shortenOptionText(text: string, form: OptionValueForm): string {
  const equals = text.indexOf('=');
  const path = equals < 0 ? '' : text.slice(0, equals + 1);
  const value = equals < 0 ? text : text.slice(equals + 1);
  if (characters(value).length <= QUOTED_VALUE_LIMIT) return text;
  const values = form === 'list' ? splitValueList(value) : [value];
  let shown = '';
  for (const piece of values) {
    const longer = shown === '' ? piece : `${shown},${piece}`;
    if (characters(longer).length > QUOTED_VALUE_LIMIT) break;
    shown = longer;
  }
  // Cut between values where one fits, so that no value is quoted half.
  const start = shown === '' ? `${firstCharacters(value)}…` : `${shown},…`;
  return `${path}${start} (${amountInAll(value, values)})`;
}

function amountInAll(value: string, values: readonly string[]): string {
  return values.length > 1
    ? `${values.length} values in all`
    : `${characters(value).length} characters in all`;
}
