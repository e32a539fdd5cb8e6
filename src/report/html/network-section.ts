/** The network: each link direction's utilisation and packets, fairness on shared links, brokers. */
import type { BacklogSummary, BrokerSummary, Summary } from '../../metrics/summary.js';
import { formatBitsPerSecond, formatReasons, formatSignificant } from '../format-numbers.js';
import { html, type SafeHtml } from './html.js';
import { type Column, table } from './table.js';

const LINK_COLUMNS: Column[] = [
  { heading: 'link' },
  { heading: 'direction' },
  { heading: 'utilisation', numeric: true },
  { heading: 'packets transmitted', numeric: true },
  { heading: 'dropped', numeric: true },
  { heading: 'lost', numeric: true },
];

function linksTable(links: Summary['links']): SafeHtml {
  const rows = Object.entries(links).flatMap(([id, link]) =>
    link.directions.map((direction) => [
      id,
      `${direction.from} → ${direction.to}`,
      formatSignificant(direction.utilisation),
      direction.packetsTransmitted,
      direction.dropped,
      direction.lost,
    ]),
  );
  return html`<h3>Links</h3>
<p>Utilisation: the share of the run's interval each direction's transmitter was busy.</p>
${table(LINK_COLUMNS, rows)}`;
}

function fairnessList(fairness: Summary['fairness']): SafeHtml {
  const items = fairness.map((group) => {
    const shares = group.flows
      .map((flow, i) => `${flow} ${formatBitsPerSecond(group.goodputBitsPerSecond[i])}`)
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
  return `${formatSignificant(figures.mean)}, ${figures.max}, ${figures.final}`;
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
 * The network section: a row per link direction (utilisation, packets transmitted, dropped,
 * lost), Jain's index of each group of flows sharing a link, and per broker its queues and
 * consumers (depth: messages waiting; consumer lag: not yet acknowledged; time-average means
 * over the measured interval). Empty when there is none of them.
 */
export function networkSection(summary: Summary): SafeHtml {
  const brokers = Object.entries(summary.brokers ?? {});
  const hasLinks = Object.keys(summary.links).length > 0;
  if (!hasLinks && summary.fairness.length === 0 && brokers.length === 0) return html``;
  return html`<section id="network">
<h2>Network</h2>
${hasLinks && linksTable(summary.links)}${summary.fairness.length > 0 && fairnessList(summary.fairness)}${
  brokers.length > 0 &&
  html`<h3>Brokers</h3>
<p>Depth: messages waiting in the broker; consumer lag: messages not yet acknowledged (time-average means over the measured interval).</p>
${brokers.map(([node, broker]) => brokerBlock(node, broker))}`
}</section>
`;
}
