import type { BrokerEntry, ConsumerState, DeliveryAttempt } from './broker-entry.js';
import { Deque } from './entry-deque.js';
import type { OverflowActions, OverflowPolicyDefinition } from './overflow-policies.js';
import type { NextDelivery, Subscription } from './subscription.js';

/**
 * A named queue: ready messages in FIFO order, handed round-robin to the consumers that are up
 * and have prefetch credit (competing consumers). A message given back goes to the front.
 */
export class QueueSubscription implements Subscription {
  readonly consumers: ConsumerState[] = [];
  readonly partitions = 0;
  unacked = 0;
  private readonly waiting = new Deque<BrokerEntry>();
  private nextConsumer = 0;

  constructor(
    readonly name: string,
    /** Ready messages it holds; Infinity for unbounded. */
    private readonly capacity: number,
    private readonly overflow: OverflowPolicyDefinition,
    private readonly actions: OverflowActions<BrokerEntry>,
    /**
     * True for a queue nobody consumes: a dead letter it takes ends there, and it keeps it (its
     * depth shows it) within its capacity like any message.
     */
    readonly keepsDeadLetters = false,
  ) {}

  get ready(): number {
    return this.waiting.length;
  }

  /**
   * Capacity bounds the ready messages, so one that a consumer with free credit takes at once
   * (the broker dispatches right after) is admitted even when the queue is full: a queue of
   * capacity 0 passes messages to idle consumers and holds none.
   */
  admit(entry: BrokerEntry): void {
    if (this.waiting.length < this.capacity || this.consumerCanTake()) this.waiting.push(entry);
    else this.overflow.onFull(entry, this.actions);
  }

  /** A consumer is up with free credit (then nothing is ready: the broker dispatched it all). */
  private consumerCanTake(): boolean {
    return this.consumers.some((consumer) => consumer.up && consumer.open.size < consumer.prefetch);
  }

  /** Takes the oldest ready message out (drop-head). */
  takeOldest(): BrokerEntry | undefined {
    return this.waiting.shift();
  }

  /** Appends a message whatever the capacity (after drop-head made room). */
  append(entry: BrokerEntry): void {
    this.waiting.push(entry);
  }

  nextDelivery(): NextDelivery | null {
    if (this.waiting.length === 0) return null;
    const count = this.consumers.length;
    for (let tried = 0; tried < count; tried++) {
      const consumer = this.consumers[(this.nextConsumer + tried) % count];
      if (consumer.up && consumer.open.size < consumer.prefetch) {
        this.nextConsumer = (this.nextConsumer + tried + 1) % count;
        return { entry: this.waiting.shift()!, consumer };
      }
    }
    return null;
  }

  givenBack(attempt: DeliveryAttempt): void {
    this.waiting.unshift(attempt.entry);
  }

  acknowledged(): void {}

  lateAck(attempt: DeliveryAttempt): boolean {
    this.waiting.remove(attempt.entry);
    return true;
  }

  consumersChanged(): void {}

  acceptsAtConsumer(): boolean {
    return true;
  }

  crash(persistent: boolean): BrokerEntry[] {
    return persistent ? [] : this.waiting.drain();
  }
}
