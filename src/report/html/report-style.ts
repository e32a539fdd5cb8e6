/**
 * The report's one style sheet, inline in its head: system fonts only (nothing to fetch), tables
 * that scroll sideways on a narrow screen and wrap on paper, figures kept whole across pages.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --rule: #ccc; --band: #f4f6f8; --accent: #1f77b4; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Helvetica, Arial, sans-serif; }
h1 { font-size: 1.9rem; margin: 0 0 .5rem; overflow-wrap: anywhere; }
h2 { font-size: 1.35rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; overflow-wrap: anywhere; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
small, .note, .file, .kicker { color: var(--muted); }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: .8rem; }
.description { max-width: 60rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 1rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; }
pre { background: var(--band); padding: .6rem .8rem; overflow-x: auto; border-radius: 4px; }
pre.command { white-space: pre-wrap; overflow-wrap: anywhere; }
.formula { background: var(--band); border-left: 4px solid var(--accent); padding: .4rem .8rem; font-size: 1.05rem; }
.formula code { font-size: .95rem; white-space: pre-wrap; }
.ok { color: #1b7a1b; font-weight: 600; white-space: nowrap; }
.bad, .warning { color: #b01c1c; font-weight: 600; }
.table { overflow-x: auto; margin: .5rem 0 1rem; }
table { border-collapse: collapse; font-size: .9rem; }
th, td { padding: .25rem .6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); }
tbody th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
/* Headings wrap, figures do not: a wide table of short figures fits the page. */
thead th.num { white-space: normal; }
tr.total th, tr.total td { border-top: 2px solid var(--ink); font-weight: 600; }
nav ol { columns: 2; margin: .5rem 0; }
figure { margin: 1.2rem 0; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--rule); }
figcaption { font-size: .9rem; margin-top: .3rem; }
footer { margin-top: 2.5rem; padding-top: .5rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .85rem; }
@media print {
  @page { margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2, h3, h4 { break-after: avoid; }
  figure, tr, .formula { break-inside: avoid; }
  .table { overflow: visible; }
  .num { white-space: normal; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; }
  a { color: inherit; text-decoration: none; }
}
`;
