import { z } from 'zod';
import type { LossModel, LossModelDefinition, LossProcess } from './loss-model.js';

const schema = z.strictObject({
  model: z.literal('periodic'),
  every: z
    .number()
    .int()
    .min(1)
    .meta({ description: 'one packet in every `every` is lost: packets first, first + every, ...' }),
  first: z
    .number()
    .int()
    .min(1)
    .optional()
    .meta({ description: 'number of the first packet lost, counting from 1; default `every`' }),
});

export type PeriodicLossConfig = z.output<typeof schema>;

/**
 * Counts the packets leaving one direction (data and ACKs alike, retransmissions included) and
 * loses numbers `first`, `first + every`, `first + 2·every`, ...: a deterministic loss pattern
 * for closed-form cases such as Reno's sawtooth, which need exactly one loss per cycle.
 */
class PeriodicLoss implements LossProcess {
  private sent = 0;

  constructor(
    private readonly every: number,
    private readonly first: number,
  ) {}

  lose(): boolean {
    this.sent++;
    return this.sent >= this.first && (this.sent - this.first) % this.every === 0;
  }
}

/** `periodic`: every n-th packet of a direction is lost, nothing random. */
export const periodicLossModel: LossModelDefinition<PeriodicLossConfig> = {
  id: 'periodic',
  description: 'deterministic: every n-th packet leaving a direction is lost (retransmissions count too)',
  schema,
  create: (config): LossModel => ({
    model: 'periodic',
    lossRate: 1 / config.every,
    // Losses come at fixed spacing, not independently: formulas for Bernoulli loss do not apply.
    independentProbability: config.every === 1 ? 1 : undefined,
    createProcess: () => new PeriodicLoss(config.every, config.first ?? config.every),
  }),
};
