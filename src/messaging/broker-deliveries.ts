import { Message, type MessageFate } from '../net/message.js';
import type { BrokerConfig } from './broker-config.js';
import {
  type BrokerEntry,
  BrokerPacket,
  type BrokerPacketEndpoint,
  type ConsumerState,
  DeliveryAttempt,
} from './broker-entry.js';
import { DROPPED_NODE_QUEUE, LOST_NODE_DOWN } from './broker-fates.js';
import type { SubscriptionEvent } from './broker-probe.js';
import type { BrokerSetup } from './broker-setup.js';
import type { DeliveryGuaranteeDefinition } from './delivery-guarantees.js';
import type { BrokerEnvironment } from './message-ledger.js';
import type { Subscription } from './subscription.js';

/**
 * The consumer side of a broker: sends what its subscriptions hand out to their consumers,
 * waits for the acks (ack timers, prefetch credit), takes back what a consumer failed to
 * acknowledge, follows each delivery to the consumer's processing stage and back, and ends each
 * message exactly once in the ledger when nobody holds it any more.
 */
export class BrokerDeliveries implements BrokerPacketEndpoint {
  /** False while the broker's node is down: nothing is sent, and a late ack settles nothing. */
  up = true;
  /** Carriers at consumers' processing stages, with the attempt they belong to. */
  private readonly carriers = new Map<Message, DeliveryAttempt>();
  private readonly onAckTimeout = (attempt: DeliveryAttempt): void => this.ackTimedOut(attempt);
  private readonly onCreditReturned = (subscription: number): void => this.dispatch(subscription);

  constructor(
    private readonly config: BrokerConfig,
    private readonly setup: Pick<BrokerSetup, 'node' | 'firstSubscription'>,
    private readonly guarantee: DeliveryGuaranteeDefinition,
    private readonly subscriptions: readonly Subscription[],
    private readonly consumers: readonly ConsumerState[],
    private readonly environment: BrokerEnvironment,
  ) {}

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
      this.count(entry.subscription, 'delivered', consumer.index);
    } else {
      environment.probe.duplicateReceived(attempt.packet!);
      this.count(entry.subscription, 'duplicate', consumer.index);
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
      this.count(attempt.entry.subscription, 'acked', attempt.consumer.index);
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
    this.count(entry.subscription, 'acked', attempt.consumer.index);
    this.dispatch(entry.subscription);
  }

  packetFailed(packet: BrokerPacket, fate: MessageFate): void {
    if (packet.kind === 'data') this.attemptEnded(packet.attempt, fate);
    else if (!this.guarantee.keepsUntilAck) this.returnCredit(packet.attempt);
  }

  /** Consumers on `node` went down: the broker takes back what they had not acknowledged. */
  consumersDown(node: number): void {
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

  /** Consumers on `node` are back. */
  consumersUp(node: number): void {
    for (const consumer of this.consumers) {
      if (consumer.node !== node || consumer.up) continue;
      consumer.up = true;
      this.subscriptions[consumer.subscription].consumersChanged();
      this.dispatch(consumer.subscription);
    }
  }

  /**
   * The broker crashed: a `persistent` one still has the unacknowledged messages in its store
   * (they go again after recovery); a volatile one loses them and everything it had ready.
   */
  forgetOnCrash(persistent: boolean): void {
    this.subscriptions.forEach((subscription, s) => {
      for (const consumer of subscription.consumers) {
        for (const attempt of [...consumer.open]) {
          // Persisted and kept until acked: it is still in the store and goes again after recovery.
          if (persistent) this.giveBack(attempt);
          else {
            this.close(attempt);
            this.discard(attempt.entry, LOST_NODE_DOWN);
          }
        }
      }
      for (const entry of subscription.crash(persistent)) this.discard(entry, LOST_NODE_DOWN);
      this.reportBacklog(s);
    });
  }

  /** Sends what subscription `s` can hand out now (nothing while the broker is down). */
  dispatch(s: number): void {
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
    else this.count(entry.subscription, 'redelivered', consumer.index);
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
    this.count(attempt.entry.subscription, 'ackTimeout', attempt.consumer.index);
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
  close(attempt: DeliveryAttempt): void {
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
  discard(entry: BrokerEntry, fate: MessageFate): void {
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

  /** Reports how many messages of subscription `s` are ready and unacknowledged now. */
  reportBacklog(s: number): void {
    const subscription = this.subscriptions[s];
    this.environment.brokerProbe.backlog(
      this.setup.firstSubscription + s,
      this.environment.simulator.now,
      subscription.ready,
      subscription.unacked,
    );
  }

  /** Counts `event` for subscription `s` (and consumer `consumer`, a global number, or -1). */
  count(s: number, event: SubscriptionEvent, consumer = -1): void {
    this.environment.brokerProbe.event(this.setup.firstSubscription + s, event, consumer);
  }
}
