/** What the reports of a sweep say about its closed-form predictions. */
import type { MeasureKey } from '../metrics/compare.js';
import type { NoTheoryGroup, Sweep, SweepPoint } from '../metrics/sweep.js';
import { noTheoryLines } from './no-theory.js';

/** Points named in one phrase of why they have no prediction; the rest are counted. */
const NAMED_POINTS = 3;

/** Groups of points given their own phrase; the points of the rest are counted. */
const NAMED_GROUPS = 4;

/** The measures, in the sweep's order, that have a prediction at some point. */
export function sweepTheoryMeasures(sweep: Sweep): MeasureKey[] {
  return sweep.measures.filter((key) => sweep.points.some((point) => point.theory[key] !== undefined));
}

/** The distinct predictions (model and formula) of measure `key` over `points`, in point order; of every measure without a key. */
export function theoryFormulas(
  points: readonly SweepPoint[],
  key?: MeasureKey,
): Array<{ model: string; formula: string }> {
  const seen = new Map<string, { model: string; formula: string }>();
  for (const point of points) {
    const theories = key === undefined ? Object.values(point.theory) : [point.theory[key]];
    for (const theory of theories) {
      if (theory === undefined) continue;
      const id = `${theory.model}\u0000${theory.formula}`;
      if (!seen.has(id)) seen.set(id, { model: theory.model, formula: theory.formula });
    }
  }
  return [...seen.values()];
}

/**
 * `text` in lines of at most `width` characters where it can be, broken after `; ` or else at a
 * space (only at a space without `atSemicolons`), later lines indented by `indent`.
 */
export function wrapText(text: string, width: number, indent = '  ', atSemicolons = true): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const room = rest.slice(0, width + 1);
    const at = (atSemicolons && Math.max(room.lastIndexOf('; ') + 1, 0)) || room.lastIndexOf(' ');
    if (at <= indent.length) break;
    lines.push(rest.slice(0, at).trimEnd());
    rest = `${indent}${rest.slice(at).trimStart()}`;
  }
  lines.push(rest);
  return lines;
}

/**
 * Why the points labelled `described` have no prediction, from the sweep's `noTheory` groups
 * (only their points among `described`): a phrase per group, `at` naming its points (the first
 * three, then "and N more points"; null when one group holds every point of the sweep) and
 * `reasons` its flows' noTheoryLines, joined by "; ". After four groups, `rest` counts the
 * points of the others (0 when none). Empty when no described point names a flow without one.
 */
export function noTheoryPhrases(
  sweep: Sweep,
  described: readonly string[],
): { phrases: Array<{ at: string | null; reasons: string }>; rest: number } {
  const wanted = new Set(described);
  const groups = sweep.noTheory
    .map((group): NoTheoryGroup => ({ ...group, points: group.points.filter((label) => wanted.has(label)) }))
    .filter((group) => group.points.length > 0);
  const everyPoint = groups.length === 1 && groups[0].points.length === sweep.points.length;
  const phrases = groups.slice(0, NAMED_GROUPS).map(({ points, flows }) => ({
    at: everyPoint ? null : pointNames(points),
    reasons: noTheoryLines(flows).join('; '),
  }));
  const rest = groups.slice(NAMED_GROUPS).reduce((sum, group) => sum + group.points.length, 0);
  return { phrases, rest };
}

/** "a=1, a=2, a=3 and 4 more points"; labels that hold a comma are set apart by "; ". */
function pointNames(labels: readonly string[]): string {
  const separator = labels.some((label) => label.includes(',')) ? '; ' : ', ';
  const named = labels.slice(0, NAMED_POINTS).join(separator);
  const more = labels.length - NAMED_POINTS;
  return more > 0 ? `${named} and ${more} more point${more === 1 ? '' : 's'}` : named;
}

/** The line counting the points of the groups noTheoryPhrases leaves unnamed. */
export function morePointsLine(rest: number): string {
  return `and ${rest} more point${rest === 1 ? '' : 's'} for other reasons (sweep.json: noTheory)`;
}
