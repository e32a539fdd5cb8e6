import { z } from 'zod';
import { type BufferAmount, bufferCapacitySchema, isLimited, UNLIMITED } from './buffer-capacity.js';
import type { LinkBuffer, QueueDisciplineDefinition } from './queue-discipline.js';

const schema = z.strictObject({
  discipline: z.literal('drop-tail'),
  capacity: bufferCapacitySchema
    .optional()
    .meta({ description: 'packets (a bare number) or bytes (64KiB) that may wait; default unbounded' }),
});

export type DropTailConfig = z.output<typeof schema>;

/**
 * A FIFO buffer that drops only the packets that find it full (`dropped.linkBuffer`): a plain
 * `buffer: 100` (packets) or `buffer: 64KiB` (bytes) means this.
 */
export function dropTailBuffer(capacity: BufferAmount = UNLIMITED): LinkBuffer {
  return {
    discipline: 'drop-tail',
    capacityPackets: capacity.packets,
    capacityBytes: capacity.bytes,
    mayDrop: isLimited(capacity),
    createActiveQueue: () => null,
  };
}

/** `drop-tail`: FIFO, the arriving packet is dropped when the buffer is full. */
export const dropTailDiscipline: QueueDisciplineDefinition<DropTailConfig> = {
  id: 'drop-tail',
  description:
    'FIFO; a packet that finds the buffer full is dropped (dropped.linkBuffer); a plain capacity means this',
  schema,
  create: (config) => dropTailBuffer(config.capacity),
};
