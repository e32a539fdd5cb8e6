import { z } from 'zod';
import type { Registry } from '../../engine/registry.js';
import { bufferCapacitySchema } from './buffer-capacity.js';
import { dropTailBuffer } from './drop-tail.js';
import type { LinkBuffer, QueueConfigBase, QueueDisciplineDefinition } from './queue-discipline.js';

/**
 * The buffer of each direction of a link: a capacity (`100` packets, `64KiB`), which is a
 * drop-tail buffer, or `{ discipline: NAME, ...params }` naming a registered queue discipline.
 * Yields a ready LinkBuffer.
 */
export function linkBufferSchema(disciplines: Registry<QueueDisciplineDefinition>) {
  const forms = disciplines
    .all()
    .map((definition) => definition.schema.meta({ description: definition.description }));
  const disciplineForm = z
    .discriminatedUnion('discipline', forms as unknown as [z.ZodObject, ...z.ZodObject[]])
    .transform((config): LinkBuffer => {
      const resolved = config as unknown as QueueConfigBase;
      return disciplines.get(resolved.discipline).create(resolved);
    });
  const capacityForm = bufferCapacitySchema.transform(dropTailBuffer);
  return z.union([capacityForm, disciplineForm]).meta({
    id: 'LinkBuffer',
    description:
      'a capacity in packets (a bare number) or bytes (a size with a unit: 64KiB), drop-tail; ' +
      `or { discipline: ${disciplines.ids().join(' | ')}, ...parameters }`,
  });
}
