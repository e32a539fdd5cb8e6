/**
 * HTML built by a tagged template that escapes every interpolated value unless it is already
 * HTML, so text from a scenario (names, descriptions, ids) can never become markup.
 */

/** A fragment of markup that is safe to insert as it is: made by `html` or `rawHtml`. */
export class SafeHtml {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

/** What may stand in an `html` template: text (escaped), numbers, safe markup, lists of them. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * `text` with `& < > " '` replaced by character references: safe as element content and as a
 * quoted attribute value.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Tagged template: the literal parts are markup as written; each interpolated value is escaped
 * (strings, numbers), inserted as it is (SafeHtml), left out (null, undefined, false) or, for a
 * list, each of its items in turn.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0];
  for (let i = 0; i < values.length; i++) markup += render(values[i]) + strings[i + 1];
  return new SafeHtml(markup);
}

/** Trusted markup made by this program (never text from a scenario), inserted as it is. */
export function rawHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
