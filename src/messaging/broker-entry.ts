import type { EventHandle } from '../engine/simulator.js';
import type { Message, MessageFate } from '../net/message.js';
import { copyPacketState, Packet, type PacketKind } from '../net/packet.js';

/** One message (or fanout copy) in one subscription of a broker, while the broker knows of it. */
export class BrokerEntry {
  /** When it first became available to consumers (s); its broker-queue time is counted from here. */
  enqueuedAt = Number.NaN;
  /** When it was first sent to a consumer (s); later attempts count as t_wait from here. */
  firstDispatchAt = Number.NaN;
  /** Times it was sent to a consumer. */
  deliveries = 0;
  /** Copies on their way to or at a consumer (sent, not yet processed, lost or refused). */
  liveAttempts = 0;
  /** True while the broker is responsible for it (stored, or sent and kept until acknowledged). */
  held = true;
  /** How it ends if its last live attempt fails after the broker let it go (null: that attempt's fate). */
  discardFate: MessageFate | null = null;
  /** Pending write to the broker's store (persistence), or -1. */
  persistEvent: EventHandle = -1;
  /** Partition and offset in a partitioned topic's log; -1 in a queue. */
  partition = -1;
  offset = -1;
  /** The attempt the broker waits on an ack for, if any (a queue entry has at most one). */
  openAttempt: DeliveryAttempt | null = null;
  /** It came to a dead-letter queue (a second dead-lettering ends it). */
  deadLettered = false;
  /** In a partitioned topic: the group's consumer acknowledged it. */
  acked = false;

  constructor(
    readonly message: Message,
    /** Index of its subscription in its broker. */
    readonly subscription: number,
  ) {}
}

/** Where the state of a consumer lives on the broker's side. */
export interface ConsumerState {
  /** Consumer number over all brokers. */
  readonly index: number;
  readonly id: string;
  /** Node index where it runs. */
  readonly node: number;
  readonly prefetch: number;
  /** Subscription index in its broker. */
  readonly subscription: number;
  /** False while its node is down (the broker sees the connection drop). */
  up: boolean;
  /** Deliveries sent to it and not yet acknowledged, timed out or given up. */
  readonly open: Set<DeliveryAttempt>;
}

/** One sending of an entry to a consumer. */
export class DeliveryAttempt {
  /** True while the broker waits for its acknowledgement (it holds prefetch credit). */
  open = true;
  ackTimer: EventHandle = -1;
  /** The data packet that carries it. */
  packet: Packet | null = null;

  constructor(
    readonly entry: BrokerEntry,
    readonly consumer: ConsumerState,
    /** When it was handed to the network (s). */
    readonly dispatchedAt: number,
  ) {}
}

/** Receives the broker's packets as the network settles them. */
export interface BrokerPacketEndpoint {
  packetArrived(packet: BrokerPacket): void;
  /** A duplicating link delivers `packet` twice: returns the extra copy, counted as on its way. */
  packetDuplicated(packet: BrokerPacket): BrokerPacket;
  packetFailed(packet: BrokerPacket, fate: MessageFate): void;
}

/**
 * A packet between a broker and a consumer: a delivery (`data`) or an acknowledgement (`ack`).
 * It counts under the flow of the producer whose message it is, and finds its way back to the
 * broker model through `endpoint`.
 */
export class BrokerPacket extends Packet {
  constructor(
    kind: PacketKind,
    flowIndex: number,
    source: number,
    destination: number,
    sizeBytes: number,
    message: Message,
    isRetransmission: boolean,
    readonly endpoint: BrokerPacketEndpoint,
    readonly attempt: DeliveryAttempt,
  ) {
    super(
      kind,
      flowIndex,
      source,
      destination,
      sizeBytes,
      attempt.entry.deliveries,
      message,
      isRetransmission,
    );
  }

  /** The extra copy a duplicating link delivers: the same attempt, the state gathered so far. */
  copy(): BrokerPacket {
    const copy = new BrokerPacket(
      this.kind,
      this.flowIndex,
      this.source,
      this.destination,
      this.sizeBytes,
      this.message!,
      this.isRetransmission,
      this.endpoint,
      this.attempt,
    );
    copyPacketState(this, copy);
    return copy;
  }
}
