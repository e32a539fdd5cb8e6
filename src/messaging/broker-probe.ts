import type { MessageFate } from '../net/message.js';

/** Something that happened to the messages of one subscription (a queue, or a topic's group). */
export type SubscriptionEvent =
  /** A message (or a fanout copy) entered it. */
  | 'routed'
  /** A consumer finished processing a message for the first time. */
  | 'delivered'
  /** A message was sent to a consumer again. */
  | 'redelivered'
  /** A consumer processed a message that had already been delivered. */
  | 'duplicate'
  /** The broker received a consumer's acknowledgement. */
  | 'acked'
  /** A delivery was not acknowledged within the ack timeout. */
  | 'ackTimeout'
  /** A full queue sent a message to its dead-letter queue. */
  | 'deadLettered';

/**
 * What brokers report as they run, beside the network probe (which hears about packets and the
 * message ledger). Subscriptions and consumers are numbered over all brokers, in scenario order.
 */
export interface BrokerProbe {
  /** A producer's message reached broker `broker` and was routed to `copies` subscriptions. */
  published(broker: number, copies: number): void;
  /** Messages waiting (`ready`) and delivered but unacknowledged (`unacked`) changed at `time`. */
  backlog(subscription: number, time: number, ready: number, unacked: number): void;
  /** `event` happened to a message of `subscription`, at consumer `consumer` (-1: none). */
  event(subscription: number, event: SubscriptionEvent, consumer: number): void;
  /** A message of `subscription` ended without being delivered (`fate` says how). */
  ended(subscription: number, fate: MessageFate): void;
}

/** A probe that hears nothing (brokers built without metrics, e.g. in unit tests). */
export const SILENT_BROKER_PROBE: BrokerProbe = {
  published: () => {},
  backlog: () => {},
  event: () => {},
  ended: () => {},
};
