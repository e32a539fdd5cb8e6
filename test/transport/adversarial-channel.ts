import { Simulator } from '../../src/engine/simulator.js';
import { Message, type MessageFate } from '../../src/net/message.js';
import { Packet } from '../../src/net/packet.js';
import { createRegistries } from '../../src/scenario/registries.js';
import { SequenceSpace } from '../../src/transport/sequence-space.js';
import type {
  AckHeader,
  DataHeader,
  FlowPort,
  TransportDefinition,
  TransportReceiver,
  TransportSender,
} from '../../src/transport/transport.js';
import type { WindowTransportConfig } from '../../src/transport/window-config.js';
import { WindowReceiver } from '../../src/transport/window-receiver.js';

/** What the channel does with one copy a transport half hands it. */
export type CopyFate =
  | { kind: 'lost' }
  | { kind: 'delivered'; delaySeconds: number }
  /** Two copies arrive, each after its own delay. */
  | { kind: 'duplicated'; delaySeconds: [number, number] };

/** The adversary's script: fates for the first copies, then a calm, lossless FIFO channel. */
export interface ChannelScript {
  /** Fates of the first data copies, in the order the sender hands them over. */
  dataFates: CopyFate[];
  /** Fates of the first ACKs, in the order the receiver sends them. */
  ackFates: CopyFate[];
  /** Delay of every copy once its script has run out (s): the channel becomes lossless and FIFO. */
  calmDelaySeconds: number;
  /** Time a data copy takes to leave the sender (s): `onDataDeparted` comes this long after hand-off. */
  transmissionSeconds: number;
  /** How long the application takes to consume each message handed up (s), used in turn; 0: at once. */
  consumeDelaySeconds: number[];
  /** Lets copies outlive a cycle of sequence numbers (to show what the lifetime bound prevents). */
  unboundedLifetime?: boolean;
}

const LINK_LOSS: MessageFate = { kind: 'lost', reason: 'linkLoss' };
const ONE_MILLISECOND = 0.001;

/**
 * A FlowPort whose network is an adversary: every data copy and every ACK is lost, delivered
 * after its own delay (so copies overtake each other) or duplicated, as the script says. Both
 * halves of one window transport talk through it on a bare Simulator, and it records what the
 * receiving application sees.
 *
 * Lifetime bound. No protocol with k-bit sequence numbers survives a copy that arrives after the
 * numbers it carries have come round again, so the channel discards such a copy on arrival (the
 * sequence-number form of TCP's maximum segment lifetime). With H one past the highest sequence
 * number the sender has transmitted (absolute, this epoch), n = 2^k and window W, a copy expires:
 * - data with number s: when H - s >= n (Go-Back-N; its receiver takes only the expected number)
 *   or H - s >= n - W + 1 (selective repeat; its receiver takes any number within W of its base);
 * - an ACK with cumulative number c: when H - c >= n; a selective ACK of number x: when H - x > n.
 * Below these bounds the receiver and sender read every number correctly, so any misdelivery is
 * the protocol's fault. A bound in time cannot replace this one: with W = 2^k - 1 a Go-Back-N
 * sender completes a cycle of numbers within one round trip, so one ACK overtaken by the next
 * already aliases.
 */
export class AdversarialChannel implements FlowPort {
  readonly simulator = new Simulator({ maxEvents: 500_000 });
  readonly flowIndex = 0;
  readonly sender: TransportSender;
  readonly receiver: TransportReceiver;
  /** Messages in the order the receiver handed them up (first time each). */
  readonly handedUp: Message[] = [];
  /** Messages handed up a second time (a protocol error: the application would see them twice). */
  readonly handedUpAgain: Message[] = [];
  /** Copies of already received messages the receiver recognised (counted, not handed up). */
  duplicates = 0;
  /** Copies the receiver accepted in place of another message (aliased sequence numbers). */
  misdeliveries = 0;
  /** Messages the sender forgot as acknowledged before the receiver had them. */
  readonly releasedUnreceived: Message[] = [];
  readonly abandoned: Message[] = [];
  /** Copies discarded on arrival by the lifetime bound. */
  expired = 0;
  /** Data copies the sender handed over. */
  dataCopiesSent = 0;
  consumed = 0;
  /** Largest number of messages the receiver held at once (buffered + handed up, unconsumed). */
  maxHeld = 0;
  /** Largest and smallest window the receiver advertised. */
  maxAdvertised = Number.NEGATIVE_INFINITY;
  minAdvertised = Number.POSITIVE_INFINITY;

  private readonly space: SequenceSpace;
  private readonly selective: boolean;
  private epoch = 0;
  /** One past the highest absolute sequence number transmitted in `epoch`. */
  private highWater = 0;
  private acks = 0;
  private consumptions = 0;
  private readonly onDeparted = (copy: { packet: Packet; lost: boolean }): void => {
    this.sender.onDataDeparted?.(copy.packet);
    if (copy.lost) this.sender.onDataLost(copy.packet, LINK_LOSS);
  };
  private readonly onDataArrival = (copy: InFlight): void => this.arriveData(copy);
  private readonly onAckArrival = (copy: InFlight): void => this.arriveAck(copy);
  private readonly onConsumed = (message: Message): void => {
    this.consumed++;
    message.deliveredAt = this.simulator.now;
    message.fate = { kind: 'delivered' };
    this.receiver.consumed?.(message);
  };

  constructor(
    definition: TransportDefinition<WindowTransportConfig>,
    private readonly config: WindowTransportConfig,
    private readonly script: ChannelScript,
  ) {
    const registries = createRegistries();
    this.space = new SequenceSpace(config.sequenceBits);
    this.selective = definition.id === 'selective-repeat';
    this.sender = definition.createSender(this, config, registries);
    this.receiver = definition.createReceiver(this, config, registries);
  }

  /** Offers `count` messages at t = 0 and runs until nothing is left to happen. */
  transfer(count: number): Message[] {
    const messages = Array.from({ length: count }, (_, id) => new Message(id, 0, 100, 0));
    for (const message of messages) this.sender.submit(message);
    this.simulator.run();
    return messages;
  }

  /** Messages handed up and not yet consumed by the application. */
  get unconsumed(): number {
    return this.handedUp.length - this.consumed;
  }

  sendData(message: Message, sequence: number, isRetransmission: boolean, header?: DataHeader): Packet {
    const packet = new Packet('data', 0, 0, 1, message.payloadBytes, sequence, message, isRetransmission);
    if (header) {
      packet.wireSequence = header.wireSequence;
      packet.epoch = header.epoch;
      packet.synchronize = header.synchronize;
    }
    const now = this.simulator.now;
    // The sender keeps one copy in its interface: the link is free, transmission starts now.
    packet.handedOffAt = now;
    packet.departedAt = now;
    message.transmissions++;
    if (packet.epoch > this.epoch) {
      this.epoch = packet.epoch;
      this.highWater = 0;
    }
    this.highWater = Math.max(this.highWater, sequence + 1);
    const fate = this.script.dataFates[this.dataCopiesSent++];
    const departure = this.script.transmissionSeconds;
    this.simulator.schedule(departure, this.onDeparted, { packet, lost: fate?.kind === 'lost' });
    for (const delay of this.delays(fate)) {
      const copy: InFlight = { packet, references: [{ number: sequence, bound: this.dataBound }] };
      this.simulator.schedule(departure + delay, this.onDataArrival, copy);
    }
    return packet;
  }

  sendAck(ackNumber: number, header: AckHeader = {}): void {
    const packet = new Packet('ack', 0, 1, 0, 0, ackNumber, null, false);
    packet.ackNumber = ackNumber;
    packet.selectiveAck = header.selectiveAck ?? -1;
    packet.epoch = header.epoch ?? 0;
    packet.advertisedWindow = header.advertisedWindow ?? Number.POSITIVE_INFINITY;
    packet.reset = header.reset ?? false;
    // As Network.send stamps it: the sender orders ACKs that overtook each other by it.
    packet.handedOffAt = this.simulator.now;
    this.maxAdvertised = Math.max(this.maxAdvertised, packet.advertisedWindow);
    this.minAdvertised = Math.min(this.minAdvertised, packet.advertisedWindow);
    const size = this.space.size;
    const references: Reference[] = [];
    if (ackNumber >= 0) {
      // The receiver expects at most H and at least H - W: the absolute number in (H - n, H].
      const cumulative = this.highWater - this.space.distance(ackNumber, this.space.wrap(this.highWater));
      references.push({ number: cumulative, bound: size });
    }
    if (packet.selectiveAck >= 0) {
      // A selective ACK names a number sent already: in [H - n, H - 1].
      const top = this.highWater - 1;
      const acknowledged = top - this.space.distance(packet.selectiveAck, this.space.wrap(top));
      references.push({ number: acknowledged, bound: size + 1 });
    }
    const fate = this.script.ackFates[this.acks++];
    for (const delay of this.delays(fate)) {
      this.simulator.schedule(delay, this.onAckArrival, { packet, references });
    }
  }

  misdelivered(): void {
    this.misdeliveries++;
  }

  released(message: Message): void {
    if (Number.isNaN(message.receivedAt)) this.releasedUnreceived.push(message);
  }

  congestionState(): void {}

  retransmissionTimerExpired(): void {}

  deliver(message: Message): void {
    if (!Number.isNaN(message.receivedAt)) {
      this.handedUpAgain.push(message);
      return;
    }
    message.receivedAt = this.simulator.now;
    this.handedUp.push(message);
    const delays = this.script.consumeDelaySeconds;
    const delay = delays.length === 0 ? 0 : delays[this.consumptions++ % delays.length];
    // Like a node without processing time, an application without delay takes it at once.
    if (delay === 0) this.onConsumed(message);
    else this.simulator.schedule(delay, this.onConsumed, message);
  }

  duplicate(): void {
    this.duplicates++;
  }

  abandon(message: Message): void {
    this.abandoned.push(message);
  }

  senderIdle(): void {}

  /** Data copies may refer back this far before they expire (see the class comment). */
  private get dataBound(): number {
    return this.selective ? this.space.size - this.config.window + 1 : this.space.size;
  }

  private delays(fate: CopyFate | undefined): number[] {
    if (fate === undefined) return [this.script.calmDelaySeconds];
    if (fate.kind === 'lost') return [];
    if (fate.kind === 'delivered') return [fate.delaySeconds];
    return fate.delaySeconds;
  }

  private expiredOnArrival(copy: InFlight): boolean {
    if (this.script.unboundedLifetime || copy.packet.epoch !== this.epoch) return false;
    return copy.references.some((reference) => this.highWater - reference.number >= reference.bound);
  }

  private arriveData(copy: InFlight): void {
    if (this.expiredOnArrival(copy)) {
      this.expired++;
      return;
    }
    this.receiver.onData(copy.packet);
    this.maxHeld = Math.max(this.maxHeld, this.receiverBuffered() + this.unconsumed);
  }

  private arriveAck(copy: InFlight): void {
    if (this.expiredOnArrival(copy)) {
      this.expired++;
      return;
    }
    this.sender.onAck(copy.packet);
  }

  /** Segments waiting out of order at the receiver. */
  private receiverBuffered(): number {
    return this.receiver instanceof WindowReceiver ? this.receiver.buffered : 0;
  }
}

/** A number a copy carries and how far the sender may move past it before the copy expires. */
interface Reference {
  number: number;
  bound: number;
}

interface InFlight {
  packet: Packet;
  references: Reference[];
}

/** Delays the calm channel and the adversary use, in whole milliseconds so that ties happen. */
export function milliseconds(count: number): number {
  return count * ONE_MILLISECOND;
}
