import type { Message } from '../net/message.js';
import type { BrokerConfig, PublishConfig } from './broker-config.js';
import { BrokerDeliveries } from './broker-deliveries.js';
import { BrokerEntry, type ConsumerState } from './broker-entry.js';
import { DROPPED_UNROUTABLE, LOST_NODE_DOWN } from './broker-fates.js';
import { brokerOverflowActions, type OverflowContext } from './broker-overflow.js';
import { BrokerRouting } from './broker-routing.js';
import type { BrokerSetup } from './broker-setup.js';
import type { DeliveryGuaranteeDefinition } from './delivery-guarantees.js';
import type { BrokerEnvironment } from './message-ledger.js';
import type { QueueSubscription } from './queue-subscription.js';
import { partitionOfKey } from './routing-key.js';
import type { Subscription } from './subscription.js';

interface Publisher {
  config: PublishConfig;
  /** Messages published so far: picks the next of `keys`, and the partition of keyless messages. */
  published: number;
}

/**
 * A message broker running on a node: named queues, exchanges that route by key (direct,
 * fanout, topic pattern) and partitioned topics consumed by groups. Messages reach it over the
 * producers' flows; it delivers them over the network to consumers, which process them in their
 * node's processing stage and acknowledge (see BrokerDeliveries). The delivery guarantee decides
 * whether it keeps a message until the ack (and delivers it again when a consumer fails or the
 * ack times out) or forgets it as it sends it. With persistence a message is written (a delay)
 * before consumers can have it, and what is written survives a broker crash; without it a crash
 * loses what the broker holds.
 */
export class Broker {
  readonly subscriptions: readonly Subscription[];
  readonly consumers: readonly ConsumerState[];
  private readonly routing: BrokerRouting;
  private readonly deliveries: BrokerDeliveries;
  private readonly publishers = new Map<number, Publisher>();
  private readonly guarantee: DeliveryGuaranteeDefinition;
  private readonly persistent: boolean;
  private readonly persisting = new Set<BrokerEntry>();
  private readonly onPersisted = (entry: BrokerEntry): void => this.persisted(entry);

  constructor(
    readonly config: BrokerConfig,
    private readonly setup: BrokerSetup,
    private readonly environment: BrokerEnvironment,
  ) {
    this.guarantee = setup.deliveryGuarantees.get(config.delivery);
    this.persistent = config.persistence !== undefined;
    // Full queues act through the deliveries, which are made once the subscriptions exist.
    const overflow: OverflowContext = {
      queue: (s) => this.subscriptions[s] as QueueSubscription,
      subscriptionOf: (name) => this.routing.named(name)[0],
      discard: (entry, fate) => this.deliveries.discard(entry, fate),
      dispatch: (s) => this.deliveries.dispatch(s),
      reportBacklog: (s) => this.deliveries.reportBacklog(s),
      count: (s, event) => this.deliveries.count(s, event),
    };
    this.routing = new BrokerRouting(config, setup, this.guarantee.keepsUntilAck, {
      overflowActions: (deadLetter) => brokerOverflowActions(deadLetter, overflow),
      closeAttempt: (attempt) => this.deliveries.close(attempt),
    });
    this.subscriptions = this.routing.subscriptions;
    this.consumers = this.routing.consumers;
    this.deliveries = new BrokerDeliveries(
      config,
      setup,
      this.guarantee,
      this.subscriptions,
      this.consumers,
      environment,
    );
    for (const [flowIndex, publish] of setup.publishers) {
      this.publishers.set(flowIndex, { config: publish, published: 0 });
    }
  }

  get node(): number {
    return this.setup.node;
  }

  /** Subscriptions' global numbers start here. */
  get firstSubscription(): number {
    return this.setup.firstSubscription;
  }

  /** True when `message` belongs to a flow that publishes to this broker. */
  publishes(message: Message): boolean {
    return this.publishers.has(message.flowIndex);
  }

  /** A producer's message finished processing at the broker node: route it. */
  publish(message: Message): void {
    const { ledger, brokerProbe } = this.environment;
    ledger.passedOn(message);
    const publisher = this.publishers.get(message.flowIndex)!;
    const { config } = publisher;
    const key = config.key ?? config.keys?.[publisher.published % config.keys.length];
    const sequence = publisher.published++;
    const targets = this.routing.route(config, key);
    brokerProbe.published(this.setup.index, targets.length);
    if (targets.length === 0) {
      ledger.resolve(message, DROPPED_UNROUTABLE);
      return;
    }
    // Copies are made now, while the message's components are those of its way to the broker.
    const messages = targets.map((_, i) => (i === 0 ? message : ledger.copy(message)));
    targets.forEach((target, i) => {
      const entry = new BrokerEntry(messages[i], target);
      // Every group of a topic has its partitions: a message lands on the same one in each.
      const { partitions } = this.subscriptions[target];
      if (partitions > 0) {
        entry.partition = key === undefined ? sequence % partitions : partitionOfKey(key, partitions);
      }
      this.deliveries.count(target, 'routed');
      if (this.config.persistence === undefined) {
        this.admit(entry);
      } else {
        this.persisting.add(entry);
        entry.persistEvent = this.environment.simulator.schedule(
          this.config.persistence,
          this.onPersisted,
          entry,
        );
      }
    });
  }

  /** Takes a carrier back from a consumer's processing stage; false when it is not this broker's. */
  carrierProcessed(carrier: Message): boolean {
    return this.deliveries.carrierProcessed(carrier);
  }

  /** A carrier was lost in a consumer's crash (`refused`: its processing queue was full). */
  carrierFailed(carrier: Message, refused: boolean): boolean {
    return this.deliveries.carrierFailed(carrier, refused);
  }

  /** A node went down: this broker's own node, or one where consumers run. */
  nodeDown(node: number): void {
    if (node === this.setup.node) this.crash();
    this.deliveries.consumersDown(node);
  }

  nodeUp(node: number): void {
    if (node === this.setup.node) {
      this.deliveries.up = true;
      for (let s = 0; s < this.subscriptions.length; s++) this.deliveries.dispatch(s);
    }
    this.deliveries.consumersUp(node);
  }

  private crash(): void {
    this.deliveries.up = false;
    const { simulator } = this.environment;
    for (const entry of this.persisting) {
      simulator.cancel(entry.persistEvent);
      this.deliveries.discard(entry, LOST_NODE_DOWN);
    }
    this.persisting.clear();
    this.deliveries.forgetOnCrash(this.persistent);
  }

  private persisted(entry: BrokerEntry): void {
    this.persisting.delete(entry);
    entry.message.procSeconds += this.config.persistence!;
    this.admit(entry);
  }

  private admit(entry: BrokerEntry): void {
    entry.enqueuedAt = this.environment.simulator.now;
    this.subscriptions[entry.subscription].admit(entry);
    this.deliveries.dispatch(entry.subscription);
  }
}
