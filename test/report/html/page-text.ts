/** Reading report.html back in tests: a section's markup, its table rows as text. */

/** The markup of `<section id="…">` up to its end; throws when the page has no such section. */
export function sectionOf(page: string, id: string): string {
  const start = page.indexOf(`<section id="${id}">`);
  if (start < 0) throw new Error(`the page has no section ${id}`);
  return page.slice(start, page.indexOf('</section>', start));
}

/** Markup as the text a reader sees: tags dropped, character references decoded. */
export function textOf(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Each table row of `markup` as the text of its cells. */
export function tableRows(markup: string): string[][] {
  return [...markup.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((cell) => textOf(cell[1])),
  );
}

/** The row of `markup` whose first cell is `first`; throws when there is none. */
export function rowStarting(markup: string, first: string): string[] {
  const row = tableRows(markup).find((cells) => cells[0] === first);
  if (!row) throw new Error(`no row starting ${first}`);
  return row;
}
