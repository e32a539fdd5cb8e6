/** The charts of the run, embedded as PNG data URIs, each with its caption. */
import { CHART_HEIGHT_PX, CHART_WIDTH_PX } from '../render-charts.js';
import { html, type SafeHtml } from './html.js';

/** A rendered chart of the run: the PNG written beside the report and what it shows. */
export interface ReportChart {
  fileName: string;
  caption: string;
  png: Buffer;
}

function figure(chart: ReportChart, index: number): SafeHtml {
  const source = `data:image/png;base64,${chart.png.toString('base64')}`;
  return html`<figure>
<img src="${source}" width="${CHART_WIDTH_PX}" height="${CHART_HEIGHT_PX}" alt="Figure ${index + 1}: ${chart.fileName}">
<figcaption><strong>Figure ${index + 1}.</strong> ${chart.caption} <span class="file">(${chart.fileName})</span></figcaption>
</figure>
`;
}

/**
 * The charts section: a figure per chart, in order; with `charts` null (charts off) a sentence
 * saying none were drawn and how to get them; with none to draw, a sentence saying so.
 */
export function chartsSection(charts: readonly ReportChart[] | null): SafeHtml {
  const body =
    charts === null
      ? html`<p class="note">No charts: the run was made with <code>--no-charts</code>. Run it again without that option to embed them here.</p>\n`
      : charts.length === 0
        ? html`<p class="note">This run has nothing to chart.</p>\n`
        : charts.map(figure);
  return html`<section id="charts">
<h2>Charts</h2>
${body}</section>
`;
}
