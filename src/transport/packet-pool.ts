import type { Message } from '../net/message.js';
import { Packet, type PacketKind } from '../net/packet.js';

/** A packet's fields as the pool, which alone holds a released packet, rewrites them. */
type Recycled = { -readonly [Field in keyof Packet]: Packet[Field] };

/** Free packets a pool keeps at most, by default: far more than flows keep in flight at once. */
export const DEFAULT_POOL_CAPACITY = 65_536;

/**
 * Free packets that flows reuse for their data copies and ACKs. A packet is an object with
 * seven double fields, which V8 keeps in a heap number each (about 330 B in all): two fresh
 * packets per delivered message (the copy and its ACK) were half the bytes a stop-and-wait run
 * allocated. A reused packet's heap numbers are overwritten in place.
 *
 * Ownership rule: a packet a flow sends belongs to the network until the network hands it back
 * (the flow's `packetArrived` or `packetFailed`); it then belongs to the flow, which releases it
 * when the transport's handler has returned, unless somebody may still hold it:
 * - the transport's sender or receiver: window senders remember each segment's latest copy and
 *   selective repeat buffers out-of-order segments, so a transport that `keepsDataPackets`
 *   never has its data packets released; no sender keeps an ACK past `onAck`;
 * - a probe: the metrics collector reads packets during the call only; further probes (tests,
 *   custom collectors) may keep them, so a run with such probes recycles nothing;
 * - the network: after `arrived` or `failed` it no longer touches the packet.
 * The property test in test/transport/packet-pool.property.test.ts poisons released packets
 * (any read throws) and checks that results are the same with and without recycling.
 */
export class PacketPool {
  private readonly free: Packet[] = [];

  /**
   * @param capacity most free packets kept: past it a released packet is left to the garbage
   * collector, so a burst (a million datagrams on the wire at once) is not held after it is over.
   */
  constructor(private readonly capacity = DEFAULT_POOL_CAPACITY) {}

  /** Free packets waiting for reuse. */
  get size(): number {
    return this.free.length;
  }

  /** A packet with these fields and every other field as a new one has it. */
  acquire(
    kind: PacketKind,
    flowIndex: number,
    source: number,
    destination: number,
    sizeBytes: number,
    sequence: number,
    message: Message | null,
    isRetransmission: boolean,
  ): Packet {
    const packet = this.free.pop() as Recycled | undefined;
    if (packet === undefined) {
      return new Packet(kind, flowIndex, source, destination, sizeBytes, sequence, message, isRetransmission);
    }
    // The constructor's fields, then its initialisers (src/net/packet.ts), in their order.
    packet.kind = kind;
    packet.flowIndex = flowIndex;
    packet.source = source;
    packet.destination = destination;
    packet.sizeBytes = sizeBytes;
    packet.sequence = sequence;
    packet.message = message;
    packet.isRetransmission = isRetransmission;
    packet.handedOffAt = Number.NaN;
    packet.departedAt = Number.NaN;
    packet.arrivedAt = Number.NaN;
    packet.transSeconds = 0;
    packet.propSeconds = 0;
    packet.queueSeconds = 0;
    packet.hops = 0;
    packet.pathOffset = -1;
    packet.hopTransmitter = -1;
    packet.wireSequence = -1;
    packet.epoch = 0;
    packet.synchronize = false;
    packet.ackNumber = -1;
    packet.selectiveAck = -1;
    packet.advertisedWindow = Number.POSITIVE_INFINITY;
    packet.reset = false;
    return packet;
  }

  /** `packet` is no longer held by anybody (see the ownership rule above). */
  release(packet: Packet): void {
    // A free packet must not keep its message alive.
    (packet as Recycled).message = null;
    if (this.free.length < this.capacity) this.free.push(packet);
  }
}
