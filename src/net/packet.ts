import type { Message } from './message.js';

/** What a packet carries. */
export type PacketKind = 'data' | 'ack';

/**
 * A packet on the network: a copy of a data message or an acknowledgement. Timing fields
 * accumulate along its path so the copy that gets through can hand them to its message.
 */
export class Packet {
  /** When it was handed to the network at its source (s). */
  handedOffAt = Number.NaN;
  /** When it entered the buffer of the transmitter it is waiting at now (s). */
  enqueuedAt = Number.NaN;
  transSeconds = 0;
  propSeconds = 0;
  queueSeconds = 0;
  /** Links crossed so far. */
  hops = 0;
  /** Transmitter of the hop it is on now (set while it propagates). */
  hopTransmitter = -1;
  /** Acknowledgement fields, used by ACK packets (meaning set by the transport). */
  ackNumber = -1;

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
