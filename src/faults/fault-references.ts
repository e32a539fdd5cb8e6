import type { z } from 'zod';
import { listIds, quoteValue } from '../engine/quote-value.js';
import { checkFaultsWithinRun } from './fault-horizon.js';
import type { CyclesSpec } from './fault-schema.js';
import { checkFaultTimeline } from './fault-timeline.js';

/** The parts of a scenario (before its final transform) the fault references live in. */
export interface FaultReferenceView {
  duration?: number | CyclesSpec;
  warmup: number | CyclesSpec;
  nodes: ReadonlyArray<{ id: string; failure?: unknown }>;
  links: ReadonlyArray<{ id?: string; between: [string, string]; failure?: unknown }>;
  faults: ReadonlyArray<Record<string, unknown>>;
  services: ReadonlyArray<{ id: string; members: readonly string[]; needs?: number }>;
  repairCrews: ReadonlyArray<{ id: string; members: readonly string[] }>;
}

type Path = (string | number)[];

/**
 * Checks what faults, services, repair crews and cycle counts refer to: nodes, links,
 * partitions and services exist, every id names one thing, a crew's members fail at random and
 * belong to one crew, a service needs no more members than it has, cycles are counted on a
 * component that fails, and no scripted fault comes after the end of a run with a duration.
 */
export function checkFaultReferences(scenario: FaultReferenceView, ctx: z.RefinementCtx): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const nodes = new Map(scenario.nodes.map((node) => [node.id, node]));
  const links = new Map(
    scenario.links.map((link) => [link.id ?? `${link.between[0]}-${link.between[1]}`, link]),
  );
  const failing = (id: string) => Boolean(nodes.get(id)?.failure ?? links.get(id)?.failure);
  // A generated topology can have thousands of nodes, an id thousands of characters: see listIds.
  const listed = listIds(nodes.keys());
  const node = (id: unknown, path: Path) => {
    if (!nodes.has(id as string)) issue(path, `unknown node ${quoteValue(String(id))} (nodes: ${listed})`);
  };
  const link = (id: unknown, path: Path) => {
    if (!links.has(id as string))
      issue(path, `unknown link ${quoteValue(String(id))} (links: ${listIds(links.keys())})`);
  };

  scenario.faults.forEach((fault, index) => {
    const path = (key: string): Path => ['faults', index, key];
    if ('crash' in fault) node(fault.crash, path('crash'));
    if ('recover' in fault) node(fault.recover, path('recover'));
    if ('cut' in fault) link(fault.cut, path('cut'));
    if ('restore' in fault) link(fault.restore, path('restore'));
    if ('degrade' in fault) link(fault.degrade, path('degrade'));
    if ('partition' in fault) {
      const seen = new Set<string>();
      (fault.partition as string[][]).forEach((group, groupIndex) => {
        group.forEach((id, memberIndex) => {
          const memberPath = ['faults', index, 'partition', groupIndex, memberIndex];
          node(id, memberPath);
          if (seen.has(id))
            issue(memberPath, `node ${quoteValue(String(id))} is in two groups of the partition`);
          seen.add(id);
        });
      });
    }
  });

  checkFaultTimeline(scenario.faults, issue);
  // A duration the schema refused (0 s passes the type check) is no end to measure faults against.
  if (!ctx.issues.some((other) => other.path?.[0] === 'duration')) {
    checkFaultsWithinRun(scenario.faults, scenario.duration, issue);
  }

  const services = new Set<string>();
  scenario.services.forEach((service, index) => {
    const path: Path = ['services', index];
    if (nodes.has(service.id) || links.has(service.id) || services.has(service.id)) {
      issue(
        [...path, 'id'],
        `service id ${quoteValue(service.id)} is already the id of a node, link or service`,
      );
    }
    const listed = new Set<string>();
    service.members.forEach((member, memberIndex) => {
      const known = nodes.has(member) || links.has(member) || services.has(member);
      if (!known) {
        issue(
          [...path, 'members', memberIndex],
          `unknown member ${quoteValue(member)} (a node, a link or a service declared before this one)`,
        );
      }
      if (nodes.has(member) && links.has(member)) {
        issue([...path, 'members', memberIndex], `${quoteValue(member)} is both a node and a link id`);
      }
      if (listed.has(member))
        issue([...path, 'members', memberIndex], `${quoteValue(member)} is listed twice`);
      listed.add(member);
    });
    if (service.needs !== undefined && service.needs > service.members.length) {
      issue([...path, 'needs'], `needs ${service.needs} members up but has only ${service.members.length}`);
    }
    services.add(service.id);
  });

  const crewOf = new Map<string, string>();
  scenario.repairCrews.forEach((crew, index) => {
    crew.members.forEach((member, memberIndex) => {
      const path: Path = ['repairCrews', index, 'members', memberIndex];
      if (!nodes.has(member) && !links.has(member)) issue(path, `unknown node or link ${quoteValue(member)}`);
      else if (!failing(member)) issue(path, `${quoteValue(member)} has no failure process to repair`);
      const other = crewOf.get(member);
      if (other !== undefined)
        issue(path, `${quoteValue(member)} is already repaired by crew ${quoteValue(other)}`);
      crewOf.set(member, crew.id);
    });
  });

  for (const key of ['duration', 'warmup'] as const) {
    const spec = scenario[key];
    if (typeof spec !== 'object') continue;
    if (spec.of !== undefined && !failing(spec.of)) {
      issue([key, 'of'], `${quoteValue(spec.of)} is not a node or link with a failure process`);
    } else if (spec.of === undefined && ![...nodes.keys(), ...links.keys()].some(failing)) {
      issue([key], 'cycles are counted on a node or link with a failure process; there is none');
    }
  }
}
