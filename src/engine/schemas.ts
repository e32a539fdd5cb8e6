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
  return quantityOf(dimension, (input) => `${expected}, got ${String(input)}`, true);
}

/**
 * The quantity schema; `refused` words the issue of a negative value instead of parseQuantity,
 * and of a zero too when `positive`.
 */
function quantityOf(dimension: Dimension, refused?: (input: number | string) => string, positive = false) {
  return z
    .union([z.number(), z.string()])
    .transform((input, ctx) => {
      const parsed = parseQuantity(input, dimension);
      if (parsed.ok && positive && refused && parsed.value === 0) {
        ctx.addIssue({ code: 'custom', message: refused(input), input });
        return z.NEVER;
      }
      if (parsed.ok) return parsed.value;
      const message = refused && isNegativeQuantity(input, dimension) ? refused(input) : parsed.message;
      ctx.addIssue({ code: 'custom', message, input });
      return z.NEVER;
    })
    .meta({ description: `a ${dimension} with a unit, or a bare number in SI base units` });
}

/** Whether `input` is a well-formed quantity of `dimension` but for a leading minus sign. */
function isNegativeQuantity(input: number | string, dimension: Dimension): boolean {
  if (typeof input === 'number') return input < 0 && Number.isFinite(input);
  const text = input.trim();
  return text.startsWith('-') && parseQuantity(text.slice(1), dimension).ok;
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
