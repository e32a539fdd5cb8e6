import type { z } from 'zod';
import type { RandomStream } from '../../engine/random.js';

/**
 * The loss process of one link direction: asked once for every packet that finishes
 * transmission there, in order, whether the wire loses it. It may keep state (a counter, a
 * burst state); it draws only from the direction's own loss stream.
 */
export interface LossProcess {
  /** Whether the packet leaving now is lost. */
  lose(random: RandomStream): boolean;
}

/** A configured loss model, as the scenario schema yields it for one link direction. */
export interface LossModel {
  /** The registered id (`bernoulli`, `periodic`, `gilbert-elliott`). */
  readonly model: string;
  /** Long-run fraction of packets lost. */
  readonly lossRate: number;
  /**
   * p when each packet is lost independently with the same probability p, which closed-form
   * theory assumes; undefined for a model whose losses depend on one another.
   */
  readonly independentProbability: number | undefined;
  /** A fresh process for one direction: directions and links never share a model's state. */
  createProcess(): LossProcess;
}

/** Fields every loss model's configuration has. */
export interface LossConfigBase {
  model: string;
}

/** A registered loss model: its id, configuration schema and factory. */
export interface LossModelDefinition<Config extends LossConfigBase = LossConfigBase> {
  readonly id: string;
  readonly description: string;
  /** Object schema whose `model` is the id literal; parameters carry `.meta({description})`. */
  readonly schema: z.ZodType<Config>;
  create(config: Config): LossModel;
}
