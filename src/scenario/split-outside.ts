/** Splitting option texts at separators that stand outside YAML flow collections and quotes. */

/**
 * Splits `text` at the commas that are outside `[]`, `{}` and quotes: `0,0.1` is two values,
 * `{a: 1, b: 2},3` is two, `"x,y"` is one.
 */
export function splitValueList(text: string): string[] {
  return splitOutside(text, ',');
}

/**
 * Splits `text` at each `separator` outside `[]`, `{}` and quotes (the pieces untrimmed).
 */
export function splitOutside(text: string, separator: string): string[] {
  const values: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quote !== undefined) {
      if (character === '\\' && quote === '"') index++;
      else if (character === quote) quote = undefined;
    } else if (character === '"' || character === "'") quote = character;
    else if (character === '[' || character === '{') depth++;
    else if (character === ']' || character === '}') depth = Math.max(0, depth - 1);
    else if (character === separator && depth === 0) {
      values.push(text.slice(start, index));
      start = index + 1;
    }
  }
  values.push(text.slice(start));
  return values;
}
