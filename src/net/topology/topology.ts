import type { z } from 'zod';

/**
 * What a topology builder's parameter schema is built from. The scenario supplies both, so
 * generated nodes and links obey exactly the rules of hand-written ones.
 */
export interface TopologySchemaParts {
  /** A node id as scenarios write it. */
  nodeId: z.ZodType<string>;
  /**
   * One link's settings (bandwidth, delay, loss, buffer) as a scenario link takes them. The
   * builder never looks inside: it copies the parsed value onto each link it generates.
   */
  link: z.ZodType<unknown>;
}

/** A link a builder generates: its two ends and the settings copied from the builder's parameters. */
export interface GeneratedLink {
  /** `[a, b]`: a link's forward direction runs from `a` to `b`. */
  between: [string, string];
  /** The parsed link settings (the value `TopologySchemaParts.link` produced). */
  settings: unknown;
}

/** The plain nodes and links one topology item stands for. */
export interface ExpandedTopology {
  /** Node ids, each once, in a stable order. */
  nodes: string[];
  /** Links between distinct nodes of `nodes`, no two joining the same pair. */
  links: GeneratedLink[];
}

/** Fields every topology item has. */
export interface TopologyConfigBase {
  kind: string;
}

/**
 * A registered topology builder: its id (the `kind` of a `topologies` item), its parameter
 * schema (an object whose `kind` is the id literal; parameters carry `.meta({ description })`)
 * and the expansion into plain nodes and links. Expansion is a pure function of the parsed
 * parameters; parameters that cannot be expanded are rejected by the schema with located issues.
 */
export interface TopologyDefinition<Config extends TopologyConfigBase = TopologyConfigBase> {
  readonly id: string;
  readonly description: string;
  schema(parts: TopologySchemaParts): z.ZodType<Config>;
  expand(config: Config): ExpandedTopology;
}

/** Most nodes one topology item may generate: a typo such as `nodes: 100000` fails early. */
export const MAX_GENERATED_NODES = 10_000;

/** Most links one topology item may generate (a full mesh grows quadratically). */
export const MAX_GENERATED_LINKS = 100_000;
