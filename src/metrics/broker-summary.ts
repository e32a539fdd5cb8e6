import type { BrokerLayout } from '../messaging/messaging-system.js';
import type { BrokerCollector } from './broker-collector.js';
import type { BrokerBacklogSeries, BrokerSummary } from './summary.js';

/** The brokers section of summary.json: counts over the run, backlogs over the measured interval. */
export function brokerSummaries(
  collector: BrokerCollector,
  layout: BrokerLayout,
  endSeconds: number,
): Record<string, BrokerSummary> {
  const result: Record<string, BrokerSummary> = {};
  layout.brokers.forEach((broker, b) => {
    const summary: BrokerSummary = {
      delivery: broker.delivery,
      persistent: broker.persistent,
      published: collector.publishedCount[b],
      unroutable: collector.unroutable[b],
      subscriptions: {},
      consumers: {},
    };
    layout.subscriptions.forEach((subscription, s) => {
      if (subscription.broker !== b) return;
      const counters = collector.subscriptions[s];
      const { events } = counters;
      const backlog = (series: typeof counters.depth) => ({
        ...series.measured(endSeconds),
        final: series.value,
      });
      summary.subscriptions[subscription.name] = {
        partitioned: subscription.partitioned,
        consumers: layout.consumers
          .filter((consumer) => consumer.subscription === s)
          .map((consumer) => consumer.id),
        routed: events.routed,
        delivered: events.delivered,
        redeliveries: events.redelivered,
        duplicates: events.duplicate,
        acked: events.acked,
        ackTimeouts: events.ackTimeout,
        deadLettered: events.deadLettered,
        dropped: { ...counters.dropped },
        lost: { ...counters.lost },
        depth: backlog(counters.depth),
        lag: backlog(counters.lag),
      };
    });
    layout.consumers.forEach((consumer, c) => {
      const subscription = layout.subscriptions[consumer.subscription];
      if (subscription.broker !== b) return;
      summary.consumers[consumer.id] = {
        node: consumer.node,
        subscription: subscription.name,
        ...collector.consumers[c],
      };
    });
    result[broker.node] = summary;
  });
  return result;
}

/** Queue depth and consumer lag of every subscription over the run, binned, for charts. */
export function brokerBacklogSeries(
  collector: BrokerCollector,
  layout: BrokerLayout,
  endSeconds: number,
): BrokerBacklogSeries[] {
  return layout.subscriptions.map((subscription, s) => {
    const counters = collector.subscriptions[s];
    const depth = counters.depth.bins(endSeconds);
    const lag = counters.lag.bins(endSeconds);
    return {
      subscription: `${layout.brokers[subscription.broker].node}:${subscription.name}`,
      time: depth.time,
      depth: depth.mean,
      lag: lag.mean,
    };
  });
}
