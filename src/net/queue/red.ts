import { z } from 'zod';
import type { RandomStream } from '../../engine/random.js';
import { positiveQuantitySchema } from '../../engine/schemas.js';
import { type BufferAmount, bufferAmountSchema, bufferCapacitySchema, UNLIMITED } from './buffer-capacity.js';
import type { ActiveQueue, LinkBuffer, QueueDisciplineDefinition, QueueView } from './queue-discipline.js';

const threshold = (description: string, fallback: number) =>
  bufferAmountSchema(z.number().min(0), 'a threshold on the average queue')
    .prefault(fallback)
    .meta({ description });

const schema = z
  .strictObject({
    discipline: z.literal('red'),
    capacity: bufferCapacitySchema.optional().meta({
      description: 'packets (a bare number) or bytes (64KiB) that may wait; default unbounded',
    }),
    minThreshold: threshold(
      'min_th: no early drop while the average queue is below it; packets, or bytes (with a unit, then maxThreshold too)',
      5,
    ),
    maxThreshold: threshold('max_th: every arrival is dropped while the average queue is at or above it', 15),
    maxProbability: z
      .number()
      .gt(0)
      .max(1)
      .default(0.1)
      .meta({ description: 'max_p: the drop probability p_b as the average reaches maxThreshold' }),
    weight: z
      .number()
      .gt(0)
      .max(1)
      .default(0.002)
      .meta({ description: 'w_q: weight of each arrival’s queue sample in the average (EWMA)' }),
    typicalPacketSize: positiveQuantitySchema('size').prefault('500B').meta({
      description:
        'size s of a small packet: an idle period of t counts as t / (its transmission time) arrivals at an empty queue',
    }),
  })
  .superRefine((config, ctx) => {
    const inBytes = Number.isFinite(config.minThreshold.bytes);
    if (inBytes !== Number.isFinite(config.maxThreshold.bytes)) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxThreshold'],
        message: 'expected both thresholds in packets (bare numbers) or both in bytes (with a unit)',
      });
      return;
    }
    const [min, max] = [config.minThreshold, config.maxThreshold].map(measureOf(inBytes));
    const unit = inBytes ? ' B' : ' packets';
    if (!(max > min)) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxThreshold'],
        message: `expected maxThreshold above minThreshold (${min}${unit}), got ${max}`,
      });
    }
    // The average never exceeds what the buffer holds: at or below minThreshold, RED never acts.
    const capacity =
      config.capacity === undefined ? Number.POSITIVE_INFINITY : measureOf(inBytes)(config.capacity);
    if (capacity <= min) {
      ctx.addIssue({
        code: 'custom',
        path: ['capacity'],
        message: `expected a capacity above minThreshold (${min}${unit}), got ${capacity}${unit}: the average queue could never reach the threshold, so RED would never drop early`,
      });
    }
  });

export type RedConfig = z.output<typeof schema>;

function measureOf(inBytes: boolean): (amount: BufferAmount) => number {
  return (amount) => (inBytes ? amount.bytes : amount.packets);
}

/** RED's parameters, resolved. */
export interface RedParameters {
  /** True: the average is of the bytes waiting, and the thresholds are in bytes; else packets. */
  inBytes: boolean;
  minThreshold: number;
  maxThreshold: number;
  maxProbability: number;
  weight: number;
  /** Bits of a typical small packet (8 · s), which scales an idle period into arrivals. */
  typicalPacketBits: number;
}

const DROPPED_RED = { kind: 'dropped', reason: 'red' } as const;

/**
 * Random Early Detection (Floyd & Jacobson 1993, fig. 2) for one link direction. On every
 * arrival the average queue `avg` moves toward the queue the packet finds, q (packets or bytes
 * waiting, the one in transmission not counted, as with the capacity): avg ← (1 − w_q)·avg +
 * w_q·q; an arrival at an idle transmitter instead decays it as if m packets had found an empty
 * queue, m = idle time / (transmission time of a typical small packet): avg ← (1 − w_q)^m·avg.
 * Below min_th nothing is dropped (count = −1); at or above max_th every arrival is (count = 0);
 * in between count counts the arrivals since the last drop and the packet is dropped with
 * probability p_a = p_b / (1 − count·p_b), p_b = max_p·(avg − min_th)/(max_th − min_th), which
 * spaces drops out evenly (p_a is 1 once count·p_b reaches 1). Each arrival between the
 * thresholds draws one number from the direction's stream; none is drawn elsewhere.
 */
export class RedQueue implements ActiveQueue {
  readonly dropped = DROPPED_RED;
  readonly discipline = 'red';
  /** The average queue, avg (packets or bytes). */
  average = 0;
  /** Arrivals since the last drop while the average was between the thresholds; −1 outside. */
  count = -1;

  constructor(private readonly parameters: RedParameters) {}

  dropsEarly(queue: QueueView, now: number, random: RandomStream): boolean {
    const { inBytes, minThreshold, maxThreshold, maxProbability, weight, typicalPacketBits } =
      this.parameters;
    const idleSince = queue.idleSince;
    if (Number.isNaN(idleSince)) {
      const sample = inBytes ? queue.queuedBytes : queue.queuedPackets;
      this.average = (1 - weight) * this.average + weight * sample;
    } else {
      const idleArrivals = ((now - idleSince) * queue.bandwidthBitsPerSecond) / typicalPacketBits;
      this.average *= (1 - weight) ** idleArrivals;
    }
    const average = this.average;
    if (average < minThreshold) {
      this.count = -1;
      return false;
    }
    if (average >= maxThreshold) {
      this.count = 0;
      return true;
    }
    this.count++;
    const base = (maxProbability * (average - minThreshold)) / (maxThreshold - minThreshold);
    const spread = 1 - this.count * base;
    const probability = spread > 0 ? Math.min(1, base / spread) : 1;
    if (random() < probability) {
      this.count = 0;
      return true;
    }
    return false;
  }
}

/** A RED buffer from its parameters (and a capacity, by default unbounded). */
export function redBuffer(parameters: RedParameters, capacity: BufferAmount = UNLIMITED): LinkBuffer {
  return {
    discipline: 'red',
    capacityPackets: capacity.packets,
    capacityBytes: capacity.bytes,
    mayDrop: true,
    createActiveQueue: () => new RedQueue(parameters),
  };
}

/** `red`: Random Early Detection in front of a FIFO buffer. */
export const redDiscipline: QueueDisciplineDefinition<RedConfig> = {
  id: 'red',
  description:
    'Random Early Detection (Floyd & Jacobson 1993): drops arrivals at random as the average queue grows between two thresholds (dropped.red); a full buffer still drops (dropped.linkBuffer)',
  schema,
  create: (config) => {
    const inBytes = Number.isFinite(config.minThreshold.bytes);
    const measure = measureOf(inBytes);
    return redBuffer(
      {
        inBytes,
        minThreshold: measure(config.minThreshold),
        maxThreshold: measure(config.maxThreshold),
        maxProbability: config.maxProbability,
        weight: config.weight,
        typicalPacketBits: config.typicalPacketSize * 8,
      },
      config.capacity,
    );
  },
};
