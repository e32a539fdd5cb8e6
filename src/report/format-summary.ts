/**
 * The run summary as terminal text. Every figure carries 6 significant digits and its unit, so
 * it can be checked against the textbook formula it illustrates.
 */
import {
  type BroadcastSummary,
  type Counts,
  type FlowSummary,
  LATENCY_COMPONENTS,
  type LatencySummary,
  type RequestSummary,
  type Stats,
  type Summary,
  type ThroughputSummary,
} from '../metrics/summary.js';
import { availabilityLines } from './availability-summary-lines.js';
import { brokerSummaryLines } from './broker-summary-lines.js';
import {
  intervalWords,
  noLatencyReason,
  nothingMeasuredReason,
  offeredLoadNote,
} from './empty-figures-wording.js';
import {
  formatBitsPerSecondOrNone as bitsPerSecondOrNone,
  formatRateEquation,
  formatRateOrNone,
  formatSeconds,
  formatSignificant,
  formatSignificantOrNone,
  formatReasons as reasons,
  formatSecondsOrNone as secondsOrNone,
} from './format-numbers.js';
import { linkSummaryLines } from './link-summary-lines.js';
import { noTheoryLines } from './no-theory.js';
import { nonFiniteTheoryText } from './theory-value-text.js';

export {
  formatBitsPerSecond,
  formatSeconds,
  formatSignificant,
  pickBitRateUnit,
  pickTimeUnit,
} from './format-numbers.js';

const INDENT = '  ';

/**
 * The throughput equation with its inputs, e.g. "T = N / t = 1000 / 30.0093 s = 33.3244
 * messages/s": N exact, t and T to 6 significant digits, t in seconds from 1 s up.
 */
export function formatThroughputEquation(throughput: ThroughputSummary): string {
  return formatRateEquation(
    throughput.delivered,
    throughput.intervalSeconds,
    throughput.messagesPerSecond,
    'messages/s',
  );
}

/** "mean 30.0080 ms, p50 …, p95 …, p99 …, max …". */
function statsLine(stats: Stats): string {
  return (['mean', 'p50', 'p95', 'p99', 'max'] as const)
    .map((key) => `${key} ${secondsOrNone(stats[key])}`)
    .join(', ');
}

function headerLines(summary: Summary): string[] {
  const lines = [`Scenario ${summary.scenario} (seed ${summary.seed}, replication ${summary.replication})`];
  const description = summary.description.trim().replace(/\s+/g, ' ');
  if (description !== '') lines.push(`${INDENT}${description}`);
  lines.push(
    `Interval ${intervalWords(summary)}; run ended at ` +
      `${formatSeconds(summary.simulatedSeconds)} after ${summary.events} events`,
  );
  const nothingMeasured = nothingMeasuredReason(summary);
  if (nothingMeasured !== null) lines.push(`${INDENT}${nothingMeasured}`);
  return lines;
}

function throughputLines(throughput: ThroughputSummary): string[] {
  return [
    'Throughput',
    `${INDENT}${formatThroughputEquation(throughput)}`,
    `${INDENT}goodput ${bitsPerSecondOrNone(throughput.goodputBitsPerSecond)}, ` +
      `wire throughput ${bitsPerSecondOrNone(throughput.wireBitsPerSecond)}, ` +
      `offered load ${formatRateOrNone(throughput.offeredMessagesPerSecond, 'messages/s')}${offeredLoadNote(throughput)}`,
  ];
}

function latencyLines(latency: LatencySummary, deliveredInInterval: number): string[] {
  const lines = [`Latency (${latency.count} messages)`];
  if (latency.count === 0) return [...lines, `${INDENT}${noLatencyReason(deliveredInInterval)}`];
  lines.push(`${INDENT}${statsLine(latency)}`);
  if (latency.percentiles !== undefined) {
    lines.push(`${INDENT}percentiles from a ${latency.percentiles} (means, maxima and counts exact)`);
  }
  if (latency.noQueueFraction !== null) {
    lines.push(
      `${INDENT}fraction of messages that never queued ${formatSignificant(latency.noQueueFraction)}`,
    );
  }
  lines.push(`${INDENT}by component (L = t_trans + t_prop + t_queue + t_proc + t_wait):`);
  // Wide enough for the widest figure and two spaces before it ("1.23456e+295 d" is 14 wide).
  const cellWidth =
    2 +
    Math.max(
      12,
      ...LATENCY_COMPONENTS.flatMap((name) => [
        secondsOrNone(latency.components[name].mean).length,
        secondsOrNone(latency.components[name].p99).length,
      ]),
    );
  lines.push(`${INDENT}${INDENT}${''.padEnd(6)}${'mean'.padStart(cellWidth)}${'p99'.padStart(cellWidth)}`);
  for (const name of LATENCY_COMPONENTS) {
    const stats = latency.components[name];
    lines.push(
      `${INDENT}${INDENT}${name.padEnd(6)}` +
        `${secondsOrNone(stats.mean).padStart(cellWidth)}${secondsOrNone(stats.p99).padStart(cellWidth)}`,
    );
  }
  return lines;
}

function countLines(counts: Counts): string[] {
  const { packets } = counts;
  return [
    'Counts (whole run, warm-up included)',
    `${INDENT}sent ${counts.sent}, delivered ${counts.delivered}, retransmissions ${counts.retransmissions} ` +
      `(timer expiries ${counts.retransmissionTimeouts}), duplicates ${counts.duplicates}, failed ${counts.failed}, in flight ${counts.inFlight}`,
    ...(counts.inFlight > 0
      ? [
          `${INDENT}${counts.inFlight} not ended when the run stopped: cut off by the duration, or ` +
            'with nothing left to move them (a node or consumer down for good)',
        ]
      : []),
    ...(counts.misdelivered > 0
      ? [
          `${INDENT}misdelivered ${counts.misdelivered} old copies the receiver took for new messages (sequence numbers wrapped)`,
        ]
      : []),
    `${INDENT}dropped: ${reasons(counts.dropped)}`,
    `${INDENT}lost: ${reasons(counts.lost)}`,
    `${INDENT}packets: sent ${packets.sent} (data ${packets.data}, ACKs ${packets.acks}); ` +
      (packets.duplicated === undefined ? '' : `duplicated on the wire ${packets.duplicated}; `) +
      (packets.reordered === undefined ? '' : `reordered ${packets.reordered} (overtaken on the wire); `) +
      `dropped: ${reasons(packets.dropped)}; lost: ${reasons(packets.lost)}`,
  ];
}

function flowLines(flows: Record<string, FlowSummary>): string[] {
  const entries = Object.entries(flows);
  if (entries.length === 0) return [];
  const lines = ['Flows'];
  for (const [id, flow] of entries) {
    const completed =
      flow.completedAt === null ? 'not completed' : `completed at ${formatSeconds(flow.completedAt)}`;
    lines.push(`${INDENT}${id}: ${flow.from} -> ${flow.to}, ${flow.protocol}, ${completed}`);
    lines.push(
      `${INDENT}${INDENT}${formatThroughputEquation(flow.throughput)}; ` +
        `goodput ${bitsPerSecondOrNone(flow.throughput.goodputBitsPerSecond)}`,
    );
    lines.push(
      `${INDENT}${INDENT}mean latency ${secondsOrNone(flow.latency.mean)}, ` +
        `p99 ${secondsOrNone(flow.latency.p99)}; ` +
        `sender utilisation ${formatSignificantOrNone(flow.senderUtilisation)}`,
    );
    lines.push(
      `${INDENT}${INDENT}whole run: sent ${flow.counts.sent}, delivered ${flow.counts.delivered}, ` +
        `retransmissions ${flow.counts.retransmissions} ` +
        `(timer expiries ${flow.counts.retransmissionTimeouts}), duplicates ${flow.counts.duplicates}, ` +
        `failed ${flow.counts.failed}`,
    );
    if (flow.requests) lines.push(...requestLines(flow.requests).map((line) => `${INDENT}${INDENT}${line}`));
    if (flow.broadcast)
      lines.push(...broadcastLines(flow.broadcast).map((line) => `${INDENT}${INDENT}${line}`));
  }
  return lines;
}

/** The request-level block of a request-reply flow. */
function requestLines(requests: RequestSummary): string[] {
  const { throughput, latency } = requests;
  const outstanding =
    requests.maxOutstanding === null
      ? 'no limit on outstanding'
      : `at most ${requests.maxOutstanding} outstanding`;
  const lines = [
    `requests (${requests.mode}, ${outstanding}, timeout ` +
      `${requests.timeout === null ? 'none' : formatSeconds(requests.timeout)}): ` +
      formatRateEquation(
        throughput.completed,
        throughput.intervalSeconds,
        throughput.requestsPerSecond,
        'requests/s',
      ),
    `${INDENT}sent ${requests.sent}, replied ${requests.replied}, failed: ${reasons(requests.failed)}; ` +
      `timeouts ${requests.timeouts}, retries ${requests.retries}, late replies ${requests.lateReplies}, ` +
      `in flight ${requests.inFlight}`,
  ];
  if (latency.count === 0) return [...lines, `${INDENT}no request was replied`];
  lines.push(`${INDENT}latency (send to reply): ${statsLine(latency)}`);
  lines.push(
    `${INDENT}mean split: ` +
      LATENCY_COMPONENTS.map((name) => `${name} ${secondsOrNone(latency.components[name].mean)}`).join(', '),
  );
  return lines;
}

/** The per-recipient block of a broadcast flow. */
function broadcastLines(broadcast: BroadcastSummary): string[] {
  const lines = [
    `broadcast of ${broadcast.messages} messages to ${broadcast.recipients.length} recipients: ` +
      `${broadcast.deliveries} deliveries (each counts in N), mean hops ${formatSignificant(broadcast.meanHops)}, ` +
      `slowest recipient's mean latency ${secondsOrNone(broadcast.slowestMeanLatency)}`,
  ];
  for (const [recipient, result] of Object.entries(broadcast.perRecipient)) {
    lines.push(
      `${INDENT}${recipient}: delivered ${result.delivered}, ${result.hops} hops, ` +
        `mean latency ${secondsOrNone(result.latency.mean)}, max ${secondsOrNone(result.latency.max)}`,
    );
  }
  return lines;
}

function fairnessLines(fairness: Summary['fairness']): string[] {
  if (fairness.length === 0) return [];
  const lines = ["Fairness (Jain's index J = (Σx)² / (n Σx²) of goodputs on a shared link)"];
  for (const group of fairness) {
    const shares = group.flows
      .map((flow, i) => `${flow} ${bitsPerSecondOrNone(group.goodputBitsPerSecond[i])}`)
      .join(', ');
    const index = group.jainIndex === null ? 'n/a' : formatSignificant(group.jainIndex);
    lines.push(`${INDENT}J = ${index} over ${group.links.join(', ')}: ${shares}`);
  }
  return lines;
}

function theoryLines(theory: Summary['theory'], noTheory: Summary['noTheory']): string[] {
  const entries = Object.entries(theory);
  const unpredicted = noTheoryLines(noTheory);
  if (entries.length === 0 && unpredicted.length === 0) return [];
  const lines = ['Theory (closed-form predictions, SI units)'];
  for (const [name, prediction] of entries) {
    lines.push(`${INDENT}${name}: ${prediction.formula}`);
    const values = Object.entries(prediction.values)
      .map(([symbol, value]) => `${symbol} = ${nonFiniteTheoryText(value) ?? formatSignificant(value)}`)
      .join(', ');
    if (values !== '') lines.push(`${INDENT}${INDENT}${values}`);
  }
  return [...lines, ...unpredicted.map((line) => `${INDENT}${line}`)];
}

/**
 * Multi-line terminal text of a run's summary, ending with a newline: scenario and interval;
 * T = N / t with N and t shown; goodput, wire throughput (SI bit-rate prefixes) and offered load;
 * latency mean/p50/p95/p99/max, the fraction of messages that never queued, and each
 * component's mean and p99 (µs/ms/s by magnitude);
 * availability per node, failing link and replicated service (analytic and measured with 95% CI,
 * observed MTTF and MTTR with 95% CI, cycles, notes; request success ratio of services);
 * message and packet counts with drop and loss reasons; per broker its queues (counts, depth,
 * consumer lag) and consumers; one block per flow (T, goodput, latency, sender utilisation,
 * counts); the busiest link directions (utilisation, packets, their buffer's time-average backlog,
 * peak and mean wait, the peak and mean bits on the wire); Jain's fairness index of flows sharing a link; and each theory prediction with its
 * formula and values. Numbers
 * have 6 significant digits (trailing zeros kept); counts are exact. Sections without content
 * (no nodes, flows or predictions) are left out. Does not throw for a well-formed Summary.
 */
export function formatSummary(summary: Summary): string {
  const sections = [
    headerLines(summary),
    throughputLines(summary.throughput),
    latencyLines(summary.latency, summary.throughput.delivered),
    availabilityLines(summary.availability),
    countLines(summary.counts),
    brokerSummaryLines(summary),
    flowLines(summary.flows),
    linkSummaryLines(summary.links),
    fairnessLines(summary.fairness),
    theoryLines(summary.theory, summary.noTheory),
  ].filter((lines) => lines.length > 0);
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
