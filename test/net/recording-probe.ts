import type { DropReason, LossReason, Message } from '../../src/net/message.js';
import type { Packet } from '../../src/net/packet.js';
import type { CongestionSnapshot, NetworkProbe } from '../../src/net/probe.js';

/**
 * A NetworkProbe that keeps everything it hears. Times come from the events themselves: a sent
 * packet's hand-off time, a transmission's start, a message's creation/delivery stamps.
 */
export function recordingProbe() {
  const created: Message[] = [];
  const resolved: Message[] = [];
  const duplicates: Packet[] = [];
  const sent: Array<{ at: number; packet: Packet }> = [];
  const transmitted: Array<{ start: number; seconds: number; packet: Packet; transmitter: number }> = [];
  /** Packets that joined a busy transmitter's buffer, with how many waited there then. */
  const queued: Array<{ packet: Packet; transmitter: number; waiting: number }> = [];
  /** Packets that left a buffer (for transmission, or lost with it), with how long they waited in it. */
  const dequeued: Array<{
    packet: Packet;
    transmitter: number;
    waitedSeconds: number;
    waiting: number;
    transmitted: boolean;
  }> = [];
  /** Transmissions a crash or a cut ended early. */
  const aborted: Array<{ packet: Packet; transmitter: number; start: number; seconds: number }> = [];
  /** Bits put on wires (whole packets, parts cut short), each with its delay. */
  const carried: Array<{
    transmitter: number;
    start: number;
    seconds: number;
    bits: number;
    propagationSeconds: number;
  }> = [];
  /** Wires emptied by cuts, by transmitter. */
  const wireCuts: number[] = [];
  const dropped: Array<{ packet: Packet; reason: DropReason; transmitter: number }> = [];
  const lost: Array<{ packet: Packet; reason: LossReason; transmitter: number }> = [];
  /** Extra copies duplicating links delivered, and on which transmitter. */
  const duplicated: Array<{ copy: Packet; transmitter: number }> = [];
  /** Packets that arrived after a packet that left after them (links with `reorder`). */
  const reordered: Array<{ packet: Packet; transmitter: number }> = [];
  const nodeChanges: Array<{ node: number; up: boolean }> = [];
  const linkChanges: Array<{ link: number; up: boolean }> = [];
  const serviceChanges: Array<{ service: number; up: boolean }> = [];
  const partitionChanges: Array<{ id: string; oneWay: boolean; active: boolean }> = [];
  const conditionChanges: Array<{ link: number; degraded: boolean }> = [];
  const misdelivered: Packet[] = [];
  const congestion: Array<{ flow: number; time: number; state: CongestionSnapshot }> = [];
  /** Expiries of senders' retransmission timers, in order. */
  const timerExpiries: Array<{ flow: number; at: number }> = [];
  const probe: NetworkProbe = {
    messageCreated: (message) => created.push(message),
    messageResolved: (message) => resolved.push(message),
    duplicateReceived: (packet) => duplicates.push(packet),
    misdelivered: (packet) => misdelivered.push(packet),
    congestionState: (flow, time, state) => congestion.push({ flow, time, state: { ...state } }),
    retransmissionTimerExpired: (flow, at) => timerExpiries.push({ flow, at }),
    // Network.send stamps handedOffAt with the current time just before reporting.
    packetSent: (packet) => sent.push({ at: packet.handedOffAt, packet }),
    packetTransmitted: (packet, transmitter, start, seconds) =>
      transmitted.push({ start, seconds, packet, transmitter }),
    packetQueued: (packet, transmitter, waiting) => queued.push({ packet, transmitter, waiting }),
    packetLeftQueue: (packet, transmitter, waitedSeconds, waiting, transmitted) =>
      dequeued.push({ packet, transmitter, waitedSeconds, waiting, transmitted }),
    transmissionAborted: (packet, transmitter, start, seconds, _bitsSent) =>
      aborted.push({ packet, transmitter, start, seconds }),
    // The carriage is the network's, rewritten for each report: its values are copied.
    wireCarried: (transmitter, { start, seconds, bits, propagationSeconds }) =>
      carried.push({ transmitter, start, seconds, bits, propagationSeconds }),
    wireCut: (transmitter) => wireCuts.push(transmitter),
    packetDropped: (packet, reason, transmitter) => dropped.push({ packet, reason, transmitter }),
    packetLost: (packet, reason, transmitter) => lost.push({ packet, reason, transmitter }),
    packetDuplicated: (copy, transmitter) => duplicated.push({ copy, transmitter }),
    packetReordered: (packet, transmitter) => reordered.push({ packet, transmitter }),
    nodeStateChanged: (node, up) => nodeChanges.push({ node, up }),
    linkStateChanged: (link, up) => linkChanges.push({ link, up }),
    serviceStateChanged: (service, up) => serviceChanges.push({ service, up }),
    partitionChanged: (id, oneWay, active) => partitionChanges.push({ id, oneWay, active }),
    linkConditionChanged: (link, degraded) => conditionChanges.push({ link, degraded }),
  };
  /** Messages delivered, in the order the receiving application got them. */
  const delivered = () => resolved.filter((message) => message.fate.kind === 'delivered');
  /** How often each message id was resolved as delivered. */
  const deliveriesById = () => {
    const counts = new Map<number, number>();
    for (const message of delivered()) counts.set(message.id, (counts.get(message.id) ?? 0) + 1);
    return counts;
  };
  return {
    probe,
    created,
    resolved,
    duplicates,
    sent,
    transmitted,
    queued,
    dequeued,
    aborted,
    carried,
    wireCuts,
    dropped,
    lost,
    duplicated,
    reordered,
    nodeChanges,
    linkChanges,
    serviceChanges,
    partitionChanges,
    conditionChanges,
    misdelivered,
    congestion,
    timerExpiries,
    delivered,
    deliveriesById,
  };
}
