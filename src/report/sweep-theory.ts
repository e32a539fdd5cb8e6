/** What the reports of a sweep say about its closed-form predictions. */
import type { MeasureKey } from '../metrics/compare.js';
import type { Sweep, SweepPoint } from '../metrics/sweep.js';

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
 * space, later lines indented by `indent`.
 */
export function wrapText(text: string, width: number, indent = '  '): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const room = rest.slice(0, width + 1);
    const at = Math.max(room.lastIndexOf('; ') + 1, 0) || room.lastIndexOf(' ');
    if (at <= indent.length) break;
    lines.push(rest.slice(0, at).trimEnd());
    rest = `${indent}${rest.slice(at).trimStart()}`;
  }
  lines.push(rest);
  return lines;
}
