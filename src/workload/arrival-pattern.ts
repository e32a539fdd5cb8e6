import type { z } from 'zod';
import type { Distribution } from '../engine/distributions.js';
import type { RandomStream } from '../engine/random.js';
import type { QuantityBounds } from '../engine/units.js';

/** The creation times of one flow's messages. */
export interface ArrivalProcess {
  /** Time of the first message of a workload starting at `start`. */
  firstTime(start: number): number;
  /**
   * Time of the message after the one created at `previous`; Infinity when the pattern has no
   * more (the end of a trace).
   */
  nextTime(previous: number): number;
}

/**
 * What closed-form theory may assume of a pattern's creation times: all at once (a bulk
 * transfer), one every 1/rate (periodic) or a Poisson process at `rate`. A pattern without one
 * (bursts, a trace) gets no formula that assumes any of these.
 */
export type ArrivalClosedForm = 'all-at-once' | 'periodic' | 'poisson';

/** What a pattern's parameter schema may build on. */
export interface ArrivalSchemaParts {
  /**
   * A time: a quantity (constant) or `{ dist: NAME, ... }`; with `bounds.positive` a constant
   * must be above 0 (see distributionSchema).
   */
  timeDistribution(bounds?: QuantityBounds): z.ZodType<Distribution, unknown>;
  /**
   * The text of a file the scenario names (`name` as written; the loader resolves it relative
   * to the scenario file).
   * @throws Error whose message says why the file cannot be read.
   */
  readFile(name: string): string;
}

/** What a pattern builds one flow's arrival process from. */
export interface ArrivalContext<Parameters> {
  /** Messages per second (0 for a pattern that takes no rate). */
  rateMessagesPerSecond: number;
  /** The parameters as the pattern's schema resolved them (undefined for a plain name). */
  parameters: Parameters;
  /**
   * The flow's arrival stream (`flow/<id>/arrivals`), or with `part` a stream of its own
   * (`flow/<id>/arrivals/<part>`), so that one kind of draw never shifts another.
   */
  random(part?: string): RandomStream;
}

/**
 * A registered arrival pattern. Written in a workload as `arrivals: <id>`, or as
 * `arrivals: { <id>: <parameters> }` when it has a parameter schema.
 */
export interface ArrivalDefinition<Parameters = unknown> {
  readonly id: string;
  readonly description: string;
  /** True when the pattern needs `rate` (messages per second); false when it forbids it. */
  readonly usesRate: boolean;
  /** True when every message is ready at `start` (a bulk transfer), not created over time. */
  readonly allAtOnce: boolean;
  /** What closed-form theory may assume; undefined for none. */
  readonly closedForm?: ArrivalClosedForm;
  /** The schema of the value of `{ <id>: ... }`; a pattern without one is written by name alone. */
  parameters?(parts: ArrivalSchemaParts): z.ZodType<Parameters, unknown>;
  /**
   * How many messages the parameters hold, for a pattern that ends by itself (a trace): the
   * workload's `messages` defaults to it and may not exceed it.
   */
  length?(parameters: Parameters): number;
  /**
   * Payload sizes (bytes) the parameters give successive messages (a trace's size column), in
   * place of the workload's size; undefined when they give none.
   */
  sizesBytes?(parameters: Parameters): readonly number[] | undefined;
  create(context: ArrivalContext<Parameters>): ArrivalProcess;
}
