import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** One reference case of ../shared/theory/cases.json. */
export interface TheoryCase {
  id: string;
  kind: 'exact' | 'statistical';
  inputs: Record<string, { value: number | number[]; unit: string }>;
  expected: Record<string, number | number[]>;
  tolerance: Record<string, unknown> & { mode?: string; float_rel?: number; float_abs_time_s?: number };
}

/** The project's reference cases: ../shared/theory beside the checkout, or MSGSIM_THEORY_CASES. */
export const theoryCasesFile =
  process.env.MSGSIM_THEORY_CASES ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/theory/cases.json');

/**
 * Why the reference cases cannot be read, or undefined when they can. One test
 * (test/theory/cases-file.test.ts) fails with this; the suites that need the cases are skipped
 * (see describeTheory), so a missing file is one clear failure rather than one per file.
 */
export const theoryCasesProblem: string | undefined = problemReading(theoryCasesFile);

const cases: TheoryCase[] =
  theoryCasesProblem === undefined ? JSON.parse(readFileSync(theoryCasesFile, 'utf8')) : [];

function problemReading(file: string): string | undefined {
  const howToFix =
    'run the suite from a checkout that sits beside the shared/ folder, or set MSGSIM_THEORY_CASES ' +
    'to the path of cases.json (e.g. MSGSIM_THEORY_CASES=/path/to/shared/theory/cases.json npm test)';
  if (!existsSync(file)) {
    return `the reference cases ${file} are missing: the suite checks results against them, so ${howToFix}`;
  }
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(parsed))
      return `the reference cases ${file} are not a JSON list of cases: ${howToFix}`;
  } catch (error) {
    return `the reference cases ${file} cannot be read as JSON (${(error as Error).message}): ${howToFix}`;
  }
  return undefined;
}

/**
 * A describe block whose body reads reference cases (call theoryCase inside `body`, never at a
 * test file's top level). Without a readable cases file the body does not run and the block is
 * one skipped test that says why; with the file it always runs.
 */
export function describeTheory(title: string, body: () => void): void {
  if (theoryCasesProblem === undefined) {
    describe(title, body);
    return;
  }
  describe(title, () => {
    it.skip(`skipped: no reference cases at ${theoryCasesFile} (see test/theory/cases-file.test.ts)`, () => {});
  });
}

/**
 * A test that reads reference cases (call theoryCase inside it): skipped, never run, without a
 * readable cases file; always run with one.
 */
export const itTheory = it.skipIf(theoryCasesProblem !== undefined);

/** The case whose id starts with `prefix` (e.g. 'C01'). */
export function theoryCase(prefix: string): TheoryCase {
  const found = cases.find((c) => c.id.startsWith(`${prefix}-`));
  if (theoryCasesProblem !== undefined) throw new Error(theoryCasesProblem);
  if (!found) throw new Error(`no theory case ${prefix} in ${theoryCasesFile}`);
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
