import { z } from 'zod';
import type { Distribution, DistributionFamily } from './distributions.js';
import type { Registry } from './registry.js';
import { BASE_UNIT, type Dimension, parseQuantity, type QuantityBounds } from './units.js';

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
  return quantityOf(dimension, {});
}

/**
 * A quantity that must be greater than zero (a bandwidth, a timeout, a mean time to failure...):
 * 0, a negative value and a text that is no quantity are all refused as `expected a bandwidth
 * greater than 0`, so the message is the same whatever was written.
 */
export function positiveQuantitySchema(dimension: Dimension) {
  return quantityOf(dimension, { positive: true });
}

/**
 * The quantity schema within `bounds`. Where it must be positive, a value only out of range (0
 * or negative) is refused with an issue zod goes on after, and keeps its number, so the
 * scenario's cross-reference checks still read the rest of the file (an unknown node in a flow
 * is reported beside `duration: 0s`); the checks that would measure against the value look for
 * its issue first, and no transform piped after it runs.
 */
function quantityOf(dimension: Dimension, bounds: QuantityBounds) {
  return z
    .union([z.number(), z.string()])
    .transform((input, ctx) => {
      const parsed = parseQuantity(input, dimension, bounds);
      if (parsed.ok) return parsed.value;
      if (bounds.positive && parsed.refusedValue !== undefined) {
        ctx.addIssue({ code: 'custom', message: parsed.message, input, continue: true });
        return parsed.refusedValue;
      }
      ctx.addIssue({ code: 'custom', message: parsed.message, input });
      return z.NEVER;
    })
    .meta({ description: `a ${dimension} with a unit, or a bare number in SI base units` });
}

/** A probability in [0, 1]. */
export const probabilitySchema = z.number().min(0).max(1).meta({ description: 'a probability in [0, 1]' });

/**
 * A distribution of `dimension` values: a plain quantity (constant) or `{ dist: NAME, ...params }`
 * with a family from the registry. Yields a ready Distribution. With `bounds.positive` the mean
 * must be above 0: a plain quantity is refused at 0 and below alike, as a positive quantity is,
 * and a `{ dist: ... }` form by its mean (`uniform` from 0 to 0), each where it is written.
 */
export function distributionSchema(
  dimension: Dimension,
  families: Registry<DistributionFamily>,
  bounds: QuantityBounds = {},
) {
  const objectForms = families.all().map((family) => {
    const shape: Record<string, z.ZodType<number>> = {};
    for (const parameter of family.parameters) {
      const schema =
        parameter.kind === 'number'
          ? z.number().positive()
          : parameter.positive
            ? positiveQuantitySchema(dimension)
            : quantitySchema(dimension);
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
  const constantForm = quantityOf(dimension, bounds).transform((value) =>
    families.get('constant').create({ value }),
  );
  const checkedObjectForm = bounds.positive
    ? objectForm.superRefine((distribution, ctx) => {
        if (!(distribution.mean > 0)) {
          ctx.addIssue({
            code: 'custom',
            message: `expected a distribution with a mean above 0 (this one's mean is ${distribution.mean} ${BASE_UNIT[dimension]})`,
            input: distribution,
          });
        }
      })
    : objectForm;
  return z.union([constantForm, checkedObjectForm]).meta({
    description: `a ${dimension} (constant) or { dist: ${families.ids().join(' | ')}, ...parameters }`,
  });
}
