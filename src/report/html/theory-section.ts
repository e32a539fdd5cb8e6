/** Each closed-form prediction of `theory` beside the run's measured figure and their ratio. */
import type { Summary } from '../../metrics/summary.js';
import { emptyIntervalPlace, sentence } from '../empty-figures-wording.js';
import { formatBits, formatBitsPerSecond, formatSeconds, formatSignificant } from '../format-numbers.js';
import { noTheoryLines } from '../no-theory.js';
import { compareTheory } from '../theory-measured.js';
import { nonFiniteTheoryText } from '../theory-value-text.js';
import { html, type SafeHtml } from './html.js';
import { type Column, table } from './table.js';

/** A value of `theory` in the unit its name ends with (…Seconds, …BitsPerSecond, …PerSecond…, …Bits), else plain. */
export function formatTheoryValue(name: string, value: number): string {
  const nonFinite = nonFiniteTheoryText(value);
  if (nonFinite !== null) return nonFinite;
  if (name.endsWith('Seconds')) return formatSeconds(value);
  if (name.endsWith('BitsPerSecond')) return formatBitsPerSecond(value);
  if (name.includes('PerSecond')) return `${formatSignificant(value)} /s`;
  if (name.endsWith('Bits')) return formatBits(value);
  return formatSignificant(value);
}

const COLUMNS: Column[] = [
  { heading: 'value' },
  { heading: 'predicted', numeric: true },
  { heading: 'measured', numeric: true },
  { heading: 'measured / predicted', numeric: true },
  { heading: 'measured as' },
];

function entryBlock(summary: Summary, key: string): SafeHtml {
  const prediction = summary.theory[key];
  const rows = compareTheory(summary, key, prediction).map((row) => [
    html`<code>${row.name}</code>`,
    formatTheoryValue(row.name, row.predicted),
    row.measured === null ? '—' : formatTheoryValue(row.name, row.measured.value),
    row.ratio === null ? '—' : formatSignificant(row.ratio),
    row.measured === null ? (row.missing ?? '') : row.measured.source,
  ]);
  return html`<article class="theory">
<h3><code>${key}</code></h3>
<p class="formula"><code>${prediction.formula}</code></p>
${table(COLUMNS, rows)}</article>
`;
}

/**
 * The theory section: per entry of `summary.theory` its formula and a row per value (predicted,
 * measured where the run measures it, their ratio, and what the measured figure is). Empty when
 * no closed form applies to the run.
 */
export function theorySection(summary: Summary): SafeHtml {
  const keys = Object.keys(summary.theory);
  const unpredicted = noTheoryLines(summary.noTheory);
  if (keys.length === 0 && unpredicted.length === 0) return html``;
  const empty = emptyIntervalPlace(summary);
  return html`<section id="theory">
<h2>Theory: closed-form predictions</h2>
<p>Each prediction is given only where every assumption of its formula holds for this scenario. A ratio of measured to predicted near 1 is the textbook result; random runs scatter around it.</p>
${
  empty !== null &&
  html`<p class="warning">Nothing was measured: the interval is empty (${empty}). Only figures over the whole run have a measured value, and say so.</p>
`
}${keys.map((key) => entryBlock(summary, key))}${
  unpredicted.length > 0
    ? html`<ul class="no-theory">
${unpredicted.map(
  (line) => html`<li>${sentence(line)}</li>
`,
)}</ul>
`
    : ''
}</section>
`;
}
