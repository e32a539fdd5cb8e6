import type { DropReason, LossReason, Message } from './message.js';
import type { Packet } from './packet.js';

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
  /** A packet was handed to the network at its source. */
  packetSent(packet: Packet): void;
  /** A packet finished transmission on transmitter `transmitterIndex` after `seconds` of it. */
  packetTransmitted(packet: Packet, transmitterIndex: number, start: number, seconds: number): void;
  packetDropped(packet: Packet, reason: DropReason, transmitterIndex: number): void;
  packetLost(packet: Packet, reason: LossReason, transmitterIndex: number): void;
  /** A node went down or came back up. */
  nodeStateChanged(nodeIndex: number, up: boolean): void;
}
