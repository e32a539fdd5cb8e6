import { z } from 'zod';
import type { Distribution } from '../engine/distributions.js';
import { distributionSchema, quantitySchema } from '../engine/schemas.js';
import type { QuantityBounds } from '../engine/units.js';
import {
  checkEncodedPayload,
  encodedPayloadKeys,
  resolveEncodedPayload,
} from '../net/encodings/payload-workload.js';
import type { ArrivalDefinition, ArrivalSchemaParts } from '../workload/arrival-pattern.js';
import type { Registries } from './registries.js';

/** Payload size of a message when the workload gives none (bytes). */
const DEFAULT_SIZE_BYTES = 1000;

/** What the workload schema needs besides the registries. */
export interface WorkloadSchemaParts {
  /** Reads a file the scenario names (a trace): see ArrivalSchemaParts.readFile. */
  readFile(name: string): string;
}

/** The arrival pattern a workload names, and its parameters (undefined for a plain name). */
interface ChosenArrivals {
  id: string;
  parameters: unknown;
}

/**
 * `arrivals`: the name of a pattern without parameters, or `{ <id>: <parameters> }` (one key)
 * for a pattern with a parameter schema; yields the pattern's id and resolved parameters.
 */
export function arrivalsSchema(registries: Registries, parts: ArrivalSchemaParts) {
  const all = registries.arrivals.all();
  const plain = all.filter((pattern) => pattern.parameters === undefined).map((pattern) => pattern.id);
  const parameterised = all.flatMap((pattern) => {
    const schema = pattern.parameters?.(parts);
    return schema ? [{ id: pattern.id, schema: schema.meta({ description: pattern.description }) }] : [];
  });
  const keyed = parameterised.map(({ id }) => id);
  const written = [...plain, ...keyed.map((id) => `{ ${id}: ... }`)].join(' | ');
  const nameForm = z
    .string()
    .superRefine((name, ctx) => {
      if (keyed.includes(name)) {
        ctx.addIssue({
          code: 'custom',
          message: `arrivals '${name}' take parameters: write { ${name}: ... } (see the README)`,
        });
      }
    })
    .pipe(z.enum(plain as [string, ...string[]]));
  const parametersForm = z
    .strictObject(Object.fromEntries(parameterised.map(({ id, schema }) => [id, schema.optional()])))
    .superRefine((value, ctx) => {
      const given = Object.keys(value).filter((id) => value[id] !== undefined);
      // An unknown key has its own issue (with the pattern it is probably a typo of).
      const unknownKey = ctx.issues.some((issue) => issue.code === 'unrecognized_keys');
      if (given.length > 1 || (given.length === 0 && !unknownKey)) {
        ctx.addIssue({
          code: 'custom',
          message: `expected one pattern with its parameters, { ${keyed.join(' | ')}: ... }, got ${given.length === 0 ? 'none' : given.join(' and ')}`,
        });
      }
    });
  return (
    z
      .union([nameForm, parametersForm])
      // Runs after an unknown key too (zod goes on past one): then no pattern may be given.
      .transform((value): ChosenArrivals | undefined => {
        if (typeof value === 'string') return { id: value, parameters: undefined };
        const given = Object.entries(value).find(([, parameters]) => parameters !== undefined);
        return given && { id: given[0], parameters: given[1] };
      })
      .meta({ description: `arrival pattern: ${written}; default bulk without rate, constant with rate` })
  );
}

/**
 * The workload of a flow: how many messages, when they are created (the arrival pattern) and
 * how large they are. Yields `arrivals` as the pattern's id, `arrivalParameters` as its resolved
 * parameters, `messages` defaulted to the length of a pattern that has one (a trace), and the
 * sizes resolved (a trace's size column, an encoded payload, or `size`).
 */
export function workloadSchema(registries: Registries, parts: WorkloadSchemaParts) {
  const time = () => quantitySchema('time');
  const timeDistribution = (bounds?: QuantityBounds) =>
    distributionSchema('time', registries.distributions, bounds);
  const sizeDistribution = () => distributionSchema('size', registries.distributions);
  const arrivals = arrivalsSchema(registries, { timeDistribution, readFile: parts.readFile });
  const patternOf = (workload: { rate?: number; arrivals?: ChosenArrivals }): ArrivalDefinition =>
    registries.arrivals.get(workload.arrivals?.id ?? (workload.rate === undefined ? 'bulk' : 'constant'));

  return (
    z
      .strictObject({
        messages: z.number().int().min(1).optional().meta({
          description: 'messages to send; default unbounded (for a trace: its number of send times)',
        }),
        rate: z
          .number()
          .positive()
          .optional()
          .meta({ description: 'messages per second (for on-off: while on)' }),
        arrivals: arrivals.optional(),
        size: sizeDistribution()
          .optional()
          .meta({
            description: `payload size of each message; default ${DEFAULT_SIZE_BYTES} B (or give payload and encoding)`,
          }),
        ...encodedPayloadKeys(registries.encodings),
        start: time().default(0),
        stop: time()
          .optional()
          .meta({ description: 'no new messages from this time on (creation runs over [start, stop))' }),
      })
      // The count first: the scenario's checks (a flow that never ends) read it even when a
      // check below refuses the workload.
      .transform((workload) => ({
        ...workload,
        messages: workload.messages ?? patternOf(workload).length?.(workload.arrivals?.parameters),
      }))
      .superRefine((workload, ctx) => {
        checkEncodedPayload(workload, registries.encodings, ctx);
        if (workload.stop !== undefined && workload.stop < workload.start) {
          ctx.addIssue({
            code: 'custom',
            path: ['stop'],
            message: `stop (${workload.stop} s) must not be before start (${workload.start} s)`,
          });
        }
        const pattern = patternOf(workload);
        const parameters = workload.arrivals?.parameters;
        if (pattern.usesRate && workload.rate === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['rate'],
            message: `arrivals '${pattern.id}' need a rate (messages per second)`,
          });
        }
        if (!pattern.usesRate && workload.rate !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['rate'], message: `arrivals '${pattern.id}' take no rate` });
        }
        if (!pattern.usesRate && workload.messages === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['messages'],
            message: `arrivals '${pattern.id}' need a message count`,
          });
        }
        const length = pattern.length?.(parameters);
        if (length !== undefined && workload.messages !== undefined && workload.messages > length) {
          ctx.addIssue({
            code: 'custom',
            path: ['messages'],
            message:
              `arrivals '${pattern.id}' hold ${length} messages: expected messages of at most ${length}, ` +
              `got ${workload.messages} (leave it out to send them all)`,
          });
        }
        if (pattern.sizesBytes?.(parameters) !== undefined) {
          for (const key of ['size', 'payload', 'payloads'] as const) {
            if (workload[key] !== undefined) {
              ctx.addIssue({
                code: 'custom',
                path: [key],
                message: `arrivals '${pattern.id}' give each message its size (the size column): leave out ${key}`,
              });
            }
          }
        }
      })
      .transform(({ arrivals: chosen, ...workload }) => {
        const pattern = patternOf({ ...workload, arrivals: chosen });
        const parameters = chosen?.parameters;
        const resolved = {
          ...workload,
          ...resolveEncodedPayload(
            workload,
            registries.encodings,
            registries.distributions.get('constant'),
            DEFAULT_SIZE_BYTES,
          ),
          arrivals: pattern.id,
          arrivalParameters: parameters,
        };
        const listed = pattern.sizesBytes?.(parameters);
        if (listed === undefined) return resolved;
        const sizes = listed.slice(0, workload.messages);
        // Equal sizes are a constant size, as equal encoded payloads are.
        if (sizes.every((bytes) => bytes === sizes[0])) {
          return { ...resolved, size: registries.distributions.get('constant').create({ value: sizes[0] }) };
        }
        return { ...resolved, size: listedSizes(sizes), sizeCycleBytes: sizes };
      })
  );
}

/**
 * Sizes a pattern lists, seen as a distribution (each equally likely): the workload takes them
 * in order; results and closed-form checks read its mean (and that it is not constant).
 */
function listedSizes(sizes: readonly number[]): Distribution {
  let total = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const bytes of sizes) {
    total += bytes;
    min = Math.min(min, bytes);
    max = Math.max(max, bytes);
  }
  return {
    family: 'listed',
    mean: total / sizes.length,
    isConstant: false,
    parameters: { sizes: sizes.length, min, max },
    sample: (random) => sizes[Math.floor(random() * sizes.length)],
  };
}
