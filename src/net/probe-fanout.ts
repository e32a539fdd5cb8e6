import type { DropReason, LossReason, Message } from './message.js';
import type { Packet } from './packet.js';
import type { CongestionSnapshot, NetworkProbe, WireCarriage } from './probe.js';

/** Forwards every report to several probes, in order (used only when extra probes subscribe). */
export class ProbeFanout implements NetworkProbe {
  constructor(private readonly probes: readonly NetworkProbe[]) {}

  messageCreated(message: Message): void {
    for (const probe of this.probes) probe.messageCreated(message);
  }
  messageResolved(message: Message): void {
    for (const probe of this.probes) probe.messageResolved(message);
  }
  duplicateReceived(packet: Packet): void {
    for (const probe of this.probes) probe.duplicateReceived(packet);
  }
  misdelivered(packet: Packet): void {
    for (const probe of this.probes) probe.misdelivered(packet);
  }
  congestionState(flowIndex: number, time: number, state: CongestionSnapshot): void {
    for (const probe of this.probes) probe.congestionState(flowIndex, time, state);
  }
  retransmissionTimerExpired(flowIndex: number, time: number): void {
    for (const probe of this.probes) probe.retransmissionTimerExpired(flowIndex, time);
  }
  packetSent(packet: Packet): void {
    for (const probe of this.probes) probe.packetSent(packet);
  }
  packetTransmitted(packet: Packet, transmitterIndex: number, start: number, seconds: number): void {
    for (const probe of this.probes) probe.packetTransmitted(packet, transmitterIndex, start, seconds);
  }
  packetQueued(packet: Packet, transmitterIndex: number, waiting: number): void {
    for (const probe of this.probes) probe.packetQueued(packet, transmitterIndex, waiting);
  }
  packetLeftQueue(
    packet: Packet,
    transmitterIndex: number,
    waitedSeconds: number,
    waiting: number,
    transmitted: boolean,
  ): void {
    for (const probe of this.probes)
      probe.packetLeftQueue(packet, transmitterIndex, waitedSeconds, waiting, transmitted);
  }
  transmissionAborted(
    packet: Packet,
    transmitterIndex: number,
    start: number,
    seconds: number,
    bitsSent: number,
  ): void {
    for (const probe of this.probes)
      probe.transmissionAborted(packet, transmitterIndex, start, seconds, bitsSent);
  }
  wireCarried(transmitterIndex: number, carriage: WireCarriage): void {
    for (const probe of this.probes) probe.wireCarried(transmitterIndex, carriage);
  }
  wireCut(transmitterIndex: number): void {
    for (const probe of this.probes) probe.wireCut(transmitterIndex);
  }
  packetDropped(packet: Packet, reason: DropReason, transmitterIndex: number): void {
    for (const probe of this.probes) probe.packetDropped(packet, reason, transmitterIndex);
  }
  packetLost(packet: Packet, reason: LossReason, transmitterIndex: number): void {
    for (const probe of this.probes) probe.packetLost(packet, reason, transmitterIndex);
  }
  packetReordered(packet: Packet, transmitterIndex: number): void {
    for (const probe of this.probes) probe.packetReordered(packet, transmitterIndex);
  }
  packetDuplicated(copy: Packet, transmitterIndex: number): void {
    for (const probe of this.probes) probe.packetDuplicated(copy, transmitterIndex);
  }
  nodeStateChanged(nodeIndex: number, up: boolean): void {
    for (const probe of this.probes) probe.nodeStateChanged(nodeIndex, up);
  }
  linkStateChanged(linkIndex: number, up: boolean): void {
    for (const probe of this.probes) probe.linkStateChanged(linkIndex, up);
  }
  serviceStateChanged(serviceIndex: number, up: boolean): void {
    for (const probe of this.probes) probe.serviceStateChanged(serviceIndex, up);
  }
  partitionChanged(id: string, oneWay: boolean, active: boolean): void {
    for (const probe of this.probes) probe.partitionChanged(id, oneWay, active);
  }
  linkConditionChanged(linkIndex: number, degraded: boolean): void {
    for (const probe of this.probes) probe.linkConditionChanged(linkIndex, degraded);
  }
}
