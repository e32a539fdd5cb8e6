/** The top of the report: what was run, with which inputs, and how to run it again. */
import type { Summary } from '../../metrics/summary.js';
import { intervalWords, nothingMeasuredReason, sentence } from '../empty-figures-wording.js';
import { formatSeconds } from '../format-numbers.js';
import { runCommandLine } from '../run-command-line.js';
import { html, type SafeHtml } from './html.js';

/** What the report says about the run's inputs beyond the summary; nothing here may vary between identical runs. */
export interface ReportContext {
  /** The msgsim version that made the run. */
  version: string;
  /** The scenario file as named on the command line; absent when the run came from no file. */
  scenarioFile?: string;
  /** The `--set` overrides, in the order given. */
  overrides?: readonly string[];
  /** The scenario file's text as read, before the overrides. */
  scenarioSource?: string;
  /**
   * The run's limit on events (`--max-events`) and the default one: a run that executed more
   * events than the default allows is repeated only with its limit.
   */
  eventLimit?: { maxEvents: number; defaultMaxEvents: number };
}

/**
 * The command that gives the run and this page again: the file, the run's seed, its replication
 * when it is not 0, every override, `--no-charts` when `charts` is false (the page has no images
 * then), and `--max-events` when the run needed more events than the default allows. Nothing
 * that leaves the page as it is (the output folder, `--quiet`, a limit the run did not need).
 */
export function reproduceCommand(summary: Summary, context: ReportContext, charts = true): string | null {
  if (context.scenarioFile === undefined) return null;
  const limit = context.eventLimit;
  return runCommandLine({
    scenarioFile: context.scenarioFile,
    seed: summary.seed,
    replication: summary.replication,
    overrides: context.overrides ?? [],
    charts,
    maxEvents: limit !== undefined && summary.events > limit.defaultMaxEvents ? limit.maxEvents : undefined,
  });
}

/** The description as one paragraph, whitespace folded as the terminal summary folds it. */
function description(summary: Summary): SafeHtml {
  const text = summary.description.trim().replace(/\s+/g, ' ');
  return text === '' ? html`` : html`<p class="description">${text}</p>\n`;
}

/**
 * The header: scenario name and description, then seed, replication, simulated time, events,
 * the measured interval, the scenario file, the overrides and the msgsim version, and the
 * command that repeats the run and the page (`charts` false: made with --no-charts), with a
 * warning when nothing was measured.
 */
export function headerSection(summary: Summary, context: ReportContext, charts = true): SafeHtml {
  const overrides = context.overrides ?? [];
  const command = reproduceCommand(summary, context, charts);
  const nothingMeasured = nothingMeasuredReason(summary);
  return html`<header>
<p class="kicker">msgsim run report</p>
<h1>${summary.scenario}</h1>
${description(summary)}<dl class="facts">
<dt>Seed</dt><dd>${summary.seed}</dd>
<dt>Replication</dt><dd>${summary.replication}</dd>
<dt>Simulated time</dt><dd>${formatSeconds(summary.simulatedSeconds)}</dd>
<dt>Events</dt><dd>${summary.events}</dd>
<dt>Measured interval</dt><dd>${intervalWords(summary)}</dd>
${context.scenarioFile !== undefined && html`<dt>Scenario file</dt><dd><code>${context.scenarioFile}</code></dd>\n`}<dt>Overrides (--set)</dt><dd>${
    overrides.length === 0 ? 'none' : overrides.map((override) => html`<code>${override}</code> `)
  }</dd>
<dt>msgsim</dt><dd>${context.version}</dd>
</dl>
${nothingMeasured !== null && html`<p class="warning">${sentence(nothingMeasured)}</p>\n`}${
  command !== null &&
  html`<p>To run it again (the same inputs give this page byte for byte):</p>
<pre class="command"><code>${command}</code></pre>
`
}</header>
`;
}
