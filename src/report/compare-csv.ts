/** compare.csv: one row per variant, the varied values and each measure's mean and half-width. */
import type { Comparison } from '../metrics/compare.js';
import { missingValueCell } from './missing-values.js';

/**
 * CSV text (header line, one row per variant, trailing newline): `variant`, one column per
 * varied path holding the value, `replications`, then per measure `<key>_mean` and
 * `<key>_ci95_half_width` in SI units as in summary.json, full precision, empty where unknown;
 * last `missing`, why the empty means are (missingValueCell), empty when none is.
 */
export function comparisonToCsv(comparison: Comparison): string {
  const paths = comparison.variants[0]?.settings.map((setting) => setting.path) ?? [];
  const header = [
    'variant',
    ...paths,
    'replications',
    ...comparison.measures.flatMap((key) => [`${key}_mean`, `${key}_ci95_half_width`]),
    'missing',
  ];
  const rows = comparison.variants.map((variant) => [
    variant.label,
    ...variant.settings.map((setting) => setting.value),
    String(comparison.replications),
    ...comparison.measures.flatMap((key) => {
      const estimate = variant.estimates[key];
      return [numberCell(estimate?.mean ?? null), numberCell(estimate?.halfWidth ?? null)];
    }),
    missingValueCell(variant, comparison.measures),
  ]);
  return csvText([header, ...rows]);
}

/** CSV text of rows of fields (quoted where needed), one line each, with a trailing newline. */
export function csvText(rows: ReadonlyArray<readonly string[]>): string {
  return `${rows.map((cells) => cells.map(csvField).join(',')).join('\n')}\n`;
}

/** A number at full precision, or an empty cell for an unknown one. */
export function numberCell(value: number | null): string {
  return value === null ? '' : String(value);
}

/** Quotes a field holding a comma, quote or line break (RFC 4180). */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
