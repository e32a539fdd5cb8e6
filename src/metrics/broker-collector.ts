import type { BrokerProbe, SubscriptionEvent } from '../messaging/broker-probe.js';
import type { MessageFate } from '../net/message.js';
import { TimeWeightedSeries } from './time-weighted-series.js';

/** What happened in one subscription (a queue, or one group of a partitioned topic). */
export class SubscriptionCounters {
  readonly events: Record<SubscriptionEvent, number> = {
    routed: 0,
    delivered: 0,
    redelivered: 0,
    duplicate: 0,
    acked: 0,
    ackTimeout: 0,
    deadLettered: 0,
  };
  readonly dropped: Record<string, number> = {};
  readonly lost: Record<string, number> = {};
  /** Messages waiting to be sent. */
  readonly depth: TimeWeightedSeries;
  /** Messages not yet acknowledged: waiting plus delivered and unacknowledged. */
  readonly lag: TimeWeightedSeries;

  constructor(warmupSeconds: number) {
    this.depth = new TimeWeightedSeries(warmupSeconds);
    this.lag = new TimeWeightedSeries(warmupSeconds);
  }
}

/** Per consumer: first deliveries, duplicates, acknowledgements received by the broker. */
export class ConsumerCounters {
  delivered = 0;
  duplicates = 0;
  acked = 0;
}

/** Collects what brokers report (see BrokerProbe); only summarize turns it into results. */
export class BrokerCollector implements BrokerProbe {
  /** Per broker: messages that arrived from producers, and those no binding matched. */
  readonly publishedCount: number[];
  readonly unroutable: number[];
  readonly subscriptions: SubscriptionCounters[];
  readonly consumers: ConsumerCounters[];

  constructor(warmupSeconds: number, shape: { brokers: number; subscriptions: number; consumers: number }) {
    this.publishedCount = new Array(shape.brokers).fill(0);
    this.unroutable = new Array(shape.brokers).fill(0);
    this.subscriptions = Array.from(
      { length: shape.subscriptions },
      () => new SubscriptionCounters(warmupSeconds),
    );
    this.consumers = Array.from({ length: shape.consumers }, () => new ConsumerCounters());
  }

  published(broker: number, copies: number): void {
    this.publishedCount[broker]++;
    if (copies === 0) this.unroutable[broker]++;
  }

  backlog(subscription: number, time: number, ready: number, unacked: number): void {
    const counters = this.subscriptions[subscription];
    if (counters.depth.value !== ready) counters.depth.set(time, ready);
    if (counters.lag.value !== ready + unacked) counters.lag.set(time, ready + unacked);
  }

  event(subscription: number, event: SubscriptionEvent, consumer: number): void {
    this.subscriptions[subscription].events[event]++;
    if (consumer < 0) return;
    const counters = this.consumers[consumer];
    if (event === 'delivered') counters.delivered++;
    else if (event === 'duplicate') counters.duplicates++;
    else if (event === 'acked') counters.acked++;
  }

  ended(subscription: number, fate: MessageFate): void {
    const counters = this.subscriptions[subscription];
    if (fate.kind === 'dropped') counters.dropped[fate.reason] = (counters.dropped[fate.reason] ?? 0) + 1;
    else if (fate.kind === 'lost') counters.lost[fate.reason] = (counters.lost[fate.reason] ?? 0) + 1;
  }
}
