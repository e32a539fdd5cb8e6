import type { MessageFate } from '../net/message.js';
import { BrokerEntry } from './broker-entry.js';
import { DROPPED_DEAD_LETTERED, DROPPED_DROP_HEAD, DROPPED_QUEUE_FULL } from './broker-fates.js';
import type { SubscriptionEvent } from './broker-probe.js';
import type { OverflowActions } from './overflow-policies.js';
import type { QueueSubscription } from './queue-subscription.js';

/** What a full queue's actions need of their broker. */
export interface OverflowContext {
  /** The queue that is subscription `s` of the broker. */
  queue(s: number): QueueSubscription;
  /** The subscription of the queue named `name`. */
  subscriptionOf(name: string): number;
  /** The broker lets the entry go with `fate` (see BrokerDeliveries.discard). */
  discard(entry: BrokerEntry, fate: MessageFate): void;
  /** Sends what subscription `s` can hand out now. */
  dispatch(s: number): void;
  reportBacklog(s: number): void;
  count(s: number, event: SubscriptionEvent): void;
}

/**
 * What a full broker queue does with an arriving message: refuse it, drop the oldest ready one
 * to make room, or move it to the queue's dead-letter queue `deadLetter` (by name).
 */
export function brokerOverflowActions(
  deadLetter: string | undefined,
  broker: OverflowContext,
): OverflowActions<BrokerEntry> {
  return {
    reject: (entry) => broker.discard(entry, DROPPED_QUEUE_FULL),
    dropOldestAndAdmit: (entry) => {
      const queue = broker.queue(entry.subscription);
      const oldest = queue.takeOldest();
      // An empty full queue (capacity 0): the arriving message is the head, and is dropped.
      if (oldest === undefined) {
        broker.discard(entry, DROPPED_DROP_HEAD);
        return;
      }
      broker.discard(oldest, DROPPED_DROP_HEAD);
      queue.append(entry);
    },
    deadLetter: (entry) => moveToDeadLetterQueue(entry, broker.subscriptionOf(deadLetter!), broker),
  };
}

/**
 * Dead-lettering: `entry` found its queue full and goes to subscription `target`, its dead-letter
 * queue. A consumed dead-letter queue takes it like any arriving message, unless it was
 * dead-lettered once already: then it ends (dropped.deadLettered) and is not moved again, so
 * dead-letter queues cannot loop.
 */
function moveToDeadLetterQueue(entry: BrokerEntry, target: number, broker: OverflowContext): void {
  broker.count(entry.subscription, 'deadLettered');
  const queue = broker.queue(target);
  if (queue.keepsDeadLetters) {
    keepDeadLetter(entry, target, queue, broker);
    return;
  }
  if (entry.deadLettered) {
    broker.discard(entry, DROPPED_DEAD_LETTERED);
    return;
  }
  // A consumed dead-letter queue delivers them; their broker-queue time runs on.
  const moved = new BrokerEntry(entry.message, target);
  moved.enqueuedAt = entry.enqueuedAt;
  moved.deadLettered = true;
  queue.admit(moved);
  broker.dispatch(target);
}

/**
 * A dead-letter queue nobody consumes takes the dead letter as any queue takes an arriving
 * message, within its capacity: kept, the message ends there (dropped.deadLettered, counted
 * where it was dead-lettered) and the queue's depth shows it; refused by the full queue, it ends
 * as the queue's overflow says (dropped.queueFull, counted at the dead-letter queue). Only a
 * refusing overflow is allowed on such a queue (checkBrokerReferences): the messages it holds
 * have ended, so none can be dropped or moved again.
 */
function keepDeadLetter(
  entry: BrokerEntry,
  target: number,
  queue: QueueSubscription,
  broker: OverflowContext,
): void {
  const kept = new BrokerEntry(entry.message, target);
  kept.enqueuedAt = entry.enqueuedAt;
  kept.deadLettered = true;
  queue.admit(kept);
  if (entry.message.isPending) broker.discard(entry, DROPPED_DEAD_LETTERED);
  broker.reportBacklog(target);
}
