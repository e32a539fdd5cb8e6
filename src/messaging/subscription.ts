import type { BrokerEntry, ConsumerState, DeliveryAttempt } from './broker-entry.js';

/** The next delivery a subscription wants made. */
export interface NextDelivery {
  entry: BrokerEntry;
  consumer: ConsumerState;
}

/**
 * Where a broker keeps the messages of one queue, or of one consumer group of a partitioned
 * topic, and which consumer gets which message next. The broker owns the attempts and the
 * ledger; a subscription only orders messages and picks consumers.
 */
export interface Subscription {
  readonly name: string;
  /** Partitions of its topic; 0 for a queue. */
  readonly partitions: number;
  readonly consumers: ConsumerState[];
  /** Messages waiting to be sent. */
  readonly ready: number;
  /** Deliveries sent and not yet acknowledged (or given up). */
  unacked: number;
  /** A message is available to consumers from now on (bounded queues apply their policy). */
  admit(entry: BrokerEntry): void;
  /** The next message to send and its consumer, taken out of the waiting line; null when none can go. */
  nextDelivery(): NextDelivery | null;
  /** The broker stopped waiting for an attempt's ack but still owns its message: it goes again. */
  givenBack(attempt: DeliveryAttempt): void;
  /** The consumer acknowledged the attempt. */
  acknowledged(attempt: DeliveryAttempt): void;
  /**
   * An ack came after the broker gave the attempt up; true when it still settles the message
   * (which then leaves the waiting line). Queues take it (like SQS's delete with an old
   * receipt); a partition's group does not (like a commit from an old generation in Kafka).
   */
  lateAck(attempt: DeliveryAttempt): boolean;
  /** A consumer went down or came back. */
  consumersChanged(): void;
  /** Whether the consumer takes an arriving delivery (a partition's consumer skips gaps). */
  acceptsAtConsumer(attempt: DeliveryAttempt): boolean;
  /** The broker crashed: everything not persisted is forgotten and returned. */
  crash(persistent: boolean): BrokerEntry[];
}
