import type { z } from 'zod';
import { type DocumentPath, describeValue, formatPath, valueAt } from './document-path.js';
import { quoteValue } from './quote-option.js';
import {
  allowedKeysAt,
  expectationAt,
  formsAcceptingKey,
  keysAllowedWith,
  unionOptionTaking,
} from './schema-lookup.js';

type ZodIssue = z.core.$ZodIssue;

/** One schema problem in words, before it is located in the file. */
export interface ExplainedIssue {
  path: Array<string | number>;
  /** What was wrong and what was expected. */
  message: string;
  /**
   * Which source node shows the problem: the value at `path`, the key of that value (an
   * unknown key), or its parent (a missing key has no node of its own).
   */
  anchor: 'value' | 'key' | 'parent';
}

/** What the explanation needs to know besides the issues. */
interface Context {
  schema: z.ZodType;
  document: unknown;
  /** Paths already checked against the form their keys show they were meant as. */
  checkedAsMeant?: ReadonlySet<string>;
  /** The source text of the scalar at a path, where known (see numberAsWritten). */
  writtenAt?: (path: DocumentPath) => string | undefined;
}

/** How explainIssues may quote what was written. */
export interface ExplainOptions {
  /**
   * The source text of the scalar at a path (the file's token, or a `--set` value's), where
   * known: a number a double cannot hold as written is then quoted as written (see
   * numberAsWritten).
   */
  writtenAt?: (path: DocumentPath) => string | undefined;
}

/**
 * Turns zod issues for `document` into messages that say what was expected: unions report the
 * branch that best fits the input, unknown keys list the allowed ones and suggest the closest,
 * type errors say what they got. Never throws.
 */
export function explainIssues(
  issues: readonly ZodIssue[],
  document: unknown,
  schema: z.ZodType,
  options: ExplainOptions = {},
): ExplainedIssue[] {
  const explained = issues.flatMap((issue) =>
    explain(issue, [], { schema, document, writtenAt: options.writtenAt }),
  );
  // An unknown key that is a typo of a missing one says it all; drop the "missing" twin.
  const typoTargets = new Set(explained.flatMap((issue) => (issue.typoOf ? [formatPath(issue.typoOf)] : [])));
  const seen = new Set<string>();
  const kept: ExplainedIssue[] = [];
  for (const { path, message, anchor } of explained) {
    const key = `${formatPath(path)}\n${message}`;
    if (seen.has(key) || (anchor === 'parent' && typoTargets.has(formatPath(path)))) continue;
    seen.add(key);
    kept.push({ path, message, anchor });
  }
  return kept;
}

/** An explained issue with, for an unknown key, the path of the key it is probably a typo of. */
type Explained = ExplainedIssue & { typoOf?: Array<string | number> };

function explain(issue: ZodIssue, base: DocumentPath, context: Context): Explained[] {
  const path = [
    ...base,
    ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
  ];
  const value = valueAt(context.document, path);
  const missing =
    value === undefined && path.length > 0 && isObject(valueAt(context.document, path.slice(0, -1)));
  const at = (message: string, anchor: ExplainedIssue['anchor'] = missing ? 'parent' : 'value') => [
    { path, message, anchor },
  ];
  // A number as the message quotes it: as written where the double read from it is not what was typed.
  const written = numberAsWritten(value, context.writtenAt?.(path));
  const describe = (shown: unknown) => describeValue(shown, written);
  const missingKey = (expected: string, meaning?: string) =>
    at(
      `missing required key '${String(path[path.length - 1])}'${meaning ? ` (${meaning})` : ''}: expected ${expected}`,
    );

  // YAML's .inf reads as a number, but no number field takes one: say so, not "expected a number".
  if (isNonFinite(value) && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) {
    const { dimension } = expectationAt(context.schema, path, context.document);
    return at(`expected a finite ${dimension ?? 'number'}, got ${written ?? String(value)}`);
  }
  switch (issue.code) {
    case 'invalid_type': {
      const expected =
        issue.expected === 'object' && path.length === 0
          ? 'a scenario: a mapping with keys such as name, nodes, links, flows'
          : typeInWords(issue.expected);
      if (missing) return missingKey(expected);
      const got = path.length === 0 && value == null ? 'an empty document' : describe(value);
      return at(`expected ${expected}, got ${got}`);
    }
    case 'invalid_union': {
      if (issue.errors.length === 0 && 'options' in issue && issue.discriminator !== undefined) {
        const options = (issue.options ?? []).map(String);
        const choice = `one of: ${options.join(', ')}`;
        if (missing) return missingKey(choice);
        return at(
          `unknown ${issue.discriminator} ${quote(value)} (expected ${choice})${suggest(value, options)}`,
        );
      }
      if (issue.errors.length === 0) return at(issue.message || 'matches none of the accepted forms');
      const onlyMissing = issue.errors.map((branch) => missingKeysOnly(branch, value));
      if (onlyMissing.length > 1 && onlyMissing.every((keys) => keys !== undefined)) {
        // Every form fits but for keys of its own (`{ at: 1s }` of a fault): name the forms.
        const forms = onlyMissing.map(
          (keys) =>
            `${quoteValue(keys![0])}${
              keys!.length > 1
                ? ` (with ${keys!
                    .slice(1)
                    .map((key) => quoteValue(key))
                    .join(', ')})`
                : ''
            }`,
        );
        return at(`expected one of the keys ${forms.join(', ')}`);
      }
      const branch = bestBranch(issue.errors, valueAt(context.document, path));
      if (branch && !branch.every(isTypeMismatch))
        return branch.flatMap((inner) => explain(inner, path, context));
      // No branch got past the type check: say what the whole union takes.
      const { form, meaning } = expectationAt(context.schema, path, context.document);
      const expected =
        form ?? [...new Set(issue.errors.flat().flatMap(expectedTypes))].map(typeInWords).join(' or ');
      if (missing) return missingKey(expected, meaning);
      return at(`expected ${expected}, got ${describe(value)}`);
    }
    case 'unrecognized_keys': {
      const meant = meantFormIssues(path, value, context);
      if (meant !== undefined) return meant;
      const allowed = allowedKeysAt(context.schema, path, context.document);
      const hint = allowed.length > 0 ? ` (expected one of: ${allowed.join(', ')})` : '';
      // The given keys another form of this entry (a union) cannot take beside `key`; a key no
      // form takes is unknown, not a clash.
      const clashingWith = (key: string) => {
        const compatible = new Set(keysAllowedWith(context.schema, path, context.document, key));
        return isObject(value)
          ? Object.keys(value).filter((other) => allowed.includes(other) && !compatible.has(other))
          : [];
      };
      const ofOtherForm = issue.keys.find((key) => allowed.includes(key) && clashingWith(key).length === 0);
      const inOtherForm =
        ofOtherForm === undefined ? [] : explainInFormsOf(ofOtherForm, path, value, context);
      if (inOtherForm.length > 0) return inOtherForm;
      return issue.keys.map((key) => {
        if (allowed.includes(key)) {
          // Allowed in another form of this entry: say it clashes, not that it is unknown.
          const given = clashingWith(key).map((other) => quoteValue(other));
          const clash =
            given.length > 0
              ? `cannot be combined with ${given.join(', ')} in one entry`
              : 'does not fit here';
          return {
            path: [...path, key],
            message: `${quoteValue(key)} ${clash}: each entry takes one form, with the keys that form allows (see the README)`,
            anchor: 'key' as const,
          };
        }
        const intended = closestMatch(key, allowed);
        return {
          path: [...path, key],
          message: `unknown key ${quoteValue(key)}${intended ? `; did you mean ${quoteValue(intended)}?` : ''}${hint}`,
          anchor: 'key' as const,
          ...(intended && { typoOf: [...path, intended] }),
        };
      });
    }
    case 'invalid_value': {
      const options = issue.values.map((option) => (typeof option === 'string' ? option : String(option)));
      const expected = options.length === 1 ? quote(issue.values[0]) : `one of: ${options.join(', ')}`;
      if (missing) return missingKey(expected);
      return at(`expected ${expected}, got ${describe(value)}${suggest(value, options)}`);
    }
    case 'too_small':
    case 'too_big':
      return at(`${sizeLimit(issue)}, got ${describeSize(value, issue.origin, written)}`);
    case 'invalid_format': {
      const expected = issue.message.startsWith('Invalid')
        ? `expected text in the format ${issue.format}`
        : issue.message;
      return at(`${expected}, got ${describe(value)}`);
    }
    case 'not_multiple_of':
      return at(`expected a multiple of ${String(issue.divisor)}, got ${describe(value)}`);
    default:
      // custom (refinements, quantity parsing) and the rest already speak the user's language.
      return at(issue.message || 'invalid value');
  }
}

/**
 * When zod reports unknown keys of one union option (it reports only an option that got
 * furthest), but one other option takes every key given, the input was meant as that one: its
 * problems, checked against it (`loss: { model: periodic, every: 0 }` is a model with a bad
 * `every`, not a `{ forward, reverse }` pair with unknown keys). Undefined when no such form exists.
 */
function meantFormIssues(path: DocumentPath, value: unknown, context: Context): Explained[] | undefined {
  const where = formatPath(path);
  if (!isObject(value) || context.checkedAsMeant?.has(where)) return undefined;
  const option = unionOptionTaking(context.schema, path, context.document, Object.keys(value));
  const result = option?.safeParse(value);
  if (result === undefined || result.success) return undefined;
  const checkedAsMeant = new Set(context.checkedAsMeant).add(where);
  return result.error.issues.flatMap((inner) => explain(inner, path, { ...context, checkedAsMeant }));
}

/**
 * What is wrong with `value` in the forms of the union at `path` that take `key` (nothing when
 * they take it as it is), for a key no other given key clashes with: where no form takes every
 * key given (see meantFormIssues), because one of them no form knows. A link's `loss: { model:
 * gilbert, p: 0.1 }` came back as a `model` that `{ forward, reverse }` lacks; its problem is
 * the unknown model, as under `forward`.
 */
function explainInFormsOf(key: string, path: DocumentPath, value: unknown, context: Context): Explained[] {
  const where = formatPath(path);
  if (context.checkedAsMeant?.has(where)) return [];
  const checkedAsMeant = new Set(context.checkedAsMeant).add(where);
  const forms = formsAcceptingKey(context.schema, path, context.document, key);
  return forms.flatMap((form) => {
    const parsed = form.safeParse(value);
    if (parsed.success) return [];
    return parsed.error.issues.flatMap((inner) => explain(inner, path, { ...context, checkedAsMeant }));
  });
}

/**
 * The union branch that fits the input best: one that got past the type check, then the one
 * missing the fewest keys, then the one with the fewest problems, then the one whose problems lie
 * deepest (it matched more of the input).
 */
function bestBranch(branches: readonly ZodIssue[][], value: unknown): ZodIssue[] | undefined {
  // A branch that needs a key the input lacks fits worse than one whose keys are all there
  // (`{ degrade: l, for: 0s }` is a bad degradation, not a crash missing its `crash` key).
  const missingKeys = (branch: ZodIssue[]) =>
    branch.filter(
      (inner) =>
        inner.code === 'invalid_type' &&
        inner.path.length === 1 &&
        isObject(value) &&
        !(String(inner.path[0]) in value),
    ).length;
  // Then the branch that knows more of the given keys: `{ degrad: l, for: 1s }` is a degradation
  // with a typo, not a crash with three unknown keys.
  const unknownKeys = (branch: ZodIssue[]) =>
    branch.reduce((sum, inner) => sum + (inner.code === 'unrecognized_keys' ? inner.keys.length : 0), 0);
  const score = (branch: ZodIssue[]) => [
    branch.every(isTypeMismatch) ? 1 : 0,
    missingKeys(branch),
    unknownKeys(branch),
    branch.length,
    -Math.max(0, ...branch.map((inner) => inner.path.length)),
  ];
  let best: ZodIssue[] | undefined;
  let bestScore: number[] = [];
  for (const branch of branches) {
    const current = score(branch);
    const firstDifference = current.findIndex((part, index) => part !== bestScore[index]);
    if (
      best === undefined ||
      (firstDifference >= 0 && current[firstDifference] < bestScore[firstDifference])
    ) {
      best = branch;
      bestScore = current;
    }
  }
  return best;
}

/** The keys a union branch lacks when that is its only problem with `value`, else undefined. */
function missingKeysOnly(branch: readonly ZodIssue[], value: unknown): string[] | undefined {
  if (branch.length === 0 || !isObject(value)) return undefined;
  const keys: string[] = [];
  for (const inner of branch) {
    if ((inner.code !== 'invalid_type' && inner.code !== 'invalid_union') || inner.path.length !== 1)
      return undefined;
    const key = String(inner.path[0]);
    if (key in value) return undefined;
    keys.push(key);
  }
  return keys;
}

/** The input is of the wrong kind for this branch altogether (e.g. a string where an object goes). */
function isTypeMismatch(issue: ZodIssue): boolean {
  if (issue.path.length > 0) return false;
  if (issue.code === 'invalid_type') return true;
  return (
    issue.code === 'invalid_union' &&
    issue.errors.length > 0 &&
    issue.errors.every((branch) => branch.every(isTypeMismatch))
  );
}

function expectedTypes(issue: ZodIssue): string[] {
  if (issue.code === 'invalid_type') return [issue.expected];
  if (issue.code === 'invalid_union') return issue.errors.flat().flatMap(expectedTypes);
  return [];
}

function typeInWords(type: string): string {
  const words: Record<string, string> = {
    number: 'a number',
    int: 'an integer',
    string: 'a string',
    boolean: 'true or false',
    object: 'an object (a mapping of keys to values)',
    array: 'a list',
    tuple: 'a list',
    null: 'null',
  };
  return words[type] ?? `a value of type ${type}`;
}

function sizeLimit(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'array' || issue.origin === 'set') {
    const count = issue.inclusive ? limit : small ? limit + 1 : limit - 1;
    return `expected ${small ? 'at least' : 'at most'} ${count} item${count === 1 ? '' : 's'}`;
  }
  if (issue.origin === 'string') return `expected ${small ? 'at least' : 'at most'} ${limit} characters`;
  const relation = small
    ? issue.inclusive
      ? 'at least'
      : 'more than'
    : issue.inclusive
      ? 'at most'
      : 'less than';
  return `expected a number of ${relation} ${limit}`;
}

function describeSize(value: unknown, origin: string, written?: string): string {
  if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'string' && origin === 'string') return `${value.length} characters`;
  return typeof value === 'number' ? (written ?? String(value)) : describeValue(value);
}

/** A number written with an exponent: 1e20, 2.5E-3. */
const EXPONENT_NOTATION = /^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i;

/**
 * `written`, the source text of the number `value`, where a message should quote it rather than
 * the double read from it: a whole number past 2^53 - 1 (`99999999999999999999` reads as
 * 100000000000000000000, `9007199254740993` as 9007199254740992), or a number too large for a
 * double at all (`1e400` reads as Infinity), or one written with an exponent (`1e20` would show
 * as 100000000000000000000, `1e300` as 1e+300). Undefined otherwise (`.inf` and `0.10` read as
 * written them well enough), and for anything that is no number.
 */
export function numberAsWritten(value: unknown, written: string | undefined): string | undefined {
  if (typeof value !== 'number' || written === undefined) return undefined;
  const text = written.trim();
  if (!Number.isFinite(value)) return /^[+-]?(\d|\.\d)/.test(text) ? text : undefined;
  if (EXPONENT_NOTATION.test(text)) return text;
  return /^[+-]?\d+$/.test(text) && !Number.isSafeInteger(value) ? text : undefined;
}

/** `; did you mean 'bandwidth'?` when `written` is an obvious typo of one candidate, else ''. */
function suggest(written: unknown, candidates: readonly string[]): string {
  if (typeof written !== 'string' || written.length === 0) return '';
  const match = closestMatch(written, candidates);
  return match === undefined ? '' : `; did you mean ${quoteValue(match)}?`;
}

/** The candidate within a small edit distance of `written` (at most a third of its length). */
function closestMatch(written: string, candidates: readonly string[]): string | undefined {
  const lower = written.toLowerCase();
  const limit = Math.max(1, Math.floor(written.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === written) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, with a swap of neighbours counting as one edit (`bandwdith`). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function quote(value: unknown): string {
  if (typeof value === 'string') return `${quoteValue(value)}`;
  // String() of a written object is '[object Object]' at best; with `toString: null` it throws.
  if (value !== null && typeof value === 'object') return describeValue(value);
  return String(value);
}

function isNonFinite(value: unknown): boolean {
  return typeof value === 'number' && !Number.isFinite(value);
}
