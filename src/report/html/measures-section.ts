/** The headline measures: throughput T = N / t and latency split into its five components. */
import {
  LATENCY_COMPONENTS,
  type LatencyComponent,
  type LatencySummary,
  type Stats,
  type ThroughputSummary,
} from '../../metrics/summary.js';
import { noLatencyReason, offeredLoadNote, sentence } from '../empty-figures-wording.js';
import {
  formatBitsPerSecondOrNone,
  formatIntervalEnds,
  formatIntervalSeconds,
  formatRateOrNone,
  formatSecondsOrNone,
  formatSignificant,
} from '../format-numbers.js';
import { formatThroughputEquation } from '../format-summary.js';
import { type HtmlValue, html, type SafeHtml } from './html.js';
import { type Column, type Row, table } from './table.js';

const STATISTICS = ['mean', 'p50', 'p95', 'p99', 'max'] as const;

/** What each component is, in words. */
const COMPONENT_MEANINGS: Record<LatencyComponent, string> = {
  trans: 'transmission: putting the bits on the wire',
  prop: 'propagation along the links',
  queue: 'waiting in link buffers and node queues',
  proc: 'processing at the receiving node',
  wait: 'waiting at the sender and recovering from loss: behind the window or earlier messages, timeouts, resends',
};

/** A symbol with a subscript, as the textbooks write it: t<sub>trans</sub>. */
export function subscripted(symbol: string, subscript: string): SafeHtml {
  return html`<var>${symbol}</var><sub>${subscript}</sub>`;
}

/** The throughput section: the equation with N and t, goodput, wire throughput, offered load. */
export function throughputSection(
  throughput: ThroughputSummary,
  interval: { from: number; to: number },
  emptyPlace: string | null = null,
): SafeHtml {
  const rows: HtmlValue[][] = [
    [
      html`<var>N</var>`,
      'messages delivered to the application in the interval (each once)',
      throughput.delivered,
    ],
    [
      html`<var>t</var>`,
      `the measured interval, ${emptyPlace === null ? formatIntervalEnds(interval.from, interval.to) : `empty: ${emptyPlace}`}`,
      formatIntervalSeconds(throughput.intervalSeconds),
    ],
    [html`<var>T</var>`, 'throughput N / t', formatRateOrNone(throughput.messagesPerSecond, 'messages/s')],
    [
      'goodput',
      'payload bits delivered per second (each message once, no headers)',
      formatBitsPerSecondOrNone(throughput.goodputBitsPerSecond),
    ],
    [
      'wire throughput',
      'bits of every data copy senders put on the wire per second',
      formatBitsPerSecondOrNone(throughput.wireBitsPerSecond),
    ],
    [
      'offered load',
      'messages the workloads created per second',
      `${formatRateOrNone(throughput.offeredMessagesPerSecond, 'messages/s')}${offeredLoadNote(throughput)}`,
    ],
  ];
  const columns: Column[] = [
    { heading: 'measure' },
    { heading: 'meaning' },
    { heading: 'value', numeric: true },
  ];
  return html`<section id="throughput">
<h2>Throughput</h2>
<p class="formula">${formatThroughputEquation(throughput)}</p>
${table(columns, rows)}</section>
`;
}

/** Mean of a component as a share of the mean latency. */
function share(mean: number | null, total: number | null): string {
  if (mean === null || total === null || total === 0) return 'n/a';
  const percent = (100 * mean) / total;
  // Below this, 4 significant digits would switch to exponent notation ("5.332e-5%").
  return percent > 0 && percent < 0.01 ? '< 0.01%' : `${formatSignificant(percent, 4)}%`;
}

/**
 * The latency table of `latency`: a row per component (with `meanings`, what it is; mean, its
 * share of the mean latency, p50, p95, p99, max), the sum of the component means, and L itself.
 * The means add up to L's mean; percentiles and maxima are each taken over the messages alone
 * and do not.
 */
export function latencyTable(latency: LatencySummary, meanings = false): SafeHtml {
  const described = (meaning: string): string[] => (meanings ? [meaning] : []);
  const columns: Column[] = [
    { heading: 'component' },
    ...(meanings ? [{ heading: 'what it is' }] : []),
    { heading: 'mean', numeric: true },
    { heading: 'share of L', numeric: true },
    ...STATISTICS.slice(1).map((key) => ({ heading: key, numeric: true })),
  ];
  // The statistics in column order: mean, its share of L's mean, then the percentiles and max.
  const figures = (stats: Stats) => [
    formatSecondsOrNone(stats.mean),
    share(stats.mean, latency.mean),
    ...STATISTICS.slice(1).map((key) => formatSecondsOrNone(stats[key])),
  ];
  const rows: Row[] = LATENCY_COMPONENTS.map((name) => ({
    cells: [
      subscripted('t', name),
      ...described(COMPONENT_MEANINGS[name]),
      ...figures(latency.components[name]),
    ],
  }));
  const means = LATENCY_COMPONENTS.map((name) => latency.components[name].mean);
  const sumOfMeans = means.some((mean) => mean === null)
    ? null
    : means.reduce<number>((total, mean) => total + (mean ?? 0), 0);
  const blanks = STATISTICS.slice(1).map(() => '');
  rows.push(
    {
      className: 'total',
      cells: [
        'sum',
        ...described('of the component means'),
        formatSecondsOrNone(sumOfMeans),
        share(sumOfMeans, latency.mean),
        ...blanks,
      ],
    },
    {
      className: 'total',
      cells: [html`<var>L</var>`, ...described('end to end, send to delivery'), ...figures(latency)],
    },
  );
  return table(columns, rows);
}

/** The latency section: the formula, the component table, and what the percentiles are. */
export function latencySection(latency: LatencySummary, deliveredInInterval: number): SafeHtml {
  const formula = html`<var>L</var> = ${subscripted('t', 'trans')} + ${subscripted('t', 'prop')} + ${subscripted('t', 'queue')} + ${subscripted('t', 'proc')} + ${subscripted('t', 'wait')}`;
  if (latency.count === 0) {
    return html`<section id="latency">
<h2>Latency</h2>
<p class="formula">${formula}</p>
<p>${sentence(noLatencyReason(deliveredInInterval))}</p>
</section>
`;
  }
  return html`<section id="latency">
<h2>Latency (${latency.count} messages)</h2>
<p class="formula">${formula}</p>
<p>For every delivered message the five components add up exactly to its latency, so their means add up to the mean latency. Percentiles and maxima are taken over the messages for each row alone and do not add up.</p>
${latencyTable(latency, true)}${
  latency.noQueueFraction !== null &&
  html`<p>Share of messages that never waited in a queue: ${formatSignificant(latency.noQueueFraction)}.</p>\n`
}${
  latency.percentiles !== undefined &&
  html`<p class="note">Percentiles from a ${latency.percentiles}; means, maxima and counts are exact.</p>\n`
}</section>
`;
}
