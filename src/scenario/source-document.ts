import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type Document as YamlDocument,
} from 'yaml';
import type { DocumentPath } from './document-path.js';
import type { ScenarioIssue } from './errors.js';
import { SCENARIO_YAML_OPTIONS } from './yaml-options.js';
import { yamlReferenceProblems } from './yaml-references.js';

/** The text format of a scenario file. */
export type SourceFormat = 'yaml' | 'json';

/** 1-based line and column in the source text. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** A parsed scenario file: its plain data and a way back from paths to source positions. */
export interface SourceDocument {
  /** The document as plain JSON-like data (objects, lists, strings, numbers, booleans, null). */
  data: unknown;
  /**
   * Where the node at `path` starts; with `key`, where its key starts. When the path does not
   * exist in the source, the position of the nearest existing ancestor; undefined when not even
   * the root is known (e.g. the source could not be mapped).
   */
  locate(path: DocumentPath, anchor: 'value' | 'key'): SourcePosition | undefined;
  /**
   * The source text of the scalar at `path` as written (`9007199254740993`, `1e400`), or
   * undefined where the path holds no scalar of the source (a missing path, a collection, a
   * value a merge key brought in).
   */
  writtenAt(path: DocumentPath): string | undefined;
}

/** Parsing failed: the syntax problems, each located. */
export type ParsedSource = { ok: true; document: SourceDocument } | { ok: false; issues: ScenarioIssue[] };

/**
 * The format of `file`: by extension (`.yaml`, `.yml`, `.json`); for any other name, JSON when the
 * text starts with `{` or `[` (a YAML scenario is a block mapping, so it would not), else YAML.
 */
export function detectFormat(file: string, text: string): SourceFormat {
  const extension = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  if (extension === 'json') return 'json';
  if (extension === 'yaml' || extension === 'yml') return 'yaml';
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

/**
 * Syntax errors shown at most: one misplaced indentation can make the parser report dozens more
 * after it, which bury the one that matters.
 */
const MAX_SYNTAX_ISSUES = 5;

/**
 * Parses scenario text in `format`. YAML and JSON syntax errors (and YAML warnings such as
 * unknown tags, duplicate keys in either format, and the problems of YAML anchors, aliases and
 * merge keys: see yamlReferenceProblems) become issues naming `file`, line and column. Pure:
 * never reads files, never throws.
 */
export function parseSource(text: string, file: string, format: SourceFormat): ParsedSource {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lineCounter = new LineCounter();
  const yamlDocument = parseDocument(body, { ...SCENARIO_YAML_OPTIONS, lineCounter });
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems = [...yamlDocument.errors, ...yamlDocument.warnings];
  let data: unknown;
  if (format === 'json') {
    try {
      data = JSON.parse(body);
    } catch (error) {
      return { ok: false, issues: [jsonSyntaxIssue(error as Error, body, file, position)] };
    }
    // JSON.parse keeps the last of two equal keys without a word; a scenario never means that.
    const duplicates = problems.filter((problem) => problem.code === 'DUPLICATE_KEY');
    if (duplicates.length > 0) {
      return {
        ok: false,
        issues: duplicates.map((problem) => syntaxIssue(file, 'duplicate key', position(problem.pos[0]))),
      };
    }
  } else {
    if (problems.length > 0) {
      const located = problems.map((problem) => ({ offset: problem.pos[0], message: problem.message }));
      return { ok: false, issues: syntaxIssues(file, located, position) };
    }
    // yaml resolves aliases and merge keys only while converting, and throws there without a
    // position: check them first, where each is.
    const inWords = (offset: number) => {
      const { line, column } = position(offset);
      return `line ${line}, column ${column}`;
    };
    const references = yamlReferenceProblems(yamlDocument, body, inWords);
    if (references.length > 0) return { ok: false, issues: syntaxIssues(file, references, position) };
    try {
      // The aliases are counted above (MAX_EXPANDED_VALUES) instead of by yaml's limit of 100
      // uses of an anchor, which refused a scenario of many links merging one's settings.
      data = yamlDocument.toJS({ maxAliasCount: -1 });
    } catch (error) {
      // Whatever else yaml may refuse while converting, it cannot say where.
      return {
        ok: false,
        issues: [{ file, path: '', message: `cannot read the YAML: ${(error as Error).message}` }],
      };
    }
  }
  // JSON is YAML, so the YAML node tree maps paths to positions for both formats.
  const mappable = yamlDocument.errors.every((problem) => problem.code === 'DUPLICATE_KEY');
  return {
    ok: true,
    document: {
      data,
      locate: (path, anchor) => {
        if (!mappable) return undefined;
        const offset = locateOffset(yamlDocument.contents, path, anchor, (node) =>
          isAlias(node) ? node.resolve(yamlDocument) : node,
        );
        return offset === undefined ? undefined : position(offset);
      },
      writtenAt: (path) => (mappable ? scalarSourceAt(yamlDocument, path) : undefined),
    },
  };
}

/**
 * The source text of the scalar at `path` in a parsed YAML (or JSON) document, aliases
 * followed; undefined where no scalar of the source stands there.
 */
export function scalarSourceAt(document: YamlDocument, path: DocumentPath): string | undefined {
  const resolve = (node: unknown) => (isAlias(node) ? node.resolve(document) : node);
  let node = resolve(document.contents);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && keyText(resolve(item.key)) === String(segment));
      node = resolve(pair?.value);
    } else if (isSeq(node) && typeof segment === 'number') {
      node = resolve(node.items[segment]);
    } else return undefined;
  }
  return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
}

/**
 * Issues for located syntax problems: the first MAX_SYNTAX_ISSUES, then a line counting the
 * rest.
 */
function syntaxIssues(
  file: string,
  problems: ReadonlyArray<{ offset: number; message: string }>,
  position: (offset: number) => SourcePosition,
): ScenarioIssue[] {
  const shown = problems
    .slice(0, MAX_SYNTAX_ISSUES)
    .map((problem) => syntaxIssue(file, problem.message, position(problem.offset)));
  const more = problems.length - shown.length;
  if (more > 0) {
    shown.push({
      file,
      path: '',
      message: `${more} more syntax errors after these, most likely following from the first: fix it and check again`,
    });
  }
  return shown;
}

function syntaxIssue(file: string, message: string, at: SourcePosition): ScenarioIssue {
  return { file, path: '', line: at.line, column: at.column, message: `syntax error: ${message}` };
}

function jsonSyntaxIssue(
  error: Error,
  text: string,
  file: string,
  position: (offset: number) => SourcePosition,
): ScenarioIssue {
  // V8 says "... in JSON at position 42" for most errors but not for an unexpected token or an
  // early end; then yaml's strict JSON reading usually finds the spot, else the end is blamed.
  const reported = /at position (\d+)/.exec(error.message)?.[1];
  const strict = parseDocument(text, { schema: 'json', prettyErrors: false });
  const found = [...strict.errors, ...strict.warnings][0]?.pos[0];
  const at = position(reported !== undefined ? Number(reported) : (found ?? text.trimEnd().length));
  // Leave out V8's position and its quote of the text around the error: the line and column say it.
  const message = error.message
    .replace(/ in JSON at position \d+[\s\S]*$/, '')
    .replace(/, (\.\.\.)?"[\s\S]*"(\.\.\.)? is not valid JSON$/, '');
  return syntaxIssue(file, `invalid JSON: ${message}`, at);
}

type Resolve = (node: unknown) => unknown;

function locateOffset(
  root: unknown,
  path: DocumentPath,
  anchor: 'value' | 'key',
  resolve: Resolve,
): number | undefined {
  let node = resolve(root);
  let best = startOf(node);
  for (let index = 0; index < path.length; index++) {
    const segment = path[index];
    let child: unknown;
    let key: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && keyText(resolve(item.key)) === String(segment));
      child = pair?.value;
      key = pair?.key;
    } else if (isSeq(node) && typeof segment === 'number') {
      child = node.items[segment];
    }
    if (anchor === 'key' && index === path.length - 1 && key !== undefined) return startOf(key) ?? best;
    node = resolve(child);
    const start = startOf(node);
    if (start === undefined) return best;
    best = start;
  }
  return best;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function startOf(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}
