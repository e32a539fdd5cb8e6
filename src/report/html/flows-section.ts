/** One block per flow: its throughput, latency, ledger and, for request-reply or broadcast, their figures. */
import type { BroadcastSummary, FlowSummary, RequestSummary } from '../../metrics/summary.js';
import { noLatencyReason, sentence } from '../empty-figures-wording.js';
import {
  formatBitsPerSecondOrNone,
  formatRateEquation,
  formatReasons,
  formatSeconds,
  formatSecondsOrNone,
  formatSignificant,
  formatSignificantOrNone,
} from '../format-numbers.js';
import { formatThroughputEquation } from '../format-summary.js';
import { ledgerEquation } from './counts-section.js';
import { html, type SafeHtml } from './html.js';
import { latencyTable } from './measures-section.js';
import { type Column, table } from './table.js';

function requestsBlock(requests: RequestSummary): SafeHtml {
  const outstanding =
    requests.maxOutstanding === null
      ? 'no limit on outstanding'
      : `at most ${requests.maxOutstanding} outstanding`;
  const timeout = requests.timeout === null ? 'no timeout' : `timeout ${formatSeconds(requests.timeout)}`;
  const { throughput } = requests;
  return html`<h4>Requests (${requests.mode}, ${outstanding}, ${timeout})</h4>
<p class="formula">${formatRateEquation(throughput.completed, throughput.intervalSeconds, throughput.requestsPerSecond, 'requests/s')}</p>
<p>Sent ${requests.sent}, replied ${requests.replied}, failed: ${formatReasons(requests.failed)}; timeouts ${requests.timeouts}, retries ${requests.retries}, late replies ${requests.lateReplies}, in flight ${requests.inFlight}.</p>
${requests.latency.count === 0 ? html`<p>No request was replied.</p>\n` : html`<p>Latency from sending the request to receiving its reply:</p>\n${latencyTable(requests.latency)}`}`;
}

const RECIPIENT_COLUMNS: Column[] = [
  { heading: 'recipient' },
  { heading: 'delivered', numeric: true },
  { heading: 'hops', numeric: true },
  { heading: 'mean latency', numeric: true },
  { heading: 'max latency', numeric: true },
];

function broadcastBlock(broadcast: BroadcastSummary): SafeHtml {
  const rows = Object.entries(broadcast.perRecipient).map(([recipient, result]) => [
    recipient,
    result.delivered,
    result.hops,
    formatSecondsOrNone(result.latency.mean),
    formatSecondsOrNone(result.latency.max),
  ]);
  return html`<h4>Broadcast</h4>
<p>${broadcast.messages} messages to ${broadcast.recipients.length} recipients: ${broadcast.deliveries} deliveries (each counts in N), mean hops ${formatSignificant(broadcast.meanHops)}, slowest recipient's mean latency ${formatSecondsOrNone(broadcast.slowestMeanLatency)}.</p>
${table(RECIPIENT_COLUMNS, rows)}`;
}

function flowBlock(id: string, flow: FlowSummary): SafeHtml {
  const completed =
    flow.completedAt === null ? 'not completed' : `completed at ${formatSeconds(flow.completedAt)}`;
  const { counts } = flow;
  return html`<article class="flow">
<h3>${id}: ${flow.from} → ${flow.to} <small>(${flow.protocol}, ${completed})</small></h3>
<p class="formula">${formatThroughputEquation(flow.throughput)}</p>
<p>Goodput ${formatBitsPerSecondOrNone(flow.throughput.goodputBitsPerSecond)}, wire throughput ${formatBitsPerSecondOrNone(flow.throughput.wireBitsPerSecond)}, sender utilisation ${formatSignificantOrNone(flow.senderUtilisation)}; over the whole run, retransmissions ${counts.retransmissions} (timer expiries ${counts.retransmissionTimeouts}), duplicates ${counts.duplicates}.</p>
${ledgerEquation(counts)}${flow.latency.count === 0 ? html`<p>${sentence(noLatencyReason(flow.throughput.delivered))}</p>\n` : latencyTable(flow.latency)}${flow.requests && requestsBlock(flow.requests)}${flow.broadcast && broadcastBlock(flow.broadcast)}</article>
`;
}

/** A block per flow, in the summary's order; empty without flows. */
export function flowsSection(flows: Record<string, FlowSummary>): SafeHtml {
  const entries = Object.entries(flows);
  if (entries.length === 0) return html``;
  return html`<section id="flows">
<h2>Flows</h2>
${entries.map(([id, flow]) => flowBlock(id, flow))}</section>
`;
}
