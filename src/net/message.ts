/** Why a message ended without reaching the receiving application. */
export type LossReason =
  | 'linkLoss'
  | 'nodeDown'
  | 'noRoute'
  | 'hopLimit'
  | 'misdelivered'
  /** The link it was on, waiting for or routed over was down (cut or failed). */
  | 'linkDown'
  /** It would have crossed between the groups of a network partition. */
  | 'partition';
/** Why a message was refused for lack of room (or, at a broker, for lack of a route). */
export type DropReason =
  | 'linkBuffer'
  | 'nodeQueue'
  /** A full broker queue refused it (overflow: reject). */
  | 'queueFull'
  /** A full broker queue dropped it, its oldest ready message, to make room (overflow: drop-head). */
  | 'dropHead'
  /** A full broker queue sent it to a dead-letter queue, where it ended. */
  | 'deadLettered'
  /** No binding of the exchange it was published to matched its routing key. */
  | 'unroutable';

/** The final state of a message; `pending` until it is delivered, dropped, lost or failed. */
export type MessageFate =
  | { kind: 'pending' }
  | { kind: 'delivered' }
  | { kind: 'failed' }
  | { kind: 'dropped'; reason: DropReason }
  | { kind: 'lost'; reason: LossReason };

const PENDING: MessageFate = { kind: 'pending' };

/**
 * One application message and what happened to it. The latency components of a delivered
 * message are differences of consecutive timestamps along the successful copy's journey, so
 * `trans + prop + queue + proc + wait` equals `deliveredAt - createdAt` (up to float rounding).
 */
export class Message {
  fate: MessageFate = PENDING;
  /** When the receiving transport handed it up to its node (s); NaN until then. */
  receivedAt = Number.NaN;
  /** When the successful copy was handed to the network (s). */
  handedOffAt = Number.NaN;
  /** When the receiving application got it, after processing (s). */
  deliveredAt = Number.NaN;
  /** Seconds spent transmitting (sum over hops) by the successful copy. */
  transSeconds = 0;
  /** Seconds propagating (sum over hops). */
  propSeconds = 0;
  /** Seconds waiting in link buffers and the receiver's processing queue. */
  queueSeconds = 0;
  /** Seconds in processing at the receiver. */
  procSeconds = 0;
  /** Seconds from creation until the successful copy was handed off (window, retransmissions). */
  waitSeconds = 0;
  /** Copies of this message put on the network (1 + retransmissions). */
  transmissions = 0;
  /** Copies on the network now (sent, not yet arrived, lost or dropped). */
  copiesInFlight = 0;
  /** Set when the sender gave the message up while copies were still on their way. */
  abandonedFate: MessageFate | null = null;
  /**
   * What the application ties this message to (a request it carries or answers), -1 for none;
   * the network never reads it.
   */
  correlation = -1;

  constructor(
    /** Unique over the run. */
    readonly id: number,
    /** Index of the flow that sent it. */
    readonly flowIndex: number,
    /** Application payload in bytes (headers excluded). */
    readonly payloadBytes: number,
    /** When the application created it (s). */
    readonly createdAt: number,
  ) {}

  get isPending(): boolean {
    return this.fate.kind === 'pending';
  }

  /** End-to-end latency of a delivered message (s). */
  get latencySeconds(): number {
    return this.deliveredAt - this.createdAt;
  }
}
