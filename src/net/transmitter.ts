import type { Distribution } from '../engine/distributions.js';
import type { RandomStream } from '../engine/random.js';
import type { EventHandle } from '../engine/simulator.js';
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

/**
 * One direction of a link: a transmitter with a drop-tail FIFO buffer. It only holds state; the
 * Network moves packets through it, so the event handlers live in one place.
 */
export class Transmitter {
  /** Packet being transmitted, or null when idle. */
  current: Packet | null = null;
  /**
   * True while the packet in transmission has just finished and its sender is told: the place it
   * leaves counts as free, so a sender pacing itself queues its next copy even with no buffer.
   */
  vacating = false;
  /** When the current transmission started (s). */
  currentStart = 0;
  /** How long the current transmission takes (s), kept exact rather than as a difference of times. */
  currentSeconds = 0;
  /** Pending end-of-transmission event of `current`. */
  endEvent: EventHandle = -1;
  /** Latest arrival time scheduled at the far end; later packets never arrive before it. */
  lastArrivalTime = 0;
  /** False while the link is down (cut or failed): it refuses packets. */
  up = true;
  /**
   * Packets put on the wire so far, and those that arrived (or were lost) at the far end. They
   * arrive in the order they left (jitter never reorders), so the k-th arrival is the k-th
   * departure, and a cut loses every departure numbered below `wireCutBelow`.
   */
  wireDepartures = 0;
  wireArrivals = 0;
  wireCutBelow = 0;
  private buffer: Packet[] = [];
  private head = 0;

  constructor(
    readonly index: number,
    /** Current settings: a degradation window replaces them for a while. */
    public settings: TransmitterSettings,
    readonly lossRandom: RandomStream,
    readonly delayRandom: RandomStream,
  ) {}

  /** Packets waiting in the buffer (not counting the one in transmission). */
  get waiting(): number {
    return this.buffer.length - this.head;
  }

  /** Seconds to transmit `sizeBytes`. */
  transmissionSeconds(sizeBytes: number): number {
    return (sizeBytes * 8) / this.settings.bandwidthBitsPerSecond;
  }

  enqueue(packet: Packet): void {
    this.buffer.push(packet);
  }

  /** Removes and returns the oldest waiting packet, or null. */
  dequeue(): Packet | null {
    if (this.head === this.buffer.length) return null;
    const packet = this.buffer[this.head];
    this.buffer[this.head++] = undefined as unknown as Packet;
    // Compact now and then so the array does not grow with every packet ever sent.
    if (this.head === this.buffer.length) {
      this.buffer.length = 0;
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.buffer.length) {
      this.buffer = this.buffer.slice(this.head);
      this.head = 0;
    }
    return packet;
  }

  /** Empties the buffer and returns what was in it, oldest first. */
  drain(): Packet[] {
    const packets = this.buffer.slice(this.head);
    this.buffer = [];
    this.head = 0;
    return packets;
  }
}
