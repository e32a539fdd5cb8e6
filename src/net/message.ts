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
  | 'partition'
  /** It arrived corrupted (a link's `corrupt`): the receiving node's checksum discarded it. */
  | 'corrupted';
/** Why a message was refused for lack of room (or, at a broker, for lack of a route). */
export type DropReason =
  | 'linkBuffer'
  /** A link's RED queue dropped it early, before the buffer was full (Random Early Detection). */
  | 'red'
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

/** Positions of a message's timing figures in its `timing` array. */
const RECEIVED_AT = 0;
const HANDED_OFF_AT = 1;
const DELIVERED_AT = 2;
const TRANS = 3;
const PROP = 4;
const QUEUE = 5;
const PROC = 6;
const WAIT = 7;

/** The timing figures of a message none of whose copies has reached its receiver yet. */
function newTiming(): Float64Array {
  const timing = new Float64Array(8);
  timing[RECEIVED_AT] = Number.NaN;
  timing[HANDED_OFF_AT] = Number.NaN;
  timing[DELIVERED_AT] = Number.NaN;
  return timing;
}

/**
 * One application message and what happened to it. The latency components of a delivered
 * message cover consecutive stretches of the successful copy's journey: transmission times and
 * delays as drawn, waits as differences of clock readings. Their sum is its latency, and
 * accounts for `deliveredAt - createdAt` up to the rounding of those readings.
 *
 * Why the timing figures sit in one array behind accessors, made at the first write: V8 boxes
 * every double-valued field of an object in a heap number of its own, so eight such fields
 * made each message nine objects for the garbage collector to copy and mark; an array of
 * doubles stores them unboxed (the array and its store: two objects). Until a copy reaches the
 * receiver nothing is written there, so the array is made then: a message waiting in a
 * sender's backlog is one small object (bulk transfers keep hundreds of thousands of them
 * alive, and the collector's work follows their object count), and the figures are written
 * while the array is fresh in the cache instead of long after it was made. A Float64Array
 * rather than an array literal: V8 tracks a literal's allocation site and, seeing the first
 * arrays outlive a scavenge, pretenured it, so every delivered message put its figures in old
 * space for a mark-compact to clear (a rate-driven run of 10^6 datagrams: 17% more CPU).
 */
export class Message {
  fate: MessageFate = PENDING;
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
  /**
   * The receiving node passed it on (to a broker), or it is a broker's fanout copy: its place in
   * the receiver's window is free already.
   */
  passedOn = false;
  /** receivedAt, handedOffAt, deliveredAt and the latency components; null until the first is set. */
  private timing: Float64Array | null = null;

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

  private figures(): Float64Array {
    if (this.timing === null) this.timing = newTiming();
    return this.timing;
  }

  /**
   * The figures known when the receiving transport hands the message up, written at once: one
   * call instead of six setters, each of which would check for the array first.
   */
  received(
    receivedAt: number,
    handedOffAt: number,
    transSeconds: number,
    propSeconds: number,
    queueSeconds: number,
    waitSeconds: number,
  ): void {
    let timing = this.timing;
    if (timing === null) {
      timing = new Float64Array(8);
      timing[DELIVERED_AT] = Number.NaN;
      this.timing = timing;
    }
    timing[RECEIVED_AT] = receivedAt;
    timing[HANDED_OFF_AT] = handedOffAt;
    timing[TRANS] = transSeconds;
    timing[PROP] = propSeconds;
    timing[QUEUE] = queueSeconds;
    timing[WAIT] = waitSeconds;
  }

  /** When the receiving transport handed it up to its node (s); NaN until then. */
  get receivedAt(): number {
    return this.timing === null ? Number.NaN : this.timing[RECEIVED_AT];
  }
  set receivedAt(seconds: number) {
    this.figures()[RECEIVED_AT] = seconds;
  }

  /** When the successful copy was handed to the network (s). */
  get handedOffAt(): number {
    return this.timing === null ? Number.NaN : this.timing[HANDED_OFF_AT];
  }
  set handedOffAt(seconds: number) {
    this.figures()[HANDED_OFF_AT] = seconds;
  }

  /** When the receiving application got it, after processing (s). */
  get deliveredAt(): number {
    return this.timing === null ? Number.NaN : this.timing[DELIVERED_AT];
  }
  set deliveredAt(seconds: number) {
    this.figures()[DELIVERED_AT] = seconds;
  }

  /** Seconds spent transmitting (sum over hops) by the successful copy. */
  get transSeconds(): number {
    return this.timing === null ? 0 : this.timing[TRANS];
  }
  set transSeconds(seconds: number) {
    this.figures()[TRANS] = seconds;
  }

  /** Seconds propagating (sum over hops). */
  get propSeconds(): number {
    return this.timing === null ? 0 : this.timing[PROP];
  }
  set propSeconds(seconds: number) {
    this.figures()[PROP] = seconds;
  }

  /** Seconds waiting in link buffers and the receiver's processing queue. */
  get queueSeconds(): number {
    return this.timing === null ? 0 : this.timing[QUEUE];
  }
  set queueSeconds(seconds: number) {
    this.figures()[QUEUE] = seconds;
  }

  /** Seconds in processing at the receiver. */
  get procSeconds(): number {
    return this.timing === null ? 0 : this.timing[PROC];
  }
  set procSeconds(seconds: number) {
    this.figures()[PROC] = seconds;
  }

  /** Seconds from creation until the successful copy was handed off (window, retransmissions). */
  get waitSeconds(): number {
    return this.timing === null ? 0 : this.timing[WAIT];
  }
  set waitSeconds(seconds: number) {
    this.figures()[WAIT] = seconds;
  }

  get isPending(): boolean {
    return this.fate.kind === 'pending';
  }

  /**
   * End-to-end latency of a delivered message (s): the sum of its components, which account for
   * all of `deliveredAt - createdAt`. The sum rather than that difference, because at a simulated
   * time of centuries two clock readings differ only in steps of the clock's resolution (a few
   * microseconds) while a transmission time or a delay is exact. NaN until delivered.
   */
  get latencySeconds(): number {
    return Number.isNaN(this.deliveredAt) ? Number.NaN : latencyFromComponents(this);
  }
}

/** The latency its components add up to, summed in this order everywhere (see Message.latencySeconds). */
export function latencyFromComponents(parts: {
  readonly transSeconds: number;
  readonly propSeconds: number;
  readonly queueSeconds: number;
  readonly procSeconds: number;
  readonly waitSeconds: number;
}): number {
  return parts.transSeconds + parts.propSeconds + parts.queueSeconds + parts.procSeconds + parts.waitSeconds;
}
