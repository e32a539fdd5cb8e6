import { z } from 'zod';
import { quantitySchema } from '../engine/schemas.js';
import type { Dimension } from '../engine/units.js';
import { type DocumentPath, valueAt } from './document-path.js';

// Finds what the scenario schema expects at a path of a (possibly invalid) document, so that
// error messages can list the allowed keys or describe the expected form. Reads zod's public
// schema classes; anything it does not recognise simply yields no hint.

/** Unwraps one wrapper level (optional, default, transform pipe...), or undefined at a concrete schema. */
function innerOf(schema: z.ZodType): z.ZodType | undefined {
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodPrefault ||
    schema instanceof z.ZodReadonly ||
    schema instanceof z.ZodCatch ||
    schema instanceof z.ZodNonOptional
  ) {
    return schema.def.innerType as z.ZodType;
  }
  if (schema instanceof z.ZodPipe) {
    // A preprocess pipe starts with a transform: what the user writes is checked by `out`.
    return (schema.def.in instanceof z.ZodTransform ? schema.def.out : schema.def.in) as z.ZodType;
  }
  if (schema instanceof z.ZodLazy) return schema.def.getter() as z.ZodType;
  return undefined;
}

/**
 * The concrete alternatives a schema accepts for `value`: unions are flattened, wrappers removed.
 * `depth` stops a lazy schema that contains itself from recursing forever.
 */
function alternatives(schema: z.ZodType, value: unknown, depth = 0): z.ZodType[] {
  if (depth > 32) return [];
  let concrete = schema;
  for (let inner = innerOf(concrete); inner; inner = innerOf(concrete)) concrete = inner;
  if (!(concrete instanceof z.ZodUnion)) return [concrete];
  let options = concrete.def.options as z.ZodType[];
  const discriminator = (concrete.def as { discriminator?: string }).discriminator;
  if (discriminator !== undefined && value !== null && typeof value === 'object') {
    // Only the branch the input selects is relevant, e.g. stop-and-wait's keys for protocol: stop-and-wait.
    const chosen = (value as Record<string, unknown>)[discriminator];
    const matching = options.filter((option) => literalValues(option, discriminator).has(chosen));
    if (matching.length > 0) options = matching;
  }
  return options.flatMap((option) => alternatives(option, value, depth + 1));
}

function literalValues(option: z.ZodType, key: string): Set<unknown> {
  const objects = alternatives(option, undefined).filter((alternative) => alternative instanceof z.ZodObject);
  const values = new Set<unknown>();
  for (const object of objects) {
    const field = object.shape[key];
    if (field instanceof z.ZodLiteral) for (const literal of field.values) values.add(literal);
  }
  return values;
}

function childSchemas(schema: z.ZodType, segment: string | number, value: unknown): z.ZodType[] {
  const children: z.ZodType[] = [];
  for (const alternative of alternatives(schema, value)) {
    if (alternative instanceof z.ZodObject && typeof segment === 'string') {
      const field = alternative.shape[segment] as z.ZodType | undefined;
      if (field) children.push(field);
    } else if (alternative instanceof z.ZodArray && typeof segment === 'number') {
      children.push(alternative.element as z.ZodType);
    } else if (alternative instanceof z.ZodTuple && typeof segment === 'number') {
      const item = (alternative.def.items[segment] ?? alternative.def.rest) as z.ZodType | null;
      if (item) children.push(item);
    } else if (alternative instanceof z.ZodRecord) {
      children.push(alternative.def.valueType as z.ZodType);
    }
  }
  return children;
}

/** The schemas that apply at `path` of `document` (several when a union leaves it open). */
export function schemasAt(root: z.ZodType, path: DocumentPath, document: unknown): z.ZodType[] {
  let schemas = [root];
  let value = document;
  for (const segment of path) {
    schemas = schemas.flatMap((schema) => childSchemas(schema, segment, value));
    value = valueAt(value, [segment]);
  }
  return schemas;
}

/** Keys an object at `path` may have, in schema order; empty when unknown. */
export function allowedKeysAt(root: z.ZodType, path: DocumentPath, document: unknown): string[] {
  const keys = new Set<string>();
  const value = valueAt(document, path);
  for (const schema of schemasAt(root, path, document)) {
    for (const alternative of alternatives(schema, value)) {
      if (alternative instanceof z.ZodObject) for (const key of Object.keys(alternative.shape)) keys.add(key);
    }
  }
  return [...keys];
}

/** The keys of the object forms at `path` that accept `key` (all forms of a union that have it). */
export function keysAllowedWith(
  root: z.ZodType,
  path: DocumentPath,
  document: unknown,
  key: string,
): string[] {
  const keys = new Set<string>();
  const value = valueAt(document, path);
  for (const schema of schemasAt(root, path, document)) {
    for (const alternative of alternatives(schema, value)) {
      if (alternative instanceof z.ZodObject && key in alternative.shape) {
        for (const other of Object.keys(alternative.shape)) keys.add(other);
      }
    }
  }
  return [...keys];
}

/**
 * The one option of a union at `path` whose object forms allow every one of `keys`, when no
 * other option does: the form the input was meant as (a loss model, where `{ forward, reverse }`
 * is accepted too). Undefined without a union there, or when it stays open.
 */
export function unionOptionTaking(
  root: z.ZodType,
  path: DocumentPath,
  document: unknown,
  keys: readonly string[],
): z.ZodType | undefined {
  const value = valueAt(document, path);
  const taking: z.ZodType[] = [];
  for (const schema of schemasAt(root, path, document)) {
    let concrete = schema;
    for (let inner = innerOf(concrete); inner; inner = innerOf(concrete)) concrete = inner;
    if (!(concrete instanceof z.ZodUnion)) continue;
    for (const option of concrete.def.options as z.ZodType[]) {
      const allowed = new Set<string>();
      for (const alternative of alternatives(option, value)) {
        if (alternative instanceof z.ZodObject)
          for (const key of Object.keys(alternative.shape)) allowed.add(key);
      }
      if (keys.every((key) => allowed.has(key))) taking.push(option);
    }
  }
  return taking.length === 1 ? taking[0] : undefined;
}

/** What a value at some path should be, in words. */
export interface Expectation {
  /** The accepted form: "a time with a unit, or a bare number in SI base units". */
  form?: string;
  /** What the value means, when the schema says so: "mean time to repair (exponential)". */
  meaning?: string;
  /** The dimension when every schema at the path takes one kind of plain quantity (a fault's `at`). */
  dimension?: Dimension;
}

/** Per dimension: a quantity with a unit, and 1 in its base unit (what a bare 1 must mean). */
const DIMENSION_PROBES: ReadonlyArray<[Dimension, string, string]> = [
  ['time', '15ms', '1s'],
  ['bandwidth', '1Gbps', '1bps'],
  ['size', '1500B', '1B'],
];

/**
 * What the schema at `path` accepts, from its `.meta({ description })`s: outer descriptions tell
 * the meaning ("processing time per message"), the innermost one the form ("a time (constant) or
 * { dist: ... }"). A plain quantity whose description was replaced by its meaning is recognised
 * by the units it accepts, so its form can still be told. Empty when the path is ambiguous.
 */
export function expectationAt(root: z.ZodType, path: DocumentPath, document: unknown): Expectation {
  const schemas = schemasAt(root, path, document);
  // Forms that take no number (`{ dist: ... }`, `{ cycles }`) have no say in what a number means.
  const dimensions = new Set(schemas.filter((schema) => schema.safeParse(1).success).map(quantityDimension));
  const [only] = dimensions;
  const agreed = dimensions.size === 1 && only !== undefined ? { dimension: only } : {};
  if (schemas.length !== 1) return agreed;
  const descriptions: string[] = [];
  for (let schema: z.ZodType | undefined = schemas[0]; schema; schema = innerOf(schema)) {
    if (schema.description !== undefined) descriptions.push(schema.description);
  }
  const dimension = quantityDimension(schemas[0]);
  const form = dimension ? quantitySchema(dimension).description : descriptions[descriptions.length - 1];
  const meaning = descriptions[0] !== form ? descriptions[0] : undefined;
  return { form, meaning, ...agreed };
}

/**
 * The dimension when `schema` takes exactly one kind of quantity, reads a bare number in its
 * base unit (a link's `buffer` takes sizes, but a bare number there counts packets) and has no
 * `{ dist: ... }` form.
 */
function quantityDimension(schema: z.ZodType): Dimension | undefined {
  const accepted = DIMENSION_PROBES.filter(([, probe]) => schema.safeParse(probe).success);
  if (accepted.length !== 1 || schema.safeParse({ dist: 'constant', value: 1 }).success) return undefined;
  const [dimension, , one] = accepted[0];
  const bare = schema.safeParse(1);
  if (bare.success && bare.data !== schema.safeParse(one).data) return undefined;
  return dimension;
}

/**
 * The dimension a bare number at `path` is read in, when the schema says so without doubt: every
 * schema there that takes a number takes quantities of that one dimension and reads the number
 * in its base unit, whatever other forms it has (a link's `delay`, a time or a distribution: 0.1
 * is 100 ms). Undefined when nothing there takes a number, when the schemas disagree, or when a
 * bare number means something else (a link's `buffer` takes sizes, but 5 counts packets).
 */
export function numberDimensionAt(
  root: z.ZodType,
  path: DocumentPath,
  document: unknown,
): Dimension | undefined {
  const dimensions = new Set(
    schemasAt(root, path, document)
      .filter((schema) => parses(schema, 1))
      .map(bareNumberDimension),
  );
  const [only] = dimensions;
  return dimensions.size === 1 ? only : undefined;
}

/** The one dimension whose quantities `schema` takes, when a bare 1 gives what 1 of its base unit gives. */
function bareNumberDimension(schema: z.ZodType): Dimension | undefined {
  const accepted = DIMENSION_PROBES.filter(([, probe]) => parses(schema, probe));
  if (accepted.length !== 1) return undefined;
  const [dimension, , one] = accepted[0];
  // The outputs may be objects (a constant distribution, a fixed timeout): compare their data.
  const output = (input: unknown) => JSON.stringify(schema.safeParse(input).data);
  return output(1) === output(one) ? dimension : undefined;
}

/** True when `schema` accepts `input`; a schema that throws (reading a file it may not) does not. */
function parses(schema: z.ZodType, input: unknown): boolean {
  try {
    return schema.safeParse(input).success;
  } catch {
    return false;
  }
}

/**
 * The forms of the union at `path` whose objects accept `key`, unflattened: for a link's loss,
 * `{ model: ... }` belongs to the loss-model form (itself a union of a probability and the
 * registered models), not to `{ forward, reverse }`. Empty when no union at `path` has such a form.
 */
export function formsAcceptingKey(
  root: z.ZodType,
  path: DocumentPath,
  document: unknown,
  key: string,
): z.ZodType[] {
  const value = valueAt(document, path);
  const forms: z.ZodType[] = [];
  for (const schema of schemasAt(root, path, document)) {
    let concrete = schema;
    for (let inner = innerOf(concrete); inner; inner = innerOf(concrete)) concrete = inner;
    if (!(concrete instanceof z.ZodUnion)) continue;
    for (const option of concrete.def.options as z.ZodType[]) {
      const objects = alternatives(option, value).filter((form) => form instanceof z.ZodObject);
      if (objects.some((object) => key in object.shape)) forms.push(option);
    }
  }
  return forms;
}
