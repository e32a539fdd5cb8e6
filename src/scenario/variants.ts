/**
 * `--vary PATH=v1,v2,...`: the variants of a scenario that `msgsim compare` runs side by side.
 * A path may hold `[*]` (every element of the list at that point), and several `--vary` options
 * combine into their cartesian product. Each variant becomes a list of concrete `--set`
 * overrides, so the loader validates it exactly like a scenario edited with `--set`.
 */
import { type DocumentPath, describeBadIndex, describeValue, formatPath, readPath } from './document-path.js';
import { ScenarioError, type ScenarioIssue } from './errors.js';
import { emptyListAt, noListAt, problemOfPath } from './path-in-document.js';
import { quoteOption, quoteValue, quoteWritten } from './quote-option.js';
import { type CanonicalValue, canonicalValue, sameCanonicalValue } from './same-value.js';
import { splitValueList } from './split-outside.js';
import { readYamlValue } from './yaml-value.js';

/** Marks a `[*]` segment of a pattern: every element of the list there (a symbol, so no key can be it). */
export const EVERY_ELEMENT: unique symbol = Symbol('every element');

/** A path that may hold `[*]` segments. */
export type PathPattern = ReadonlyArray<string | number | typeof EVERY_ELEMENT>;

/**
 * Most variants (or points of a sweep) the options may make together: their product grows fast
 * (two ranges of 1000 points are a million), and every one is validated before the first run.
 */
export const MAX_VARIANTS = 10_000;

/** One `--vary` option (or `--param` of `msgsim sweep`), parsed. */
export interface VarySpec {
  /** The option it was given with, for messages: `--vary` or `--param`. */
  option: string;
  /** As the user wrote it, for messages. */
  text: string;
  /** The path part as written, like `flows[*].transport.protocol`. */
  pathText: string;
  /** The path with each `[*]` as EVERY_ELEMENT. */
  pattern: PathPattern;
  /** The values as written (trimmed), in order; each is read as YAML when applied, like `--set`. */
  values: string[];
  /**
   * True when the values were written as a range `from:to:step` (`msgsim sweep`): a message
   * about too many values may then suggest a larger step.
   */
  isRange: boolean;
}

/** One varied setting of a variant: the path pattern and the value, both as written. */
export interface VariantSetting {
  path: string;
  /** How labels name the path: its last key (`protocol`), or the whole path where that is ambiguous. */
  name: string;
  value: string;
}

/** One combination of varied values. */
export interface Variant {
  /** Short name for tables and charts: `protocol=go-back-n, loss=0.1`. */
  label: string;
  /** One setting per `--vary`, in the order the options were given. */
  settings: VariantSetting[];
  /** Concrete `path=value` overrides (every `[*]` expanded), applied after the `--set` ones. */
  overrides: string[];
}

/** How parseVary reads an option: its name in messages, and how its values are written. */
export interface VaryReading {
  /** The option's name in messages (default `--vary`). */
  option?: string;
  /**
   * The values of the text after `=`, or what is wrong with it (default: splitValueList).
   * Each value is then checked like a listed one.
   */
  readValues?: (written: string) => string[] | { problem: string };
  /** Whether the text after `=` is a range `from:to:step` (default: never; `--vary` takes no ranges). */
  isRange?: (written: string) => boolean;
  /**
   * The scenario the option varies, when known: the path is then checked against it, as a
   * `--set` path is (see problemOfPath), every `[*]` expanded, so that a problem the path has
   * whatever the value is reported once, not once per variant.
   */
  document?: unknown;
}

/** How messages quote an option: its name and its text, a long one shortened (see quoteOption). */
export function quoteSpec(spec: Pick<VarySpec, 'option' | 'text'>): string {
  return quoteOption(spec.option, spec.text, 'list');
}

/**
 * Parses `PATH=v1,v2,...` (split at the first `=`). Values are separated by commas outside
 * brackets, braces and quotes, so a value may be a YAML flow collection such as
 * `{dist: exponential, mean: 10ms}`; `reading` may name the option otherwise and read the
 * values another way.
 * @throws ScenarioError with one issue naming the option and `file`: no `=`, a path that cannot
 * be read, values that cannot be read, an empty or repeated value (also one written another way:
 * `0` and `0.0`, `10ms` and `0.01`, objects with the same keys and values; see same-value.ts),
 * or a value that is not YAML.
 */
export function parseVary(text: string, file = '--vary', reading: VaryReading = {}): VarySpec {
  const option = reading.option ?? '--vary';
  const fail = (path: string, message: string): never => {
    throw new ScenarioError([{ file, path, message: `${quoteSpec({ option, text })}: ${message}` }]);
  };
  const equals = text.indexOf('=');
  if (equals < 0) return fail('', 'expected path=value1,value2,..., like links[0].loss=0,0.1');
  const pathText = text.slice(0, equals).trim();
  const pattern = parsePattern(pathText, reading.document);
  if ('problem' in pattern) return fail(pattern.at, pattern.problem);
  const written = text.slice(equals + 1);
  const read = (reading.readValues ?? splitValueList)(written);
  if (!Array.isArray(read)) return fail(pathText, read.problem);
  const values = read.map((value) => value.trim());
  const seen = new Set<string>();
  const parsed: Array<{ value: string; canonical: CanonicalValue }> = [];
  for (const value of values) {
    if (value === '') return fail(pathText, 'a value is empty (write the values like 0,0.1,0.2)');
    if (seen.has(value)) return fail(pathText, `the value ${quoteValue(value)} is listed twice`);
    seen.add(value);
    const read = readYamlValue(value);
    if (!read.ok)
      return fail(pathText, `cannot read the value ${quoteValue(value)} as YAML: ${read.problem}`);
    // Values are compared as the scenario reads them: `0.0` is `0`, `10ms` is `0.01`.
    const canonical = canonicalValue(read.value);
    const same = parsed.find((earlier) => sameCanonicalValue(earlier.canonical, canonical));
    if (same) {
      return fail(
        pathText,
        `the values ${quoteValue(same.value)} and ${quoteValue(value)} are the same value written two ways (list it once)`,
      );
    }
    parsed.push({ value, canonical });
  }
  return { option, text, pathText, pattern, values, isRange: reading.isRange?.(written) ?? false };
}

/**
 * The variants of `document` (the raw scenario data, after `--set`) for the parsed `--vary`
 * options: their cartesian product, the first option varying slowest. `[*]` expands to every
 * element of the list found at that point of `document` (lists inside lists expand per element).
 * `nouns` names the variants in messages.
 * @throws ScenarioError with every problem: no option, two options whose paths overlap (one is
 * the other or lies inside it, `[*]` meeting any index: `flows[*].transport` and
 * `flows[0].transport.window`), a `[*]` where the document has no list or an empty one (each
 * issue names its `--vary`, at its path as written, as parseVary's with a document do), or more
 * than MAX_VARIANTS combinations (refused before any is made).
 */
export function expandVariants(
  document: unknown,
  specs: readonly VarySpec[],
  file: string,
  nouns = 'variants',
): Variant[] {
  if (specs.length === 0) {
    throw new ScenarioError([{ file, path: '', message: 'give at least one --vary path=value1,value2' }]);
  }
  const issues: ScenarioIssue[] = [];
  // Each option's concrete paths as written: its own text, each `[*]` the element's index.
  const concretePaths: string[][] = [];
  for (const [index, spec] of specs.entries()) {
    // Where one varied path holds the other, whichever is applied last would silently win.
    const earlier = specs.slice(0, index).find((other) => patternsOverlap(other.pattern, spec.pattern));
    if (earlier) {
      const by = quoteSpec(earlier);
      const problem =
        earlier.pathText === spec.pathText
          ? `this path is already varied by ${by}`
          : `this path overlaps ${earlier.pathText}, varied by ${by}: one lies inside the other, so one would silently win`;
      issues.push({ file, path: spec.pathText, message: `${quoteSpec(spec)}: ${problem}` });
    }
    try {
      concretePaths.push(expandPattern(document, spec.pattern).map((path) => writtenAs(spec.pathText, path)));
    } catch (error) {
      if (!(error instanceof PatternMismatch)) throw error;
      issues.push({ file, path: spec.pathText, message: `${quoteSpec(spec)}: ${error.message}` });
    }
  }
  const count = specs.reduce((product, spec) => product * spec.values.length, 1);
  if (count > MAX_VARIANTS) {
    const options = specs.map(quoteSpec).join(' and ');
    // A product is worth writing out only when there are factors to multiply.
    const made =
      specs.length > 1
        ? `make ${specs.map((spec) => spec.values.length).join(' × ')} = ${count}`
        : `makes ${count}`;
    // Only a range has a step to make larger.
    const remedy = specs.some((spec) => spec.isRange)
      ? 'take fewer values or a larger step'
      : 'take fewer values';
    issues.push({
      file,
      path: '',
      message: `${options} ${made} ${nouns}, more than ${MAX_VARIANTS} (${remedy})`,
    });
  }
  if (issues.length > 0) throw new ScenarioError(issues);

  const names = settingNames(specs);
  let combinations: number[][] = [[]];
  for (const spec of specs) {
    combinations = combinations.flatMap((chosen) => spec.values.map((_, index) => [...chosen, index]));
  }
  return combinations.map((chosen) => {
    const settings = chosen.map((valueIndex, specIndex) => ({
      path: specs[specIndex].pathText,
      name: names[specIndex],
      value: specs[specIndex].values[valueIndex],
    }));
    return {
      label: settings.map((setting) => `${setting.name}=${setting.value}`).join(', '),
      settings,
      overrides: settings.flatMap((setting, index) =>
        concretePaths[index].map((path) => `${path}=${setting.value}`),
      ),
    };
  });
}

/**
 * The concrete `path` (one that `written`, a pattern's text, stands for) written as the pattern
 * is, each `[*]` replaced by the element's index: `links[*]['loss']` for links[1] is
 * `links[1]['loss']`. The pattern's segments are the path's, one for one.
 */
function writtenAs(written: string, path: DocumentPath): string {
  const read = readPath(written);
  if (!read.ok) return formatPath(path);
  let text = '';
  let from = 0;
  for (const [index, segment] of read.segments.entries()) {
    if (segment.kind !== 'every') continue;
    text += `${written.slice(from, segment.start)}[${String(path[index])}]`;
    from = segment.end;
  }
  return text + written.slice(from);
}

/**
 * How each option is named in variant labels: the last key of its path (`protocol`, `loss`), or
 * the whole path where two options would otherwise share a name.
 */
function settingNames(specs: readonly VarySpec[]): string[] {
  const short = specs.map((spec) => {
    const keys = spec.pattern.filter((segment) => typeof segment === 'string');
    return String(keys[keys.length - 1] ?? spec.pathText);
  });
  return short.map((name, index) =>
    short.indexOf(name) === short.lastIndexOf(name) ? name : specs[index].pathText,
  );
}

/**
 * True when one pattern is the other or lies inside it: segment by segment along the shorter,
 * keys equal and indexes equal, a `[*]` meeting any index (`flows[*]` holds `flows[0]`).
 */
export function patternsOverlap(a: PathPattern, b: PathPattern): boolean {
  const meet = (x: PathPattern[number], y: PathPattern[number]) =>
    x === y ||
    (x === EVERY_ELEMENT && typeof y === 'number') ||
    (y === EVERY_ELEMENT && typeof x === 'number');
  return a.slice(0, b.length).every((segment, index) => meet(segment, b[index]));
}

/**
 * The written path with `[*]`, or what is wrong with it and the path to report it at (the
 * written path where it can be read; else none). With `document`, the path is checked against
 * it (see problemOfPath); without, brackets that hold no index are refused as written.
 */
function parsePattern(text: string, document: unknown): PathPattern | { problem: string; at: string } {
  const read = readPath(text, 'flows[*].transport.protocol');
  if (!read.ok) return { problem: read.message, at: '' };
  if (read.segments[0].kind === 'every') {
    return {
      problem: `the path ${quoteWritten(text)} must start with a key (write it like flows[*].transport.protocol)`,
      at: '',
    };
  }
  if (document !== undefined) {
    const problem = problemOfPath(document, text, read.segments);
    if (problem !== undefined) return { problem, at: text };
  }
  const pattern: Array<string | number | typeof EVERY_ELEMENT> = [];
  for (const segment of read.segments) {
    if (segment.kind === 'key') pattern.push(segment.key);
    else if (segment.kind === 'index') pattern.push(segment.index);
    else if (segment.kind === 'every') pattern.push(EVERY_ELEMENT);
    else {
      const badIndex = { offset: segment.start, end: segment.end, written: segment.written };
      return { problem: describeBadIndex(text, badIndex), at: text };
    }
  }
  return pattern;
}

/** A `[*]` that finds no list to expand, saying where it looked. */
export class PatternMismatch extends Error {}

/**
 * Every concrete path `pattern` stands for in `document`, in document order.
 * @throws PatternMismatch (an Error) where a `[*]` finds no list or an empty one.
 */
export function expandPattern(document: unknown, pattern: PathPattern): DocumentPath[] {
  const paths: DocumentPath[] = [];
  const walk = (value: unknown, prefix: Array<string | number>, rest: PathPattern): void => {
    if (rest.length === 0) {
      paths.push(prefix);
      return;
    }
    const [segment, ...after] = rest;
    if (segment !== EVERY_ELEMENT) {
      const child =
        value !== null && typeof value === 'object' && Object.hasOwn(value, segment)
          ? (value as Record<string | number, unknown>)[segment]
          : undefined;
      walk(child, [...prefix, segment], after);
      return;
    }
    const here = formatPath(prefix);
    if (value === undefined || value === null) throw new PatternMismatch(noListAt(here));
    if (!Array.isArray(value)) {
      throw new PatternMismatch(`[*] needs a list at ${quoteWritten(here)}, found ${describeValue(value)}`);
    }
    if (value.length === 0) throw new PatternMismatch(emptyListAt(here));
    value.forEach((element, index) => {
      walk(element, [...prefix, index], after);
    });
  };
  walk(document, [], pattern);
  return paths;
}
