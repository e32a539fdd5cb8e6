import { z } from 'zod';
import type { Distribution } from '../engine/distributions.js';
import {
  distributionSchema,
  positiveQuantitySchema,
  quantitySchema,
  resultKeySchema,
} from '../engine/schemas.js';
import type { QuantityBounds } from '../engine/units.js';
import { checkFaultReferences } from '../faults/fault-references.js';
import { createFaultSchemas, cycleComponent, meanCycle, withPartitionIds } from '../faults/fault-schema.js';
import { checkBrokerReferences } from '../messaging/broker-references.js';
import { createBrokerSchemas } from '../messaging/broker-schema.js';
import { createPatternSchema } from '../messaging/pattern-schema.js';
import { lossModelSchema } from '../net/loss/loss-schema.js';
import { linkBufferSchema } from '../net/queue/buffer-schema.js';
import type { TopologyConfigBase } from '../net/topology/topology.js';
import { perDirectionProbabilitySchema } from '../net/wire-impairment-schema.js';
import type { TransportConfigBase } from '../transport/transport.js';
import { addressOf, BROADCAST_ALL, checkGroups, checkPattern } from './addressing.js';
import { expandTopologies, hasTopologyIssues, type TopologyExpansion } from './expand-topologies.js';
import { OUTPUT_NAME, outputNameProblem } from './output-name.js';
import { listIds, quoteValue } from './quote-option.js';
import { referencesReadable } from './reference-readiness.js';
import type { Registries } from './registries.js';
import { workloadSchema } from './workload-schema.js';

const ID = /^[A-Za-z0-9_][A-Za-z0-9_.:-]*$/;
const idSchema = resultKeySchema(ID, 'expected an id of letters, digits, _ . : - (no spaces)', 'id');

/**
 * The reader of a schema that reads no files: a scenario naming one (a trace) is validated
 * without a file system. @throws Error saying where such files can be read.
 */
export function readNoFiles(name: string): string {
  throw new Error(`files such as ${quoteValue(name)} are read only when a scenario is loaded from a file`);
}

/**
 * Builds the one scenario schema from the registries. It validates scenario files, is the
 * source of the `ScenarioInput`/`Scenario` types and of the published JSON Schema; its
 * transforms turn quantities into SI numbers and distributions into ready objects, and read
 * the files a scenario names (trace files) through `readFile` (by name as written; the loader
 * resolves it relative to the scenario file).
 */
export function createScenarioSchema(
  registries: Registries,
  readFile: (name: string) => string = readNoFiles,
) {
  const time = () => quantitySchema('time');
  const timeDistribution = (bounds?: QuantityBounds) =>
    distributionSchema('time', registries.distributions, bounds);
  const sizeDistribution = () => distributionSchema('size', registries.distributions);
  // One instance under an id: the published JSON Schema refers to it instead of repeating it.
  const lossModel = lossModelSchema(registries.lossModels);
  const linkBuffer = linkBufferSchema(registries.queueDisciplines);

  const failureSchema = z
    .union([
      z.strictObject({
        mttf: positiveQuantitySchema('time').meta({ description: 'mean time to failure (exponential)' }),
        mttr: positiveQuantitySchema('time').meta({ description: 'mean time to repair (exponential)' }),
        initially: z.enum(['up', 'down']).default('up'),
      }),
      // Failures every 0 s on average would fail and repair at one instant forever.
      z.strictObject({
        ttf: timeDistribution({ positive: true }).meta({ description: 'time to failure' }),
        ttr: timeDistribution({ positive: true }).meta({ description: 'time to repair' }),
        initially: z.enum(['up', 'down']).default('up'),
      }),
    ])
    .transform(
      (failure): { timeToFailure: Distribution; timeToRepair: Distribution; initiallyUp: boolean } => {
        if ('mttf' in failure) {
          const exponential = registries.distributions.get('exponential');
          return {
            timeToFailure: exponential.create({ mean: failure.mttf }),
            timeToRepair: exponential.create({ mean: failure.mttr }),
            initiallyUp: failure.initially === 'up',
          };
        }
        return {
          timeToFailure: failure.ttf,
          timeToRepair: failure.ttr,
          initiallyUp: failure.initially === 'up',
        };
      },
    )
    .meta({ description: '{ mttf, mttr } (exponential) or { ttf, ttr } with any distributions' });
  const faultSchemas = createFaultSchemas({ id: idSchema, timeDistribution });
  const brokerSchemas = createBrokerSchemas(idSchema, registries);

  const nodeSchema = z.strictObject({
    id: idSchema,
    processing: timeDistribution()
      .prefault(0)
      .meta({ description: 'processing time per arriving message (t_proc)' }),
    servers: z.number().int().min(1).default(1).meta({ description: 'messages processed in parallel' }),
    queue: z.number().int().min(0).optional().meta({
      description: 'messages that may wait for processing (excluding those in service); default unbounded',
    }),
    failure: failureSchema.optional(),
    persistent: z
      .boolean()
      .default(false)
      .meta({ description: 'protocol state survives a crash (otherwise it is reset on recovery)' }),
  });

  // A link's settings; topology builders copy them onto the links they generate.
  const linkSettings = {
    bandwidth: positiveQuantitySchema('bandwidth'),
    delay: timeDistribution()
      .prefault(0)
      .meta({ description: 'one-way propagation; a distribution adds jitter' }),
    loss: z
      .union([
        lossModel.transform((model) => ({ forward: model, reverse: model })),
        z.strictObject({ forward: lossModel.prefault(0), reverse: lossModel.prefault(0) }),
      ])
      .prefault(0)
      .meta({
        description:
          'loss per packet: a probability (Bernoulli) or { model: ' +
          `${registries.lossModels.ids().join(' | ')}, ... }, the same for both directions; ` +
          'or { forward, reverse } each of these (forward is from the first node of `between` to the second)',
      }),
    duplicate: perDirectionProbabilitySchema(
      'probability that the wire delivers a packet twice (the copy right after it)',
    ),
    corrupt: perDirectionProbabilitySchema(
      'probability that a packet arrives corrupted and is discarded by the receiving node (lost.corrupted)',
    ),
    buffer: linkBuffer.optional().meta({
      description:
        'buffer of each direction: packets (100) or bytes (64KiB) that may wait behind the one in ' +
        `transmission, drop-tail; or { discipline: ${registries.queueDisciplines.ids().join(' | ')}, ... }; ` +
        'default unbounded drop-tail',
    }),
    reorder: z
      .boolean()
      .default(false)
      .meta({
        description:
          'jitter may reorder packets: each arrives after its own delay draw, even before an earlier one ' +
          '(default false: a packet is held behind its predecessor)',
      }),
  };
  const linkSchema = z.strictObject({
    id: idSchema.optional(),
    between: z.tuple([idSchema, idSchema]),
    ...linkSettings,
    failure: failureSchema.optional().meta({ description: 'random failures of the link (both directions)' }),
  });
  const linkSettingsSchema = z.strictObject(linkSettings).meta({ id: 'LinkSettings' });

  const builders = registries.topologies
    .all()
    .map((builder) =>
      builder
        .schema({ nodeId: idSchema, link: linkSettingsSchema })
        .meta({ description: builder.description }),
    );
  const topologySchema = z
    .discriminatedUnion('kind', builders as unknown as [z.ZodObject, ...z.ZodObject[]])
    .meta({
      description: `generated nodes and links: { kind: ${registries.topologies.ids().join(' | ')}, ... }`,
    }) as unknown as z.ZodType<TopologyConfigBase, TopologyConfigBase & Record<string, unknown>>;
  const expansion: TopologyExpansion<z.output<typeof nodeSchema>, z.output<typeof linkSchema>> = {
    builders: registries.topologies,
    defaultNode: (id) => nodeSchema.parse({ id }),
    // The settings are what linkSettingsSchema produced for the builder's parameter.
    generatedLink: (between, settings) => ({ ...(settings as z.output<typeof linkSettingsSchema>), between }),
  };

  const transports = registries.transports.all().map((transport) => transport.schema(registries));
  const transportSchema = z
    .discriminatedUnion('protocol', transports as unknown as [z.ZodObject, ...z.ZodObject[]])
    .meta({ description: `transport strategy: ${registries.transports.ids().join(' | ')}` });

  const flowSchema = z
    .strictObject({
      id: idSchema.optional(),
      from: idSchema,
      to: z
        .union([
          idSchema,
          z.strictObject({
            broadcast: idSchema.meta({
              description: `'${BROADCAST_ALL}' (every other node) or a group's id`,
            }),
          }),
        ])
        .meta({ description: `a node id, or { broadcast: ${BROADCAST_ALL} | <group id> }` }),
      transport: transportSchema.prefault({ protocol: 'datagram' }),
      workload: workloadSchema(registries, { readFile }),
      pattern: createPatternSchema({ timeDistribution, sizeDistribution }).optional(),
      publish: brokerSchemas.publish.optional(),
    })
    .superRefine((flow, ctx) =>
      checkPattern(
        flow,
        ctx,
        (arrivals) => registries.arrivals.has(arrivals) && registries.arrivals.get(arrivals).allAtOnce,
      ),
    );

  const faultSchema = faultSchemas.fault;

  return z
    .strictObject({
      name: z
        .string()
        // The message says why a name of allowed characters is refused (`..`, `-x`).
        .regex(OUTPUT_NAME, { error: (issue) => outputNameProblem(issue.input) })
        .max(100, 'expected a name of at most 100 characters (it names the output folder)'),
      description: z.string().default(''),
      seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
      duration: z
        .union([positiveQuantitySchema('time'), faultSchemas.cycles])
        .optional()
        .meta({
          description:
            'stop time, or { cycles, of }: stop at the cycles-th repair of `of` after the warm-up; ' +
            'otherwise the run ends when all flows finish',
        }),
      warmup: z.union([time(), faultSchemas.cycles]).default(0).meta({
        description:
          'excluded from measured intervals; or { cycles, of }: that many mean cycles (MTTF + MTTR) of `of`',
      }),
      routing: z
        .strictObject({
          metric: z.enum(['delay', 'hops']).default('delay'),
          dynamic: z
            .boolean()
            .default(false)
            .meta({ description: 'recompute routes around down links and nodes when the topology changes' }),
        })
        .default({ metric: 'delay', dynamic: false }),
      topologies: z
        .array(topologySchema)
        .default([])
        .meta({ description: 'topology builders, each expanded into plain nodes and links' }),
      nodes: z
        .array(nodeSchema)
        .default([])
        .meta({ description: 'nodes; an entry may also give properties to a node a topology generates' }),
      links: z.array(linkSchema).default([]),
      groups: z
        .array(
          z.strictObject({
            id: idSchema,
            members: z.array(idSchema).min(1).meta({ description: 'node ids' }),
          }),
        )
        .default([])
        .meta({ description: 'named groups of nodes, for flows to { broadcast: <group id> }' }),
      flows: z.array(flowSchema).default([]),
      faults: z.array(faultSchema).default([]),
      services: z
        .array(faultSchemas.service)
        .default([])
        .meta({ description: 'replicated services: up while at least `needs` of their members are up' }),
      repairCrews: z
        .array(faultSchemas.repairCrew)
        .default([])
        .meta({ description: 'shared repair crews: their members are repaired one at a time' }),
      brokers: z
        .array(brokerSchemas.broker)
        .default([])
        .meta({ description: 'message brokers: queues, exchanges, partitioned topics and their consumers' }),
    })
    .superRefine(
      (scenario, ctx) => {
        // Expanded here and again in the transform (which runs only when there is no issue), so
        // that reference issues are reported beside other refinement issues, as before topologies.
        // Not while a topology item has issues: its nodes are unknown, it may be too large to build.
        if (hasTopologyIssues(ctx)) return;
        const expanded = { ...scenario, ...expandTopologies(scenario, expansion, ctx) };
        const reachable = reachabilityOf(expanded.links);
        checkReferences(expanded, reachable, ctx);
        checkFaultReferences(expanded, ctx);
        checkBrokerReferences(expanded, registries, reachable, ctx);
      },
      { when: referencesReadable },
    )
    .transform(({ topologies, ...scenario }, ctx) => {
      const { nodes, links: expandedLinks } = expandTopologies({ topologies, ...scenario }, expansion, ctx);
      const links = expandedLinks.map((link) => ({
        ...link,
        id: link.id ?? `${link.between[0]}-${link.between[1]}`,
      }));
      // Cycle counts refer to a failing component (checked above); a warm-up in cycles is that
      // many mean cycles, since the measured interval must be known before the run starts.
      const { duration, warmup } = scenario;
      const components = [...nodes, ...links];
      return {
        ...scenario,
        duration: typeof duration === 'number' ? duration : undefined,
        runCycles:
          typeof duration === 'object'
            ? { cycles: duration.cycles, of: cycleComponent(duration, components)!.id }
            : undefined,
        warmup:
          typeof warmup === 'number'
            ? warmup
            : warmup.cycles * meanCycle(cycleComponent(warmup, components)!),
        faults: withPartitionIds(scenario.faults),
        nodes,
        links,
        flows: scenario.flows.map((flow, index) => ({
          ...flow,
          id: flow.id ?? `flow-${index}`,
          ...addressOf(flow, nodes, scenario.groups),
          transport: flow.transport as TransportConfigBase & Record<string, unknown>,
        })),
      };
    });
}

interface ReferenceView {
  /** A time, or a count of failure cycles (checked by checkFaultReferences). */
  duration?: number | object;
  warmup: number | object;
  nodes: Array<{ id: string; failure?: unknown }>;
  links: Array<{ id?: string; between: [string, string] }>;
  groups: Array<{ id: string; members: string[] }>;
  flows: Array<{
    id?: string;
    from: string;
    to: string | { broadcast: string };
    workload: { messages?: number; stop?: number };
  }>;
}

/** Cross-references the schema alone cannot check: ids exist and are unique, the run can end. */
function checkReferences(scenario: ReferenceView, reachable: Reachability, ctx: z.RefinementCtx): void {
  const nodeIds = new Set<string>();
  scenario.nodes.forEach((node, index) => {
    if (nodeIds.has(node.id))
      ctx.addIssue({
        code: 'custom',
        path: ['nodes', index, 'id'],
        message: `duplicate node id ${quoteValue(node.id)}`,
      });
    nodeIds.add(node.id);
  });
  // A generated topology can have thousands of nodes, an id thousands of characters: name the
  // first few, each shortened.
  const known = listIds(nodeIds);
  const checkNode = (id: string, path: (string | number)[]) => {
    if (!nodeIds.has(id))
      ctx.addIssue({ code: 'custom', path, message: `unknown node ${quoteValue(id)} (nodes: ${known})` });
  };
  const linkIds = new Set<string>();
  scenario.links.forEach((link, index) => {
    checkNode(link.between[0], ['links', index, 'between', 0]);
    checkNode(link.between[1], ['links', index, 'between', 1]);
    if (link.between[0] === link.between[1]) {
      ctx.addIssue({
        code: 'custom',
        path: ['links', index, 'between'],
        message: 'a link joins two different nodes',
      });
    }
    const id = link.id ?? `${link.between[0]}-${link.between[1]}`;
    if (linkIds.has(id)) {
      // At the id that clashes, as for nodes; a link without one clashes by its default id.
      const path = link.id === undefined ? ['links', index, 'between'] : ['links', index, 'id'];
      const implicit = link.id === undefined ? ' (a link without an id is named after its between)' : '';
      ctx.addIssue({ code: 'custom', path, message: `duplicate link id ${quoteValue(id)}${implicit}` });
    }
    linkIds.add(id);
  });
  const flowIds = new Set<string>();
  const checkBroadcast = checkGroups(scenario.groups, ctx, { nodeIds, checkNode, reachable });
  scenario.flows.forEach((flow, index) => {
    checkNode(flow.from, ['flows', index, 'from']);
    if (typeof flow.to === 'string') {
      checkNode(flow.to, ['flows', index, 'to']);
      if (
        nodeIds.has(flow.from) &&
        nodeIds.has(flow.to) &&
        flow.from !== flow.to &&
        !reachable(flow.from, flow.to)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['flows', index, 'to'],
          message: `no path from ${quoteValue(flow.from)} to ${quoteValue(flow.to)}: no chain of links joins them`,
        });
      }
      if (flow.from === flow.to)
        ctx.addIssue({
          code: 'custom',
          path: ['flows', index, 'to'],
          message: 'a flow needs two different nodes',
        });
    } else {
      checkBroadcast(flow.from, flow.to.broadcast, ['flows', index, 'to', 'broadcast']);
    }
    const id = flow.id ?? `flow-${index}`;
    if (flowIds.has(id))
      ctx.addIssue({
        code: 'custom',
        path: ['flows', index, 'id'],
        message: `duplicate flow id ${quoteValue(id)}`,
      });
    flowIds.add(id);
    if (
      scenario.duration === undefined &&
      flow.workload.messages === undefined &&
      flow.workload.stop === undefined
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['flows', index, 'workload', 'messages'],
        message:
          'this flow never ends: give it a message count or a stop time, or give the scenario a duration',
      });
    }
  });
  if (scenario.duration === undefined && scenario.flows.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['duration'],
      message: 'nothing ends this run: give a duration or at least one flow',
    });
  }
  if (
    typeof scenario.duration === 'number' &&
    typeof scenario.warmup === 'number' &&
    // A duration of 0 or less has its own issue; comparing the warm-up with it adds only noise.
    scenario.duration > 0 &&
    scenario.warmup >= scenario.duration
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['warmup'],
      message: `warmup (${scenario.warmup} s) must be shorter than duration (${scenario.duration} s)`,
    });
  }
}

/** Whether a chain of links joins two nodes. */
type Reachability = (from: string, to: string) => boolean;

/**
 * Reachability over the static topology: links that fail (and routes recomputed around them)
 * may cut a path for a while, but a node no link chain joins can never be reached.
 */
function reachabilityOf(links: ReadonlyArray<{ between: [string, string] }>): Reachability {
  const component = connectedComponents(links);
  return (from, to) => (component.get(from) ?? from) === (component.get(to) ?? to);
}

/** Maps each linked node to a representative of its connected component (union–find). */
function connectedComponents(links: ReadonlyArray<{ between: [string, string] }>): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (node: string): string => {
    let root = node;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(node, root);
    return root;
  };
  for (const { between } of links) {
    if (!parent.has(between[0])) parent.set(between[0], between[0]);
    if (!parent.has(between[1])) parent.set(between[1], between[1]);
    const a = find(between[0]);
    const b = find(between[1]);
    // The smaller id becomes the root, so components are named the same on every run.
    const [root, child] = a < b ? [a, b] : [b, a];
    if (root !== child) parent.set(child, root);
  }
  const roots = new Map<string, string>();
  for (const node of parent.keys()) roots.set(node, find(node));
  return roots;
}

/** The resolved scenario: SI numbers and ready distributions. */
export type Scenario = z.output<ReturnType<typeof createScenarioSchema>>;
/** What a user writes in a scenario file. */
export type ScenarioInput = z.input<ReturnType<typeof createScenarioSchema>>;
export type NodeConfig = Scenario['nodes'][number];
export type LinkConfig = Scenario['links'][number];
export type FlowConfig = Scenario['flows'][number];
export type FaultConfig = Scenario['faults'][number];
