import type { MetricsCollector } from './collector.js';
import type { BroadcastSummary, Stats } from './summary.js';

/**
 * Per-recipient results of a broadcast flow. `channels[i]` is the collector's flow index of the
 * channel to `recipients[i]`; `latencies[i]` the latency of its measured deliveries; `hops[i]` the links
 * its path crosses.
 */
export function broadcastSummaryOf(
  collector: MetricsCollector,
  recipients: readonly string[],
  channels: readonly number[],
  latencies: readonly Stats[],
  hops: readonly number[],
): BroadcastSummary {
  const perRecipient: BroadcastSummary['perRecipient'] = {};
  let deliveries = 0;
  let slowest: number | null = null;
  recipients.forEach((recipient, i) => {
    const counters = collector.flows[channels[i]];
    const latency = latencies[i];
    deliveries += counters.delivered;
    perRecipient[recipient] = { delivered: counters.delivered, hops: hops[i], latency };
    if (latency.mean !== null && (slowest === null || latency.mean > slowest)) slowest = latency.mean;
  });
  return {
    recipients: [...recipients],
    // Every recipient's channel gets each broadcast message once.
    messages: collector.flows[channels[0]].created,
    deliveries,
    perRecipient,
    meanHops: hops.reduce((sum, value) => sum + value, 0) / hops.length,
    slowestMeanLatency: slowest,
  };
}
