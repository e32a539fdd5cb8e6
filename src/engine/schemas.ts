import { z } from 'zod';
import type { Distribution, DistributionFamily } from './distributions.js';
import type { Registry } from './registry.js';
import { type Dimension, parseQuantity } from './units.js';

/**
 * An id or name of the scenario (`what`: 'id', 'name'): it keys objects of the results
 * (summary.json's flows, nodes, queues, consumers...), where the key `__proto__` would set the
 * object's prototype and the entry would vanish, so that one is refused.
 */
export function resultKeySchema(pattern: RegExp, patternMessage: string, what: string) {
  return z
    .string()
    .regex(pattern, patternMessage)
    .refine((key) => key !== '__proto__', `expected another ${what}: '__proto__' cannot key a result`);
}

/** A quantity written with a unit (`15ms`, `1Gbps`, `64KiB`) or a bare SI number; yields the SI value. */
export function quantitySchema(dimension: Dimension) {
  return quantityOf(dimension);
}

/** A quantity that must be greater than zero (a timeout, a mean time to failure...). */
export function positiveQuantitySchema(dimension: Dimension) {
  const expected = `expected a ${dimension} greater than 0`;
  // parseQuantity calls a negative "not non-negative", which reads as if 0 were fine here; the
  // check runs on the text, so the message can quote what was written.
  return quantityOf(dimension, (input) => `${expected}, got ${String(input)}`);
}

/**
 * The quantity schema; with `refusedAsNotPositive`, a quantity that must be greater than 0,
 * whose zero or negative value that function words (instead of parseQuantity).
 *
 * Such a value is only out of range: it is refused with an issue zod goes on after, and keeps
 * its number, so the scenario's cross-reference checks still read the rest of the file (an
 * unknown node in a flow is reported beside `duration: 0s`); the checks that would measure
 * against the value look for its issue first, and no transform piped after it runs.
 */
function quantityOf(dimension: Dimension, refusedAsNotPositive?: (input: number | string) => string) {
  return z
    .union([z.number(), z.string()])
    .transform((input, ctx) => {
      const outOfRange = (value: number) => {
        ctx.addIssue({ code: 'custom', message: refusedAsNotPositive!(input), input, continue: true });
        return value;
      };
      const parsed = parseQuantity(input, dimension);
      if (parsed.ok) {
        return !refusedAsNotPositive || parsed.value > 0 ? parsed.value : outOfRange(parsed.value);
      }
      const negative = refusedAsNotPositive ? negativeQuantity(input, dimension) : undefined;
      if (negative !== undefined) return outOfRange(negative);
      ctx.addIssue({ code: 'custom', message: parsed.message, input });
      return z.NEVER;
    })
    .meta({ description: `a ${dimension} with a unit, or a bare number in SI base units` });
}

/** The value of `input` when it is a well-formed quantity of `dimension` but for a leading minus sign. */
function negativeQuantity(input: number | string, dimension: Dimension): number | undefined {
  if (typeof input === 'number') return input < 0 && Number.isFinite(input) ? input : undefined;
  const text = input.trim();
  if (!text.startsWith('-')) return undefined;
  const magnitude = parseQuantity(text.slice(1), dimension);
  return magnitude.ok ? -magnitude.value : undefined;
}

/** A probability in [0, 1]. */
export const probabilitySchema = z.number().min(0).max(1).meta({ description: 'a probability in [0, 1]' });

/**
 * A distribution of `dimension` values: a plain quantity (constant) or `{ dist: NAME, ...params }`
 * with a family from the registry. Yields a ready Distribution.
 */
export function distributionSchema(dimension: Dimension, families: Registry<DistributionFamily>) {
  const objectForms = families.all().map((family) => {
    const shape: Record<string, z.ZodType<number>> = {};
    for (const parameter of family.parameters) {
      const schema = parameter.kind === 'quantity' ? quantitySchema(dimension) : z.number().positive();
      shape[parameter.name] = schema.meta({ description: parameter.description }) as z.ZodType<number>;
    }
    return z.strictObject({ dist: z.literal(family.id), ...shape }).meta({ description: family.description });
  });
  const objectForm = z
    .discriminatedUnion('dist', objectForms as unknown as [z.ZodObject, ...z.ZodObject[]])
    .transform((spec, ctx): Distribution => {
      const { dist, ...parameters } = spec as { dist: string } & Record<string, number>;
      try {
        return families.get(dist).create(parameters);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message, input: spec });
        return z.NEVER;
      }
    });
  const constantForm = quantitySchema(dimension).transform((value) =>
    families.get('constant').create({ value }),
  );
  return z.union([constantForm, objectForm]).meta({
    description: `a ${dimension} (constant) or { dist: ${families.ids().join(' | ')}, ...parameters }`,
  });
}
