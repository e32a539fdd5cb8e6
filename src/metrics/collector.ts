import { BrokerPacket } from '../messaging/broker-entry.js';
import type { DropReason, LossReason, Message } from '../net/message.js';
import type { TransmissionInProgress } from '../net/network.js';
import type { Packet } from '../net/packet.js';
import type { CongestionSnapshot, NetworkProbe, WireCarriage } from '../net/probe.js';
import { ServiceRequestCounter } from './availability-requests.js';
import { AvailabilityTracker } from './availability-tracker.js';
import { CongestionTrace } from './congestion-trace.js';
import { DeliveryLog, EXACT_RECORD_CAP } from './delivery-log.js';
import { FaultWindowRecorder } from './fault-windows.js';
import { LinkBacklog } from './link-backlog.js';
import { IntervalEndMark, SenderLedger } from './sender-ledger.js';
import { WireLoads } from './wire-loads.js';

/** Counters of one flow, or of one link direction. */
export class FlowCounters {
  created = 0;
  /** Messages that reached a final state (any fate). */
  resolved = 0;
  delivered = 0;
  failed = 0;
  retransmissions = 0;
  /** Expiries of the sender's retransmission timers. */
  retransmissionTimeouts = 0;
  duplicates = 0;
  /** Copies a receiver took for another message (sequence numbers aliased after wraparound). */
  misdelivered = 0;
  dropped: Record<string, number> = {};
  lost: Record<string, number> = {};
  packetsSent = 0;
  dataPackets = 0;
  ackPackets = 0;
  packetsDropped: Record<string, number> = {};
  packetsLost: Record<string, number> = {};
  /** Extra copies duplicating links delivered (data and ACKs). */
  packetsDuplicated = 0;
  /** Packets that arrived after a later packet on a reordering link (each hop where it happened). */
  packetsReordered = 0;
  /**
   * What the source put on its first link (every data copy) and the messages it created after
   * the warm-up, readable up to an interval's end (see SenderLedger).
   */
  readonly sender: SenderLedger;

  constructor(warmupSeconds: number) {
    this.sender = new SenderLedger(warmupSeconds);
  }
}

/** Counters of one transmitter (link direction). */
export class TransmitterCounters {
  packetsTransmitted = 0;
  /**
   * Transmissions started after the warm-up, with or without a wait: finished, cut short by a
   * crash or a cut, or under way when the run ended.
   */
  startedAfterWarmup = 0;
  /** Time spent transmitting after the warm-up, the unfinished transmissions' part included. */
  busySecondsAfterWarmup = 0;
  readonly backlog: LinkBacklog;
  dropped = 0;
  lost = 0;
  /** Packets a later one overtook on this direction's wire. */
  reordered = 0;

  /** Once the links' measurement has ended (see MetricsCollector.closeLinks), nothing more counts. */
  closed = false;

  constructor(private readonly warmupSeconds: number) {
    this.backlog = new LinkBacklog(warmupSeconds);
  }

  /** A transmission over [start, end] (finished or not): its start and its time after the warm-up. */
  transmitting(start: number, end: number): void {
    if (this.closed) return;
    if (start >= this.warmupSeconds) this.startedAfterWarmup++;
    const busyAfterWarmup = end - Math.max(start, this.warmupSeconds);
    if (busyAfterWarmup > 0) this.busySecondsAfterWarmup += busyAfterWarmup;
  }
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/**
 * Collects what the models report: counters per flow and per transmitter, one record per
 * delivered message, node up/down periods and when partitions and degradations were in force. Only `summarize` turns them into results.
 */
export class MetricsCollector implements NetworkProbe {
  readonly flows: FlowCounters[];
  readonly transmitters: TransmitterCounters[];
  /** Bits on each transmitter's wire after the warm-up (peak and bit-seconds), by transmitter. */
  readonly wires: WireLoads;
  /** One record per delivered message up to a cap, then bounded streams. */
  readonly deliveries: DeliveryLog;
  readonly availability: AvailabilityTracker;
  /** Up/down history of links and of replicated services (nodes are in `availability`). */
  readonly linkAvailability: AvailabilityTracker;
  readonly serviceAvailability: AvailabilityTracker;
  /** Outcomes of requests to replicated services. */
  readonly serviceRequests: ServiceRequestCounter;
  /** Per flow: cwnd, ssthresh, SRTT and RTO over time (window transports only). */
  readonly congestionTraces: CongestionTrace[];
  /** When scripted partitions and link degradation windows were in force. */
  readonly faultWindows = new FaultWindowRecorder();
  /** Whether any flow sends requests to a replicated service (`serviceRequests` counts them). */
  private readonly countsRequests: boolean;
  /**
   * Where each channel's flow's interval may end (its latest delivery or completion), and the
   * run's: each channel its own flow until `groupChannels` says otherwise (see SenderLedger).
   */
  private flowMarks: IntervalEndMark[];
  private readonly runMark = new IntervalEndMark();

  constructor(
    private readonly clock: { readonly now: number },
    readonly warmupSeconds: number,
    flowCount: number,
    transmitterCount: number,
    nodeCount: number,
    /** Links, and per replicated service the flows whose messages are requests to it. */
    faultShape: { links: number; flowsOfService: readonly (readonly number[])[] } = {
      links: 0,
      flowsOfService: [],
    },
    /** Deliveries after the warm-up up to which results are exact (see EXACT_RECORD_CAP). */
    exactRecordCap: number = EXACT_RECORD_CAP,
    /** Deliveries the run will likely record, 0 when unknown (sizes the records; see DeliveryLog). */
    expectedDeliveries = 0,
  ) {
    this.deliveries = new DeliveryLog(flowCount, warmupSeconds, exactRecordCap, expectedDeliveries);
    this.flows = Array.from({ length: flowCount }, () => new FlowCounters(warmupSeconds));
    this.flowMarks = this.flows.map(() => new IntervalEndMark());
    this.markLedgers();
    this.transmitters = Array.from(
      { length: transmitterCount },
      () => new TransmitterCounters(warmupSeconds),
    );
    this.wires = new WireLoads(transmitterCount, warmupSeconds);
    this.congestionTraces = Array.from({ length: flowCount }, () => new CongestionTrace());
    this.availability = new AvailabilityTracker(nodeCount, warmupSeconds);
    this.linkAvailability = new AvailabilityTracker(faultShape.links, warmupSeconds);
    this.serviceAvailability = new AvailabilityTracker(faultShape.flowsOfService.length, warmupSeconds);
    this.serviceRequests = new ServiceRequestCounter(flowCount, faultShape.flowsOfService, warmupSeconds);
    this.countsRequests = faultShape.flowsOfService.length > 0;
  }

  messageCreated(message: Message): void {
    this.countCreated(message.flowIndex, message.createdAt);
  }

  /** Counts `count` messages of flow `flowIndex` created at `createdAt` (ones a flow has not made yet). */
  countCreated(flowIndex: number, createdAt: number, count = 1): void {
    const counters = this.flows[flowIndex];
    counters.created += count;
    counters.sender.createdAt(createdAt, count);
  }

  messageResolved(message: Message): void {
    const counters = this.flows[message.flowIndex];
    counters.resolved++;
    const fate = message.fate;
    switch (fate.kind) {
      case 'delivered':
        counters.delivered++;
        // An unacknowledged flow's interval ends at its last delivery: any delivery may be it.
        this.intervalMayEnd(message.flowIndex, message.deliveredAt);
        if (message.deliveredAt >= this.warmupSeconds) this.record(message);
        break;
      case 'failed':
        counters.failed++;
        break;
      case 'dropped':
        increment(counters.dropped, fate.reason);
        break;
      case 'lost':
        increment(counters.lost, fate.reason);
        break;
      case 'pending':
        break;
    }
    // A call per resolved message that does nothing when no service is replicated (not inlined).
    if (this.countsRequests) this.serviceRequests.resolved(message);
  }

  duplicateReceived(packet: Packet): void {
    this.flows[packet.flowIndex].duplicates++;
  }

  misdelivered(packet: Packet): void {
    this.flows[packet.flowIndex].misdelivered++;
  }

  congestionState(flowIndex: number, time: number, state: CongestionSnapshot): void {
    this.congestionTraces[flowIndex].add(time, state);
  }

  retransmissionTimerExpired(flowIndex: number): void {
    this.flows[flowIndex].retransmissionTimeouts++;
  }

  packetSent(packet: Packet): void {
    const counters = this.flows[packet.flowIndex];
    counters.packetsSent++;
    if (packet.kind === 'data') {
      counters.dataPackets++;
      if (packet.isRetransmission) counters.retransmissions++;
    } else {
      counters.ackPackets++;
    }
  }

  packetTransmitted(packet: Packet, transmitterIndex: number, start: number, seconds: number): void {
    const link = this.transmitters[transmitterIndex];
    link.packetsTransmitted++;
    link.transmitting(start, start + seconds);
    this.countSending(packet, start, start + seconds, packet.sizeBytes * 8);
  }

  /**
   * Which flow each channel belongs to (`flowOfChannel[channel]`): a flow of several channels
   * (a broadcast, a request-reply flow) ends its interval when the last of them does.
   */
  groupChannels(flowOfChannel: readonly number[]): void {
    const marks = new Map<number, IntervalEndMark>();
    this.flowMarks = flowOfChannel.map((flow) => {
      let mark = marks.get(flow);
      if (mark === undefined) {
        mark = new IntervalEndMark();
        marks.set(flow, mark);
      }
      return mark;
    });
    this.markLedgers();
  }

  /**
   * Channel `channel` completed, its interval ending at `completedAt`: its last delivery (already
   * marked) or now.
   */
  channelCompleted(channel: number, completedAt: number): void {
    this.intervalMayEnd(channel, completedAt);
  }

  /** Gives each channel's ledger its flow's mark and the run's. */
  private markLedgers(): void {
    for (let channel = 0; channel < this.flows.length; channel++) {
      this.flows[channel].sender.useMarks(this.flowMarks[channel], this.runMark);
    }
  }

  /** The interval of `channel`'s flow, and the run's, may end at `time`, the clock's now. */
  private intervalMayEnd(channel: number, time: number): void {
    if (Number.isNaN(time)) return;
    this.flowMarks[channel].advance(time);
    this.runMark.advance(time);
  }

  /**
   * `bits` of `packet` went onto a link over [start, end]: the sender's own sending when the
   * packet is a flow's data on its first link. Nothing after the links close counts: every
   * interval ends by then, and a transmission under way at the close has counted its part.
   */
  private countSending(packet: Packet, start: number, end: number, bits: number): void {
    // A broker's deliveries count under the producer's flow, but they are not the producer's sending.
    if (
      packet.kind === 'data' &&
      packet.hops === 0 &&
      !(packet instanceof BrokerPacket) &&
      Number.isNaN(this.linksClosedAt)
    ) {
      this.flows[packet.flowIndex].sender.transmitted(start, end, bits);
    }
  }

  packetQueued(_packet: Packet, transmitterIndex: number, waiting: number): void {
    this.transmitters[transmitterIndex].backlog.change(this.clock.now, waiting);
  }

  packetLeftQueue(
    _packet: Packet,
    transmitterIndex: number,
    waitedSeconds: number,
    waiting: number,
    transmitted: boolean,
  ): void {
    const backlog = this.transmitters[transmitterIndex].backlog;
    const now = this.clock.now;
    backlog.change(now, waiting);
    if (transmitted) backlog.transmitted(now, waitedSeconds);
  }

  transmissionAborted(
    packet: Packet,
    transmitterIndex: number,
    start: number,
    seconds: number,
    bitsSent: number,
  ): void {
    this.transmitters[transmitterIndex].transmitting(start, start + seconds);
    // Cut short by a crash or a cut, the sender was sending until then.
    this.countSending(packet, start, start + seconds, bitsSent);
  }

  wireCarried(transmitterIndex: number, carriage: WireCarriage): void {
    this.wires.carried(transmitterIndex, carriage);
  }

  wireCut(transmitterIndex: number): void {
    this.wires.cut(transmitterIndex, this.clock.now);
  }

  /**
   * The links' measurement ends at `now` (the last flow completed, or the run ended) with
   * `inProgress` transmissions under way: their time so far counts as busy, and the bits they
   * sent so far as on the wire; every buffer's backlog and every wire counts up to `now`, and
   * nothing after it counts (beyond packets transmitted, dropped and lost). Later calls do nothing.
   */
  closeLinks(now: number, inProgress: readonly TransmissionInProgress[]): void {
    if (!Number.isNaN(this.linksClosedAt)) return;
    for (const transmission of inProgress) {
      this.transmitters[transmission.transmitter].transmitting(transmission.start, now);
      this.wires.close(transmission.transmitter, now, transmission);
      // The sender was sending up to now: what it sent so far counts, in proportion.
      const sent = now - transmission.start;
      if (sent > 0) {
        this.countSending(
          transmission.packet,
          transmission.start,
          now,
          (transmission.bits * sent) / transmission.seconds,
        );
      }
    }
    this.linksClosedAt = now;
    this.transmitters.forEach((link, index) => {
      link.backlog.close(now);
      this.wires.close(index, now);
      link.closed = true;
    });
  }

  /** When the links' measurement ended (see closeLinks); NaN before. */
  linksClosedAt = Number.NaN;

  packetDropped(packet: Packet, reason: DropReason, transmitterIndex: number): void {
    increment(this.flows[packet.flowIndex].packetsDropped, reason);
    if (transmitterIndex >= 0) this.transmitters[transmitterIndex].dropped++;
  }

  packetLost(packet: Packet, reason: LossReason, transmitterIndex: number): void {
    increment(this.flows[packet.flowIndex].packetsLost, reason);
    if (transmitterIndex >= 0) this.transmitters[transmitterIndex].lost++;
  }

  packetReordered(packet: Packet, transmitterIndex: number): void {
    this.flows[packet.flowIndex].packetsReordered++;
    this.transmitters[transmitterIndex].reordered++;
  }

  packetDuplicated(copy: Packet): void {
    this.flows[copy.flowIndex].packetsDuplicated++;
  }

  nodeStateChanged(nodeIndex: number, up: boolean): void {
    this.availability.change(nodeIndex, up, this.clock.now);
  }

  linkStateChanged(linkIndex: number, up: boolean): void {
    this.linkAvailability.change(linkIndex, up, this.clock.now);
  }

  serviceStateChanged(serviceIndex: number, up: boolean): void {
    this.serviceAvailability.change(serviceIndex, up, this.clock.now);
    this.serviceRequests.serviceChanged(serviceIndex, up);
  }

  partitionChanged(id: string, oneWay: boolean, active: boolean): void {
    this.faultWindows.partition(id, oneWay, active, this.clock.now);
  }

  linkConditionChanged(linkIndex: number, degraded: boolean): void {
    this.faultWindows.degradation(linkIndex, degraded, this.clock.now);
  }

  private record(message: Message): void {
    this.deliveries.add(message);
  }
}
