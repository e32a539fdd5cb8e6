import type { FaultReferenceView } from './fault-references.js';
import { secondsInWords } from './time-in-words.js';

type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

/** The keys that name what a scripted fault does, as the schema's forms spell them. */
const ACTIONS = ['crash', 'recover', 'cut', 'restore', 'partition', 'heal', 'degrade'] as const;

/**
 * A scripted fault after the end of a run with a duration would never happen: the run stops
 * before its time comes, and the results would not show it. A fault at the duration itself
 * still takes effect (events at the stop time run). A run that ends when its flows finish, or
 * after a count of failure cycles, has no end known before it runs: nothing to check then.
 */
export function checkFaultsWithinRun(
  faults: FaultReferenceView['faults'],
  duration: FaultReferenceView['duration'],
  issue: Report,
): void {
  if (typeof duration !== 'number') return;
  faults.forEach((fault, index) => {
    const at = fault.at;
    if (typeof at !== 'number' || !(at > duration)) return;
    const action = ACTIONS.find((key) => key in fault) ?? 'fault';
    issue(
      ['faults', index, 'at'],
      `this ${action} at ${secondsInWords(at)} is after the end of the run (duration ${secondsInWords(duration)}), so it would ` +
        `never happen: expected a time of at most ${secondsInWords(duration)} (move it, lengthen the duration, or drop it)`,
    );
  });
}
