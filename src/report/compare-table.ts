/** The comparison as a text table: one row per variant, each measure as `mean ± half-width`. */

import { COMPARE_MEASURES, type CompareMeasure, type Comparison, type Estimate } from '../metrics/compare.js';
import { compareDisplayUnit, type EstimatedVariants } from './compare-units.js';
import { type DisplayUnit, formatSignificant } from './format-numbers.js';
import { missingValueLines } from './missing-values.js';
import { randomNumbersWording, variedPaths } from './random-numbers-wording.js';

/** Most significant digits a mean is shown with, however narrow its interval. */
const MEAN_DIGITS = 6;

/**
 * Formats an estimate divided by `factor` as [mean, half-width]: both rounded to the
 * half-width's second significant digit (`33.324`, `0.052`), but the mean to no more than six
 * significant digits (an interval narrower than that, from rounding noise, shows as `0.00000`);
 * half-width `0` when every replication agreed, `n/a` with a single value; mean `n/a` and an
 * empty half-width with none. With `wholeValues` (every value it is the mean of is a whole
 * number: a count), the mean is not rounded to its interval, whose width says how far the
 * replications spread, not how well the mean of whole numbers is known: a whole mean prints as
 * the whole number it is (`237`, not `237.000`), a fractional one with up to six significant
 * digits and no trailing zeros (`22.5 ± 44`, not `23 ± 44`; `237.667 ± 1.4`).
 */
export function formatEstimate(
  estimate: Estimate | undefined,
  factor = 1,
  wholeValues = false,
): [mean: string, halfWidth: string] {
  if (!estimate || estimate.mean === null) return ['n/a', ''];
  const mean = estimate.mean / factor;
  const meanText = wholeValues ? meanOfWholeValues(mean) : formatSignificant(mean, MEAN_DIGITS);
  if (estimate.halfWidth === null) return [meanText, 'n/a'];
  const halfWidth = estimate.halfWidth / factor;
  if (halfWidth === 0) return [meanText, '0'];
  const decimalsOf = (value: number, digits: number) => digits - 1 - Math.floor(Math.log10(Math.abs(value)));
  let decimals = decimalsOf(halfWidth, 2);
  if (wholeValues) return [meanText, halfWidth.toFixed(Math.min(12, Math.max(0, decimals)))];
  if (mean !== 0) decimals = Math.min(decimals, decimalsOf(mean, MEAN_DIGITS));
  decimals = Math.min(12, Math.max(0, decimals));
  return [mean.toFixed(decimals), halfWidth.toFixed(decimals)];
}

/** A mean of whole numbers: whole as such, else six significant digits without trailing zeros. */
function meanOfWholeValues(mean: number): string {
  if (Number.isInteger(mean)) return String(mean);
  const text = formatSignificant(mean, MEAN_DIGITS);
  return /e/.test(text) || !text.includes('.') ? text : text.replace(/\.?0+$/, '');
}

/**
 * The cells of a column of estimates divided by `factor`: `mean ± half-width`, aligned on `±`
 * (a bare mean where there is no half-width at all); `wholeValues` as formatEstimate's.
 */
export function estimateCells(
  estimates: ReadonlyArray<Estimate | undefined>,
  factor = 1,
  wholeValues = false,
): string[] {
  const cells = estimates.map((estimate) => formatEstimate(estimate, factor, wholeValues));
  const meanWidth = Math.max(...cells.map(([mean]) => mean.length));
  const halfWidthWidth = Math.max(...cells.map(([, halfWidth]) => halfWidth.length));
  return cells.map(([mean, halfWidth]) =>
    halfWidth === ''
      ? mean.padStart(meanWidth)
      : `${mean.padStart(meanWidth)} ± ${halfWidth.padEnd(halfWidthWidth)}`,
  );
}

/**
 * Lines of a text table: the header, then a row per index of the columns (each column one cell
 * per row), every column as wide as its widest cell, three spaces apart, no trailing blanks.
 */
export function tableLines(header: readonly string[], columns: ReadonlyArray<readonly string[]>): string[] {
  const widths = columns.map((cells, index) =>
    Math.max(header[index].length, ...cells.map((cell) => cell.length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => cell.padEnd(widths[index]))
      .join('   ')
      .trimEnd();
  const rows = (columns[0] ?? []).map((_, row) => line(columns.map((cells) => cells[row])));
  return [line(header), ...rows];
}

/**
 * A measure's column title: its label and display unit (`T (messages/s)`; fractions bare), and
 * `whole run` for a count over the whole run beside the interval's figures
 * (`retransmissions (copies, whole run)`, `delivered/sent (whole run)`).
 */
export function measureHeading(label: string, unit: { symbol: string }, wholeRun = false): string {
  const notes = [...(unit.symbol === 'fraction' ? [] : [unit.symbol]), ...(wholeRun ? ['whole run'] : [])];
  return notes.length === 0 ? label : `${label} (${notes.join(', ')})`;
}

/**
 * A measure's column of a table over `estimated`: its heading, its unit and a `mean ± half-width`
 * cell per variant. A column shown in the unit of its values whose every replication value is a
 * whole number (retransmissions, timer expiries; known only where the replications are given)
 * prints its whole means as such: `237 ± 0`, not `237.000 ± 0`.
 */
export function measureColumn(
  estimated: EstimatedVariants,
  measure: CompareMeasure,
): { heading: string; unit: DisplayUnit; cells: string[] } {
  const unit = compareDisplayUnit(estimated, measure.key);
  return {
    heading: measureHeading(measure.label, unit, measure.wholeRun),
    unit,
    cells: estimateCells(
      estimated.variants.map((variant) => variant.estimates[measure.key]),
      unit.factor,
      unit.factor === 1 && wholeValues(estimated, measure.key),
    ),
  };
}

/** Whether every variant's replications are given and each of their values of `key` is a whole number (or none). */
function wholeValues(estimated: EstimatedVariants, key: CompareMeasure['key']): boolean {
  return estimated.variants.every(
    (variant) =>
      variant.replications?.every((run) => {
        const value = run.values[key];
        return value === null || value === undefined || Number.isInteger(value);
      }) ?? false,
  );
}

/**
 * The table printed by `msgsim compare`: a title line, a header with each measure's unit, and a
 * row per variant with `mean ± half-width` of the 95% confidence interval, aligned on `±`; then
 * why the `n/a` means are missing (missingValueLines).
 */
export function formatComparisonTable(comparison: Comparison): string {
  const measures = COMPARE_MEASURES.filter((measure) => comparison.measures.includes(measure.key));
  const header = ['variant'];
  const columns: string[][] = [comparison.variants.map((variant) => variant.label)];
  for (const measure of measures) {
    const { heading, cells } = measureColumn(comparison, measure);
    header.push(heading);
    columns.push(cells);
  }
  const { replications, variants, scenario } = comparison;
  const title =
    `${scenario}: ${variants.length} variant${variants.length === 1 ? '' : 's'}, ` +
    `${replications} replication${replications === 1 ? '' : 's'} each (${randomNumbersWording(variedPaths(comparison), 'variant')}); ` +
    intervalWords(replications);
  return [
    title,
    ...tableLines(header, columns),
    ...missingValueLines(comparison.variants, comparison.measures, 'variant', 'compare.json'),
  ].join('\n');
}

/** What the `±` of a table stands for. */
export function intervalWords(replications: number): string {
  return replications > 1
    ? 'mean ± half-width of the 95% confidence interval'
    : 'one replication: no confidence interval';
}
