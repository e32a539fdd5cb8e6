import { CLOCK_ROUNDING } from '../engine/clock-rounding.js';
import type { RandomStreams } from '../engine/random.js';
import type { LaneId, Simulator } from '../engine/simulator.js';
import type { DropReason, LossReason } from './message.js';
import type { Packet } from './packet.js';
import type { NetworkProbe, WireCarriage } from './probe.js';
import { type RoutingMetric, RoutingTable } from './routing.js';
import { Transmitter, TransmitterFigures, type TransmitterSettings } from './transmitter.js';
import {
  createWireImpairments,
  type WireImpairment,
  type WireImpairmentSettings,
} from './wire-impairments.js';

/** Receives packets that reached their destination node, and copies that did not make it. */
export interface PacketHandlers {
  /** `packet` arrived at its destination node, which is up. */
  arrived(packet: Packet): void;
  /** `packet` finished transmission on the first link of its path (it left its source). */
  departed(packet: Packet): void;
  /**
   * A duplicating link delivers `packet` twice: returns the extra copy (the owner's packet, with
   * copyPacketState's state), which the network then hands on like any other, so its owner can
   * count it among the copies on their way. Needed only where some link duplicates.
   */
  duplicate?(packet: Packet): Packet;
  /** `packet` will never arrive. */
  failed(
    packet: Packet,
    outcome: { kind: 'lost'; reason: LossReason } | { kind: 'dropped'; reason: DropReason },
  ): void;
}

/** Topology as the network needs it: node names and the directed transmitters. */
export interface NetworkTopology {
  nodeIds: readonly string[];
  /** Both directions of every link, in link order (a→b then b→a). */
  transmitters: readonly TransmitterSettings[];
  /** Stable names for random streams, one per transmitter (`link/a-b/a>b`). */
  transmitterNames: readonly string[];
  routing: RoutingMetric;
  /** Recompute routes around down links and nodes whenever the topology changes. */
  dynamicRouting?: boolean;
  /** By transmitter: duplication and corruption on its wire; absent: none anywhere. */
  impairments?: readonly (WireImpairmentSettings | undefined)[];
}

/** Decides whether a packet that started at `source` may enter `node` (network partitions). */
export interface CrossingRule {
  blocks(source: number, node: number): boolean;
}

const LOST_LINK = { kind: 'lost', reason: 'linkLoss' } as const;
const LOST_NODE_DOWN = { kind: 'lost', reason: 'nodeDown' } as const;
const LOST_NO_ROUTE = { kind: 'lost', reason: 'noRoute' } as const;
const LOST_HOP_LIMIT = { kind: 'lost', reason: 'hopLimit' } as const;
const LOST_LINK_DOWN = { kind: 'lost', reason: 'linkDown' } as const;
const LOST_PARTITION = { kind: 'lost', reason: 'partition' } as const;
const LOST_CORRUPTED = { kind: 'lost', reason: 'corrupted' } as const;
const DROPPED_BUFFER = { kind: 'dropped', reason: 'linkBuffer' } as const;

/** A transmission under way (see Network.transmissionsInProgress). */
export interface TransmissionInProgress {
  transmitter: number;
  /** When it started and how long it takes in all (s). */
  start: number;
  seconds: number;
  /** The packet being sent. */
  packet: Packet;
  /** The packet's size in bits, and the delay its bits would take on the wire (see undrawnDelay). */
  bits: number;
  propagationSeconds: number;
}

/** Links a packet may cross before it is discarded (like IP's TTL): a guard against loops. */
export const MAX_HOPS = 255;

/**
 * Store-and-forward packet network: full-duplex links made of two transmitters, each with
 * bandwidth, propagation delay (jitter reorders only on links that allow it), a loss process and
 * a FIFO buffer, drop-tail, optionally behind an active queue (RED), and optionally a wire that
 * duplicates or corrupts what arrives; packets follow shortest paths. Down nodes send nothing
 * and lose what arrives. A down link loses what is on its wire and in its buffers and refuses
 * new packets; with dynamic routing, packets go around it when another path exists. A partition
 * loses packets where they would enter a node of another group.
 */
export class Network {
  readonly transmitters: Transmitter[];
  /** Their doubles, which a packet's arrival reads without loading the Transmitter. */
  private readonly figures: TransmitterFigures;
  /** Whether some transmitter has an active queue (RED): only then is a packet's object asked. */
  private readonly activeQueues: boolean;
  private readonly routes: RoutingTable;
  /** Routes over what is up now (dynamic routing), or null for static routes only. */
  private readonly liveRoutes: RoutingTable | null;
  /** Transmitter indices of each link (both directions). */
  private readonly linkTransmitters: number[][] = [];
  private crossingRule: CrossingRule | null = null;
  /** Whether some link lets jitter reorder packets (its arrivals are then told apart by packet). */
  private readonly reordering: boolean;
  private readonly nodeUp: Uint8Array;
  private readonly outgoing: number[][];
  /** By transmitter: what its wire duplicates or corrupts; null when no link does either. */
  private readonly impairments: (WireImpairment | null)[] | null;
  /**
   * Static routes only: the whole path of each (source, destination) pair asked for so far, its
   * transmitters one after another in `pathHops`; `pathOffsets` maps `source * nodeCount +
   * destination` to where the path starts (-1 when incomplete: such packets ask hop by hop). A
   * packet carries its path's offset and follows it instead of looking its next hop up at every
   * node; all paths share one array, so the hop a packet reads next sits in memory the network
   * keeps touching rather than in an array of its own.
   */
  private pathHops = new Int32Array(256);
  private pathHopsUsed = 0;
  private readonly pathOffsets = new Map<number, number>();
  /**
   * The last destination each source sent to and the offset of its static path: most sources
   * send to one destination (a flow's sender, its receiver's ACKs), so `send` finds the path at
   * 2·source and 2·source + 1, one cache line, without hashing into a map of every pair (-1:
   * none yet).
   */
  private readonly lastPaths: Int32Array;
  private handlers: PacketHandlers = {
    arrived: () => {},
    departed: () => {},
    failed: () => {},
  };
  /** The one WireCarriage the network rewrites for each report (see WireCarriage). */
  private readonly carriage: WireCarriage = { start: 0, seconds: 0, bits: 0, propagationSeconds: 0 };
  private readonly onTransmissionEnd = (index: number): void => this.finishTransmission(index);
  /**
   * The transmitter whose finished transmission is being handed on (-1 otherwise): already
   * reported as transmitted, it is not in progress for whatever that hand-over ends (a flow's
   * completion closing the links' measurement would count its time twice).
   */
  private finishing = -1;
  private readonly onArrival = (packet: Packet): void => this.arrive(packet);

  constructor(
    private readonly simulator: Simulator,
    readonly topology: NetworkTopology,
    streams: RandomStreams,
    private readonly probe: NetworkProbe,
  ) {
    const figures = new TransmitterFigures(topology.transmitters.length);
    this.figures = figures;
    this.transmitters = topology.transmitters.map(
      (settings, index) =>
        new Transmitter(
          index,
          settings,
          streams.stream(`${topology.transmitterNames[index]}/loss`),
          streams.stream(`${topology.transmitterNames[index]}/delay`),
          figures,
        ),
    );
    this.routes = new RoutingTable(topology.nodeIds.length, topology.transmitters, topology.routing);
    this.liveRoutes = topology.dynamicRouting
      ? new RoutingTable(topology.nodeIds.length, topology.transmitters, topology.routing, (index) =>
          this.isUsable(index),
        )
      : null;
    for (const transmitter of this.transmitters) {
      transmitter.propagationLane = this.laneOf(transmitter.settings);
      const activeQueue = transmitter.settings.activeQueue?.() ?? null;
      if (activeQueue !== null) {
        transmitter.activeQueue = activeQueue;
        transmitter.queueRandom = streams.stream(
          `${topology.transmitterNames[transmitter.index]}/${activeQueue.discipline}`,
        );
      }
    }
    this.reordering = this.transmitters.some((transmitter) => transmitter.reorders);
    this.activeQueues = this.transmitters.some((transmitter) => transmitter.activeQueue !== null);
    this.nodeUp = new Uint8Array(topology.nodeIds.length).fill(1);
    this.lastPaths = new Int32Array(2 * topology.nodeIds.length).fill(-1);
    this.outgoing = topology.nodeIds.map(() => []);
    this.impairments = createWireImpairments(topology.impairments, topology.transmitterNames, streams);
    topology.transmitters.forEach((settings, index) => {
      this.outgoing[settings.from].push(index);
      if (this.linkTransmitters[settings.linkIndex] === undefined)
        this.linkTransmitters[settings.linkIndex] = [];
      this.linkTransmitters[settings.linkIndex].push(index);
    });
  }

  /** Sets who hears about arrivals and failed packets (the flows' dispatcher). */
  setHandlers(handlers: PacketHandlers): void {
    this.handlers = handlers;
  }

  isUp(node: number): boolean {
    return this.nodeUp[node] === 1;
  }

  /** Hands `packet` to the network at its source node now. */
  send(packet: Packet): void {
    packet.handedOffAt = this.simulator.now;
    this.probe.packetSent(packet);
    if (this.liveRoutes === null)
      packet.pathOffset = this.staticPathOffset(packet.source, packet.destination);
    this.forward(packet, packet.source);
  }

  /** Marks a node down: it loses everything waiting in or being sent by its transmitters. */
  crashNode(node: number): void {
    if (this.nodeUp[node] === 0) return;
    this.nodeUp[node] = 0;
    for (const index of this.outgoing[node]) {
      const transmitter = this.transmitters[index];
      this.discardAll(transmitter, LOST_NODE_DOWN);
    }
    this.liveRoutes?.invalidate();
  }

  /** Marks a node up again. */
  recoverNode(node: number): void {
    this.nodeUp[node] = 1;
    this.liveRoutes?.invalidate();
  }

  linkIsUp(linkIndex: number): boolean {
    return this.transmitters[this.linkTransmitters[linkIndex][0]].up;
  }

  /**
   * Takes a link down in both directions: the packet in transmission, those in its buffers and
   * those propagating on its wire are lost (`linkDown`), and it refuses packets until restored.
   */
  cutLink(linkIndex: number): void {
    for (const index of this.linkTransmitters[linkIndex]) {
      const transmitter = this.transmitters[index];
      if (!transmitter.up) continue;
      transmitter.up = false;
      this.discardAll(transmitter, LOST_LINK_DOWN);
      transmitter.cutWire();
      this.probe.wireCut(index);
    }
    this.liveRoutes?.invalidate();
  }

  /**
   * Loses the packet `transmitter` is sending, cut short now, and every packet waiting in its
   * buffer, oldest first (a crash of its node, a cut of its link).
   */
  private discardAll(transmitter: Transmitter, outcome: { kind: 'lost'; reason: LossReason }): void {
    const index = transmitter.index;
    const now = this.simulator.now;
    if (transmitter.current) {
      this.simulator.cancel(this.figures.endEvent(index));
      const start = transmitter.currentStart;
      const fullSeconds = transmitter.currentSeconds;
      const packet = transmitter.abortTransmission(now);
      const seconds = transmitter.currentSeconds;
      const bitsSent = (packet.sizeBytes * 8 * seconds) / fullSeconds;
      this.probe.transmissionAborted(packet, index, start, seconds, bitsSent);
      // The bits already sent went on along the wire (a cut then loses them with the rest).
      this.reportWire(index, start, seconds, bitsSent, this.undrawnDelay(index));
      this.fail(packet, outcome, index);
    }
    while (transmitter.waiting > 0) {
      const enqueuedAt = transmitter.oldestEnqueuedAt();
      const packet = transmitter.dequeue()!;
      this.probe.packetLeftQueue(packet, index, now - enqueuedAt, transmitter.waiting, false);
      this.fail(packet, outcome, index);
    }
  }

  /**
   * The transmissions under way now, for a run that ends before they finish: each one's
   * transmitter, start and full duration (s).
   */
  transmissionsInProgress(): TransmissionInProgress[] {
    return this.transmitters
      .filter((transmitter) => transmitter.current !== null && transmitter.index !== this.finishing)
      .map((transmitter) => ({
        transmitter: transmitter.index,
        start: transmitter.currentStart,
        seconds: transmitter.currentSeconds,
        packet: transmitter.current!,
        bits: transmitter.current!.sizeBytes * 8,
        propagationSeconds: this.undrawnDelay(transmitter.index),
      }));
  }

  /** Reports bits that went onto transmitter `index`'s wire, out of the packet path's way. */
  private reportWire(
    index: number,
    start: number,
    seconds: number,
    bits: number,
    propagationSeconds: number,
  ): void {
    const carriage = this.carriage;
    carriage.start = start;
    carriage.seconds = seconds;
    carriage.bits = bits;
    carriage.propagationSeconds = propagationSeconds;
    this.probe.wireCarried(index, carriage);
  }

  /**
   * The delay of bits on transmitter `index`'s wire whose delay is never drawn (a packet lost on
   * the wire, one cut short, one still in transmission): the constant delay, or with jitter its
   * mean, so that no draw is made that would shift the stream of the packets that do arrive.
   */
  private undrawnDelay(index: number): number {
    const constant = this.figures.constantDelay(index);
    return Number.isNaN(constant) ? this.transmitters[index].settings.delay.mean : constant;
  }

  /** Brings a link back up in both directions. */
  restoreLink(linkIndex: number): void {
    for (const index of this.linkTransmitters[linkIndex]) this.transmitters[index].up = true;
    this.liveRoutes?.invalidate();
  }

  /**
   * Replaces the settings of transmitter `index` (a degradation window starts or ends). A packet
   * in transmission keeps its transmission time; its delay and loss are decided as it leaves.
   */
  setTransmitterSettings(index: number, settings: TransmitterSettings): void {
    this.transmitters[index].settings = settings;
    this.transmitters[index].propagationLane = this.laneOf(settings);
  }

  /** The simulator's lane of a constant propagation delay, -1 for a delay with jitter. */
  private laneOf(settings: TransmitterSettings): LaneId {
    return settings.delay.isConstant ? this.simulator.lane(settings.delay.mean) : -1;
  }

  /** Sets the partition rule packets are checked against as they enter a node (null: none). */
  setCrossingRule(rule: CrossingRule | null): void {
    this.crossingRule = rule;
  }

  /** Transmitters a packet from `source` to `destination` would cross now; empty without a route. */
  path(source: number, destination: number): number[] {
    const path: number[] = [];
    let node = source;
    while (node !== destination && path.length < MAX_HOPS) {
      const index = this.route(node, destination);
      if (index < 0) return [];
      path.push(index);
      node = this.transmitters[index].to;
    }
    return node === destination ? path : [];
  }

  /** Next transmitter from `node` towards `destination`: over what is up when routing is dynamic. */
  private route(node: number, destination: number): number {
    if (this.liveRoutes !== null) {
      const live = this.liveRoutes.nextTransmitter(node, destination);
      // Without a live path the static route is taken, and the packet is lost at the down part.
      if (live >= 0) return live;
    }
    return this.routes.nextTransmitter(node, destination);
  }

  private staticPathOffset(source: number, destination: number): number {
    const lastPaths = this.lastPaths;
    if (lastPaths[2 * source] === destination) return lastPaths[2 * source + 1];
    const key = source * this.nodeUp.length + destination;
    let offset = this.pathOffsets.get(key);
    if (offset === undefined) {
      offset = this.storePath(this.path(source, destination));
      this.pathOffsets.set(key, offset);
    }
    lastPaths[2 * source] = destination;
    lastPaths[2 * source + 1] = offset;
    return offset;
  }

  /** Appends a path's transmitters to `pathHops`; returns where it starts (-1 for no path). */
  private storePath(hops: readonly number[]): number {
    if (hops.length === 0) return -1;
    if (this.pathHopsUsed + hops.length > this.pathHops.length) {
      const grown = new Int32Array(Math.max(2 * this.pathHops.length, this.pathHopsUsed + hops.length));
      grown.set(this.pathHops.subarray(0, this.pathHopsUsed));
      this.pathHops = grown;
    }
    const offset = this.pathHopsUsed;
    this.pathHops.set(hops, offset);
    this.pathHopsUsed += hops.length;
    return offset;
  }

  private isUsable(index: number): boolean {
    const transmitter = this.transmitters[index];
    return (
      transmitter.up &&
      this.nodeUp[transmitter.settings.from] === 1 &&
      this.nodeUp[transmitter.settings.to] === 1
    );
  }

  private forward(packet: Packet, node: number): void {
    const index =
      packet.pathOffset >= 0
        ? this.pathHops[packet.pathOffset + packet.hops]
        : this.route(node, packet.destination);
    if (index < 0) {
      this.fail(packet, LOST_NO_ROUTE, -1);
      return;
    }
    const figures = this.figures;
    if (!figures.isUp(index)) {
      this.fail(packet, LOST_LINK_DOWN, index);
      return;
    }
    if (this.activeQueues && this.dropsEarly(packet, index)) return;
    if (figures.current[index] === null) {
      // It starts at once: no time in the queue (queueSeconds + 0 would change nothing).
      this.startTransmission(index, packet);
      return;
    }
    if (this.startsAsItFrees(packet, index)) return;
    const transmitter = this.transmitters[index];
    if (transmitter.isFull(packet.sizeBytes)) {
      this.probe.packetDropped(packet, 'linkBuffer', index);
      this.handlers.failed(packet, DROPPED_BUFFER);
    } else {
      transmitter.enqueue(packet, this.simulator.now);
      this.probe.packetQueued(packet, index, transmitter.waiting);
    }
  }

  /**
   * Whether `packet`, reaching busy transmitter `index` from another link within the clock's
   * rounding before the transmission in progress ends, with nothing waiting, started at once.
   * Why: the arrival and the end are one instant reached by two sums of clock readings (the
   * previous hop's end plus its delay; this transmitter's start plus L/R), which float64 may
   * round ulps apart, the arrival first; queued, the packet would wait those ulps and count as a
   * backlog of one (peak 1, a mean of 1e-15 packets, waits of 1e-18 s) where no packet waits.
   * The transmission in progress ends now instead: so the transmitter's next start is this
   * arrival's reading, and its clock does not drift from its upstream link's packet after packet.
   */
  private startsAsItFrees(packet: Packet, index: number): boolean {
    const now = this.simulator.now;
    const figures = this.figures;
    if (packet.hops === 0 || figures.waiting(index) > 0) return false;
    const freeAt = figures.currentStart(index) + figures.currentSeconds(index);
    if (!(freeAt > now && freeAt - now <= CLOCK_ROUNDING * now)) return false;
    this.simulator.cancel(figures.endEvent(index));
    this.finishTransmission(index);
    // A sender on this link may have put its next copy on it as the last one left.
    if (figures.current[index] !== null) return false;
    this.startTransmission(index, packet);
    return true;
  }

  /** Only with some active queue: whether it drops `packet` arriving at transmitter `index`. */
  private dropsEarly(packet: Packet, index: number): boolean {
    const transmitter = this.transmitters[index];
    const activeQueue = transmitter.activeQueue;
    if (
      activeQueue === null ||
      !activeQueue.dropsEarly(transmitter, this.simulator.now, transmitter.queueRandom)
    )
      return false;
    this.probe.packetDropped(packet, activeQueue.dropped.reason, index);
    this.handlers.failed(packet, activeQueue.dropped);
    return true;
  }

  private startTransmission(index: number, packet: Packet): void {
    const now = this.simulator.now;
    const figures = this.figures;
    if (packet.hops === 0 && Number.isNaN(packet.departedAt)) packet.departedAt = now;
    const seconds = figures.transmissionSeconds(index, packet.sizeBytes);
    figures.startTransmission(index, packet, now, seconds);
    const lane = this.transmissionLane(index, seconds);
    figures.setEndEvent(
      index,
      lane >= 0
        ? this.simulator.scheduleInLane(lane, this.onTransmissionEnd, index)
        : this.simulator.schedule(seconds, this.onTransmissionEnd, index),
    );
  }

  /**
   * The lane for a transmission of `seconds` on transmitter `index`, or -1 for the heap: once a
   * second transmission in a row takes as long, packets of one size (every ACK of a flow,
   * fixed-size messages) end their transmissions through the lane of that duration, in O(1),
   * rather than through the heap; sizes that vary never ask for a lane.
   */
  private transmissionLane(index: number, seconds: number): LaneId {
    const lane = this.figures.repeatedTransmissionLane(index, seconds);
    if (lane !== -1) return lane < 0 ? -1 : lane;
    const made = this.simulator.lane(seconds);
    this.figures.setTransmissionLane(index, made);
    return made;
  }

  private finishTransmission(index: number): void {
    const figures = this.figures;
    const packet = figures.current[index]!;
    const now = this.simulator.now;
    // L/R itself: at large simulated times (years) a difference of clock readings loses digits.
    const seconds = figures.currentSeconds(index);
    packet.transSeconds += seconds;
    const start = figures.currentStart(index);
    this.probe.packetTransmitted(packet, index, start, seconds);
    this.finishing = index;
    // Before the next packet starts, so a sender that paces itself can queue its next one.
    if (packet.hops === 0) {
      figures.setVacating(index, true);
      this.handlers.departed(packet);
      figures.setVacating(index, false);
    }
    if (figures.losses[index].lose(figures.lossRandoms[index])) {
      this.reportWire(index, start, seconds, packet.sizeBytes * 8, this.undrawnDelay(index));
      this.fail(packet, LOST_LINK, index);
    } else {
      const constantDelay = figures.constantDelay(index);
      const delay = Number.isNaN(constantDelay) ? this.sampleDelay(index) : constantDelay;
      // Unless the link reorders, a packet never overtakes its predecessor.
      const unheld = now + delay;
      const arrival = this.reordering
        ? this.transmitters[index].depart(packet, unheld)
        : figures.departInOrder(index, unheld);
      // Not held back by a predecessor: the delay itself, not a difference of clock readings,
      // which at a simulated time of centuries rounds to the clock's steps (microseconds).
      const held = arrival !== unheld;
      const propagation = held ? arrival - now : delay;
      packet.propSeconds += propagation;
      const carriage = this.carriage;
      carriage.start = start;
      carriage.seconds = seconds;
      carriage.bits = packet.sizeBytes * 8;
      carriage.propagationSeconds = propagation;
      this.probe.wireCarried(index, carriage);
      packet.hopTransmitter = index;
      // A constant delay's lane runs the arrival at now + delay in O(1) rather than through the
      // heap; the same instant only when no slower predecessor holds it back (after a change of
      // delay), so that case takes the heap.
      const lane = figures.propagationLane(index);
      if (lane >= 0 && !held) this.simulator.scheduleInLane(lane, this.onArrival, packet);
      else this.simulator.scheduleAt(arrival, this.onArrival, packet);
    }
    this.finishing = -1;
    if (figures.waiting(index) === 0) {
      figures.current[index] = null;
      return;
    }
    const transmitter = this.transmitters[index];
    const enqueuedAt = transmitter.oldestEnqueuedAt();
    const next = transmitter.dequeue()!;
    const waited = now - enqueuedAt;
    next.queueSeconds += waited;
    this.probe.packetLeftQueue(next, index, waited, transmitter.waiting, true);
    this.startTransmission(index, next);
  }

  /** A propagation delay with jitter: transmitter `index`'s next draw. */
  private sampleDelay(index: number): number {
    const transmitter = this.transmitters[index];
    return transmitter.settings.delay.sample(transmitter.delayRandom);
  }

  private arrive(packet: Packet): void {
    const transmitterIndex = packet.hopTransmitter;
    const node = this.figures.farEnd(transmitterIndex);
    packet.hops++;
    if (
      this.figures.arrivalWasCut(transmitterIndex) ||
      (this.reordering && this.reorderedArrivalWasCut(packet, transmitterIndex))
    ) {
      this.fail(packet, LOST_LINK_DOWN, transmitterIndex);
      return;
    }
    if (this.crossingRule?.blocks(packet.source, node)) {
      this.fail(packet, LOST_PARTITION, transmitterIndex);
      return;
    }
    if (this.nodeUp[node] === 0) {
      this.fail(packet, LOST_NODE_DOWN, transmitterIndex);
      return;
    }
    // The one check links that neither duplicate nor corrupt pay (handOn's lines stay inline).
    if (this.impairments !== null) {
      this.arriveImpaired(packet, node, transmitterIndex);
      return;
    }
    if (node === packet.destination) this.handlers.arrived(packet);
    else if (packet.hops >= MAX_HOPS) this.fail(packet, LOST_HOP_LIMIT, transmitterIndex);
    else this.forward(packet, node);
  }

  /**
   * Only with some link that reorders: whether `packet` was on transmitter `index`'s wire when
   * it was last cut; one that a later packet overtook is reported as reordered.
   */
  private reorderedArrivalWasCut(packet: Packet, index: number): boolean {
    const wire = this.transmitters[index].reorderingWire;
    if (wire === null) return false;
    const arrival = wire.arrive(packet);
    if (arrival === 'overtaken') this.probe.packetReordered(packet, index);
    return arrival === 'cut';
  }

  /** `packet` reached `node` intact: delivered there, or forwarded on its way. */
  private handOn(packet: Packet, node: number, transmitterIndex: number): void {
    if (node === packet.destination) this.handlers.arrived(packet);
    else if (packet.hops >= MAX_HOPS) this.fail(packet, LOST_HOP_LIMIT, transmitterIndex);
    else this.forward(packet, node);
  }

  /**
   * `packet` reached up node `node` over transmitter `transmitterIndex`, whose wire may deliver
   * it twice (the copy right after it, at the same instant) and may corrupt either: a corrupted
   * one fails the node's checksum and is discarded there (`lost.corrupted`).
   */
  private arriveImpaired(packet: Packet, node: number, transmitterIndex: number): void {
    const impairment = this.impairments![transmitterIndex];
    if (impairment === null) {
      this.handOn(packet, node, transmitterIndex);
      return;
    }
    // Made before the original is handed on: its owner may recycle it as soon as it has it.
    let copy: Packet | null = null;
    if (impairment.duplicates()) {
      if (this.handlers.duplicate === undefined)
        throw new Error('a link duplicates: the handlers must make copies');
      copy = this.handlers.duplicate(packet);
      this.probe.packetDuplicated(copy, transmitterIndex);
    }
    if (impairment.corrupts()) this.fail(packet, LOST_CORRUPTED, transmitterIndex);
    else this.handOn(packet, node, transmitterIndex);
    if (copy === null) return;
    if (impairment.corrupts()) this.fail(copy, LOST_CORRUPTED, transmitterIndex);
    else this.handOn(copy, node, transmitterIndex);
  }

  private fail(
    packet: Packet,
    outcome: { kind: 'lost'; reason: LossReason },
    transmitterIndex: number,
  ): void {
    this.probe.packetLost(packet, outcome.reason, transmitterIndex);
    this.handlers.failed(packet, outcome);
  }
}
