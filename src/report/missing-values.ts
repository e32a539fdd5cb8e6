/**
 * What the reports of a comparison or a sweep say about means that are missing (`n/a`: no
 * replication had a value) and why, from the estimates' `reason`: under the table, in the CSV,
 * in a chart's subtitle, and of the charts left out because no variant has a value.
 */
import { COMPARE_MEASURES, type Estimate, type MeasureKey } from '../metrics/compare.js';
import { wrapText } from './sweep-theory.js';

/** A variant (of a comparison) or a point (of a sweep), as these lines need it. */
interface Labelled {
  label: string;
  estimates: Partial<Record<MeasureKey, Estimate>>;
}

/** Variants named in one line; the rest are counted. */
const NAMED_VARIANTS = 3;

/** Groups given a line of their own; the variants of the rest are counted. */
const NAMED_GROUPS = 4;

/** Variants whose means of the same measures are missing for the same reason. */
export interface MissingGroup {
  variants: string[];
  measures: MeasureKey[];
  reason: string;
}

/** Why a mean is missing: its estimate's reason (every replication lacked a value). */
function reasonOf(estimate: Estimate | undefined): string | null {
  if (estimate === undefined || estimate.mean !== null) return null;
  return estimate.reason ?? 'no value';
}

/**
 * The missing means of `measures` over `variants`, grouped: the variants whose missing measures
 * and reason are the same form a group, in first-seen order.
 */
export function missingGroups(
  variants: readonly Labelled[],
  measures: readonly MeasureKey[],
): MissingGroup[] {
  const groups = new Map<string, MissingGroup>();
  for (const variant of variants) {
    const byReason = new Map<string, MeasureKey[]>();
    for (const key of measures) {
      const reason = reasonOf(variant.estimates[key]);
      if (reason !== null) byReason.set(reason, [...(byReason.get(reason) ?? []), key]);
    }
    for (const [reason, keys] of byReason) {
      const id = JSON.stringify([reason, keys]);
      const group = groups.get(id) ?? { variants: [], measures: keys, reason };
      group.variants.push(variant.label);
      groups.set(id, group);
    }
  }
  return [...groups.values()];
}

/** "a=1, a=2, a=3 and 4 more points"; labels holding a comma are set apart by "; ". */
function names(labels: readonly string[], noun: string): string {
  const separator = labels.some((label) => label.includes(',')) ? '; ' : ', ';
  const more = labels.length - NAMED_VARIANTS;
  const named = labels.slice(0, NAMED_VARIANTS).join(separator);
  return more > 0 ? `${named} and ${more} more ${noun}${more === 1 ? '' : 's'}` : named;
}

const labelOf = (key: MeasureKey) => COMPARE_MEASURES.find((measure) => measure.key === key)?.label ?? key;

/**
 * Lines under a table saying why its `n/a` means are missing, a line per group: `n/a at
 * warmup=10s (T, goodput, L mean, L p99): empty interval (the warm-up outlasts the run)`; after
 * four groups the variants of the rest are counted, with where to read them (`file`). None when
 * no mean is missing. `noun`: `variant` or `point`.
 */
export function missingValueLines(
  variants: readonly Labelled[],
  measures: readonly MeasureKey[],
  noun: string,
  file: string,
): string[] {
  const groups = missingGroups(variants, measures);
  const lines = groups.slice(0, NAMED_GROUPS).flatMap((group) =>
    wrapText(
      `n/a at ${names(group.variants, noun)} (${group.measures.map(labelOf).join(', ')}): ${group.reason}`,
      110,
      '  ',
      // Labels of several settings are set apart by "; ": no place to break a line.
      false,
    ),
  );
  const rest = groups.slice(NAMED_GROUPS).reduce((sum, group) => sum + group.variants.length, 0);
  if (rest > 0)
    lines.push(
      `  and n/a at ${rest} more ${noun}${rest === 1 ? '' : 's'} for other reasons (${file}: reason)`,
    );
  return lines;
}

/**
 * The reasons of a row's missing means, for a CSV cell: `throughput, goodput: empty interval (the
 * warm-up outlasts the run)`, groups ` | ` apart; empty when none is missing.
 */
export function missingValueCell(variant: Labelled, measures: readonly MeasureKey[]): string {
  return missingGroups([variant], measures)
    .map((group) => `${group.measures.join(', ')}: ${group.reason}`)
    .join(' | ');
}

/** Subtitle lines of a chart of measure `key` naming its missing means: `n/a at warmup=10s: ...`. */
export function missingChartLines(
  variants: readonly Labelled[],
  key: MeasureKey,
  noun: string,
  width: number,
): string[] {
  return missingGroups(variants, [key])
    .slice(0, NAMED_GROUPS)
    .flatMap((group) =>
      wrapText(`n/a at ${names(group.variants, noun)}: ${group.reason}`, width, '    ', false),
    );
}

/**
 * The line saying which charts are left out because no variant has a value of their measure,
 * and why: `charts left out, no variant having a value: compare-throughput.png,
 * compare-goodput.png: empty interval (the warm-up outlasts the run)`, a part per reason; none
 * when every chart is drawn.
 */
export function leftOutChartLines(
  variants: readonly Labelled[],
  measures: readonly MeasureKey[],
  fileNames: Readonly<Record<MeasureKey, string>>,
  noun: string,
): string[] {
  const byReason = new Map<string, string[]>();
  for (const key of measures) {
    if (!variants.every((variant) => (variant.estimates[key]?.mean ?? null) === null)) continue;
    const reasons = [...new Set(variants.map((variant) => reasonOf(variant.estimates[key]) ?? 'no value'))];
    const reason = reasons.join('; ');
    byReason.set(reason, [...(byReason.get(reason) ?? []), fileNames[key]]);
  }
  if (byReason.size === 0) return [];
  const parts = [...byReason].map(([reason, files]) => `${files.join(', ')}: ${reason}`);
  return wrapText(`charts left out, no ${noun} having a value: ${parts.join('; ')}`, 110, '  ');
}
