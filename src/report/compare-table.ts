/** The comparison as a text table: one row per variant, each measure as `mean ± half-width`. */
import { COMPARE_MEASURES, type Comparison, type Estimate } from '../metrics/compare.js';
import { compareDisplayUnit } from './compare-units.js';
import { formatSignificant } from './format-numbers.js';

/** Most significant digits a mean is shown with, however narrow its interval. */
const MEAN_DIGITS = 6;

/**
 * Formats an estimate divided by `factor` as [mean, half-width]: both rounded to the
 * half-width's second significant digit (`33.324`, `0.052`), but the mean to no more than six
 * significant digits (an interval narrower than that, from rounding noise, shows as `0.00000`);
 * half-width `0` when every replication agreed, `n/a` with a single value; mean `n/a` and an
 * empty half-width with none.
 */
export function formatEstimate(
  estimate: Estimate | undefined,
  factor = 1,
): [mean: string, halfWidth: string] {
  if (!estimate || estimate.mean === null) return ['n/a', ''];
  const mean = estimate.mean / factor;
  if (estimate.halfWidth === null) return [formatSignificant(mean, MEAN_DIGITS), 'n/a'];
  const halfWidth = estimate.halfWidth / factor;
  if (halfWidth === 0) return [formatSignificant(mean, MEAN_DIGITS), '0'];
  const decimalsOf = (value: number, digits: number) => digits - 1 - Math.floor(Math.log10(Math.abs(value)));
  let decimals = decimalsOf(halfWidth, 2);
  if (mean !== 0) decimals = Math.min(decimals, decimalsOf(mean, MEAN_DIGITS));
  decimals = Math.min(12, Math.max(0, decimals));
  return [mean.toFixed(decimals), halfWidth.toFixed(decimals)];
}

/**
 * The table printed by `msgsim compare`: a title line, a header with each measure's unit, and a
 * row per variant with `mean ± half-width` of the 95% confidence interval, aligned on `±`.
 */
export function formatComparisonTable(comparison: Comparison): string {
  const measures = COMPARE_MEASURES.filter((measure) => comparison.measures.includes(measure.key));
  const header = ['variant'];
  const columns: string[][] = [comparison.variants.map((variant) => variant.label)];
  for (const measure of measures) {
    const unit = compareDisplayUnit(comparison, measure.key);
    header.push(unit.symbol === 'fraction' ? measure.label : `${measure.label} (${unit.symbol})`);
    const cells = comparison.variants.map((variant) =>
      formatEstimate(variant.estimates[measure.key], unit.factor),
    );
    const meanWidth = Math.max(...cells.map(([mean]) => mean.length));
    const halfWidthWidth = Math.max(...cells.map(([, halfWidth]) => halfWidth.length));
    columns.push(
      cells.map(([mean, halfWidth]) =>
        halfWidth === ''
          ? mean.padStart(meanWidth)
          : `${mean.padStart(meanWidth)} ± ${halfWidth.padEnd(halfWidthWidth)}`,
      ),
    );
  }
  const widths = columns.map((cells, index) =>
    Math.max(header[index].length, ...cells.map((cell) => cell.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => cell.padEnd(widths[index]))
      .join('   ')
      .trimEnd();
  const { replications, variants, scenario } = comparison;
  const title =
    `${scenario}: ${variants.length} variant${variants.length === 1 ? '' : 's'}, ` +
    `${replications} replication${replications === 1 ? '' : 's'} each (common random numbers); ` +
    (replications > 1
      ? 'mean ± half-width of the 95% confidence interval'
      : 'one replication: no confidence interval');
  const rows = comparison.variants.map((_, row) => line(columns.map((cells) => cells[row])));
  return [title, line(header), ...rows].join('\n');
}
