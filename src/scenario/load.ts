import { dirname, resolve } from 'node:path';
import { type DocumentPath, formatPath, isPathPrefix } from './document-path.js';
import { ScenarioError, type ScenarioIssue } from './errors.js';
import { explainIssues } from './explain-issues.js';
import { keyOfIssue, overrideCauses, overrideRoots } from './override-causes.js';
import { applyOverrides, type Override, parseOverride, quoteSet } from './overrides.js';
import { createRegistries, type Registries } from './registries.js';
import { createScenarioSchema, readNoFiles, type Scenario } from './schema.js';
import { detectFormat, parseSource } from './source-document.js';
import { readFailure, readTextFile } from './text-file.js';

/** How to read a scenario besides its text. */
export interface LoadOptions {
  /** `--set path=value` overrides, applied in order to the raw document before validation. */
  overrides?: string[];
  /** The registries the schema is built from; msgsim's built-in ones by default. */
  registries?: Registries;
  /**
   * Reads a file the scenario names (a trace file), by its name as written. loadScenario reads
   * it relative to the scenario file; without one, parseScenarioText refuses such scenarios.
   * @throws Error whose message says why the file cannot be read.
   */
  readFile?: (name: string) => string;
}

/**
 * Reads the files a scenario names relative to the folder of `scenarioFile` (an absolute name
 * as it is).
 * @throws Error saying why a file cannot be read and which file that was.
 */
export function filesBeside(scenarioFile: string): (name: string) => string {
  const folder = dirname(scenarioFile);
  return (name) => {
    const path = resolve(folder, name);
    try {
      return readTextFile(path);
    } catch (error) {
      throw new Error(`${readFailure(error)} (${path})`);
    }
  };
}

/**
 * Reads, parses and validates the scenario file `file` (YAML for `.yaml`/`.yml`, JSON for
 * `.json`, sniffed otherwise) and returns the resolved scenario (SI numbers, ready distributions).
 * @throws ScenarioError with every issue found, each naming `file`, the path inside it and the
 * line where known; an unreadable file is one issue naming the file.
 */
export function loadScenario(file: string, options: LoadOptions = {}): Scenario {
  return loadScenarioWithSource(file, options).scenario;
}

/** A scenario and the text of its file as read (before any override). */
export interface LoadedScenario {
  scenario: Scenario;
  source: string;
}

/**
 * As loadScenario, also returning the file's text, read once: what was validated is what a
 * report can show.
 * @throws ScenarioError as loadScenario.
 */
export function loadScenarioWithSource(file: string, options: LoadOptions = {}): LoadedScenario {
  let source: string;
  try {
    source = readTextFile(file);
  } catch (error) {
    throw new ScenarioError([
      { file, path: '', message: `cannot read the scenario file: ${readFailure(error)}` },
    ]);
  }
  const readFile = options.readFile ?? filesBeside(file);
  return { scenario: parseScenarioText(source, file, { ...options, readFile }), source };
}

/**
 * Parses and validates scenario `text` as if read from `file` (which names it in issues and
 * picks the format by extension). No file system access of its own: the files the scenario
 * names are read through `options.readFile`.
 * @throws ScenarioError with every syntax, override or schema issue, located by line and column
 * where the source shows them.
 */
export function parseScenarioText(text: string, file: string, options: LoadOptions = {}): Scenario {
  const { schema, files } = schemaFor(options.registries);
  // The schema reads through `files` while it checks this scenario and explains its issues
  // (which validates parts again); parsing is synchronous, so no other scenario's reader is
  // in place meanwhile.
  files.read = options.readFile;
  try {
    return parseWith(schema, text, file, options);
  } finally {
    files.read = undefined;
  }
}

/** parseScenarioText with the schema to validate against. */
function parseWith(schema: ScenarioSchema, text: string, file: string, options: LoadOptions): Scenario {
  const parsed = parseSource(text, file, detectFormat(file, text));
  if (!parsed.ok) throw new ScenarioError(parsed.issues);
  const overrides = options.overrides ?? [];
  const data =
    overrides.length > 0 ? applyOverrides(parsed.document.data, overrides, file) : parsed.document.data;
  const applied = overrides.map((override) => parseOverride(override, file));

  const result = schema.safeParse(data);
  if (result.success) return result.data;

  // The value at a path as written: in the last override whose value holds it, else the file.
  const writtenAt = (path: DocumentPath): string | undefined => {
    for (let index = applied.length - 1; index >= 0; index--) {
      const override = applied[index];
      if (isPathPrefix(override.path, path)) return override.writtenAt(path.slice(override.path.length));
    }
    return parsed.document.writtenAt(path);
  };
  const explained = explainIssues(result.error.issues, data, schema);
  // The same issues, in the same order, a number quoted as written where the double read from it
  // is not what was typed; the ones above stay as validating again (overrideCauses) words them.
  const shown = explainIssues(result.error.issues, data, schema, { writtenAt });
  const messageOf = (index: number) =>
    shown.length === explained.length ? shown[index].message : explained[index].message;
  const roots = overrideRoots(parsed.document.data, applied, file);
  const causes = overrideCauses(explained, parsed.document.data, applied, file, schema);
  const issues = explained.map((issue, index): ScenarioIssue => {
    const setBy = lastOverrideHolding(issue.path, applied, roots);
    const position = setBy
      ? undefined
      : parsed.document.locate(issue.path, issue.anchor === 'key' ? 'key' : 'value');
    // The file's token is where the problem shows, but the file alone would pass: say what changed it.
    const needed = (causes.get(keyOfIssue(issue)) ?? []).filter((override) => override !== setBy);
    const after = needed.map((override) => quoteSet(override.text)).join(' and ');
    const origin = setBy
      ? ` (value from ${quoteSet(setBy.text)}${after && `, after ${after}`})`
      : after && ` (after ${after})`;
    return {
      file,
      path: formatPath(issue.path),
      ...(position && { line: position.line, column: position.column }),
      message: `${messageOf(index)}${origin}`,
    };
  });
  throw new ScenarioError(sortByLine(issues));
}

/** The scenario schema built from registries. */
export type ScenarioSchema = ReturnType<typeof createScenarioSchema>;

/** A built schema and the reader its file-reading parts go through (set per scenario). */
interface CachedSchema {
  schema: ScenarioSchema;
  files: { read?: (name: string) => string };
}

const defaultSchemas = new WeakMap<Registries, CachedSchema>();
let defaultRegistries: Registries | undefined;

/** Building the schema walks every registry; reuse it across files read with the same registries. */
function schemaFor(registries: Registries | undefined): CachedSchema {
  defaultRegistries ??= createRegistries();
  const key = registries ?? defaultRegistries;
  let cached = defaultSchemas.get(key);
  if (!cached) {
    const files: CachedSchema['files'] = {};
    const schema = createScenarioSchema(key, (name) => (files.read ?? readNoFiles)(name));
    cached = { schema, files };
    defaultSchemas.set(key, cached);
  }
  return cached;
}

/** The scenario schema of `registries` (the default ones without), built once, for lookups at a path. */
export function scenarioSchemaOf(registries?: Registries): ScenarioSchema {
  return schemaFor(registries).schema;
}

/** The last override whose value holds `path` (see overrideRoots): the file's line would mislead there. */
function lastOverrideHolding(
  path: ReadonlyArray<string | number>,
  overrides: readonly Override[],
  roots: ReadonlyArray<ReadonlyArray<string | number>>,
): Override | undefined {
  for (let index = overrides.length - 1; index >= 0; index--) {
    if (isPathPrefix(roots[index], path)) return overrides[index];
  }
  return undefined;
}

function sortByLine(issues: ScenarioIssue[]): ScenarioIssue[] {
  const lineOf = (issue: ScenarioIssue) => issue.line ?? Number.POSITIVE_INFINITY;
  return [...issues].sort((a, b) => lineOf(a) - lineOf(b) || (a.column ?? 0) - (b.column ?? 0));
}
