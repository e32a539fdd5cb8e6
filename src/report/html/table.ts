/** Tables of the HTML report: a header row, body rows, numbers right-aligned. */
import { type HtmlValue, html, type SafeHtml } from './html.js';

/** A column: its heading and whether its cells are figures (right-aligned, tabular digits). */
export interface Column {
  heading: HtmlValue;
  numeric?: boolean;
}

/** A body row: its cells in column order, and an optional class (e.g. `total` for a sum row). */
export interface Row {
  cells: readonly HtmlValue[];
  className?: string;
}

/**
 * A table of `rows` under `columns`, in a wrapper that scrolls sideways on a narrow screen. The
 * first cell of each row is its header (`<th scope="row">`). Text cells are escaped.
 */
export function table(columns: readonly Column[], rows: ReadonlyArray<Row | readonly HtmlValue[]>): SafeHtml {
  const alignment = (index: number) => (columns[index]?.numeric ? 'num' : null);
  const head = columns.map(
    (column, index) => html`<th scope="col"${classAttribute(alignment(index))}>${column.heading}</th>`,
  );
  const body = rows.map((entry) => {
    const row: Row = isRow(entry) ? entry : { cells: entry };
    const cells = row.cells.map((cell, index) =>
      index === 0
        ? html`<th scope="row">${cell}</th>`
        : html`<td${classAttribute(alignment(index))}>${cell}</td>`,
    );
    return html`<tr${classAttribute(row.className ?? null)}>${cells}</tr>\n`;
  });
  return html`<div class="table"><table>
<thead><tr>${head}</tr></thead>
<tbody>
${body}</tbody>
</table></div>
`;
}

function isRow(entry: Row | readonly HtmlValue[]): entry is Row {
  return !Array.isArray(entry);
}

function classAttribute(name: string | null): SafeHtml {
  return name === null ? html`` : html` class="${name}"`;
}
