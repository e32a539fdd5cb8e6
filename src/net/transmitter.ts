import type { Distribution } from '../engine/distributions.js';
import type { RandomStream } from '../engine/random.js';
import type { LossProcess } from './loss/loss-model.js';
import type { Packet } from './packet.js';

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
}

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
 * One direction of a link: a transmitter with a drop-tail FIFO buffer. It only holds state; the
 * Network moves packets through it, so the event handlers live in one place.
 *
 * Why this shape: every packet crosses a transmitter twice per hop (start, end of transmission)
 * and once more on arrival. The figures that path reads from the settings (far end, bandwidth,
 * a constant delay, the buffer size, the loss process) are copied onto the transmitter whenever
 * its settings change, so a hop loads one object, not three; its doubles live in the network's
 * TransmitterFigures. Waiting packets sit in a ring with their enqueue times beside them (a
 * packed array of doubles), so a packet carries no enqueue time of its own.
 */
export class Transmitter {
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
   * Packets put on the wire so far. Packets arrive in the order they left (jitter never
   * reorders), so the k-th arrival is the k-th departure, and a cut loses every departure
   * numbered below `wireCutBelow`.
   */
  wireDepartures = 0;
  /** Packets waiting in the buffer (not counting the one in transmission). */
  waiting = 0;
  /** From the current settings. */
  bufferPackets = 0;
  /** From the current settings. */
  loss: LossProcess;
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

  /** Latest arrival time scheduled at the far end; later packets never arrive before it. */
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
    this.loss = settings.loss;
  }

  /** Seconds to transmit `sizeBytes`. */
  transmissionSeconds(sizeBytes: number): number {
    return (sizeBytes * 8) / this.bandwidthBitsPerSecond;
  }

  /** Puts `packet` at the back of the buffer; it entered at time `now`. */
  enqueue(packet: Packet, now: number): void {
    if (this.waiting === this.ring.length) this.grow();
    const position = (this.head + this.waiting) & (this.ring.length - 1);
    this.ring[position] = packet;
    this.ringTimes[position] = now;
    this.waiting++;
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
