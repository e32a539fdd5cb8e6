import { Registry } from '../../engine/registry.js';
import { dropTailDiscipline } from './drop-tail.js';
import type { QueueConfigBase, QueueDisciplineDefinition } from './queue-discipline.js';
import { redDiscipline } from './red.js';

type AnyQueueDisciplineDefinition = QueueDisciplineDefinition<QueueConfigBase>;

/** Creates the registry of built-in queue disciplines; a new one is one file plus one line here. */
export function createQueueDisciplineRegistry(): Registry<AnyQueueDisciplineDefinition> {
  // Each definition's create() takes its own config type; the registry holds them side by side.
  return new Registry<AnyQueueDisciplineDefinition>('queue discipline')
    .register(dropTailDiscipline as unknown as AnyQueueDisciplineDefinition)
    .register(redDiscipline as unknown as AnyQueueDisciplineDefinition);
}
