import { isDeepStrictEqual } from 'node:util';
import type { Dimension } from '../engine/units.js';
import { formatPath, isPathPrefix, parsePath } from './document-path.js';
import { ScenarioError, type ScenarioIssue } from './errors.js';
import { filesBeside, parseScenarioText, scenarioSchemaOf } from './load.js';
import { applyOverrides, quoteSet } from './overrides.js';
import { quoteOption, shortenOptionText } from './quote-option.js';
import type { Registries } from './registries.js';
import type { Scenario } from './schema.js';
import { numberDimensionAt } from './schema-lookup.js';
import { detectFormat, parseSource } from './source-document.js';
import { readFailure, readTextFile } from './text-file.js';
import {
  expandPattern,
  expandVariants,
  PatternMismatch,
  parseVary,
  type Variant,
  type VarySpec,
} from './variants.js';

/** A variant with its validated scenario. */
export interface PlannedVariant extends Variant {
  scenario: Scenario;
}

/** How a command names and reads the options that make its variants. */
export interface PlanDialect {
  /** The option, as messages name it: `--vary`. */
  option: string;
  /** What one variant is called in messages, and several: `variant`, `variants`. */
  noun: string;
  nouns: string;
  /**
   * Reads one option; `document` is the scenario it varies (after `--set`), for messages.
   * @throws ScenarioError naming the option.
   */
  parse: (text: string, file: string, document: unknown) => VarySpec;
}

/** `msgsim compare`'s: `--vary` options make variants. */
export const COMPARE_DIALECT: PlanDialect = {
  option: '--vary',
  noun: 'variant',
  nouns: 'variants',
  parse: (text, file, document) => parseVary(text, file, { document }),
};

/** Everything `msgsim compare` (or `sweep`) runs, checked before the first run starts. */
export interface VariantPlan {
  file: string;
  /** How the variants are named in messages (a run's error says which variant it came from). */
  dialect: PlanDialect;
  /** The scenario file's text, read once, so every run sees the same file. */
  text: string;
  /** The `--set` overrides, applied to every variant before its own. */
  sets: string[];
  /** The files the variants name (trace files), by name as written, each read once. */
  files: Map<string, string>;
  variants: PlannedVariant[];
  /**
   * Per option, in order: the dimension a bare number it gives is read in, from the schema at
   * the paths it sets (`links[0].delay`: time, so 0.1 is 0.1 s); undefined where the schema
   * does not say so for every path (see numberDimensionAt).
   */
  numberDimensions: Array<Dimension | undefined>;
}

/** How to build a plan. */
export interface VariantPlanOptions {
  /** `--set path=value` overrides applied to every variant (before varying). */
  sets?: string[];
  /** The `--vary path=v1,v2,...` options (or those of `dialect`). */
  varies: string[];
  /** How the options are named and read (default COMPARE_DIALECT). */
  dialect?: PlanDialect;
  registries?: Registries;
}

/**
 * Reads the scenario `file`, applies `--set`, expands the `--vary` options (or those of
 * `options.dialect`) into variants and validates every variant, so that bad input is reported
 * before any run starts.
 * @throws ScenarioError with every issue: the file's syntax, bad `--set` or `--vary` options, and
 * each variant's validation issues. An issue that only some variants have names them
 * (`variant protocol=foo: ...`); values a variant set are reported as `--vary`, not `--set`.
 */
export function planVariants(file: string, options: VariantPlanOptions): VariantPlan {
  const text = readScenarioFile(file);
  const sets = options.sets ?? [];
  const parsed = parseSource(text, file, detectFormat(file, text));
  if (!parsed.ok) throw new ScenarioError(parsed.issues);
  const document = sets.length > 0 ? applyOverrides(parsed.document.data, sets, file) : parsed.document.data;

  const dialect = options.dialect ?? COMPARE_DIALECT;
  const specIssues: ScenarioIssue[] = [];
  // Each option's path is checked against the document as the options before it leave it (at
  // their first value), as a variant applies them: `--vary links[1]=... --vary links[2]=...`
  // appends twice.
  let before = document;
  const specs = options.varies.flatMap((vary) => {
    try {
      const spec = dialect.parse(vary, file, before);
      before = withFirstValue(before, spec, file);
      return [spec];
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      specIssues.push(...error.issues);
      return [];
    }
  });
  if (specIssues.length > 0) throw new ScenarioError(specIssues);
  const variants = expandVariants(document, specs, file, dialect.nouns);

  const files = new Map<string, string>();
  const beside = filesBeside(file);
  const readFile = (name: string): string => {
    let read = files.get(name);
    if (read === undefined) {
      read = beside(name);
      files.set(name, read);
    }
    return read;
  };
  const planned: PlannedVariant[] = [];
  const failures = new Map<string, { issue: ScenarioIssue; variants: string[] }>();
  for (const variant of variants) {
    try {
      const scenario = parseScenarioText(text, file, {
        overrides: [...sets, ...variant.overrides],
        registries: options.registries,
        readFile,
      });
      planned.push({ ...variant, scenario });
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      for (const issue of error.issues) {
        const reworded = { ...issue, message: asVary(issue.message, variant.overrides, dialect.option) };
        const key = JSON.stringify(reworded);
        const entry = failures.get(key) ?? { issue: reworded, variants: [] };
        entry.variants.push(labelInMessages(variant));
        failures.set(key, entry);
      }
    }
  }
  if (failures.size > 0) {
    throw new ScenarioError(
      [...failures.values()].map(({ issue, variants: names }) =>
        // An issue every variant shares is the scenario's own, not a variant's.
        names.length === variants.length
          ? issue
          : {
              ...issue,
              message: `${names.length === 1 ? dialect.noun : dialect.nouns} ${names.join('; ')}: ${issue.message}`,
            },
      ),
    );
  }
  const firstVariant = applyOverrides(document, variants[0].overrides, file);
  const numberDimensions = specs.map((spec) => numberDimensionOf(spec, firstVariant, options.registries));
  return { file, dialect, text, sets, files, variants: planned, numberDimensions };
}

/** `document` with `spec` set to its first value, or as it is where that cannot be done. */
function withFirstValue(document: unknown, spec: VarySpec, file: string): unknown {
  try {
    const overrides = expandPattern(document, spec.pattern).map(
      (path) => `${formatPath(path)}=${spec.values[0]}`,
    );
    return applyOverrides(document, overrides, file);
  } catch (error) {
    // A `[*]` with no list: expandVariants says so.
    if (error instanceof ScenarioError || error instanceof PatternMismatch) return document;
    throw error;
  }
}

/**
 * The dimension of a bare number `spec` gives, in `document` (the first variant's, so that the
 * schema forms its values choose between are those of a variant that runs): the one every path
 * it sets agrees on, or undefined.
 */
function numberDimensionOf(
  spec: VarySpec,
  document: unknown,
  registries?: Registries,
): Dimension | undefined {
  const schema = scenarioSchemaOf(registries);
  let paths: ReturnType<typeof expandPattern>;
  try {
    paths = expandPattern(document, spec.pattern);
  } catch {
    return undefined;
  }
  const dimensions = new Set(paths.map((path) => numberDimensionAt(schema, path, document)));
  const [only] = dimensions;
  return dimensions.size === 1 ? only : undefined;
}

/**
 * The overrides that give variant `index` of `plan` as one run: the `--set` options, then the
 * variant's own; a `--set` whose path one of the variant's own sets again, or lies inside one,
 * is left out (`--set seed=5 --vary seed=3,7` runs the last variant as `--set seed=7` alone),
 * as long as the scenario comes out the same without it.
 */
export function overridesOfRun(plan: VariantPlan, index: number): string[] {
  const own = plan.variants[index].overrides;
  const all = [...plan.sets, ...own];
  const pathOf = (text: string) => parsePath(text.slice(0, Math.max(0, text.indexOf('='))).trim());
  const ownPaths = own.flatMap((text) => {
    const parsed = pathOf(text);
    return parsed.ok ? [parsed.path] : [];
  });
  const kept = plan.sets.filter((text) => {
    const parsed = pathOf(text);
    return !parsed.ok || !ownPaths.some((path) => isPathPrefix(path, parsed.path));
  });
  if (kept.length === plan.sets.length) return all;
  const parsed = parseSource(plan.text, plan.file, detectFormat(plan.file, plan.text));
  if (!parsed.ok) return all;
  try {
    const same = isDeepStrictEqual(
      applyOverrides(parsed.document.data, all, plan.file),
      applyOverrides(parsed.document.data, [...kept, ...own], plan.file),
    );
    return same ? [...kept, ...own] : all;
  } catch (error) {
    // Without the --set, an override of the variant no longer applies (an index it appended).
    if (error instanceof ScenarioError) return all;
    throw error;
  }
}

/**
 * A variant's label as messages name it: each setting's value shortened when long (a value may
 * be a whole YAML object), so the message stays readable.
 */
export function labelInMessages(variant: Variant): string {
  return variant.settings
    .map((setting) => shortenOptionText(`${setting.name}=${setting.value}`, 'single'))
    .join(', ');
}

/**
 * The loader names overrides `--set`; those a variant made came from its `option` (`--vary`).
 * Both are quoted alike (one value, a long one shortened), so the loader's quote is found.
 */
function asVary(message: string, overrides: readonly string[], option: string): string {
  let reworded = message;
  for (const override of overrides)
    reworded = reworded.replaceAll(quoteSet(override), quoteOption(option, override, 'single'));
  return reworded;
}

function readScenarioFile(file: string): string {
  try {
    return readTextFile(file);
  } catch (error) {
    throw new ScenarioError([
      { file, path: '', message: `cannot read the scenario file: ${readFailure(error)}` },
    ]);
  }
}
