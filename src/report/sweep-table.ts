/** The sweep as a text table: a row per point, each measure as `mean ± half-width`, theory and ratio beside it. */

import { COMPARE_MEASURES } from '../metrics/compare.js';
import type { Sweep } from '../metrics/sweep.js';
import { intervalWords, measureColumn, tableLines } from './compare-table.js';
import { formatSignificant } from './format-numbers.js';
import { missingValueLines } from './missing-values.js';
import { randomNumbersWording } from './random-numbers-wording.js';
import {
  morePointsLine,
  noTheoryPhrases,
  sweepTheoryMeasures,
  theoryFormulas,
  wrapText,
} from './sweep-theory.js';

/** Significant digits of a theory value and of a ratio. */
const THEORY_DIGITS = 6;
const RATIO_DIGITS = 4;

/**
 * The table printed by `msgsim sweep`: a title line; a header with each measure's unit; a row per
 * point (the series value when there is a second parameter, the parameter's value, then each
 * measure's `mean ± half-width`, and beside a measure some point has a closed form for, its
 * `theory` value in the same unit and the `ratio` measured/theory, `n/a` where the formula does
 * not apply); why its `n/a` means are missing (missingValueLines); then the formulas, one line
 * per model, and why points without any have none; the
 * predictions left out (of scenarios with several flows); or, without any prediction, why (the
 * summaries' `noTheory`), or a line saying there is none.
 */
export function formatSweepTable(sweep: Sweep): string {
  const withTheory = new Set(sweepTheoryMeasures(sweep));
  const header: string[] = [];
  const columns: string[][] = [];
  if (sweep.series) {
    header.push(sweep.series.name);
    columns.push(sweep.points.map((point) => point.series ?? ''));
  }
  header.push(sweep.parameter.name);
  columns.push(sweep.points.map((point) => point.value));
  for (const measure of COMPARE_MEASURES.filter((candidate) => sweep.measures.includes(candidate.key))) {
    const { heading, unit, cells } = measureColumn({ variants: sweep.points }, measure);
    header.push(heading);
    columns.push(cells);
    if (!withTheory.has(measure.key)) continue;
    const theories = sweep.points.map((point) => point.theory[measure.key]);
    header.push('theory', 'ratio');
    columns.push(
      theories.map((theory) =>
        theory ? formatSignificant(theory.value / unit.factor, THEORY_DIGITS) : 'n/a',
      ),
      theories.map((theory) =>
        theory?.ratio === null || theory === undefined
          ? 'n/a'
          : formatSignificant(theory.ratio, RATIO_DIGITS),
      ),
    );
  }
  const { scenario, replications, parameter, series, points } = sweep;
  const over = `${parameter.path} over ${parameter.values.length} value${parameter.values.length === 1 ? '' : 's'}`;
  const by = series ? `, a line per ${series.path} (${series.values.length})` : '';
  const title =
    `${scenario}: sweep of ${over}${by}, ${replications} replication${replications === 1 ? '' : 's'} per point ` +
    `(${randomNumbersWording([parameter.path, ...(series ? [series.path] : [])], 'point')}); ${intervalWords(replications)}`;
  const formulas = theoryFormulas(points).flatMap(({ model, formula }) =>
    wrapText(`  ${model}: ${formula}`, 110, '      '),
  );
  const withheld = sweep.theoryWithheld
    ? wrapText(
        `theory overlay: ${sweep.theoryWithheld.reason}; these summaries have predictions per flow: ` +
          sweep.theoryWithheld.models.join(', '),
        110,
        '  ',
      )
    : [];
  const footer = [
    ...(formulas.length === 0
      ? withheld.length === 0
        ? noneLines(sweep)
        : []
      : [
          'theory: the closed form in summary.json (ratio = measured mean / theory):',
          ...formulas,
          ...unpredictedLines(
            sweep,
            'no closed-form prediction',
            points.filter((point) => Object.keys(point.theory).length === 0).map((point) => point.label),
          ),
        ]),
    ...withheld,
  ];
  const missing = missingValueLines(points, sweep.measures, 'point', 'sweep.json');
  return [title, ...tableLines(header, columns), ...missing, ...footer].join('\n');
}

/**
 * The footer of a sweep without a prediction for its measures: why, from the summaries'
 * `noTheory`, or that there is none when they name no flow.
 */
function noneLines(sweep: Sweep): string[] {
  const prefix = 'no closed-form prediction for these measures';
  const lines = unpredictedLines(
    sweep,
    prefix,
    sweep.points.map((point) => point.label),
  );
  return lines.length > 0 ? lines : ['no closed-form prediction in the summaries for these measures'];
}

/**
 * `prefix` and why the points labelled `described` have no prediction (noTheoryPhrases): on one
 * line when one reason holds ("no closed-form prediction at loss=0.2: no formula for f: ..."),
 * else a line per group of points; none when no described point names a flow without one.
 */
function unpredictedLines(sweep: Sweep, prefix: string, described: readonly string[]): string[] {
  const { phrases, rest } = noTheoryPhrases(sweep, described);
  if (phrases.length === 0) return [];
  const at = (phrase: { at: string | null }) => (phrase.at === null ? '' : ` at ${phrase.at}`);
  if (phrases.length === 1 && rest === 0) {
    return wrapText(`${prefix}${at(phrases[0])}: ${phrases[0].reasons}`, 110, '  ');
  }
  return [
    `${prefix}:`,
    ...phrases.flatMap((phrase) => wrapText(`  ${at(phrase).trimStart()}: ${phrase.reasons}`, 110, '    ')),
    ...(rest > 0 ? [`  ${morePointsLine(rest)}`] : []),
  ];
}
