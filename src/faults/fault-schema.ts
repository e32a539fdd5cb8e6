/**
 * The scenario keys of faults and availability: scripted faults on the timeline, replicated
 * services, shared repair crews and run lengths in failure cycles; with the cross-reference
 * checks the schema alone cannot make. The scenario schema assembles them.
 */
import { z } from 'zod';
import type { Distribution } from '../engine/distributions.js';
import { positiveQuantitySchema, probabilitySchema, quantitySchema } from '../engine/schemas.js';

/** Schemas the fault keys are built from (those of the scenario, so they read the same). */
export interface FaultSchemaParts {
  id: z.ZodType<string>;
  timeDistribution: () => z.ZodType<Distribution, unknown>;
}

/** Builds the fault-related schemas. */
export function createFaultSchemas({ id, timeDistribution }: FaultSchemaParts) {
  const time = () => quantitySchema('time');
  const window = () => positiveQuantitySchema('time');
  const factor = z.strictObject({
    times: z.number().positive().meta({ description: 'a factor on the configured value' }),
  });

  const fault = z
    .union([
      z.strictObject({ at: time(), crash: id.meta({ description: 'node to crash' }) }),
      z.strictObject({ at: time(), recover: id.meta({ description: 'node to recover' }) }),
      z.strictObject({ at: time(), cut: id.meta({ description: 'link to take down (both directions)' }) }),
      z.strictObject({ at: time(), restore: id.meta({ description: 'link to bring back' }) }),
      z.strictObject({
        at: time(),
        partition: z
          .array(z.array(id).min(1))
          .min(2)
          .meta({ description: 'node groups that cannot reach each other; unlisted nodes reach everyone' }),
        oneWay: z
          .boolean()
          .default(false)
          .meta({ description: 'only packets from the first group to the others are lost' }),
        id: id.optional().meta({ description: 'names the partition for `heal` (default partition-<index>)' }),
        for: window().optional().meta({ description: 'heals by itself after this long' }),
      }),
      z.strictObject({ at: time(), heal: id.meta({ description: 'partition id to heal' }) }),
      z
        .strictObject({
          at: time(),
          degrade: id.meta({ description: 'link to degrade for a window' }),
          for: window().meta({ description: 'length of the window' }),
          // The bandwidth is wrapped after the union, so that a bandwidth of 0 (refused, but
          // read on) leaves the union's one fitting form and the reference checks running.
          bandwidth: z
            .union([factor, positiveQuantitySchema('bandwidth')])
            .transform((bandwidth) => (typeof bandwidth === 'number' ? { set: bandwidth } : bandwidth))
            .optional()
            .meta({ description: 'a bandwidth for the window, or { times: factor }' }),
          delay: z
            .union([factor, timeDistribution().transform((set) => ({ set }))])
            .optional()
            .meta({ description: 'a one-way delay (or distribution) for the window, or { times: factor }' }),
          loss: probabilitySchema.optional().meta({ description: 'loss probability for the window' }),
        })
        .refine(
          (window) =>
            window.bandwidth !== undefined || window.delay !== undefined || window.loss !== undefined,
          'a degradation changes bandwidth, delay or loss',
        ),
    ])
    .meta({
      description:
        'crash/recover a node, cut/restore a link, partition node groups and heal, or degrade a link for a window',
    });

  const service = z
    .strictObject({
      id,
      members: z.array(id).min(1).meta({ description: 'nodes, links or services declared before this one' }),
      needs: z
        .number()
        .int()
        .min(1)
        .optional()
        .meta({ description: 'members that must be up (k of n); default all (series); 1 is parallel' }),
    })
    .transform((service) => ({ ...service, needs: service.needs ?? service.members.length }));

  const repairCrew = z.strictObject({
    id,
    members: z
      .array(id)
      .min(1)
      .meta({ description: 'nodes or links with a failure process; they are repaired one at a time' }),
    policy: z
      .enum(['fifo'])
      .default('fifo')
      .meta({ description: 'the order of repairs: first failed first' }),
  });

  const cycles = z.strictObject({
    cycles: z.number().int().min(1).meta({ description: 'failure cycles (repairs) of `of`' }),
    of: id.optional().meta({
      description: 'node or link with a failure process; default the one with the longest mean cycle',
    }),
  });

  return { fault, service, repairCrew, cycles };
}

/** A run length or warm-up given in failure cycles of a component. */
export interface CyclesSpec {
  cycles: number;
  of?: string;
}

interface FailingComponent {
  id: string;
  failure?: { timeToFailure: Distribution; timeToRepair: Distribution };
}

/**
 * The component a cycle count refers to: `of`, or the component with the longest mean cycle
 * (MTTF + MTTR) so that every other one sees at least as many cycles. Undefined when none fails.
 */
export function cycleComponent(
  spec: CyclesSpec,
  components: readonly FailingComponent[],
): FailingComponent | undefined {
  if (spec.of !== undefined) return components.find((component) => component.id === spec.of);
  let longest: FailingComponent | undefined;
  for (const component of components) {
    if (!component.failure) continue;
    if (!longest || meanCycle(component) > meanCycle(longest)) longest = component;
  }
  return longest;
}

/** MTTF + MTTR of a failing component (s). */
export function meanCycle(component: FailingComponent): number {
  return component.failure!.timeToFailure.mean + component.failure!.timeToRepair.mean;
}

/** A fault, with the id of a partition no longer optional. */
export type WithPartitionId<Fault> = Fault extends { partition: unknown } ? Fault & { id: string } : Fault;

/** Gives every partition without an id the id `partition-<index in faults>`. */
export function withPartitionIds<Fault extends object>(faults: readonly Fault[]): WithPartitionId<Fault>[] {
  return faults.map((fault, index) =>
    'partition' in fault && (fault as { id?: string }).id === undefined
      ? { ...fault, id: partitionId(index) }
      : fault,
  ) as WithPartitionId<Fault>[];
}

/** The default id of the partition at `index` in the faults. */
export function partitionId(index: number): string {
  return `partition-${index}`;
}
