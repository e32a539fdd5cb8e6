import type { Registry } from '../engine/registry.js';
import { Message, type MessageFate } from '../net/message.js';
import type { BrokerConfig, PublishConfig } from './broker-config.js';
import {
  BrokerEntry,
  BrokerPacket,
  type BrokerPacketEndpoint,
  type ConsumerState,
  DeliveryAttempt,
} from './broker-entry.js';
import type { SubscriptionEvent } from './broker-probe.js';
import { BrokerRouting } from './broker-routing.js';
import type { DeliveryGuaranteeDefinition } from './delivery-guarantees.js';
import type { ExchangeTypeDefinition } from './exchange-types.js';
import type { BrokerEnvironment } from './message-ledger.js';
import type { OverflowActions, OverflowPolicyDefinition } from './overflow-policies.js';
import type { QueueSubscription } from './queue-subscription.js';
import { partitionOfKey } from './routing-key.js';
import type { Subscription } from './subscription.js';

const LOST_NODE_DOWN: MessageFate = { kind: 'lost', reason: 'nodeDown' };
const DROPPED_NODE_QUEUE: MessageFate = { kind: 'dropped', reason: 'nodeQueue' };
const DROPPED_QUEUE_FULL: MessageFate = { kind: 'dropped', reason: 'queueFull' };
const DROPPED_DROP_HEAD: MessageFate = { kind: 'dropped', reason: 'dropHead' };
const DROPPED_DEAD_LETTERED: MessageFate = { kind: 'dropped', reason: 'deadLettered' };
const DROPPED_UNROUTABLE: MessageFate = { kind: 'dropped', reason: 'unroutable' };

/** How a broker finds its node, its consumers' nodes and its numbering among all brokers. */
export interface BrokerSetup {
  /** Broker number over all brokers. */
  index: number;
  /** Node index of the broker. */
  node: number;
  nodeIndex(id: string): number;
  /** Global numbers of this broker's first subscription and first consumer. */
  firstSubscription: number;
  firstConsumer: number;
  /** Publishing flows that go to this broker, by flow index. */
  publishers: ReadonlyMap<number, PublishConfig>;
  exchangeTypes: Registry<ExchangeTypeDefinition>;
  overflowPolicies: Registry<OverflowPolicyDefinition>;
  deliveryGuarantees: Registry<DeliveryGuaranteeDefinition>;
}

interface Publisher {
  config: PublishConfig;
  /** Messages published so far: picks the next of `keys`, and the partition of keyless messages. */
  published: number;
}

/**
 * A message broker running on a node: named queues, exchanges that route by key (direct,
 * fanout, topic pattern) and partitioned topics consumed by groups. Messages reach it over the
 * producers' flows; it delivers them over the network to consumers, which process them in their
 * node's processing stage and acknowledge. The delivery guarantee decides whether it keeps a
 * message until the ack (and delivers it again when a consumer fails or the ack times out) or
 * forgets it as it sends it. With persistence a message is written (a delay) before consumers
 * can have it, and what is written survives a broker crash; without it a crash loses what the
 * broker holds.
 */
export class Broker implements BrokerPacketEndpoint {
  readonly subscriptions: readonly Subscription[];
  readonly consumers: readonly ConsumerState[];
  private readonly routing: BrokerRouting;
  private readonly publishers = new Map<number, Publisher>();
  private readonly guarantee: DeliveryGuaranteeDefinition;
  private readonly persistent: boolean;
  private readonly persisting = new Set<BrokerEntry>();
  /** Carriers at consumers' processing stages, with the attempt they belong to. */
  private readonly carriers = new Map<Message, DeliveryAttempt>();
  private up = true;
  private readonly onPersisted = (entry: BrokerEntry): void => this.persisted(entry);
  private readonly onAckTimeout = (attempt: DeliveryAttempt): void => this.ackTimedOut(attempt);
  private readonly onCreditReturned = (subscription: number): void => this.dispatch(subscription);

  constructor(
    readonly config: BrokerConfig,
    private readonly setup: BrokerSetup,
    private readonly environment: BrokerEnvironment,
  ) {
    this.guarantee = setup.deliveryGuarantees.get(config.delivery);
    this.persistent = config.persistence !== undefined;
    this.routing = new BrokerRouting(config, setup, this.guarantee.keepsUntilAck, {
      overflowActions: (deadLetter) => this.overflowActions(deadLetter),
      closeAttempt: (attempt) => this.close(attempt),
    });
    this.subscriptions = this.routing.subscriptions;
    this.consumers = this.routing.consumers;
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
      this.global(target, 'routed');
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
    const attempt = this.carriers.get(carrier);
    if (attempt === undefined) return false;
    this.carriers.delete(carrier);
    const { entry, consumer } = attempt;
    entry.liveAttempts--;
    const message = entry.message;
    const { environment } = this;
    if (message.isPending) {
      // The components of the journey: to the broker (already in the message), the broker's
      // queue until the first sending, the attempts before the one that got through (t_wait),
      // and that attempt's own way and processing.
      message.transSeconds += carrier.transSeconds;
      message.propSeconds += carrier.propSeconds;
      message.queueSeconds += entry.firstDispatchAt - entry.enqueuedAt + carrier.queueSeconds;
      message.procSeconds += carrier.procSeconds;
      message.waitSeconds += attempt.dispatchedAt - entry.firstDispatchAt;
      environment.ledger.delivered(message);
      this.global(entry.subscription, 'delivered', consumer.index);
    } else {
      environment.probe.duplicateReceived(attempt.packet!);
      this.global(entry.subscription, 'duplicate', consumer.index);
    }
    environment.network.send(
      new BrokerPacket(
        'ack',
        message.flowIndex,
        consumer.node,
        this.setup.node,
        this.config.ackSize,
        message,
        false,
        this,
        attempt,
      ),
    );
    return true;
  }

  /** A carrier was lost in a consumer's crash (`refused`: its processing queue was full). */
  carrierFailed(carrier: Message, refused: boolean): boolean {
    const attempt = this.carriers.get(carrier);
    if (attempt === undefined) return false;
    this.carriers.delete(carrier);
    this.attemptEnded(attempt, refused ? DROPPED_NODE_QUEUE : LOST_NODE_DOWN);
    return true;
  }

  packetArrived(packet: BrokerPacket): void {
    const { attempt } = packet;
    if (packet.kind === 'ack') {
      if (!attempt.open) {
        this.lateAck(attempt);
        return;
      }
      this.close(attempt);
      const subscription = this.subscriptions[attempt.entry.subscription];
      subscription.acknowledged(attempt);
      if (this.guarantee.keepsUntilAck) attempt.entry.held = false;
      this.global(attempt.entry.subscription, 'acked', attempt.consumer.index);
      this.dispatch(attempt.entry.subscription);
      return;
    }
    if (!this.subscriptions[attempt.entry.subscription].acceptsAtConsumer(attempt)) {
      this.attemptEnded(attempt, LOST_NODE_DOWN);
      return;
    }
    const message = attempt.entry.message;
    // A carrier per attempt: two attempts may be on their way at once (an ack timed out).
    const carrier = new Message(message.id, message.flowIndex, message.payloadBytes, message.createdAt);
    carrier.transSeconds = packet.transSeconds;
    carrier.propSeconds = packet.propSeconds;
    carrier.queueSeconds = packet.queueSeconds;
    this.carriers.set(carrier, attempt);
    this.environment.process(attempt.consumer.node, carrier);
  }

  packetDuplicated(packet: BrokerPacket): BrokerPacket {
    // A second delivery copy is a second carrier at the consumer (processed, then a duplicate):
    // the entry settles only when every copy has arrived or failed.
    if (packet.kind === 'data') packet.attempt.entry.liveAttempts++;
    return packet.copy();
  }

  /** An ack after the timeout: the message may still be settled (no more redeliveries). */
  private lateAck(attempt: DeliveryAttempt): void {
    const { entry } = attempt;
    if (!this.guarantee.keepsUntilAck || !entry.held || !this.up) return;
    if (!this.subscriptions[entry.subscription].lateAck(attempt)) return;
    entry.held = false;
    if (entry.openAttempt !== null) this.close(entry.openAttempt);
    this.global(entry.subscription, 'acked', attempt.consumer.index);
    this.dispatch(entry.subscription);
  }

  packetFailed(packet: BrokerPacket, fate: MessageFate): void {
    if (packet.kind === 'data') this.attemptEnded(packet.attempt, fate);
    else if (!this.guarantee.keepsUntilAck) this.returnCredit(packet.attempt);
  }

  /** A node went down: this broker's own node, or one where consumers run. */
  nodeDown(node: number): void {
    if (node === this.setup.node) this.crash();
    const changed = new Set<number>();
    for (const consumer of this.consumers) {
      if (consumer.node !== node || !consumer.up) continue;
      consumer.up = false;
      // The broker sees the connection drop and takes back what the consumer had not acknowledged.
      for (const attempt of [...consumer.open]) this.giveBack(attempt);
      changed.add(consumer.subscription);
    }
    for (const subscription of changed) {
      this.subscriptions[subscription].consumersChanged();
      this.dispatch(subscription);
    }
  }

  nodeUp(node: number): void {
    if (node === this.setup.node) {
      this.up = true;
      for (let s = 0; s < this.subscriptions.length; s++) this.dispatch(s);
    }
    for (const consumer of this.consumers) {
      if (consumer.node !== node || consumer.up) continue;
      consumer.up = true;
      this.subscriptions[consumer.subscription].consumersChanged();
      this.dispatch(consumer.subscription);
    }
  }

  private crash(): void {
    this.up = false;
    const { simulator } = this.environment;
    for (const entry of this.persisting) {
      simulator.cancel(entry.persistEvent);
      this.discard(entry, LOST_NODE_DOWN);
    }
    this.persisting.clear();
    this.subscriptions.forEach((subscription, s) => {
      for (const consumer of subscription.consumers) {
        for (const attempt of [...consumer.open]) {
          // Persisted and kept until acked: it is still in the store and goes again after recovery.
          if (this.persistent) this.giveBack(attempt);
          else {
            this.close(attempt);
            this.discard(attempt.entry, LOST_NODE_DOWN);
          }
        }
      }
      for (const entry of subscription.crash(this.persistent)) this.discard(entry, LOST_NODE_DOWN);
      this.reportBacklog(s);
    });
  }

  private persisted(entry: BrokerEntry): void {
    this.persisting.delete(entry);
    entry.message.procSeconds += this.config.persistence!;
    this.admit(entry);
  }

  private admit(entry: BrokerEntry): void {
    entry.enqueuedAt = this.environment.simulator.now;
    this.subscriptions[entry.subscription].admit(entry);
    this.dispatch(entry.subscription);
  }

  private dispatch(s: number): void {
    const subscription = this.subscriptions[s];
    if (this.up) {
      for (let next = subscription.nextDelivery(); next !== null; next = subscription.nextDelivery()) {
        this.send(next.entry, next.consumer);
      }
    }
    this.reportBacklog(s);
  }

  private send(entry: BrokerEntry, consumer: ConsumerState): void {
    const { simulator, network } = this.environment;
    const now = simulator.now;
    if (Number.isNaN(entry.firstDispatchAt)) entry.firstDispatchAt = now;
    else this.global(entry.subscription, 'redelivered', consumer.index);
    entry.deliveries++;
    entry.liveAttempts++;
    if (!this.guarantee.keepsUntilAck) entry.held = false;
    const attempt = new DeliveryAttempt(entry, consumer, now);
    entry.openAttempt = attempt;
    consumer.open.add(attempt);
    this.subscriptions[entry.subscription].unacked++;
    // Only a message the broker keeps is sent again; one it forgot has no ack to wait for in time.
    if (this.guarantee.keepsUntilAck)
      attempt.ackTimer = simulator.schedule(this.config.ackTimeout, this.onAckTimeout, attempt);
    const message = entry.message;
    attempt.packet = new BrokerPacket(
      'data',
      message.flowIndex,
      this.setup.node,
      consumer.node,
      message.payloadBytes + this.config.headerSize,
      message,
      entry.deliveries > 1,
      this,
      attempt,
    );
    network.send(attempt.packet);
  }

  private ackTimedOut(attempt: DeliveryAttempt): void {
    if (!attempt.open) return;
    this.global(attempt.entry.subscription, 'ackTimeout', attempt.consumer.index);
    // The ack timer is the broker's retransmission timer: its redeliveries count among the
    // producer flow's retransmissions, so its expiries count among that flow's timer expiries.
    this.environment.probe.retransmissionTimerExpired(
      attempt.entry.message.flowIndex,
      this.environment.simulator.now,
    );
    this.giveBack(attempt);
    this.dispatch(attempt.entry.subscription);
  }

  /** Stops waiting for an attempt; a message kept until acked goes to its subscription again. */
  private giveBack(attempt: DeliveryAttempt): void {
    this.close(attempt);
    if (this.guarantee.keepsUntilAck) this.subscriptions[attempt.entry.subscription].givenBack(attempt);
  }

  /** The broker no longer waits for the attempt's ack (the credit is free again). */
  private close(attempt: DeliveryAttempt): void {
    if (!attempt.open) return;
    attempt.open = false;
    if (attempt.entry.openAttempt === attempt) attempt.entry.openAttempt = null;
    this.environment.simulator.cancel(attempt.ackTimer);
    attempt.consumer.open.delete(attempt);
    this.subscriptions[attempt.entry.subscription].unacked--;
  }

  /** An attempt ended without the consumer processing it. */
  private attemptEnded(attempt: DeliveryAttempt, fate: MessageFate): void {
    attempt.entry.liveAttempts--;
    this.settle(attempt.entry, fate);
    if (!this.guarantee.keepsUntilAck) this.returnCredit(attempt);
  }

  /**
   * Without ack timers (at-most-once) an ack that will never come must not hold prefetch credit
   * for ever: a delivery or ack lost on the hop, or refused at the consumer, gives its credit
   * back when it is lost, as the broker–consumer connection would notice. The next dispatch
   * runs as an event of its own: the loss may be reported in the middle of a crash, before the
   * broker has heard that the consumer is down.
   */
  private returnCredit(attempt: DeliveryAttempt): void {
    if (!attempt.open) return;
    this.close(attempt);
    this.environment.simulator.schedule(0, this.onCreditReturned, attempt.entry.subscription);
  }

  /** The broker lets the entry go: it ends now, or when its last live attempt fails. */
  private discard(entry: BrokerEntry, fate: MessageFate): void {
    entry.held = false;
    entry.discardFate ??= fate;
    this.settle(entry, fate);
  }

  /** Ends a message nobody holds any more and no copy of which is on its way. */
  private settle(entry: BrokerEntry, fate: MessageFate): void {
    if (!entry.message.isPending || entry.held || entry.liveAttempts > 0) return;
    const ending = entry.discardFate ?? fate;
    this.environment.ledger.resolve(entry.message, ending);
    this.environment.brokerProbe.ended(this.setup.firstSubscription + entry.subscription, ending);
  }

  private overflowActions(deadLetter: string | undefined): OverflowActions<BrokerEntry> {
    return {
      reject: (entry) => this.discard(entry, DROPPED_QUEUE_FULL),
      dropOldestAndAdmit: (entry) => {
        const queue = this.subscriptions[entry.subscription] as QueueSubscription;
        const oldest = queue.takeOldest();
        // An empty full queue (capacity 0): the arriving message is the head, and is dropped.
        if (oldest === undefined) {
          this.discard(entry, DROPPED_DROP_HEAD);
          return;
        }
        this.discard(oldest, DROPPED_DROP_HEAD);
        queue.append(entry);
      },
      deadLetter: (entry) => {
        this.global(entry.subscription, 'deadLettered');
        const target = this.routing.named(deadLetter!)[0];
        const queue = this.subscriptions[target] as QueueSubscription;
        if (queue.keepsEverything || entry.deadLettered) {
          // Dead letters nobody consumes end here (kept in the queue, where its depth shows them);
          // one already dead-lettered once ends too, so dead-letter queues cannot loop.
          this.discard(entry, DROPPED_DEAD_LETTERED);
          if (queue.keepsEverything) {
            const kept = new BrokerEntry(entry.message, target);
            kept.enqueuedAt = entry.enqueuedAt;
            queue.append(kept);
            this.reportBacklog(target);
          }
          return;
        }
        // A consumed dead-letter queue delivers them; their broker-queue time runs on.
        const moved = new BrokerEntry(entry.message, target);
        moved.enqueuedAt = entry.enqueuedAt;
        moved.deadLettered = true;
        queue.admit(moved);
        this.dispatch(target);
      },
    };
  }

  private reportBacklog(s: number): void {
    const subscription = this.subscriptions[s];
    this.environment.brokerProbe.backlog(
      this.setup.firstSubscription + s,
      this.environment.simulator.now,
      subscription.ready,
      subscription.unacked,
    );
  }

  private global(s: number, event: SubscriptionEvent, consumer = -1): void {
    this.environment.brokerProbe.event(this.setup.firstSubscription + s, event, consumer);
  }
}
