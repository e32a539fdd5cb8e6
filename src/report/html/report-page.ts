/**
 * report.html: one self-contained page of a run's results, to mail or put on a course page.
 * Inline CSS, charts as data URIs, no scripts, no fonts or files to fetch; every text from the
 * scenario escaped. A pure function of its inputs (no clock, no paths of the output), so the same
 * scenario, overrides and seed give the same page byte for byte.
 */
import type { Summary } from '../../metrics/summary.js';
import { emptyIntervalPlace } from '../empty-figures-wording.js';
import { availabilitySection } from './availability-section.js';
import { chartsSection, type ReportChart } from './charts-section.js';
import { countsSection } from './counts-section.js';
import { flowsSection } from './flows-section.js';
import { headerSection, type ReportContext } from './header-section.js';
import { html, rawHtml, type SafeHtml } from './html.js';
import { latencySection, throughputSection } from './measures-section.js';
import { networkSection } from './network-section.js';
import { REPORT_CSS } from './report-style.js';
import { theorySection } from './theory-section.js';

export type { ReportChart } from './charts-section.js';
export type { ReportContext } from './header-section.js';

function scenarioSourceSection(context: ReportContext): SafeHtml {
  if (context.scenarioSource === undefined) return html``;
  const file = context.scenarioFile === undefined ? 'The scenario' : context.scenarioFile;
  return html`<section id="scenario">
<h2>Scenario file</h2>
<p><code>${file}</code> as read, before the overrides (files it names, such as traces, are not included).</p>
<pre>${context.scenarioSource}</pre>
</section>
`;
}

/** The section titles for the table of contents, by section id. */
const SECTION_TITLES: ReadonlyArray<readonly [string, string]> = [
  ['throughput', 'Throughput'],
  ['latency', 'Latency'],
  ['availability', 'Availability'],
  ['counts', 'Messages and packets'],
  ['flows', 'Flows'],
  ['network', 'Network'],
  ['theory', 'Theory'],
  ['charts', 'Charts'],
  ['scenario', 'Scenario file'],
];

/**
 * The whole page for `summary`: header (inputs and how to repeat the run), throughput,
 * latency, availability, the message ledger, flows, network, theory, the charts (`charts`
 * null: drawn with --no-charts, said on the page) and the scenario file. Sections without
 * content are left out, and so is their entry in the contents.
 */
export function reportHtml(
  summary: Summary,
  charts: readonly ReportChart[] | null,
  context: ReportContext,
): string {
  const sections: Record<string, SafeHtml> = {
    throughput: throughputSection(summary.throughput, summary.interval, emptyIntervalPlace(summary)),
    latency: latencySection(summary.latency, summary.throughput.delivered),
    availability: availabilitySection(summary.availability),
    counts: countsSection(summary.counts),
    flows: flowsSection(summary.flows),
    network: networkSection(summary),
    theory: theorySection(summary),
    charts: chartsSection(charts),
    scenario: scenarioSourceSection(context),
  };
  const present = SECTION_TITLES.filter(([id]) => sections[id].markup !== '');
  const contents = present.map(([id, title]) => html`<li><a href="#${id}">${title}</a></li>`);
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="msgsim ${context.version}">
<title>${summary.scenario}: msgsim run report</title>
<style>${rawHtml(REPORT_CSS)}</style>
</head>
<body>
${headerSection(summary, context, charts !== null)}<nav aria-label="Contents"><ol>${contents}</ol></nav>
<main>
${present.map(([id]) => sections[id])}</main>
<footer>Made by msgsim ${context.version} from the run alone: no clock time, no output paths. The same scenario file, overrides, seed and options (the command at the top) give this page again byte for byte.</footer>
</body>
</html>
`;
  return page.markup;
}
