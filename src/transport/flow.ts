import type { Simulator } from '../engine/simulator.js';
import { Message, type MessageFate } from '../net/message.js';
import type { Network } from '../net/network.js';
import { copyPacketState, type Packet } from '../net/packet.js';
import type { CongestionSnapshot, NetworkProbe } from '../net/probe.js';
import { renewMessage } from './message-reuse.js';
import type { PacketPool } from './packet-pool.js';
import type {
  AckHeader,
  DataHeader,
  FlowPort,
  TransportConfigBase,
  TransportDefinition,
  TransportReceiver,
  TransportSender,
  TransportStrategies,
} from './transport.js';

/** What a flow needs from the simulation around it. */
export interface FlowEnvironment {
  readonly simulator: Simulator;
  readonly network: Network;
  readonly probe: NetworkProbe;
  /** Where the flow's packets come from (and go back to, when `recyclePackets`). */
  readonly packets: PacketPool;
  /** False when a probe may keep the packets it hears (see PacketPool's ownership rule). */
  readonly recyclePackets: boolean;
  /** Hands a received message to the processing stage of `node`. */
  process(node: number, message: Message): void;
  /** Called once when the flow has finished. */
  flowCompleted(flow: Flow): void;
  /** Next message id (unique over the run). */
  nextMessageId(): number;
  /** A message came to life (created) or ended (resolved); may throw past the run's limit. */
  liveMessagesChanged(change: 1 | -1): void;
  /**
   * Counts a bulk message of flow `flowIndex` created at `createdAt` whose object the flow makes
   * only when its sender asks for it (see Flow.topUpBulk): the probe hears it as a count, as its
   * `messageCreated` would have counted it. Absent when every message must reach the probe as
   * it is created (further probes listen, and may keep what they hear).
   */
  bulkCreated?(flowIndex: number, createdAt: number): void;
  /**
   * True when nothing outside the flow and its transport keeps a message after it ended (no
   * further probes, no brokers): a flow may then reuse an ended message's object for its next
   * bulk message (see renewMessage's ownership rule).
   */
  readonly reusesMessages?: boolean;
}

/**
 * An application on a flow that wants to hear how its messages end (request-reply). Called
 * after the ledger and the probes have the outcome; it may create messages on any flow.
 */
export interface FlowApplication {
  /** `message` ended: delivered to the receiving application (after processing), or not. */
  messageEnded(message: Message): void;
  /** The flow completed (every message resolved, the workload done, the sender idle). */
  flowCompleted?(): void;
}

/** Static description of a flow. */
export interface FlowSetup {
  index: number;
  id: string;
  source: number;
  destination: number;
  /** The source node keeps its state over a crash (`persistent`): its bulk messages wait. */
  sourcePersistent: boolean;
  transport: TransportDefinition<TransportConfigBase>;
  config: TransportConfigBase & Record<string, unknown>;
  /** Registered RTO and congestion strategies the configuration names. */
  strategies: TransportStrategies;
}

/** Live messages a bulk transfer over an acknowledged transport keeps ahead of its sender. */
export const BULK_WINDOW = 256;

const DELIVERED: MessageFate = { kind: 'delivered' };
const LOST_NODE_DOWN: MessageFate = { kind: 'lost', reason: 'nodeDown' };
const LOST_MISDELIVERED: MessageFate = { kind: 'lost', reason: 'misdelivered' };

/**
 * One flow from a source to a destination: owns the transport's two halves, creates messages
 * for the workload, puts packets on the network and keeps the ledger that decides when the
 * flow is complete (every message resolved and the sender idle).
 */
export class Flow implements FlowPort {
  readonly sender: TransportSender;
  readonly receiver: TransportReceiver;
  /** Messages created and not yet resolved. */
  unresolved = 0;
  /** Set when the workload will create no more messages. */
  workloadDone = false;
  /** When the flow completed (s); NaN while running. */
  completedAt = Number.NaN;
  /** Latest delivery to the application (s). */
  lastDeliveryAt = Number.NaN;
  /** Time of the first message handed to the network (s). */
  firstSendAt = Number.NaN;
  private readonly headerBytes: number;
  private readonly ackBytes: number;
  /** Bulk messages promised by the workload and not yet brought to life. */
  private bulkRemaining = 0;
  private bulkCreatedAt = 0;
  private bulkSize: () => number = () => 0;
  /** Unresolved messages up to which bulk messages are brought to life. */
  private readonly bulkWindow: number;
  private toppingUp = false;
  /**
   * Bulk messages counted as created (unresolved, alive, heard by the probe) but not made yet:
   * logically they wait in the sender's backlog behind what it holds, in creation order.
   */
  private unmadeBulk = 0;
  /** Whether bulk messages may wait unmade (see topUpBulk). */
  private readonly defersBulk: boolean;
  /** Whether an ended bulk message's object may be made into the next (see makeBulk). */
  private readonly reusesMessages: boolean;
  /** The latest bulk message `makeBulk` made, while reuse is allowed; null before the first. */
  private lastMade: Message | null = null;
  /** Hears how messages end; null for a plain flow. */
  private application: FlowApplication | null = null;
  private readonly packets: PacketPool;
  /** Whether packets handed back by the network go back to the pool (see PacketPool). */
  private readonly releasesData: boolean;
  private readonly releasesAcks: boolean;

  constructor(
    readonly setup: FlowSetup,
    private readonly environment: FlowEnvironment,
  ) {
    this.headerBytes = setup.config.headerSize;
    this.ackBytes = typeof setup.config.ackSize === 'number' ? setup.config.ackSize : 0;
    // A sender that waits for ACKs takes one message after another: a window of live messages
    // keeps it busy. Without ACKs every message goes onto the network at once, as it would.
    const senderWindow = typeof setup.config.window === 'number' ? setup.config.window : 1;
    this.bulkWindow = setup.transport.acknowledged
      ? Math.max(BULK_WINDOW, 2 * senderWindow)
      : Number.POSITIVE_INFINITY;
    this.packets = environment.packets;
    this.releasesAcks = environment.recyclePackets;
    this.releasesData = environment.recyclePackets && !setup.transport.keepsDataPackets;
    this.defersBulk = setup.transport.asksWhenIdle === true && environment.bulkCreated !== undefined;
    this.reusesMessages = this.defersBulk && environment.reusesMessages === true;
    this.sender = setup.transport.createSender(this, setup.config, setup.strategies);
    this.receiver = setup.transport.createReceiver(this, setup.config, setup.strategies);
  }

  get simulator(): Simulator {
    return this.environment.simulator;
  }

  get flowIndex(): number {
    return this.setup.index;
  }

  /**
   * Bulk messages the workload promised that were never brought to life: they wait in the
   * sender's backlog behind the window (see topUpBulk). They exist from the start, so a run
   * that ends with some counts them as sent and in flight.
   */
  get promisedBulk(): number {
    return this.bulkRemaining;
  }

  /** When the promised bulk messages were created (s). */
  get promisedBulkCreatedAt(): number {
    return this.bulkCreatedAt;
  }

  get isComplete(): boolean {
    return !Number.isNaN(this.completedAt);
  }

  /** Tells `application` how each message of this flow ends. */
  attach(application: FlowApplication): void {
    this.application = application;
  }

  /**
   * The application creates a message of `payloadBytes`, now or at `createdAt` (bulk), tied to
   * `correlation` (see Message.correlation). Returns it; it may have ended already (node down).
   */
  createMessage(payloadBytes: number, createdAt = this.environment.simulator.now, correlation = -1): Message {
    // Unmade bulk messages were created first: they go to the sender first.
    while (this.unmadeBulk > 0) this.sender.submit(this.makeBulk());
    return this.bringToLife(payloadBytes, createdAt, correlation, false);
  }

  /**
   * A new message goes to the sender; one made on a down node is lost, unless `waits`: a bulk
   * message, which existed from the start, on a node that keeps its state over the crash
   * (the sender holds it until the node recovers).
   */
  private bringToLife(payloadBytes: number, createdAt: number, correlation: number, waits: boolean): Message {
    const { environment } = this;
    const message = new Message(environment.nextMessageId(), this.setup.index, payloadBytes, createdAt);
    message.correlation = correlation;
    this.unresolved++;
    environment.liveMessagesChanged(1);
    environment.probe.messageCreated(message);
    if (!waits && !environment.network.isUp(this.setup.source)) {
      this.resolve(message, LOST_NODE_DOWN);
      return message;
    }
    this.sender.submit(message);
    return message;
  }

  /**
   * A copy of `original` that a broker routed to one more queue (fanout): a message of its own in
   * this flow's ledger, created when the original was, with the components of its way so far.
   */
  copyMessage(original: Message): Message {
    const { environment } = this;
    const copy = new Message(
      environment.nextMessageId(),
      this.setup.index,
      original.payloadBytes,
      original.createdAt,
    );
    copy.receivedAt = original.receivedAt;
    copy.handedOffAt = original.handedOffAt;
    copy.transSeconds = original.transSeconds;
    copy.propSeconds = original.propSeconds;
    copy.queueSeconds = original.queueSeconds;
    copy.procSeconds = original.procSeconds;
    copy.waitSeconds = original.waitSeconds;
    // It never held a place in the receive window: only the original did.
    copy.passedOn = true;
    this.unresolved++;
    environment.liveMessagesChanged(1);
    environment.probe.messageCreated(copy);
    return copy;
  }

  /** The receiving node passed `message` on (to a broker): the receiver's window place is free. */
  passedOn(message: Message): void {
    message.passedOn = true;
    this.receiver.consumed?.(message);
  }

  createBulk(count: number, size: () => number): void {
    // Unmade messages take their size and creation time from the transfer they belong to.
    while (this.unmadeBulk > 0) this.sender.submit(this.makeBulk());
    this.bulkRemaining += count;
    this.bulkCreatedAt = this.environment.simulator.now;
    this.bulkSize = size;
    this.topUpBulk();
  }

  /**
   * Brings bulk messages to life while fewer than the window are unresolved. They are made late
   * only to save memory: each behaves as if it had been in the sender's memory from the start,
   * so a volatile crash loses it and a persistent node keeps it.
   *
   * Why a message that would only wait in the sender's backlog is counted but not made (when
   * the transport `asksWhenIdle`, the probe takes counts and no application listens): the
   * window keeps 256 messages alive per flow, each made about 256 deliveries before it is sent,
   * so nearly every one outlived a young-generation collection and was copied and promoted
   * (stop-and-wait runs spent about a fifth of their time so). Made when the sender asks, a
   * message lives for one exchange. Nothing observes the difference: the probe counts it at the
   * same moment, the ledger and the live count include it, the sender gets the same messages in
   * the same order at the same instants (it asks exactly when it would have taken the next one
   * from its backlog), sizes come from the flow's own sequence in the same order, and a
   * volatile crash loses the unmade ones with the rest (`senderCrashed`). Only message ids,
   * which name messages and order nothing, are handed out in another order.
   */
  private topUpBulk(): void {
    // Re-entered when a new message ends at once (its node is down): the outer loop goes on.
    if (this.toppingUp) return;
    this.toppingUp = true;
    const defers = this.defersBulk && this.application === null;
    while (this.bulkRemaining > 0 && this.unresolved < this.bulkWindow) {
      this.bulkRemaining--;
      if (defers && (this.setup.sourcePersistent || this.environment.network.isUp(this.setup.source))) {
        this.countUnmade();
      } else {
        this.bringToLife(this.bulkSize(), this.bulkCreatedAt, -1, this.setup.sourcePersistent);
      }
    }
    this.toppingUp = false;
    if (this.unmadeBulk > 0) this.handOverUnmade();
  }

  /** What bringToLife does for a message the sender would keep in its backlog, but the object. */
  private countUnmade(): void {
    const { environment } = this;
    this.unresolved++;
    environment.liveMessagesChanged(1);
    environment.bulkCreated!(this.setup.index, this.bulkCreatedAt);
    this.unmadeBulk++;
  }

  /**
   * The oldest unmade bulk message, made now (its size drawn in turn). Its object is the
   * previous one's when that one is free (renewMessage's ownership rule): it has ended, no copy
   * is on the network, the sender holds nothing, and no application listens to the flow. A
   * lossless stop-and-wait flow then makes one message object for all its bulk messages instead
   * of one per exchange. Messages made by `bringToLife` (not deferred) are never reused.
   */
  private makeBulk(): Message {
    this.unmadeBulk--;
    const id = this.environment.nextMessageId();
    const payloadBytes = this.bulkSize();
    const spare = this.lastMade;
    if (
      spare !== null &&
      !spare.isPending &&
      spare.copiesInFlight === 0 &&
      this.sender.outstanding === 0 &&
      this.application === null
    ) {
      renewMessage(spare, id, payloadBytes, this.bulkCreatedAt);
      return spare;
    }
    const message = new Message(id, this.setup.index, payloadBytes, this.bulkCreatedAt);
    if (this.reusesMessages) this.lastMade = message;
    return message;
  }

  /** An idle sender on an up node takes the next unmade message, as it would from its backlog. */
  private handOverUnmade(): void {
    if (this.sender.outstanding === 0 && this.environment.network.isUp(this.setup.source)) {
      this.sender.submit(this.makeBulk());
    }
  }

  /**
   * The source node crashed (its sender already told): a volatile one loses the bulk messages
   * that were waiting unmade, as its sender lost those in its backlog.
   */
  senderCrashed(persistent: boolean): void {
    this.sender.crash(persistent);
    if (persistent) return;
    while (this.unmadeBulk > 0) this.resolve(this.makeBulk(), LOST_NODE_DOWN);
  }

  /** The workload will create nothing more. */
  finishWorkload(): void {
    this.workloadDone = true;
    this.checkComplete();
  }

  sendData(message: Message, sequence: number, isRetransmission: boolean, header?: DataHeader): Packet {
    const { setup } = this;
    const packet = this.packets.acquire(
      'data',
      setup.index,
      setup.source,
      setup.destination,
      message.payloadBytes + this.headerBytes,
      sequence,
      message,
      isRetransmission,
    );
    if (header) {
      packet.wireSequence = header.wireSequence;
      packet.epoch = header.epoch;
      packet.synchronize = header.synchronize;
    }
    message.transmissions++;
    message.copiesInFlight++;
    if (Number.isNaN(this.firstSendAt)) this.firstSendAt = this.environment.simulator.now;
    this.environment.network.send(packet);
    return packet;
  }

  sendAck(ackNumber: number, header?: AckHeader): void {
    const { setup } = this;
    const packet = this.packets.acquire(
      'ack',
      setup.index,
      setup.destination,
      setup.source,
      this.ackBytes,
      ackNumber,
      null,
      false,
    );
    packet.ackNumber = ackNumber;
    if (header) {
      packet.selectiveAck = header.selectiveAck ?? -1;
      packet.epoch = header.epoch ?? 0;
      packet.advertisedWindow = header.advertisedWindow ?? Number.POSITIVE_INFINITY;
      packet.reset = header.reset ?? false;
    }
    this.environment.network.send(packet);
  }

  misdelivered(packet: Packet): void {
    this.environment.probe.misdelivered(packet);
  }

  released(message: Message): void {
    this.abandon(message, LOST_MISDELIVERED);
  }

  congestionState(state: CongestionSnapshot): void {
    this.environment.probe.congestionState(this.setup.index, this.environment.simulator.now, state);
  }

  retransmissionTimerExpired(): void {
    this.environment.probe.retransmissionTimerExpired(this.setup.index, this.environment.simulator.now);
  }

  deliver(message: Message, packet: Packet): void {
    if (!Number.isNaN(message.receivedAt)) {
      this.duplicate(packet);
      return;
    }
    const now = this.environment.simulator.now;
    // A receiver may hold a segment before handing it up (selective repeat's reorder buffer,
    // behind a lost one): time lost to loss recovery, so t_wait, like the sender's wait.
    const heldSeconds = Number.isNaN(packet.arrivedAt) ? 0 : now - packet.arrivedAt;
    message.received(
      now,
      packet.handedOffAt,
      packet.transSeconds,
      packet.propSeconds,
      packet.queueSeconds,
      packet.handedOffAt - message.createdAt + heldSeconds,
    );
    this.environment.process(this.setup.destination, message);
  }

  duplicate(packet: Packet): void {
    this.environment.probe.duplicateReceived(packet);
  }

  /** Processing at the receiver finished: the application has the message. */
  delivered(message: Message): void {
    message.deliveredAt = this.environment.simulator.now;
    this.lastDeliveryAt = message.deliveredAt;
    this.resolve(message, DELIVERED);
  }

  abandon(message: Message, fate: MessageFate): void {
    if (!message.isPending || !Number.isNaN(message.receivedAt)) return;
    if (message.copiesInFlight > 0) message.abandonedFate = fate;
    else this.resolve(message, fate);
  }

  /** Ends a message for good (no-op if it already ended). */
  resolve(message: Message, fate: MessageFate): void {
    if (!message.isPending) return;
    message.fate = fate;
    // Handed up and now gone from the receiving node (delivered, refused or lost in a crash).
    if (!Number.isNaN(message.receivedAt) && !message.passedOn) {
      this.receiver.consumed?.(message);
    }
    this.unresolved--;
    this.environment.liveMessagesChanged(-1);
    this.environment.probe.messageResolved(message);
    this.application?.messageEnded(message);
    if (this.bulkRemaining > 0) this.topUpBulk();
    this.checkComplete();
  }

  senderIdle(): void {
    if (this.unmadeBulk > 0) {
      this.handOverUnmade();
      return;
    }
    this.checkComplete();
  }

  /** An arriving packet of this flow reached its destination node. */
  packetArrived(packet: Packet): void {
    if (packet.kind === 'data') {
      const message = packet.message!;
      packet.arrivedAt = this.environment.simulator.now;
      message.copiesInFlight--;
      this.receiver.onData(packet);
      this.settleAbandoned(message);
      if (this.releasesData) this.packets.release(packet);
    } else {
      this.sender.onAck(packet);
      if (this.releasesAcks) this.packets.release(packet);
    }
  }

  /**
   * A duplicating link delivers `packet` twice: the extra copy, from the pool, is one more copy
   * of its message on the network (the message ends only once none can still arrive). It is no
   * retransmission: the sender sent nothing more.
   */
  duplicatePacket(packet: Packet): Packet {
    const copy = this.packets.acquire(
      packet.kind,
      packet.flowIndex,
      packet.source,
      packet.destination,
      packet.sizeBytes,
      packet.sequence,
      packet.message,
      packet.isRetransmission,
    );
    copyPacketState(packet, copy);
    if (copy.message !== null) copy.message.copiesInFlight++;
    return copy;
  }

  /** A packet of this flow left its source's first link. */
  packetDeparted(packet: Packet): void {
    if (packet.kind === 'data') this.sender.onDataDeparted?.(packet);
  }

  /** A packet of this flow will never arrive. */
  packetFailed(packet: Packet, fate: MessageFate): void {
    if (packet.kind !== 'data') {
      if (this.releasesAcks) this.packets.release(packet);
      return;
    }
    const message = packet.message!;
    message.copiesInFlight--;
    this.sender.onDataLost(packet, fate);
    this.settleAbandoned(message);
    if (this.releasesData) this.packets.release(packet);
  }

  /** An abandoned message whose last copy is gone without reaching the receiver ends now. */
  private settleAbandoned(message: Message): void {
    if (message.abandonedFate && message.copiesInFlight === 0 && Number.isNaN(message.receivedAt)) {
      this.resolve(message, message.abandonedFate);
    }
  }

  private checkComplete(): void {
    if (
      !this.workloadDone ||
      this.bulkRemaining > 0 ||
      this.unresolved > 0 ||
      this.sender.outstanding > 0 ||
      this.isComplete
    ) {
      return;
    }
    const now = this.environment.simulator.now;
    this.completedAt =
      this.setup.transport.acknowledged || Number.isNaN(this.lastDeliveryAt) ? now : this.lastDeliveryAt;
    this.environment.flowCompleted(this);
    this.application?.flowCompleted?.();
  }
}
