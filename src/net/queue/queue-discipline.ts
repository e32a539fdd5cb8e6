import type { z } from 'zod';
import type { RandomStream } from '../../engine/random.js';
import type { DropReason } from '../message.js';

/**
 * What a queue discipline sees of one link direction when a packet arrives there: the buffer
 * as the arriving packet finds it. While the packet in transmission has just finished and its
 * sender is told (see Transmitter.vacating), its place counts as free: the oldest waiting
 * packet then counts as in transmission, not as waiting.
 */
export interface QueueView {
  /** Packets waiting behind the one in transmission. */
  readonly queuedPackets: number;
  /** Bytes of the packets waiting behind the one in transmission. */
  readonly queuedBytes: number;
  /** Since when the transmitter has been idle, nothing waiting (s); NaN while it is busy. */
  readonly idleSince: number;
  readonly bandwidthBitsPerSecond: number;
}

/**
 * The per-direction state of a discipline that drops packets before the buffer is full (an
 * active queue management such as RED). Asked about every packet that arrives at its
 * direction while the link is up, in arrival order, before the buffer's capacity is checked.
 */
export interface ActiveQueue {
  /** The registered id of its discipline; it names the direction's stream (`link/a-b/a>b/red`). */
  readonly discipline: string;
  /** The outcome of the packets it drops (their counted reason). */
  readonly dropped: { readonly kind: 'dropped'; readonly reason: DropReason };
  /**
   * Whether the packet arriving now (s) is dropped. It may draw from `random`, the direction's
   * own stream for this discipline.
   */
  dropsEarly(queue: QueueView, now: number, random: RandomStream): boolean;
}

/**
 * A link direction's buffer as the scenario configures it, shared by both directions (and by
 * every link a topology generates): each direction makes its own state from it.
 */
export interface LinkBuffer {
  /** The registered id of its discipline (`drop-tail`, `red`). */
  readonly discipline: string;
  /** Packets that may wait behind the one in transmission (Infinity: no limit in packets). */
  readonly capacityPackets: number;
  /** Bytes that may wait behind the one in transmission (Infinity: no limit in bytes). */
  readonly capacityBytes: number;
  /** Whether any packet can ever be dropped here (a capacity, or early drops). */
  readonly mayDrop: boolean;
  /** Fresh state for one direction, or null when it drops only what finds the buffer full. */
  createActiveQueue(): ActiveQueue | null;
}

/** Fields every discipline's configuration has. */
export interface QueueConfigBase {
  discipline: string;
}

/** A registered queue discipline: its id, configuration schema and factory. */
export interface QueueDisciplineDefinition<Config extends QueueConfigBase = QueueConfigBase> {
  readonly id: string;
  readonly description: string;
  /** Object schema whose `discipline` is the id literal; parameters carry `.meta({description})`. */
  readonly schema: z.ZodType<Config>;
  create(config: Config): LinkBuffer;
}
