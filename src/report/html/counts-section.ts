/** The message ledger: every message sent ends delivered, failed, dropped or lost, or is in flight. */
import type { Counts } from '../../metrics/summary.js';
import { formatReasons } from '../format-numbers.js';
import { html, type SafeHtml } from './html.js';
import { type Column, table } from './table.js';

function total(byReason: Record<string, number>): number {
  return Object.values(byReason).reduce((sum, count) => sum + count, 0);
}

/** The ledger's terms and whether they add up to the messages sent. */
export function ledgerTerms(counts: Counts) {
  const terms = {
    delivered: counts.delivered,
    failed: counts.failed,
    dropped: total(counts.dropped),
    lost: total(counts.lost),
    inFlight: counts.inFlight,
  };
  const accounted = terms.delivered + terms.failed + terms.dropped + terms.lost + terms.inFlight;
  return { ...terms, accounted, balanced: accounted === counts.sent };
}

/**
 * The ledger as an equation with its numbers, "sent = delivered + failed + dropped + lost + in
 * flight: 20 = 15 + 0 + 0 + 5 + 0", marked as adding up, or with the difference when it does not.
 */
export function ledgerEquation(counts: Counts): SafeHtml {
  const terms = ledgerTerms(counts);
  const numbers = `${counts.sent} = ${terms.delivered} + ${terms.failed} + ${terms.dropped} + ${terms.lost} + ${terms.inFlight}`;
  const check = terms.balanced
    ? html`<span class="ok">✓ adds up</span>`
    : html`<span class="bad">✗ does not add up: ${terms.accounted} accounted for</span>`;
  return html`<p class="formula">sent = delivered + failed + dropped + lost + in flight: ${numbers} ${check}</p>\n`;
}

const COLUMNS: Column[] = [
  { heading: 'messages' },
  { heading: 'count', numeric: true },
  { heading: 'by reason' },
];

/**
 * The counts section: the ledger equation, a row per term with its reasons, the other message
 * counts (retransmissions, timer expiries, duplicates, misdelivered copies), and the packets.
 */
export function countsSection(counts: Counts): SafeHtml {
  const terms = ledgerTerms(counts);
  const { packets } = counts;
  const rows = [
    ['sent', counts.sent, 'created by the sending applications'],
    ['delivered', terms.delivered, 'to the receiving application, each once'],
    ['failed', terms.failed, 'given up by the transport (retry limit)'],
    ['dropped', terms.dropped, formatReasons(counts.dropped)],
    ['lost', terms.lost, formatReasons(counts.lost)],
    ['in flight', terms.inFlight, 'not ended when the run stopped'],
  ];
  return html`<section id="counts">
<h2>Messages and packets</h2>
<p>Counted over the whole run, the warm-up included.</p>
${ledgerEquation(counts)}${table(COLUMNS, rows)}<p>Retransmissions ${counts.retransmissions} (retransmission timer expiries ${counts.retransmissionTimeouts}), duplicates ${counts.duplicates}${
    counts.misdelivered > 0 &&
    html`, misdelivered ${counts.misdelivered} (old copies taken for new messages: sequence numbers wrapped)`
  }.</p>
<p>Packets: sent ${packets.sent} (data ${packets.data}, ACKs ${packets.acks})${
    packets.duplicated !== undefined && html`; duplicated on the wire ${packets.duplicated}`
  }${packets.reordered !== undefined && html`; reordered ${packets.reordered} (overtaken on the wire)`}; dropped: ${formatReasons(packets.dropped)}; lost: ${formatReasons(packets.lost)}.</p>
</section>
`;
}
