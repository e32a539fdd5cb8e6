import type { BrokerConfig, PublishConfig } from './broker-config.js';
import type { BrokerEntry, ConsumerState, DeliveryAttempt } from './broker-entry.js';
import type { BrokerSetup } from './broker-setup.js';
import type { ExchangeTypeDefinition } from './exchange-types.js';
import type { OverflowActions } from './overflow-policies.js';
import { PartitionedSubscription } from './partitioned-subscription.js';
import { QueueSubscription } from './queue-subscription.js';
import type { Subscription } from './subscription.js';

interface Exchange {
  type: ExchangeTypeDefinition;
  bindings: Array<{ key: string | undefined; targets: number[] }>;
}

/** What the subscriptions call back into their broker for. */
export interface SubscriptionHooks {
  /** What a full queue does, given its dead-letter queue's name. */
  overflowActions(deadLetter: string | undefined): OverflowActions<BrokerEntry>;
  /** Stops waiting for an attempt's ack without sending its message again. */
  closeAttempt(attempt: DeliveryAttempt): void;
}

/**
 * A broker's subscriptions (its queues, and one per consumer group of each partitioned topic),
 * its consumers, and the exchanges' bindings: which subscriptions a published message goes to.
 */
export class BrokerRouting {
  readonly subscriptions: Subscription[] = [];
  readonly consumers: ConsumerState[] = [];
  private readonly subscriptionsOf = new Map<string, number[]>();
  private readonly exchanges = new Map<string, Exchange>();

  constructor(config: BrokerConfig, setup: BrokerSetup, commitsOnAck: boolean, hooks: SubscriptionHooks) {
    const consumed = new Set(config.consumers.map((consumer) => consumer.queue));
    for (const queue of config.queues) {
      this.subscriptionsOf.set(queue.name, [this.subscriptions.length]);
      this.subscriptions.push(
        new QueueSubscription(
          queue.name,
          queue.capacity ?? Number.POSITIVE_INFINITY,
          setup.overflowPolicies.get(queue.overflow),
          hooks.overflowActions(queue.deadLetter),
          !consumed.has(queue.name),
        ),
      );
    }
    const groupOf = (consumer: BrokerConfig['consumers'][number]) =>
      `${consumer.topic}/${consumer.group ?? 'default'}`;
    for (const topic of config.topics) {
      const groups = new Set(
        config.consumers.filter((consumer) => consumer.topic === topic.name).map(groupOf),
      );
      this.subscriptionsOf.set(
        topic.name,
        [...groups].map((name) => {
          this.subscriptions.push(
            new PartitionedSubscription(name, topic.partitions, commitsOnAck, hooks.closeAttempt),
          );
          return this.subscriptions.length - 1;
        }),
      );
    }
    config.consumers.forEach((consumer, c) => {
      const name = consumer.queue ?? groupOf(consumer);
      const subscription = this.subscriptions.findIndex((candidate) => candidate.name === name);
      const state: ConsumerState = {
        index: setup.firstConsumer + c,
        id: consumer.id,
        node: setup.nodeIndex(consumer.node),
        prefetch: consumer.prefetch,
        subscription,
        up: true,
        open: new Set(),
      };
      this.consumers.push(state);
      this.subscriptions[subscription].consumers.push(state);
    });
    for (const subscription of this.subscriptions) subscription.consumersChanged();
    for (const exchange of config.exchanges) {
      this.exchanges.set(exchange.name, {
        type: setup.exchangeTypes.get(exchange.type),
        bindings: exchange.bindings.map((binding) => ({
          key: binding.key,
          targets: this.subscriptionsOf.get(binding.queue) ?? [],
        })),
      });
    }
  }

  /** The subscriptions of a queue (one) or a partitioned topic (one per group). */
  named(name: string): number[] {
    return this.subscriptionsOf.get(name) ?? [];
  }

  /** The subscriptions a message published with `key` goes to, each once. */
  route(publish: PublishConfig, key: string | undefined): number[] {
    const direct = publish.queue ?? publish.topic;
    if (direct !== undefined) return this.named(direct);
    const exchange = this.exchanges.get(publish.exchange!)!;
    const targets = new Set<number>();
    for (const binding of exchange.bindings) {
      if (exchange.type.matches(binding.key, key ?? ''))
        for (const target of binding.targets) targets.add(target);
    }
    return [...targets];
  }
}
