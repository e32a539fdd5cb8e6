/** The brokers section of the terminal summary: per broker, its queues and consumers. */
import type { BacklogSummary, BrokerSummary, Summary } from '../metrics/summary.js';
import { formatSignificantOrNone, formatReasons as reasons } from './format-numbers.js';

const INDENT = '  ';

function backlog(label: string, figures: BacklogSummary): string {
  return `${label} mean ${formatSignificantOrNone(figures.mean)}, max ${figures.max ?? 'n/a'}, at end ${figures.final}`;
}

function brokerLines(node: string, broker: BrokerSummary): string[] {
  const persistence = broker.persistent ? 'persistent' : 'in memory';
  const lines = [
    `${INDENT}${node} (${broker.delivery}, ${persistence}): published ${broker.published}, ` +
      `unroutable ${broker.unroutable}`,
  ];
  for (const [name, queue] of Object.entries(broker.subscriptions)) {
    const kind = queue.partitioned ? 'group' : 'queue';
    const consumers =
      queue.consumers.length === 0 ? 'no consumers' : `consumers ${queue.consumers.join(', ')}`;
    lines.push(
      `${INDENT}${INDENT}${kind} ${name} (${consumers}): routed ${queue.routed}, delivered ${queue.delivered}, ` +
        `acked ${queue.acked}, redeliveries ${queue.redeliveries}, duplicates ${queue.duplicates}, ` +
        `ack timeouts ${queue.ackTimeouts}, dead-lettered ${queue.deadLettered}`,
      `${INDENT}${INDENT}${INDENT}dropped: ${reasons(queue.dropped)}; lost: ${reasons(queue.lost)}`,
      `${INDENT}${INDENT}${INDENT}${backlog('depth', queue.depth)}; ${backlog('consumer lag', queue.lag)}`,
    );
  }
  for (const [id, consumer] of Object.entries(broker.consumers)) {
    lines.push(
      `${INDENT}${INDENT}consumer ${id} on ${consumer.node} (${consumer.subscription}): ` +
        `delivered ${consumer.delivered}, duplicates ${consumer.duplicates}, acked ${consumer.acked}`,
    );
  }
  return lines;
}

/**
 * Lines of the brokers of a run: what each received and routed, then per queue (or consumer
 * group) its counts, drops and losses by reason, time-average depth and consumer lag; then per
 * consumer what it processed. Empty when the run has no broker.
 */
export function brokerSummaryLines(summary: Summary): string[] {
  const brokers = Object.entries(summary.brokers ?? {});
  if (brokers.length === 0) return [];
  return [
    'Brokers (depth: messages waiting; consumer lag: not yet acknowledged; means over the measured interval)',
    ...brokers.flatMap(([node, broker]) => brokerLines(node, broker)),
  ];
}
