import type { RandomStreams } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import type { Network } from '../net/network.js';
import type { NetworkProbe } from '../net/probe.js';
import type { AvailabilityModel, ServiceMember } from './availability-model.js';
import { ComponentState } from './component-state.js';
import { FailureProcess, type FailureSpec } from './failure-process.js';
import { type Degradation, LinkConditions } from './link-conditions.js';
import { PartitionSet } from './partitions.js';
import { RepairCrew } from './repair-crew.js';
import { ServiceState } from './service-state.js';
import { windowEnd } from './window-end.js';

/** A fault on the timeline of a scenario, times in seconds. */
export type ScriptedFault =
  | { at: number; crash: string }
  | { at: number; recover: string }
  | { at: number; cut: string }
  | { at: number; restore: string }
  | { at: number; partition: string[][]; id: string; oneWay: boolean; for?: number }
  | { at: number; heal: string }
  | ({ at: number; degrade: string; for: number } & Degradation);

/** The fault-related parts of a resolved scenario (ids already checked). */
export interface FaultPlan {
  nodes: ReadonlyArray<{ id: string; failure?: FailureSpec }>;
  links: ReadonlyArray<{ id: string; failure?: FailureSpec }>;
  repairCrews: ReadonlyArray<{ id: string; members: readonly string[] }>;
  services: ReadonlyArray<{ id: string; members: readonly string[]; needs: number }>;
  faults: readonly ScriptedFault[];
}

/** What the faults act on. */
export interface FaultEnvironment {
  simulator: Simulator;
  network: Network;
  streams: RandomStreams;
  probe: NetworkProbe;
  /** One state per node, made by the builder (it knows what a node crash does to flows). */
  nodeStates: readonly ComponentState[];
}

/** The installed fault machinery. */
export interface InstalledFaults {
  model: AvailabilityModel;
  linkStates: ComponentState[];
  services: ServiceState[];
  /**
   * Calls `done` when component `id` completes its `cycles`-th failure cycle (up, then down until
   * repaired) begun at or after `warmupSeconds` (a run length in failure cycles).
   */
  afterCycles(id: string, cycles: number, warmupSeconds: number, done: () => void): void;
}

/**
 * Wires every fault of `plan` into the model: link states (a down link is cut in both
 * directions), random failure processes of nodes and links (repaired on their own or by a
 * shared FIFO crew), replicated services watching their members, and the scripted timeline
 * (crash/recover, cut/restore, partition/heal, degradation windows). Random and scripted faults
 * compose: a component is up only when neither holds it down.
 */
export function installFaults(plan: FaultPlan, environment: FaultEnvironment): InstalledFaults {
  const { simulator, network, streams, probe, nodeStates } = environment;
  const nodeIndex = new Map(plan.nodes.map((node, index) => [node.id, index]));
  const linkIndex = new Map(plan.links.map((link, index) => [link.id, index]));
  const serviceIndex = new Map(plan.services.map((service, index) => [service.id, index]));

  const linkStates = plan.links.map(
    (_, index) =>
      new ComponentState(
        () => {
          network.cutLink(index);
          probe.linkStateChanged(index, false);
        },
        () => {
          network.restoreLink(index);
          probe.linkStateChanged(index, true);
        },
      ),
  );
  /** Position in the model's components: nodes, then links. */
  const componentOf = (id: string): number =>
    nodeIndex.has(id) ? nodeIndex.get(id)! : plan.nodes.length + linkIndex.get(id)!;
  const stateAt = (position: number): ComponentState =>
    position < plan.nodes.length ? nodeStates[position] : linkStates[position - plan.nodes.length];

  const services = plan.services.map((service) => new ServiceState(service.members.length, service.needs));
  const serviceMembers = plan.services.map((service, index) =>
    service.members.map((id): ServiceMember => {
      const member = serviceIndex.get(id);
      // A service may only use services declared before it (checked by the schema).
      if (member !== undefined && member < index) return { kind: 'service', index: member };
      return { kind: 'component', index: componentOf(id) };
    }),
  );
  services.forEach((service, index) => {
    service.watch((up) => probe.serviceStateChanged(index, up));
    for (const member of serviceMembers[index]) {
      const watched = member.kind === 'service' ? services[member.index] : stateAt(member.index);
      watched.watch((up) => service.memberChanged(up));
    }
  });

  const crewOf = new Map<number, number>();
  plan.repairCrews.forEach((crew, index) => {
    for (const id of crew.members) crewOf.set(componentOf(id), index);
  });
  const crews = plan.repairCrews.map(() => new RepairCrew(simulator));
  const failing = [
    ...plan.nodes.map((node) => ({ kind: 'node' as const, id: node.id, failure: node.failure })),
    ...plan.links.map((link) => ({ kind: 'link' as const, id: link.id, failure: link.failure })),
  ];
  failing.forEach((component, position) => {
    if (!component.failure) return;
    const crew = crewOf.get(position);
    new FailureProcess(
      simulator,
      component.failure,
      streams.stream(`${component.kind}/${component.id}/failure`),
      streams.stream(`${component.kind}/${component.id}/repair`),
      stateAt(position),
      crew === undefined ? null : crews[crew],
    ).begin();
  });

  scheduleScriptedFaults(plan, environment, {
    node: (id) => nodeStates[nodeIndex.get(id)!],
    link: (id) => linkStates[linkIndex.get(id)!],
    nodeIndex: (id) => nodeIndex.get(id)!,
    linkIndex: (id) => linkIndex.get(id)!,
  });

  const model: AvailabilityModel = {
    components: failing.map((component, position) => ({
      kind: component.kind,
      id: component.id,
      index: component.kind === 'node' ? position : position - plan.nodes.length,
      failure: component.failure
        ? {
            mttf: component.failure.timeToFailure.mean,
            mttr: component.failure.timeToRepair.mean,
            exponential:
              component.failure.timeToFailure.family === 'exponential' &&
              component.failure.timeToRepair.family === 'exponential',
          }
        : null,
      crew: crewOf.get(position) ?? null,
    })),
    crews: plan.repairCrews.map((crew) => ({ id: crew.id, members: crew.members.map(componentOf) })),
    services: plan.services.map((service, index) => ({
      id: service.id,
      members: serviceMembers[index],
      needs: service.needs,
    })),
  };

  return {
    model,
    linkStates,
    services,
    afterCycles: (id, cycles, warmupSeconds, done) => {
      // A cycle counts as the availability figures count it (src/metrics/availability-tracker.ts):
      // an up period that began at or after the warm-up, then the down period that ends it; a
      // repair closing a cycle begun before the warm-up ends no counted cycle, so a run of N
      // cycles measures N, warm-up or not. A component that starts down has no up period yet.
      const state = stateAt(componentOf(id));
      let upSince = state.isUp ? 0 : Number.NaN;
      let cycleBegan = Number.NaN;
      let completed = 0;
      state.watch((up) => {
        const now = simulator.now;
        if (!up) {
          // A period of no length closes nothing there either.
          cycleBegan = now > upSince ? upSince : Number.NaN;
          return;
        }
        upSince = now;
        if (cycleBegan >= warmupSeconds && ++completed === cycles) done();
      });
    },
  };
}

interface Lookups {
  node(id: string): ComponentState;
  link(id: string): ComponentState;
  nodeIndex(id: string): number;
  linkIndex(id: string): number;
}

function scheduleScriptedFaults(plan: FaultPlan, environment: FaultEnvironment, lookups: Lookups): void {
  const { simulator, network, probe } = environment;
  const partitions = new PartitionSet(
    plan.nodes.length,
    (rule) => network.setCrossingRule(rule),
    (id, oneWay, active) => probe.partitionChanged(id, oneWay, active),
  );
  let conditions: LinkConditions | null = null;
  for (const fault of plan.faults) {
    const at = (action: () => void) => simulator.scheduleAt(fault.at, action);
    if ('crash' in fault) at(() => lookups.node(fault.crash).hold('scripted'));
    else if ('recover' in fault) at(() => lookups.node(fault.recover).release('scripted'));
    else if ('cut' in fault) at(() => lookups.link(fault.cut).hold('scripted'));
    else if ('restore' in fault) at(() => lookups.link(fault.restore).release('scripted'));
    else if ('partition' in fault) {
      const groups = fault.partition.map((group) => group.map(lookups.nodeIndex));
      at(() => partitions.split(fault.id, groups, fault.oneWay));
      if (fault.for !== undefined) {
        simulator.scheduleAt(windowEnd(fault.at, fault.for), () => partitions.heal(fault.id));
      }
    } else if ('heal' in fault) at(() => partitions.heal(fault.heal));
    else {
      conditions ??= new LinkConditions(network, (link, degraded) =>
        probe.linkConditionChanged(link, degraded),
      );
      const link = lookups.linkIndex(fault.degrade);
      const windowConditions = conditions;
      at(() => {
        const token = windowConditions.begin(link, fault);
        simulator.scheduleAt(windowEnd(fault.at, fault.for), () => windowConditions.end(link, token));
      });
    }
  }
}

/**
 * Per service, the flows whose messages are requests to it: those addressed to one of its
 * member nodes, directly or through member services.
 */
export function flowsOfServices(
  services: FaultPlan['services'],
  flows: ReadonlyArray<{ to: string }>,
): number[][] {
  const nodesOf = new Map<string, Set<string>>();
  for (const service of services) {
    const nodes = new Set<string>();
    for (const member of service.members) {
      for (const node of nodesOf.get(member) ?? [member]) nodes.add(node);
    }
    nodesOf.set(service.id, nodes);
  }
  return services.map((service) =>
    flows.flatMap((flow, index) => (nodesOf.get(service.id)!.has(flow.to) ? [index] : [])),
  );
}
