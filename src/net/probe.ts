import type { DropReason, LossReason, Message } from './message.js';
import type { Packet } from './packet.js';

/** A window sender's congestion and RTT state at one instant (traced over time). */
export interface CongestionSnapshot {
  /** Congestion window (segments); Infinity without congestion control. */
  cwnd: number;
  ssthresh: number;
  /** Smoothed RTT (s); NaN while unknown. */
  srtt: number;
  /** Retransmission timeout armed now (s). */
  rto: number;
  /** Segments sent and not yet acknowledged. */
  flight: number;
}

/**
 * What went onto a wire, as `NetworkProbe.wireCarried` reports it. One object the network
 * rewrites for each report: four doubles passed to a call V8 does not inline would be four
 * new heap numbers per packet and hop, which cost the pingpong benchmark 8% at 10,000 pairs.
 */
export interface WireCarriage {
  /** When the bits started going onto the wire, and for how long (s). */
  start: number;
  seconds: number;
  bits: number;
  /** How long each bit takes to reach the far end (s). */
  propagationSeconds: number;
}

/**
 * What the models report as they run. Collectors (src/metrics) implement it; models never
 * import metrics. Every method is called at the simulated time the thing happens.
 */
export interface NetworkProbe {
  /** A sending application created a message. */
  messageCreated(message: Message): void;
  /** A message reached its final state (delivered, failed, dropped or lost). */
  messageResolved(message: Message): void;
  /** A copy of an already delivered message reached the receiver. */
  duplicateReceived(packet: Packet): void;
  /** A receiver accepted a copy as a different message (sequence numbers wrapped around). */
  misdelivered(packet: Packet): void;
  /** A sender's congestion window / RTT estimate changed. */
  congestionState(flowIndex: number, time: number, state: CongestionSnapshot): void;
  /** A retransmission timer of flow `flowIndex`'s sender expired at `time` (its RTO ran out). */
  retransmissionTimerExpired(flowIndex: number, time: number): void;
  /** A packet was handed to the network at its source. */
  packetSent(packet: Packet): void;
  /** A packet finished transmission on transmitter `transmitterIndex` after `seconds` of it. */
  packetTransmitted(packet: Packet, transmitterIndex: number, start: number, seconds: number): void;
  /**
   * `packet` found transmitter `transmitterIndex` busy and joined its buffer; `waiting` packets
   * wait there now, this one included, not the one in transmission. (A sender pacing itself
   * queues its next copy as the one in transmission finishes; it leaves at the same instant.)
   */
  packetQueued(packet: Packet, transmitterIndex: number, waiting: number): void;
  /**
   * `packet` left the buffer of transmitter `transmitterIndex` after waiting `waitedSeconds`
   * there, and `waiting` packets still wait: to be transmitted (`transmitted`), or lost with the
   * rest of the buffer to a crash or a cut. Packets that find the transmitter idle never wait and
   * are not reported.
   */
  packetLeftQueue(
    packet: Packet,
    transmitterIndex: number,
    waitedSeconds: number,
    waiting: number,
    transmitted: boolean,
  ): void;
  /**
   * A crash or a cut ended the transmission of `packet` on transmitter `transmitterIndex`, begun
   * at `start`, after `seconds` of it and `bitsSent` of its bits; the packet is then reported lost.
   */
  transmissionAborted(
    packet: Packet,
    transmitterIndex: number,
    start: number,
    seconds: number,
    bitsSent: number,
  ): void;
  /**
   * `bits` went onto the wire of transmitter `transmitterIndex` at a constant rate over [`start`,
   * `start` + `seconds`], each to reach the far end `propagationSeconds` after it left: a whole
   * packet as its transmission ends (its own delay: the time its last bit takes to arrive, held
   * behind a slower predecessor included), or the part sent of one cut short by a crash or a
   * cut. Bits whose delay is never drawn (a packet the link loses, one cut short) take the
   * delay's mean, the constant delay itself unless the link has jitter. `carriage` is valid
   * during the call only: the network reuses it.
   */
  wireCarried(transmitterIndex: number, carriage: WireCarriage): void;
  /** The link of transmitter `transmitterIndex` was cut: what is on its wire now is lost. */
  wireCut(transmitterIndex: number): void;
  packetDropped(packet: Packet, reason: DropReason, transmitterIndex: number): void;
  packetLost(packet: Packet, reason: LossReason, transmitterIndex: number): void;
  /**
   * The wire of transmitter `transmitterIndex` delivered `copy`, an extra copy of a packet that
   * reached its far end (a link's `duplicate`); the copy then ends like any packet.
   */
  packetDuplicated(copy: Packet, transmitterIndex: number): void;
  /**
   * `packet` reached the far end of transmitter `transmitterIndex` after a packet that left
   * after it (a link with `reorder`); it then ends like any packet.
   */
  packetReordered(packet: Packet, transmitterIndex: number): void;
  /** A node went down or came back up. */
  nodeStateChanged(nodeIndex: number, up: boolean): void;
  /** A link (both directions) went down or came back up. */
  linkStateChanged(linkIndex: number, up: boolean): void;
  /** A replicated service (k of n members up) went down or came back up. */
  serviceStateChanged(serviceIndex: number, up: boolean): void;
  /** Scripted partition `id` came into force or was healed (by `heal` or its `for`). */
  partitionChanged(id: string, oneWay: boolean, active: boolean): void;
  /**
   * Link `linkIndex` began to be degraded (its first window in force) or is no longer (the last
   * window in force ended); overlapping windows report once.
   */
  linkConditionChanged(linkIndex: number, degraded: boolean): void;
}
