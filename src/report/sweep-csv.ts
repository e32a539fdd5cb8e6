/** sweep.csv: one row per point, the parameter's value and each measure's estimate and theory. */
import type { Sweep } from '../metrics/sweep.js';
import { csvText, numberCell } from './compare-csv.js';
import { missingValueCell } from './missing-values.js';
import { sweepTheoryMeasures } from './sweep-theory.js';

/**
 * CSV text (header line, one row per point, trailing newline): `point` (the point's label, as the
 * table and sweep.json name it: `forward=0.1, protocol=go-back-n`), the series parameter's value
 * (by its path) when there is one, the parameter's value as written (by its path), `x` (the
 * value in SI units; always a column, empty on a categorical axis), `replications`, then per measure `<key>_mean` and
 * `<key>_ci95_half_width`, and for the measures with a closed form somewhere in the sweep
 * `<key>_theory` and `<key>_ratio` (measured / theory); SI units as in summary.json, full
 * precision; empty where unknown or where the theory does not apply; last `missing`, why the
 * empty means are (missingValueCell), empty when none is.
 */
export function sweepToCsv(sweep: Sweep): string {
  const withTheory = new Set(sweepTheoryMeasures(sweep));
  const header = [
    'point',
    ...(sweep.series ? [sweep.series.path] : []),
    sweep.parameter.path,
    'x',
    'replications',
    ...sweep.measures.flatMap((key) => [
      `${key}_mean`,
      `${key}_ci95_half_width`,
      ...(withTheory.has(key) ? [`${key}_theory`, `${key}_ratio`] : []),
    ]),
    'missing',
  ];
  const rows = sweep.points.map((point) => [
    point.label,
    ...(sweep.series ? [point.series ?? ''] : []),
    point.value,
    numberCell(point.x),
    String(sweep.replications),
    ...sweep.measures.flatMap((key) => {
      const estimate = point.estimates[key];
      const theory = point.theory[key];
      return [
        numberCell(estimate?.mean ?? null),
        numberCell(estimate?.halfWidth ?? null),
        ...(withTheory.has(key)
          ? [numberCell(theory?.value ?? null), numberCell(theory?.ratio ?? null)]
          : []),
      ];
    }),
    missingValueCell(point, sweep.measures),
  ]);
  return csvText([header, ...rows]);
}
