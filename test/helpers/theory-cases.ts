import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** One reference case of ../shared/theory/cases.json. */
export interface TheoryCase {
  id: string;
  kind: 'exact' | 'statistical';
  inputs: Record<string, { value: number | number[]; unit: string }>;
  expected: Record<string, number | number[]>;
  tolerance: Record<string, unknown> & { mode?: string; float_rel?: number; float_abs_time_s?: number };
}

/** The project's reference cases: ../shared/theory beside the checkout, or MSGSIM_THEORY_CASES. */
const casesFile =
  process.env.MSGSIM_THEORY_CASES ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/theory/cases.json');
if (!existsSync(casesFile)) {
  throw new Error(
    `the reference cases ${casesFile} are missing: the suite checks results against them, so ` +
      'run it from a checkout that sits beside the shared/ folder, or set MSGSIM_THEORY_CASES ' +
      'to the path of cases.json',
  );
}
const cases: TheoryCase[] = JSON.parse(readFileSync(casesFile, 'utf8'));

/** The case whose id starts with `prefix` (e.g. 'C01'). */
export function theoryCase(prefix: string): TheoryCase {
  const found = cases.find((c) => c.id.startsWith(`${prefix}-`));
  if (!found) throw new Error(`no theory case ${prefix} in ${casesFile}`);
  return found;
}

export function input(c: TheoryCase, name: string): number {
  const value = c.inputs[name]?.value;
  if (typeof value !== 'number') throw new Error(`${c.id}: input ${name} is not a number`);
  return value;
}

export function expected(c: TheoryCase, metric: string): number {
  const value = c.expected[metric];
  if (typeof value !== 'number') throw new Error(`${c.id}: expected ${metric} is not a number`);
  return value;
}

/** Asserts an exact case's metric to the case's float tolerance. */
export function expectExact(c: TheoryCase, metric: string, actual: number): void {
  const want = expected(c, metric);
  const rel = c.tolerance.float_rel ?? 1e-9;
  const abs = metric.endsWith('_s') ? (c.tolerance.float_abs_time_s ?? 0) : 0;
  expect(Math.abs(actual - want), `${c.id} ${metric}: got ${actual}, expected ${want}`).toBeLessThanOrEqual(
    Math.max(rel * Math.abs(want), abs),
  );
}

/**
 * Asserts a statistical case's metric within its own tolerance: cases.json gives `mode`
 * (`relative`: a fraction of the expected value; `absolute`: in the metric's unit) and a
 * `per_metric` table.
 */
export function expectStatistical(c: TheoryCase, metric: string, actual: number): void {
  const want = expected(c, metric);
  const perMetric = c.tolerance.per_metric as Record<string, number> | undefined;
  const tolerance = perMetric?.[metric];
  if (tolerance === undefined) throw new Error(`${c.id}: no tolerance for ${metric}`);
  const allowed = c.tolerance.mode === 'absolute' ? tolerance : tolerance * Math.abs(want);
  expect(
    Math.abs(actual - want),
    `${c.id} ${metric}: got ${actual}, expected ${want} ± ${allowed}`,
  ).toBeLessThanOrEqual(allowed);
}
