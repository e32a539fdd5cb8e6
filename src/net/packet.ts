import type { Message } from './message.js';

/** What a packet carries. */
export type PacketKind = 'data' | 'ack';

/**
 * A packet on the network: a copy of a data message or an acknowledgement. Timing fields
 * accumulate along its path so the copy that gets through can hand them to its message.
 *
 * A field added here must also be reset in PacketPool.acquire (src/transport/packet-pool.ts;
 * its test compares a reused packet with a new one field by field) and copied by
 * copyPacketState below (its test compares a copy with the original). The lists are not one
 * method on purpose: V8 sizes an object's in-object fields from the assignments in its
 * constructor, and fields set in a method the constructor calls made pingpong at 10,000 pairs
 * 10-20% slower (measured 2026-12-04).
 */
export class Packet {
  /** When it was handed to the network at its source (s). */
  handedOffAt = Number.NaN;
  /** When its transmission on the first link started (s); NaN while it waits at the source. */
  departedAt = Number.NaN;
  /** When it reached its destination node (s); NaN before. */
  arrivedAt = Number.NaN;
  transSeconds = 0;
  propSeconds = 0;
  queueSeconds = 0;
  /** Links crossed so far. */
  hops = 0;
  /** Where its whole path starts in the network's path store when routes are static, else -1. */
  pathOffset = -1;
  /** Transmitter of the hop it is on now (set while it propagates). */
  hopTransmitter = -1;
  /** Sequence number as written on the wire (wrapped to the transport's width); -1: same as `sequence`. */
  wireSequence = -1;
  /** Connection incarnation of window transports: a sender that resets starts a new epoch. */
  epoch = 0;
  /** First segment of an epoch (like TCP's SYN): a receiver without state may start from it. */
  synchronize = false;
  /** Acknowledgement fields, used by ACK packets (meaning set by the transport). */
  ackNumber = -1;
  /** Wire sequence number a selective ACK acknowledges individually; -1 for none. */
  selectiveAck = -1;
  /** Receiver's advertised window in segments (flow control); Infinity when unbounded. */
  advertisedWindow = Number.POSITIVE_INFINITY;
  /** A reset: the receiver has no state for this epoch and asks the sender to start anew. */
  reset = false;

  constructor(
    readonly kind: PacketKind,
    /** Index of the flow this packet belongs to. */
    readonly flowIndex: number,
    /** Node index where it starts. */
    readonly source: number,
    /** Node index it is addressed to. */
    readonly destination: number,
    /** Size on the wire in bytes (payload plus headers). */
    readonly sizeBytes: number,
    /** Sequence number given by the transport. */
    readonly sequence: number,
    /** The message a data packet carries. */
    readonly message: Message | null,
    /** True when this copy is a retransmission. */
    readonly isRetransmission: boolean,
  ) {}
}

/**
 * Gives `copy` the state `original` has gathered on its way (timings, hops, path, header
 * fields): with the fields its owner passed to the constructor, it is then the same packet as a
 * separate object. Used for the extra copy a duplicating link delivers.
 */
export function copyPacketState(original: Packet, copy: Packet): void {
  copy.handedOffAt = original.handedOffAt;
  copy.departedAt = original.departedAt;
  copy.arrivedAt = original.arrivedAt;
  copy.transSeconds = original.transSeconds;
  copy.propSeconds = original.propSeconds;
  copy.queueSeconds = original.queueSeconds;
  copy.hops = original.hops;
  copy.pathOffset = original.pathOffset;
  copy.hopTransmitter = original.hopTransmitter;
  copy.wireSequence = original.wireSequence;
  copy.epoch = original.epoch;
  copy.synchronize = original.synchronize;
  copy.ackNumber = original.ackNumber;
  copy.selectiveAck = original.selectiveAck;
  copy.advertisedWindow = original.advertisedWindow;
  copy.reset = original.reset;
}
