/**
 * The catalogue of registered strategies — transports, RTO estimators, congestion controls,
 * loss models, queue disciplines, topologies, distributions, arrival patterns, broker exchange
 * types, overflow policies and delivery guarantees — with their parameters, read from the
 * registries and their schemas, so help and README never keep a second list.
 */
import { z } from 'zod';
import { distributionSchema } from '../engine/schemas.js';
import type { Registries } from '../scenario/registries.js';
import type { ArrivalDefinition } from '../workload/arrival-pattern.js';

/** One parameter of a strategy. */
export interface CatalogParameter {
  name: string;
  description: string;
  /** The default as written in JSON, or null when required / no default. */
  defaultValue: string | null;
  required: boolean;
}

export interface CatalogEntry {
  id: string;
  description: string;
  parameters: CatalogParameter[];
}

export interface CatalogSection {
  /** Registry name, e.g. `transports`. */
  kind: string;
  /** The scenario key that selects an entry, e.g. `flows[].transport.protocol`. */
  selectedBy: string;
  entries: CatalogEntry[];
}

type JsonSchemaObject = {
  properties?: Record<string, { description?: string; default?: unknown }>;
  required?: string[];
};

/** A parsed default as catalogue text: SI numbers as they are, infinity as "unbounded". */
function defaultText(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value === 'number' && !Number.isFinite(value)) return 'unbounded';
  return JSON.stringify(value);
}

/**
 * What parsing gives each key of an object schema that the input leaves out: the bare
 * `{ discriminator: id }` parsed whole, or, when a required key fails that (stop-and-wait's
 * timeout), each key's schema parsed alone, so the other keys' defaults are still found.
 */
function parsedDefaultsOf(schema: z.ZodType, discriminator: string, id: string): Record<string, unknown> {
  const parsed = schema.safeParse({ [discriminator]: id });
  if (parsed.success) return parsed.data as Record<string, unknown>;
  if (!(schema instanceof z.ZodObject)) return {};
  const defaults: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const alone = property.safeParse(undefined);
    if (alone.success && alone.data !== undefined) defaults[name] = alone.data;
  }
  return defaults;
}

/**
 * Parameters of an object schema, without its discriminator key. Defaults come from the JSON
 * Schema where it has them, otherwise from parsing (quantities with units have their defaults
 * only after parsing, in SI units).
 */
function parametersOf(schema: z.ZodType, discriminator: string, id: string): CatalogParameter[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaObject;
  const required = new Set(json.required ?? []);
  const parsedDefaults = parsedDefaultsOf(schema, discriminator, id);
  return Object.entries(json.properties ?? {})
    .filter(([name]) => name !== discriminator)
    .map(([name, property]) => ({
      name,
      description: property.description ?? '',
      defaultValue:
        property.default === undefined ? defaultText(parsedDefaults[name]) : JSON.stringify(property.default),
      required: required.has(name),
    }));
}

/**
 * An arrival pattern's parameters: the workload's `rate` when it takes one, then the keys of
 * its parameter object, or (a single value, such as a trace's file) the value under its id.
 */
function arrivalParameters(arrival: ArrivalDefinition, registries: Registries): CatalogParameter[] {
  const rate: CatalogParameter[] = arrival.usesRate
    ? [
        {
          name: 'rate',
          description: 'messages per second (workload key)',
          defaultValue: null,
          required: true,
        },
      ]
    : [];
  const schema = arrival.parameters?.({
    timeDistribution: () => distributionSchema('time', registries.distributions),
    readFile: () => {
      throw new Error('the catalogue reads no files');
    },
  });
  if (schema === undefined) return rate;
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaObject & {
    description?: string;
  };
  if (json.properties === undefined) {
    return [
      ...rate,
      { name: arrival.id, description: json.description ?? '', defaultValue: null, required: true },
    ];
  }
  return [...rate, ...parametersOf(schema, arrival.id, arrival.id)];
}

/** Every registry's entries with their parameters, in registration order. */
export function strategyCatalog(registries: Registries): CatalogSection[] {
  const topologyParts = { nodeId: z.string(), link: z.unknown() };
  return [
    {
      kind: 'transports',
      selectedBy: 'flows[].transport.protocol',
      entries: registries.transports.all().map((transport) => ({
        id: transport.id,
        description: transport.description,
        parameters: parametersOf(transport.schema(registries), 'protocol', transport.id),
      })),
    },
    {
      kind: 'rto',
      selectedBy: 'flows[].transport.timeout.strategy',
      entries: registries.rto.all().map((strategy) => ({
        id: strategy.id,
        description: strategy.description,
        parameters: parametersOf(strategy.schema, 'strategy', strategy.id),
      })),
    },
    {
      kind: 'congestion',
      selectedBy: 'flows[].transport.congestion (or .strategy)',
      entries: registries.congestion.all().map((strategy) => ({
        id: strategy.id,
        description: strategy.description,
        parameters: parametersOf(strategy.schema, 'strategy', strategy.id),
      })),
    },
    {
      kind: 'loss',
      selectedBy: 'links[].loss, or its forward / reverse',
      entries: registries.lossModels.all().map((model) => ({
        id: model.id,
        description: model.description,
        parameters: parametersOf(model.schema, 'model', model.id),
      })),
    },
    {
      kind: 'queue',
      selectedBy: 'links[].buffer.discipline (a plain capacity is drop-tail)',
      entries: registries.queueDisciplines.all().map((discipline) => ({
        id: discipline.id,
        description: discipline.description,
        parameters: parametersOf(discipline.schema, 'discipline', discipline.id),
      })),
    },
    {
      kind: 'topologies',
      selectedBy: 'topologies[].kind',
      entries: registries.topologies.all().map((topology) => ({
        id: topology.id,
        description: topology.description,
        parameters: parametersOf(topology.schema(topologyParts), 'kind', topology.id),
      })),
    },
    {
      kind: 'distributions',
      selectedBy: '{ dist: NAME, ... } wherever a distribution is taken',
      entries: registries.distributions.all().map((family) => ({
        id: family.id,
        description: family.description,
        parameters: family.parameters.map((parameter) => ({
          name: parameter.name,
          description: parameter.description,
          defaultValue: null,
          required: true,
        })),
      })),
    },
    {
      kind: 'encodings',
      selectedBy: 'flows[].workload.encoding (with payload or payloads)',
      entries: registries.encodings.all().map((encoding) => ({
        id: encoding.id,
        description: encoding.description,
        parameters: encoding.needsSchema
          ? [
              {
                name: 'schema',
                description:
                  'field schema (workload key): name → { number, type, repeated?, packed?, fields? }',
                defaultValue: null,
                required: true,
              },
            ]
          : [],
      })),
    },
    {
      kind: 'arrivals',
      selectedBy: 'flows[].workload.arrivals: a name, or { NAME: parameters }',
      entries: registries.arrivals.all().map((arrival) => ({
        id: arrival.id,
        description: arrival.description,
        parameters: arrivalParameters(arrival, registries),
      })),
    },
    ...brokerSections(registries),
  ];
}

/** The broker strategies: no parameters of their own, each chosen by one key. */
function brokerSections(registries: Registries): CatalogSection[] {
  const plain = (entry: { id: string; description: string }): CatalogEntry => ({
    id: entry.id,
    description: entry.description,
    parameters: [],
  });
  return [
    {
      kind: 'exchanges',
      selectedBy: 'brokers[].exchanges[].type',
      entries: registries.exchangeTypes.all().map(plain),
    },
    {
      kind: 'overflow',
      selectedBy: 'brokers[].queues[].overflow',
      entries: registries.overflowPolicies.all().map(plain),
    },
    {
      kind: 'delivery',
      selectedBy: 'brokers[].delivery',
      entries: registries.deliveryGuarantees.all().map(plain),
    },
  ];
}

/** The catalogue as Markdown: a heading per registry, a table of parameters per entry. */
export function catalogToMarkdown(sections: readonly CatalogSection[]): string {
  const lines: string[] = [];
  for (const section of sections) {
    lines.push(`#### ${section.kind} (\`${section.selectedBy}\`)`, '');
    for (const entry of section.entries) {
      lines.push(`- **\`${entry.id}\`** — ${entry.description}`);
      if (entry.parameters.length > 0) {
        lines.push('', '  | parameter | default | meaning |', '  |---|---|---|');
        for (const parameter of entry.parameters) {
          const fallback = parameter.required ? 'required' : '—';
          const meaning = parameter.description.replaceAll('|', '\\|');
          lines.push(`  | \`${parameter.name}\` | ${parameter.defaultValue ?? fallback} | ${meaning} |`);
        }
        lines.push('');
      }
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The catalogue as plain text for the terminal. */
export function catalogToText(sections: readonly CatalogSection[]): string {
  const lines: string[] = [];
  for (const section of sections) {
    lines.push(`${section.kind} (${section.selectedBy}):`);
    for (const entry of section.entries) {
      lines.push(`  ${entry.id} — ${entry.description}`);
      for (const parameter of entry.parameters) {
        const fallback = parameter.required ? 'required' : 'optional';
        lines.push(
          `      ${parameter.name} [${parameter.defaultValue ?? fallback}] ${parameter.description}`,
        );
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}
