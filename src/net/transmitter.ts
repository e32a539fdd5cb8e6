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

/**
 * Figures each transmitter keeps in its network's TransmitterFigures, at these offsets: 16
 * doubles (128 bytes, two cache lines), what a hop reads and writes of its transmitter.
 */
const FIGURES_PER_TRANSMITTER = 16;
const CURRENT_START = 0;
const CURRENT_SECONDS = 1;
const LAST_ARRIVAL_TIME = 2;
const CONSTANT_DELAY = 3;
const BANDWIDTH = 4;
const FAR_END = 5;
const WIRE_ARRIVALS = 6;
const WIRE_CUT_BELOW = 7;
const END_EVENT = 8;
const LAST_TRANSMISSION_SECONDS = 9;
const TRANSMISSION_LANE = 10;
const PROPAGATION_LANE = 11;
const WIRE_DEPARTURES = 12;
const WAITING = 13;
/** 1 while the link is up, 0 while it is down (cut or failed). */
const UP = 14;
/** 1 while the packet just transmitted vacates its place (see Transmitter.vacating). */
const VACATING = 15;

/**
 * The hot state of all the transmitters of one network: sixteen doubles per transmitter in one
 * Float64Array, and by transmitter its packet in transmission and its loss process. Why: as
 * fields of each Transmitter every double would be a box of its own and the object one or two
 * cache lines more to load on every hop once thousands of links take turns (pingpong at 10,000
 * pairs); the network's packet path reads and writes only these, by transmitter index, and never
 * loads a Transmitter object unless a packet has to wait, the link reorders, has jitter or an
 * active queue. Transmitter is the view of one transmitter's part of it.
 */
export class TransmitterFigures {
  readonly values: Float64Array;
  /** By transmitter: the packet in transmission, or null when idle. */
  readonly current: (Packet | null)[];
  /** By transmitter: its current settings' loss process and its stream for losses. */
  readonly losses: LossProcess[];
  readonly lossRandoms: RandomStream[];

  constructor(transmitterCount: number) {
    this.values = new Float64Array(transmitterCount * FIGURES_PER_TRANSMITTER);
    for (let index = 0; index < transmitterCount; index++) {
      const at = index * FIGURES_PER_TRANSMITTER;
      this.values[at + LAST_TRANSMISSION_SECONDS] = Number.NaN;
      this.values[at + TRANSMISSION_LANE] = -1;
      this.values[at + PROPAGATION_LANE] = -1;
      this.values[at + UP] = 1;
    }
    this.current = new Array<Packet | null>(transmitterCount).fill(null);
    this.losses = new Array<LossProcess>(transmitterCount).fill(NO_LOSS);
    this.lossRandoms = new Array<RandomStream>(transmitterCount).fill(NO_TRANSMITTER_DRAWS);
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

  isUp(index: number): boolean {
    return this.values[index * FIGURES_PER_TRANSMITTER + UP] === 1;
  }

  /** Seconds to transmit `sizeBytes` on transmitter `index`. */
  transmissionSeconds(index: number, sizeBytes: number): number {
    return (sizeBytes * 8) / this.values[index * FIGURES_PER_TRANSMITTER + BANDWIDTH];
  }

  /** Transmitter `index` starts sending `packet` at `now`, for `seconds`. */
  startTransmission(index: number, packet: Packet, now: number, seconds: number): void {
    const at = index * FIGURES_PER_TRANSMITTER;
    this.current[index] = packet;
    this.values[at + CURRENT_START] = now;
    this.values[at + CURRENT_SECONDS] = seconds;
  }

  currentStart(index: number): number {
    return this.values[index * FIGURES_PER_TRANSMITTER + CURRENT_START];
  }

  currentSeconds(index: number): number {
    return this.values[index * FIGURES_PER_TRANSMITTER + CURRENT_SECONDS];
  }

  /** The pending end-of-transmission event of transmitter `index`'s current packet. */
  endEvent(index: number): number {
    return this.values[index * FIGURES_PER_TRANSMITTER + END_EVENT];
  }

  setEndEvent(index: number, handle: number): void {
    this.values[index * FIGURES_PER_TRANSMITTER + END_EVENT] = handle;
  }

  /**
   * Notes that transmitter `index` transmits for `seconds`; returns its lane for that duration
   * when its previous transmission took as long and the lane is known, -1 when it is not known
   * yet (`laneFor` then stores it) and -2 when the duration differs (or is the first).
   */
  repeatedTransmissionLane(index: number, seconds: number): number {
    const at = index * FIGURES_PER_TRANSMITTER;
    if (this.values[at + LAST_TRANSMISSION_SECONDS] !== seconds) {
      this.values[at + LAST_TRANSMISSION_SECONDS] = seconds;
      this.values[at + TRANSMISSION_LANE] = -1;
      return -2;
    }
    return this.values[at + TRANSMISSION_LANE];
  }

  setTransmissionLane(index: number, lane: number): void {
    this.values[index * FIGURES_PER_TRANSMITTER + TRANSMISSION_LANE] = lane;
  }

  /** The lane of transmitter `index`'s constant propagation delay, -1 with jitter. */
  propagationLane(index: number): number {
    return this.values[index * FIGURES_PER_TRANSMITTER + PROPAGATION_LANE];
  }

  /** The propagation delay of transmitter `index` when constant, NaN when it has jitter. */
  constantDelay(index: number): number {
    return this.values[index * FIGURES_PER_TRANSMITTER + CONSTANT_DELAY];
  }

  /**
   * Puts a packet of a link that does not reorder on transmitter `index`'s wire, due at the far
   * end at `dueAt` (s); returns when it arrives: not before its predecessor.
   */
  departInOrder(index: number, dueAt: number): number {
    const at = index * FIGURES_PER_TRANSMITTER;
    this.values[at + WIRE_DEPARTURES]++;
    const arrival = Math.max(dueAt, this.values[at + LAST_ARRIVAL_TIME]);
    this.values[at + LAST_ARRIVAL_TIME] = arrival;
    return arrival;
  }

  /** Packets waiting in transmitter `index`'s buffer (not counting the one in transmission). */
  waiting(index: number): number {
    return this.values[index * FIGURES_PER_TRANSMITTER + WAITING];
  }

  setVacating(index: number, vacating: boolean): void {
    this.values[index * FIGURES_PER_TRANSMITTER + VACATING] = vacating ? 1 : 0;
  }
}

/** The loss process of a transmitter before its settings give it one. */
const NO_LOSS: LossProcess = { lose: () => false };

/** The loss stream at an index no Transmitter has taken yet: never drawn from. */
const NO_TRANSMITTER_DRAWS: RandomStream = () => {
  throw new Error('no transmitter has this index: there is no loss stream to draw from');
};

/**
 * One direction of a link: a transmitter with a FIFO buffer bounded in packets and/or bytes
 * (drop-tail), optionally behind an active queue (RED). It only holds state; the Network moves
 * packets through it, so the event handlers live in one place.
 *
 * Why this shape: every packet crosses a transmitter twice per hop (start, end of transmission)
 * and once more on arrival. What that path reads and writes (the packet in transmission, its
 * start and duration, far end, bandwidth, a constant delay and its lane, the wire counters, the
 * loss process) lives in the network's TransmitterFigures, which the Network reads by
 * transmitter index; this object is the view of one transmitter's part of it, plus what only a
 * busy, reordering or jittery link needs: the buffer, the settings, the streams. Waiting packets
 * sit in a ring with their enqueue times beside them (a packed array of doubles), so a packet
 * carries no enqueue time of its own.
 */
export class Transmitter implements QueueView {
  /** Bytes of the packets waiting in the buffer. */
  waitingBytes = 0;
  /** From the current settings. */
  bufferPackets = 0;
  /** From the current settings (Infinity: no limit in bytes). */
  bufferBytes = Number.POSITIVE_INFINITY;
  /** The direction's active queue (RED), or null for drop-tail only (set by the Network). */
  activeQueue: ActiveQueue | null = null;
  private readonly state: TransmitterFigures;
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
  /**
   * Only when the link reorders: its wire, which knows the packets on it. Without reordering the
   * wire counters tell arrivals apart without knowing the packets.
   */
  readonly reorderingWire: ReorderingWire | null;
  /** Whether jitter may reorder packets here; fixed at construction. */
  readonly reorders: boolean;
  /** The stream the active queue draws from (set by the Network with it). */
  queueRandom: RandomStream = NO_DRAWS;

  /** `figures` holds the hot state of every transmitter of the network, this one's among them. */
  constructor(
    readonly index: number,
    settings: TransmitterSettings,
    readonly lossRandom: RandomStream,
    readonly delayRandom: RandomStream,
    figures: TransmitterFigures,
  ) {
    this.state = figures;
    this.figures = figures.values;
    this.base = index * FIGURES_PER_TRANSMITTER;
    figures.lossRandoms[index] = lossRandom;
    this.configured = settings;
    this.settings = settings;
    this.reorders = settings.reorder === true;
    this.reorderingWire = this.reorders ? new ReorderingWire() : null;
  }

  /** Packet being transmitted, or null when idle. */
  get current(): Packet | null {
    return this.state.current[this.index];
  }
  set current(packet: Packet | null) {
    this.state.current[this.index] = packet;
  }

  /**
   * True while the packet in transmission has just finished and its sender is told: the place it
   * leaves counts as free, so a sender pacing itself queues its next copy even with no buffer.
   */
  get vacating(): boolean {
    return this.figures[this.base + VACATING] === 1;
  }
  set vacating(vacating: boolean) {
    this.figures[this.base + VACATING] = vacating ? 1 : 0;
  }

  /** False while the link is down (cut or failed): it refuses packets. */
  get up(): boolean {
    return this.figures[this.base + UP] === 1;
  }
  set up(up: boolean) {
    this.figures[this.base + UP] = up ? 1 : 0;
  }

  /**
   * The simulator's delay lane of the current settings' propagation delay when it is constant,
   * else -1 (set by the Network, which owns the simulator).
   */
  get propagationLane(): number {
    return this.figures[this.base + PROPAGATION_LANE];
  }
  set propagationLane(lane: number) {
    this.figures[this.base + PROPAGATION_LANE] = lane;
  }

  /**
   * Packets put on the wire so far. Unless the link reorders, packets arrive in the order they
   * left, so the k-th arrival is the k-th departure, and a cut loses every departure numbered
   * below `wireCutBelow`.
   */
  get wireDepartures(): number {
    return this.figures[this.base + WIRE_DEPARTURES];
  }
  set wireDepartures(departures: number) {
    this.figures[this.base + WIRE_DEPARTURES] = departures;
  }

  /** Packets waiting in the buffer (not counting the one in transmission). */
  get waiting(): number {
    return this.figures[this.base + WAITING];
  }
  private set waiting(packets: number) {
    this.figures[this.base + WAITING] = packets;
  }

  /** From the current settings. */
  get loss(): LossProcess {
    return this.state.losses[this.index];
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
    this.state.losses[this.index] = settings.loss;
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
    if (this.reorderingWire === null) return this.state.departInOrder(this.index, dueAt);
    this.wireDepartures++;
    this.reorderingWire.depart(packet);
    return dueAt;
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
