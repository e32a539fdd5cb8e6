import { quoteValue } from '../engine/quote-value.js';
import type { FaultReferenceView } from './fault-references.js';
import { partitionId } from './fault-schema.js';
import { secondsInWords } from './time-in-words.js';
import { windowEnd } from './window-end.js';

type Path = (string | number)[];
type Faults = FaultReferenceView['faults'];
type Report = (path: Path, message: string) => void;

/**
 * Checks that every scripted fault changes something when the simulator applies it (in time
 * order, list order at one instant): crash/recover and cut/restore pair up, partitions are
 * split and healed while in force.
 */
export function checkFaultTimeline(faults: Faults, issue: Report): void {
  checkScriptedPairs(faults, issue);
  checkPartitionTimeline(faults, issue);
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
function checkScriptedPairs(faults: Faults, issue: Report): void {
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
            `${pair.what} ${quoteValue(id)} would be up for no time: this ${pair.down} is at the same instant ` +
              `as the ${pair.up} of faults[${lastUp.index}] (${secondsInWords(at)}); drop both to keep it down`,
          );
        }
        if (earlier) {
          issue(
            ['faults', index, pair.down],
            `${pair.what} ${quoteValue(id)} is already ${pair.downWord} at ${secondsInWords(at)} (by faults[${earlier.index}] at ` +
              `${secondsInWords(earlier.at)}): ${pair.up} it first`,
          );
        } else downBy.set(id, { index, at });
      } else if (pair.up in fault) {
        const id = fault[pair.up] as string;
        const crash = downBy.get(id);
        if (crash && crash.at === at) {
          issue(
            ['faults', index, pair.up],
            `${pair.what} ${quoteValue(id)} would be ${pair.downWord} for no time: this ${pair.up} is at the ` +
              `same instant as its ${pair.down} (faults[${crash.index}] at ${secondsInWords(at)})`,
          );
        }
        if (downBy.delete(id)) upAt.set(id, { index, at });
        else {
          const later = order.slice(position + 1).find((step) => step.fault[pair.down] === id);
          const when = later
            ? `it is ${pair.downWord} only later, by faults[${later.index}] at ${secondsInWords(later.at)}; faults apply in time order, list order at one instant`
            : `a ${pair.up} ends a scripted ${pair.down} only; a random failure is repaired by its own process`;
          issue(
            ['faults', index, pair.up],
            `${pair.what} ${quoteValue(id)} is not ${pair.downWord} by a scripted fault at ${secondsInWords(at)}, so this ` +
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
function checkPartitionTimeline(faults: Faults, issue: Report): void {
  const steps: ScriptStep[] = [];
  const declared = new Set<string>();
  faults.forEach((fault, index) => {
    const at = fault.at as number;
    if ('partition' in fault) {
      const id = (fault.id as string | undefined) ?? partitionId(index);
      declared.add(id);
      steps.push({ at, index, afterEntry: 0, action: 'split', id });
      // A `for` of 0 s or less has its own issue: it would end the partition as it begins.
      if (typeof fault.for === 'number' && fault.for > 0) {
        steps.push({ at: windowEnd(at, fault.for), index, afterEntry: 1, action: 'end', id });
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
          `partition ${quoteValue(id)} is already in force at ${secondsInWords(at)} (faults[${earlier.index}] from ` +
            `${secondsInWords(earlier.at)}): heal it first, or give this one another id`,
        );
      } else inForce.set(id, { index, at });
    } else if (step.action === 'end') {
      inForce.delete(id);
      ended.set(id, at);
    } else if (!declared.has(id)) {
      issue(['faults', index, 'heal'], `no partition ${quoteValue(id)} (${knownPartitions(declared)})`);
    } else if (inForce.delete(id)) {
      ended.set(id, at);
    } else {
      const why = ended.has(id) ? `it ended at ${secondsInWords(ended.get(id)!)}` : 'it is split only later';
      issue(
        ['faults', index, 'heal'],
        `partition ${quoteValue(id)} is not in force at ${secondsInWords(at)} (${why}; faults apply in time order), so ` +
          'this heal would do nothing',
      );
    }
  }
}

/** The partitions a heal may name (their ids, a default one for a partition without). */
function knownPartitions(declared: ReadonlySet<string>): string {
  return declared.size > 0 ? `partitions: ${[...declared].join(', ')}` : 'there is no partition to heal';
}
