import type { Distribution } from '../engine/distributions.js';
import type { RandomStream } from '../engine/random.js';
import type { LossProcess } from './loss/loss-model.js';
import type { Packet } from './packet.js';
import type { ActiveQueue, QueueView } from './queue/queue-discipline.js';
import { ReorderingWire } from './reordering-wire.js';

/** Static settings of one direction of a link. */
export interface TransmitterSettings {
  /** Index of the link in the scenario. */
  linkIndex: number;
  /** Node indices at both ends. */
  from: number;
  to: number;
  bandwidthBitsPerSecond: number;
  /** One-way propagation delay; a non-constant distribution adds jitter. */
  delay: Distribution;
  /** Decides which packets the wire loses (this direction's own process). */
  loss: LossProcess;
  /** Packets that may wait behind the one in transmission (Infinity: unbounded). */
  bufferPackets: number;
  /** Bytes that may wait behind the one in transmission (absent or Infinity: no limit in bytes). */
  bufferBytes?: number;
  /**
   * Makes the direction's active queue (RED), which may drop packets before the buffer is full;
   * absent, or null from it: drop-tail only. Asked once, when the network is built: its state
   * lives as long as the network, whatever settings replace these later.
   */
  activeQueue?: () => ActiveQueue | null;
  /**
   * Jitter may reorder packets: each arrives after its own delay, even before a packet that left
   * earlier (default false: it is held behind its predecessor). Fixed when the network is built.
   */
  reorder?: boolean;
}

/** The stream of a transmitter without an active queue: never drawn from. */
const NO_DRAWS: RandomStream = () => {
  throw new Error('this link direction has no active queue to draw for');
};

/** Doubles each transmitter keeps in its network's TransmitterFigures, at these offsets. */
const FIGURES_PER_TRANSMITTER = 8;
const CURRENT_START = 0;
const CURRENT_SECONDS = 1;
const LAST_ARRIVAL_TIME = 2;
const CONSTANT_DELAY = 3;
const BANDWIDTH = 4;
const FAR_END = 5;
const WIRE_ARRIVALS = 6;
const WIRE_CUT_BELOW = 7;

/**
 * The doubles of all the transmitters of one network, eight per transmitter (64 bytes, the size
 * of a cache line) in one Float64Array. Why: as fields of each Transmitter every double would be a box of
 * its own, one more cache line to load per figure once thousands of links take turns; and a
 * packet's arrival needs only its far end and the wire counters, read here without loading the
 * Transmitter object at all.
 */
export class TransmitterFigures {
  readonly values: Float64Array;

  constructor(transmitterCount: number) {
    this.values = new Float64Array(transmitterCount * FIGURES_PER_TRANSMITTER);
  }

  /** Node index at the far end of transmitter `index`. */
  farEnd(index: number): number {
    return this.values[index * FIGURES_PER_TRANSMITTER + FAR_END];
  }

  /**
   * Counts a packet reaching the far end of transmitter `index`; true when it left before the
   * link was last cut (it was on the wire then, so it is lost).
   */
  arrivalWasCut(index: number): boolean {
    const at = index * FIGURES_PER_TRANSMITTER;
    return this.values[at + WIRE_ARRIVALS]++ < this.values[at + WIRE_CUT_BELOW];
  }
}

/**
 * One direction of a link: a transmitter with a FIFO buffer bounded in packets and/or bytes
 * (drop-tail), optionally behind an active queue (RED). It only holds state; the Network moves
 * packets through it, so the event handlers live in one place.
 *
 * Why this shape: every packet crosses a transmitter twice per hop (start, end of transmission)
 * and once more on arrival. The figures that path reads from the settings (far end, bandwidth,
 * a constant delay, the buffer size, the loss process) are copied onto the transmitter whenever
 * its settings change, so a hop loads one object, not three; its doubles live in the network's
 * TransmitterFigures. Waiting packets sit in a ring with their enqueue times beside them (a
 * packed array of doubles), so a packet carries no enqueue time of its own.
 */
export class Transmitter implements QueueView {
  /** Packet being transmitted, or null when idle. */
  current: Packet | null = null;
  /**
   * True while the packet in transmission has just finished and its sender is told: the place it
   * leaves counts as free, so a sender pacing itself queues its next copy even with no buffer.
   */
  vacating = false;
  /** False while the link is down (cut or failed): it refuses packets. */
  up = true;
  /**
   * The simulator's delay lane of the current settings' propagation delay when it is constant,
   * else -1 (set by the Network, which owns the simulator).
   */
  propagationLane = -1;
  /**
   * Packets put on the wire so far. Unless the link reorders, packets arrive in the order they
   * left, so the k-th arrival is the k-th departure, and a cut loses every departure numbered
   * below `wireCutBelow`.
   */
  wireDepartures = 0;
  /** Packets waiting in the buffer (not counting the one in transmission). */
  waiting = 0;
  /** Bytes of the packets waiting in the buffer. */
  waitingBytes = 0;
  /** From the current settings. */
  bufferPackets = 0;
  /** From the current settings (Infinity: no limit in bytes). */
  bufferBytes = Number.POSITIVE_INFINITY;
  /** From the current settings. */
  loss: LossProcess;
  /** The direction's active queue (RED), or null for drop-tail only (set by the Network). */
  activeQueue: ActiveQueue | null = null;
  private readonly figures: Float64Array;
  /** First of this transmitter's slots in `figures`. */
  private readonly base: number;
  /**
   * Ring of waiting packets and, at the same positions, when each entered (s). Its capacity, a
   * power of two, is that of the longest backlog so far; a dequeued slot lets go of its packet.
   */
  private ring: (Packet | undefined)[] = [];
  private ringTimes: number[] = [];
  private head = 0;
  private configured: TransmitterSettings;
  // Declared last: V8 lays fields out in this order, and a hop reads those above.
  /**
   * Only when the link reorders: its wire, which knows the packets on it. Without reordering the
   * counters above tell arrivals apart without knowing the packets.
   */
  readonly reorderingWire: ReorderingWire | null;
  /** Whether jitter may reorder packets here; fixed at construction. */
  readonly reorders: boolean;
  /** The stream the active queue draws from (set by the Network with it). */
  queueRandom: RandomStream = NO_DRAWS;

  /** `figures` holds the doubles of every transmitter of the network, this one's among them. */
  constructor(
    readonly index: number,
    settings: TransmitterSettings,
    readonly lossRandom: RandomStream,
    readonly delayRandom: RandomStream,
    figures: TransmitterFigures,
  ) {
    this.figures = figures.values;
    this.base = index * FIGURES_PER_TRANSMITTER;
    this.configured = settings;
    this.loss = settings.loss;
    this.settings = settings;
    this.reorders = settings.reorder === true;
    this.reorderingWire = this.reorders ? new ReorderingWire() : null;
  }

  /** When the current transmission started (s). */
  get currentStart(): number {
    return this.figures[this.base + CURRENT_START];
  }
  set currentStart(time: number) {
    this.figures[this.base + CURRENT_START] = time;
  }

  /** How long the current transmission takes (s), kept exact rather than as a difference of times. */
  get currentSeconds(): number {
    return this.figures[this.base + CURRENT_SECONDS];
  }
  set currentSeconds(seconds: number) {
    this.figures[this.base + CURRENT_SECONDS] = seconds;
  }

  /**
   * Latest arrival time scheduled at the far end; later packets never arrive before it (unless
   * the link reorders: then it is not kept).
   */
  get lastArrivalTime(): number {
    return this.figures[this.base + LAST_ARRIVAL_TIME];
  }
  set lastArrivalTime(time: number) {
    this.figures[this.base + LAST_ARRIVAL_TIME] = time;
  }

  /** Packets that arrived (or were lost) at the far end so far. */
  get wireArrivals(): number {
    return this.figures[this.base + WIRE_ARRIVALS];
  }

  /** Departures numbered below this were on the wire when the link was last cut. */
  get wireCutBelow(): number {
    return this.figures[this.base + WIRE_CUT_BELOW];
  }
  set wireCutBelow(departures: number) {
    this.figures[this.base + WIRE_CUT_BELOW] = departures;
  }

  /** From the current settings: the far end's node index. */
  get to(): number {
    return this.figures[this.base + FAR_END];
  }

  /** From the current settings: the propagation delay when constant, NaN when it has jitter. */
  get constantDelay(): number {
    return this.figures[this.base + CONSTANT_DELAY];
  }

  /** From the current settings. */
  get bandwidthBitsPerSecond(): number {
    return this.figures[this.base + BANDWIDTH];
  }

  /** Current settings: a degradation window replaces them for a while. */
  get settings(): TransmitterSettings {
    return this.configured;
  }

  set settings(settings: TransmitterSettings) {
    this.configured = settings;
    this.figures[this.base + FAR_END] = settings.to;
    this.figures[this.base + BANDWIDTH] = settings.bandwidthBitsPerSecond;
    this.figures[this.base + CONSTANT_DELAY] = settings.delay.isConstant ? settings.delay.mean : Number.NaN;
    this.bufferPackets = settings.bufferPackets;
    this.bufferBytes = settings.bufferBytes ?? Number.POSITIVE_INFINITY;
    this.loss = settings.loss;
  }

  /** Seconds to transmit `sizeBytes`. */
  transmissionSeconds(sizeBytes: number): number {
    return (sizeBytes * 8) / this.bandwidthBitsPerSecond;
  }

  /**
   * Whether a packet of `sizeBytes` arriving while another is in transmission finds no room to
   * wait. Neither limit counts the packet in transmission; while it is vacating its place counts
   * as free, so the oldest waiting packet then counts as in transmission.
   */
  isFull(sizeBytes: number): boolean {
    if (this.vacating) {
      return (
        this.waiting > 0 &&
        (this.waiting - 1 >= this.bufferPackets ||
          this.waitingBytes - this.ring[this.head]!.sizeBytes + sizeBytes > this.bufferBytes)
      );
    }
    return this.waiting >= this.bufferPackets || this.waitingBytes + sizeBytes > this.bufferBytes;
  }

  /** Packets an arriving packet finds waiting (see QueueView: a vacating place counts as free). */
  get queuedPackets(): number {
    return this.vacating && this.waiting > 0 ? this.waiting - 1 : this.waiting;
  }

  /** Bytes an arriving packet finds waiting (see QueueView). */
  get queuedBytes(): number {
    if (!this.vacating) return this.waitingBytes;
    return this.waiting > 0 ? this.waitingBytes - this.ring[this.head]!.sizeBytes : 0;
  }

  /**
   * Since when the transmitter has been idle (s), NaN while busy: the end of its last
   * transmission, or when a cut or crash cut that short (0 before any).
   */
  get idleSince(): number {
    return this.current === null ? this.currentStart + this.currentSeconds : Number.NaN;
  }

  /**
   * Ends the current transmission unfinished at `now` (a cut or a crash) and returns its packet;
   * the transmitter is idle from `now` on.
   */
  abortTransmission(now: number): Packet {
    const packet = this.current!;
    this.current = null;
    this.currentSeconds = now - this.currentStart;
    return packet;
  }

  /**
   * Puts `packet` on the wire, due at the far end at `dueAt` (s); returns when it arrives: then,
   * if the link reorders, else not before its predecessor.
   */
  depart(packet: Packet, dueAt: number): number {
    this.wireDepartures++;
    if (this.reorderingWire !== null) {
      this.reorderingWire.depart(packet);
      return dueAt;
    }
    const arrival = Math.max(dueAt, this.lastArrivalTime);
    this.lastArrivalTime = arrival;
    return arrival;
  }

  /** The link is cut: every packet on the wire now is lost when it would have arrived. */
  cutWire(): void {
    if (this.reorderingWire === null) this.wireCutBelow = this.wireDepartures;
    else this.reorderingWire.cut();
  }

  /** Puts `packet` at the back of the buffer; it entered at time `now`. */
  enqueue(packet: Packet, now: number): void {
    if (this.waiting === this.ring.length) this.grow();
    const position = (this.head + this.waiting) & (this.ring.length - 1);
    this.ring[position] = packet;
    this.ringTimes[position] = now;
    this.waiting++;
    this.waitingBytes += packet.sizeBytes;
  }

  /** When the oldest waiting packet entered the buffer (s); only while one waits. */
  oldestEnqueuedAt(): number {
    return this.ringTimes[this.head];
  }

  /** Removes and returns the oldest waiting packet, or null. */
  dequeue(): Packet | null {
    if (this.waiting === 0) return null;
    const packet = this.ring[this.head]!;
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) & (this.ring.length - 1);
    this.waiting--;
    // Exactly 0 when empty, whatever rounding the sums of fractional sizes left.
    this.waitingBytes = this.waiting === 0 ? 0 : this.waitingBytes - packet.sizeBytes;
    return packet;
  }

  /** Empties the buffer and returns what was in it, oldest first. */
  drain(): Packet[] {
    const packets: Packet[] = [];
    for (let packet = this.dequeue(); packet !== null; packet = this.dequeue()) packets.push(packet);
    return packets;
  }

  private grow(): void {
    const capacity = Math.max(4, this.ring.length * 2);
    const ring: (Packet | undefined)[] = new Array(capacity).fill(undefined);
    const times: number[] = new Array(capacity).fill(0);
    for (let i = 0; i < this.waiting; i++) {
      const from = (this.head + i) & (this.ring.length - 1);
      ring[i] = this.ring[from];
      times[i] = this.ringTimes[from];
    }
    this.ring = ring;
    this.ringTimes = times;
    this.head = 0;
  }
}
