/** The network: each link direction's utilisation and packets, fairness on shared links, brokers. */
import type { BacklogSummary, BrokerSummary, Summary } from '../../metrics/summary.js';
import {
  formatBitsOrNone,
  formatBitsPerSecondOrNone,
  formatReasons,
  formatSecondsOrNone,
  formatSignificant,
  formatSignificantOrNone,
} from '../format-numbers.js';
import { usedDirectionsBusiestFirst } from '../link-summary-lines.js';
import { html, type SafeHtml } from './html.js';
import { type Column, table } from './table.js';

/** Directions listed at most: a generated topology has thousands, all of them in summary.json. */
export const REPORTED_DIRECTIONS = 50;

const LINK_COLUMNS: Column[] = [
  { heading: 'direction' },
  { heading: 'link' },
  { heading: 'utilisation', numeric: true },
  { heading: 'packets transmitted', numeric: true },
  { heading: 'dropped', numeric: true },
  { heading: 'lost', numeric: true },
  { heading: 'reordered', numeric: true },
  { heading: 'mean packets waiting', numeric: true },
  { heading: 'peak waiting', numeric: true },
  { heading: 'mean wait', numeric: true },
  { heading: 'peak bits on wire', numeric: true },
  { heading: 'mean bits on wire', numeric: true },
];

function linksTable(links: Summary['links']): SafeHtml {
  const used = usedDirectionsBusiestFirst(links);
  if (used.length === 0) return html``;
  const rows = used
    .slice(0, REPORTED_DIRECTIONS)
    .map(({ link, direction }) => [
      `${direction.from} → ${direction.to}`,
      link,
      formatSignificantOrNone(direction.utilisation),
      direction.packetsTransmitted,
      direction.dropped,
      direction.lost,
      direction.reordered,
      formatSignificantOrNone(direction.queue.meanPacketsWaiting),
      direction.queue.peakPacketsWaiting ?? 'n/a',
      formatSecondsOrNone(direction.queue.meanWaitSeconds),
      formatBitsOrNone(direction.wire.peakBitsOnWire),
      formatBitsOrNone(direction.wire.meanBitsOnWire),
    ]);
  const which =
    used.length > REPORTED_DIRECTIONS
      ? `the ${REPORTED_DIRECTIONS} busiest of the ${used.length} directions that carried packets (all of them are in summary.json)`
      : 'each direction that carried packets, busiest first';
  return html`<h3>Links</h3>
<p>Shown: ${which}. Utilisation: the share of the time the direction's transmitter was busy, from the interval's start to the last flow's completion or the run's end (a little past the interval's end when an unacknowledged flow's last messages were lost after its last delivery); the waiting and bits-on-wire time-averages are over the same time. Reordered: packets overtaken on the wire, that arrived after one that left later. Waiting: packets in the buffer behind the one in transmission after the warm-up (time-average by Little's law, the most at once, the mean wait). Bits on wire: bits that left the transmitter and have not reached the far end after the warm-up, the most at once and the time-average; with a constant delay at most the bandwidth-delay product R·d. Packets, drops, losses and reordered packets count the whole run.</p>
${table(LINK_COLUMNS, rows)}`;
}

function fairnessList(fairness: Summary['fairness']): SafeHtml {
  const items = fairness.map((group) => {
    const shares = group.flows
      .map((flow, i) => `${flow} ${formatBitsPerSecondOrNone(group.goodputBitsPerSecond[i])}`)
      .join(', ');
    const index = group.jainIndex === null ? 'n/a' : formatSignificant(group.jainIndex);
    return html`<li><var>J</var> = ${index} over ${group.links.join(', ')}: ${shares}</li>\n`;
  });
  return html`<h3>Fairness</h3>
<p class="formula">Jain's index <var>J</var> = (Σx)² / (n Σx²) of the goodputs of flows that share a link direction</p>
<ul>
${items}</ul>
`;
}

const QUEUE_COLUMNS: Column[] = [
  { heading: 'queue' },
  { heading: 'consumers' },
  { heading: 'routed', numeric: true },
  { heading: 'delivered', numeric: true },
  { heading: 'acked', numeric: true },
  { heading: 'redeliveries', numeric: true },
  { heading: 'duplicates', numeric: true },
  { heading: 'ack timeouts', numeric: true },
  { heading: 'dead-lettered', numeric: true },
  { heading: 'dropped / lost' },
  { heading: 'depth: mean, max, at end', numeric: true },
  { heading: 'consumer lag: mean, max, at end', numeric: true },
];

function backlog(figures: BacklogSummary): string {
  return `${formatSignificantOrNone(figures.mean)}, ${figures.max ?? 'n/a'}, ${figures.final}`;
}

function brokerBlock(node: string, broker: BrokerSummary): SafeHtml {
  const queues = Object.entries(broker.subscriptions).map(([name, queue]) => [
    `${queue.partitioned ? 'group' : 'queue'} ${name}`,
    queue.consumers.length === 0 ? 'none' : queue.consumers.join(', '),
    queue.routed,
    queue.delivered,
    queue.acked,
    queue.redeliveries,
    queue.duplicates,
    queue.ackTimeouts,
    queue.deadLettered,
    `dropped: ${formatReasons(queue.dropped)}; lost: ${formatReasons(queue.lost)}`,
    backlog(queue.depth),
    backlog(queue.lag),
  ]);
  const consumers = Object.entries(broker.consumers).map(
    ([id, consumer]) =>
      html`<li>consumer ${id} on ${consumer.node} (${consumer.subscription}): delivered ${consumer.delivered}, duplicates ${consumer.duplicates}, acked ${consumer.acked}</li>\n`,
  );
  return html`<h4>${node} <small>(${broker.delivery}, ${broker.persistent ? 'persistent' : 'in memory'}; published ${broker.published}, unroutable ${broker.unroutable})</small></h4>
${table(QUEUE_COLUMNS, queues)}${consumers.length > 0 && html`<ul>\n${consumers}</ul>\n`}`;
}

/**
 * The network section: a row per link direction that carried packets, busiest first (at most
 * REPORTED_DIRECTIONS: utilisation, packets transmitted, dropped, lost, reordered, the buffer's
 * mean and peak packets waiting and mean wait, the peak and mean bits on the wire), Jain's index of each group of flows sharing a link, and per broker its queues and
 * consumers (depth: messages waiting; consumer lag: not yet acknowledged; time-average means
 * over the measured interval). Empty when there is none of them.
 */
export function networkSection(summary: Summary): SafeHtml {
  const brokers = Object.entries(summary.brokers ?? {});
  const links = linksTable(summary.links);
  if (links.markup === '' && summary.fairness.length === 0 && brokers.length === 0) return html``;
  return html`<section id="network">
<h2>Network</h2>
${links}${summary.fairness.length > 0 && fairnessList(summary.fairness)}${
  brokers.length > 0 &&
  html`<h3>Brokers</h3>
<p>Depth: messages waiting in the broker; consumer lag: messages not yet acknowledged (time-average means over the measured interval).</p>
${brokers.map(([node, broker]) => brokerBlock(node, broker))}`
}</section>
`;
}
