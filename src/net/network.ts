import type { RandomStreams } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import type { DropReason, LossReason } from './message.js';
import type { Packet } from './packet.js';
import type { NetworkProbe } from './probe.js';
import { type RoutingMetric, RoutingTable } from './routing.js';
import { Transmitter, type TransmitterSettings } from './transmitter.js';

/** Receives packets that reached their destination node, and copies that did not make it. */
export interface PacketHandlers {
  /** `packet` arrived at its destination node, which is up. */
  arrived(packet: Packet): void;
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
}

const LOST_LINK = { kind: 'lost', reason: 'linkLoss' } as const;
const LOST_NODE_DOWN = { kind: 'lost', reason: 'nodeDown' } as const;
const LOST_NO_ROUTE = { kind: 'lost', reason: 'noRoute' } as const;
const LOST_HOP_LIMIT = { kind: 'lost', reason: 'hopLimit' } as const;
const DROPPED_BUFFER = { kind: 'dropped', reason: 'linkBuffer' } as const;

/** Links a packet may cross before it is discarded (like IP's TTL): a guard against loops. */
export const MAX_HOPS = 255;

/**
 * Store-and-forward packet network: full-duplex links made of two transmitters, each with
 * bandwidth, propagation delay (jitter never reorders), Bernoulli loss and a drop-tail buffer;
 * packets follow shortest paths. Down nodes send nothing and lose what arrives.
 */
export class Network {
  readonly transmitters: Transmitter[];
  private readonly routes: RoutingTable;
  private readonly nodeUp: Uint8Array;
  private readonly outgoing: number[][];
  private handlers: PacketHandlers = {
    arrived: () => {},
    failed: () => {},
  };
  private readonly onTransmissionEnd = (transmitter: Transmitter): void =>
    this.finishTransmission(transmitter);
  private readonly onArrival = (packet: Packet): void => this.arrive(packet);

  constructor(
    private readonly simulator: Simulator,
    readonly topology: NetworkTopology,
    streams: RandomStreams,
    private readonly probe: NetworkProbe,
  ) {
    this.transmitters = topology.transmitters.map(
      (settings, index) =>
        new Transmitter(
          index,
          settings,
          streams.stream(`${topology.transmitterNames[index]}/loss`),
          streams.stream(`${topology.transmitterNames[index]}/delay`),
        ),
    );
    this.routes = new RoutingTable(topology.nodeIds.length, topology.transmitters, topology.routing);
    this.nodeUp = new Uint8Array(topology.nodeIds.length).fill(1);
    this.outgoing = topology.nodeIds.map(() => []);
    topology.transmitters.forEach((settings, index) => {
      this.outgoing[settings.from].push(index);
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
    this.forward(packet, packet.source);
  }

  /** Marks a node down: it loses everything waiting in or being sent by its transmitters. */
  crashNode(node: number): void {
    if (this.nodeUp[node] === 0) return;
    this.nodeUp[node] = 0;
    for (const index of this.outgoing[node]) {
      const transmitter = this.transmitters[index];
      if (transmitter.current) {
        this.simulator.cancel(transmitter.endEvent);
        const packet = transmitter.current;
        transmitter.current = null;
        this.fail(packet, LOST_NODE_DOWN, index);
      }
      for (const packet of transmitter.drain()) this.fail(packet, LOST_NODE_DOWN, index);
    }
  }

  /** Marks a node up again. */
  recoverNode(node: number): void {
    this.nodeUp[node] = 1;
  }

  private forward(packet: Packet, node: number): void {
    const index = this.routes.nextTransmitter(node, packet.destination);
    if (index < 0) {
      this.fail(packet, LOST_NO_ROUTE, -1);
      return;
    }
    const transmitter = this.transmitters[index];
    const now = this.simulator.now;
    packet.enqueuedAt = now;
    if (transmitter.current === null) {
      this.startTransmission(transmitter, packet);
    } else if (transmitter.waiting >= transmitter.settings.bufferPackets) {
      this.probe.packetDropped(packet, 'linkBuffer', index);
      this.handlers.failed(packet, DROPPED_BUFFER);
    } else {
      transmitter.enqueue(packet);
    }
  }

  private startTransmission(transmitter: Transmitter, packet: Packet): void {
    const now = this.simulator.now;
    packet.queueSeconds += now - packet.enqueuedAt;
    const seconds = transmitter.transmissionSeconds(packet.sizeBytes);
    transmitter.current = packet;
    transmitter.currentStart = now;
    transmitter.currentSeconds = seconds;
    transmitter.endEvent = this.simulator.schedule(seconds, this.onTransmissionEnd, transmitter);
  }

  private finishTransmission(transmitter: Transmitter): void {
    const packet = transmitter.current!;
    const now = this.simulator.now;
    // L/R itself: at large simulated times (years) a difference of clock readings loses digits.
    const seconds = transmitter.currentSeconds;
    packet.transSeconds += seconds;
    this.probe.packetTransmitted(packet, transmitter.index, transmitter.currentStart, seconds);
    const settings = transmitter.settings;
    if (settings.lossProbability > 0 && transmitter.lossRandom() < settings.lossProbability) {
      this.fail(packet, LOST_LINK, transmitter.index);
    } else {
      const delay = settings.delay.isConstant
        ? settings.delay.mean
        : settings.delay.sample(transmitter.delayRandom);
      // Jitter must not reorder packets on one link: a packet never overtakes its predecessor.
      const arrival = Math.max(now + delay, transmitter.lastArrivalTime);
      transmitter.lastArrivalTime = arrival;
      packet.propSeconds += arrival - now;
      packet.hopTransmitter = transmitter.index;
      this.simulator.scheduleAt(arrival, this.onArrival, packet);
    }
    const next = transmitter.dequeue();
    if (next) this.startTransmission(transmitter, next);
    else transmitter.current = null;
  }

  private arrive(packet: Packet): void {
    const transmitterIndex = packet.hopTransmitter;
    const node = this.transmitters[transmitterIndex].settings.to;
    packet.hops++;
    if (this.nodeUp[node] === 0) {
      this.fail(packet, LOST_NODE_DOWN, transmitterIndex);
      return;
    }
    if (node === packet.destination) this.handlers.arrived(packet);
    else if (packet.hops >= MAX_HOPS) this.fail(packet, LOST_HOP_LIMIT, transmitterIndex);
    else this.forward(packet, node);
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
