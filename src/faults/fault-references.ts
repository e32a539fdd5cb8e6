import type { z } from 'zod';
import { type CyclesSpec, partitionId } from './fault-schema.js';

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
 * belong to one crew, a service needs no more members than it has, and cycles are counted on a
 * component that fails.
 */
export function checkFaultReferences(scenario: FaultReferenceView, ctx: z.RefinementCtx): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const nodes = new Map(scenario.nodes.map((node) => [node.id, node]));
  const links = new Map(
    scenario.links.map((link) => [link.id ?? `${link.between[0]}-${link.between[1]}`, link]),
  );
  const failing = (id: string) => Boolean(nodes.get(id)?.failure ?? links.get(id)?.failure);
  // A generated topology can have thousands of nodes: name the first few.
  const listed =
    [...nodes.keys()].slice(0, 12).join(', ') + (nodes.size > 12 ? `, ... (${nodes.size} in all)` : '');
  const node = (id: unknown, path: Path) => {
    if (!nodes.has(id as string)) issue(path, `unknown node '${id}' (nodes: ${listed})`);
  };
  const link = (id: unknown, path: Path) => {
    if (!links.has(id as string))
      issue(path, `unknown link '${id}' (links: ${[...links.keys()].join(', ')})`);
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
          if (seen.has(id)) issue(memberPath, `node '${id}' is in two groups of the partition`);
          seen.add(id);
        });
      });
    }
  });

  checkScriptedPairs(scenario.faults, issue);
  checkPartitionTimeline(scenario.faults, issue);

  const services = new Set<string>();
  scenario.services.forEach((service, index) => {
    const path: Path = ['services', index];
    if (nodes.has(service.id) || links.has(service.id) || services.has(service.id)) {
      issue([...path, 'id'], `service id '${service.id}' is already the id of a node, link or service`);
    }
    const listed = new Set<string>();
    service.members.forEach((member, memberIndex) => {
      const known = nodes.has(member) || links.has(member) || services.has(member);
      if (!known) {
        issue(
          [...path, 'members', memberIndex],
          `unknown member '${member}' (a node, a link or a service declared before this one)`,
        );
      }
      if (nodes.has(member) && links.has(member)) {
        issue([...path, 'members', memberIndex], `'${member}' is both a node and a link id`);
      }
      if (listed.has(member)) issue([...path, 'members', memberIndex], `'${member}' is listed twice`);
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
      if (!nodes.has(member) && !links.has(member)) issue(path, `unknown node or link '${member}'`);
      else if (!failing(member)) issue(path, `'${member}' has no failure process to repair`);
      const other = crewOf.get(member);
      if (other !== undefined) issue(path, `'${member}' is already repaired by crew '${other}'`);
      crewOf.set(member, crew.id);
    });
  });

  for (const key of ['duration', 'warmup'] as const) {
    const spec = scenario[key];
    if (typeof spec !== 'object') continue;
    if (spec.of !== undefined && !failing(spec.of)) {
      issue([key, 'of'], `'${spec.of}' is not a node or link with a failure process`);
    } else if (spec.of === undefined && ![...nodes.keys(), ...links.keys()].some(failing)) {
      issue([key], 'cycles are counted on a node or link with a failure process; there is none');
    }
  }
}

const SCRIPTED_PAIRS = [
  { down: 'crash', up: 'recover', what: 'node', downWord: 'crashed' },
  { down: 'cut', up: 'restore', what: 'link', downWord: 'cut' },
] as const;

/**
 * A scripted recover (restore) only ends a scripted crash (cut): one without a crash in effect,
 * or a second crash of a component already crashed, would do nothing, which is never what its
 * author meant. Faults take effect in time order, and in list order at one instant.
 */
function checkScriptedPairs(
  faults: FaultReferenceView['faults'],
  issue: (path: Path, message: string) => void,
): void {
  const order = faults
    .map((fault, index) => ({ fault, index, at: fault.at as number }))
    .sort((a, b) => a.at - b.at || a.index - b.index);
  for (const pair of SCRIPTED_PAIRS) {
    const downBy = new Map<string, { index: number; at: number }>();
    const upAt = new Map<string, { index: number; at: number }>();
    order.forEach(({ fault, index, at }, position) => {
      if (pair.down in fault) {
        const id = fault[pair.down] as string;
        const earlier = downBy.get(id);
        const lastUp = upAt.get(id);
        if (!earlier && lastUp?.at === at) {
          issue(
            ['faults', index, pair.down],
            `${pair.what} '${id}' would be up for no time: this ${pair.down} is at the same instant ` +
              `as the ${pair.up} of faults[${lastUp.index}] (${at} s); drop both to keep it down`,
          );
        }
        if (earlier) {
          issue(
            ['faults', index, pair.down],
            `${pair.what} '${id}' is already ${pair.downWord} at ${at} s (by faults[${earlier.index}] at ` +
              `${earlier.at} s): ${pair.up} it first`,
          );
        } else downBy.set(id, { index, at });
      } else if (pair.up in fault) {
        const id = fault[pair.up] as string;
        const crash = downBy.get(id);
        if (crash && crash.at === at) {
          issue(
            ['faults', index, pair.up],
            `${pair.what} '${id}' would be ${pair.downWord} for no time: this ${pair.up} is at the ` +
              `same instant as its ${pair.down} (faults[${crash.index}] at ${at} s)`,
          );
        }
        if (downBy.delete(id)) upAt.set(id, { index, at });
        else {
          const later = order.slice(position + 1).find((step) => step.fault[pair.down] === id);
          const when = later
            ? `it is ${pair.downWord} only later, by faults[${later.index}] at ${later.at} s; faults apply in time order, list order at one instant`
            : `a ${pair.up} ends a scripted ${pair.down} only; a random failure is repaired by its own process`;
          issue(
            ['faults', index, pair.up],
            `${pair.what} '${id}' is not ${pair.downWord} by a scripted fault at ${at} s, so this ` +
              `${pair.up} would do nothing (${when}): put a '${pair.down}: ${id}' before it`,
          );
        }
      }
    });
  }
}

/** A moment of the fault script, in the order the simulator applies it. */
interface ScriptStep {
  at: number;
  /** Position in the list: faults at one instant take effect in list order... */
  index: number;
  /** ...and a partition's own end (`for`) right after the partition, before later entries. */
  afterEntry: 0 | 1;
  action: 'split' | 'end' | 'heal';
  id: string;
}

/**
 * A partition id names one partition in force at a time, and a `heal` ends one in force: a
 * heal of a partition not in force (not split yet, healed already, ended by its `for`) would do
 * nothing, and a second split under an id in force would silently replace the first.
 */
function checkPartitionTimeline(
  faults: FaultReferenceView['faults'],
  issue: (path: Path, message: string) => void,
): void {
  const steps: ScriptStep[] = [];
  const declared = new Set<string>();
  faults.forEach((fault, index) => {
    const at = fault.at as number;
    if ('partition' in fault) {
      const id = (fault.id as string | undefined) ?? partitionId(index);
      declared.add(id);
      steps.push({ at, index, afterEntry: 0, action: 'split', id });
      if (typeof fault.for === 'number') {
        steps.push({ at: at + fault.for, index, afterEntry: 1, action: 'end', id });
      }
    } else if ('heal' in fault) {
      steps.push({ at, index, afterEntry: 0, action: 'heal', id: fault.heal as string });
    }
  });
  steps.sort((a, b) => a.at - b.at || a.index - b.index || a.afterEntry - b.afterEntry);
  const inForce = new Map<string, { index: number; at: number }>();
  const ended = new Map<string, number>();
  for (const step of steps) {
    const { id, index, at } = step;
    if (step.action === 'split') {
      const earlier = inForce.get(id);
      if (earlier) {
        issue(
          ['faults', index, faults[index].id === undefined ? 'partition' : 'id'],
          `partition '${id}' is already in force at ${at} s (faults[${earlier.index}] from ` +
            `${earlier.at} s): heal it first, or give this one another id`,
        );
      } else inForce.set(id, { index, at });
    } else if (step.action === 'end') {
      inForce.delete(id);
      ended.set(id, at);
    } else if (!declared.has(id)) {
      issue(['faults', index, 'heal'], `no partition '${id}' (give the partition an id)`);
    } else if (inForce.delete(id)) {
      ended.set(id, at);
    } else {
      const why = ended.has(id) ? `it ended at ${ended.get(id)} s` : 'it is split only later';
      issue(
        ['faults', index, 'heal'],
        `partition '${id}' is not in force at ${at} s (${why}; faults apply in time order), so ` +
          'this heal would do nothing',
      );
    }
  }
}
