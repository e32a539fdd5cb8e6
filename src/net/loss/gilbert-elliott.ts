import { z } from 'zod';
import type { RandomStream } from '../../engine/random.js';
import { probabilitySchema } from '../../engine/schemas.js';
import type { LossModel, LossModelDefinition, LossProcess } from './loss-model.js';

const schema = z.strictObject({
  model: z.literal('gilbert-elliott'),
  p: probabilitySchema.meta({
    description: 'probability of moving from the good state to the bad one, per packet',
  }),
  r: probabilitySchema.meta({
    description: 'probability of moving from the bad state back to the good one, per packet',
  }),
  lossGood: probabilitySchema
    .default(0)
    .meta({ description: 'probability that a packet is lost in the good state (h_G)' }),
  lossBad: probabilitySchema
    .default(1)
    .meta({ description: 'probability that a packet is lost in the bad state (h_B)' }),
});

export type GilbertElliottLossConfig = z.output<typeof schema>;

/** True with probability `probability`, drawing only when the outcome is uncertain. */
function happens(random: RandomStream, probability: number): boolean {
  return probability >= 1 || (probability > 0 && random() < probability);
}

/**
 * The two-state Markov chain of one link direction, starting in the good state. For every
 * packet the chain first moves (good → bad with `p`, bad → good with `r`), then the packet is
 * lost with the loss probability of the state it is now in: the first packet already finds the
 * chain moved once. A draw is made only for an uncertain outcome (a probability strictly between
 * 0 and 1), so with lossGood 0 and lossBad 1 each packet costs exactly one draw.
 */
class GilbertElliottLoss implements LossProcess {
  private bad = false;

  constructor(private readonly config: GilbertElliottLossConfig) {}

  lose(random: RandomStream): boolean {
    const { config } = this;
    if (happens(random, this.bad ? config.r : config.p)) this.bad = !this.bad;
    return happens(random, this.bad ? config.lossBad : config.lossGood);
  }
}

/**
 * Long-run share of packets the chain spends in the bad state: π_B = p / (p + r). A chain that
 * never moves (p = r = 0) stays in the good state it starts in; with r = 0 < p the bad state
 * absorbs it.
 */
export function badStateShare(p: number, r: number): number {
  return p + r === 0 ? 0 : p / (p + r);
}

/**
 * The loss probability when packets are lost independently of one another, else undefined:
 * when both states lose alike, when the chain never leaves the good state (p = 0), or when the
 * next state does not depend on the current one (p + r = 1: each packet finds the bad state
 * with probability p whatever came before).
 */
function independentLossProbability(config: GilbertElliottLossConfig, lossRate: number): number | undefined {
  if (config.lossGood === config.lossBad) return config.lossGood;
  if (config.p === 0) return config.lossGood;
  return Math.abs(config.p + config.r - 1) < 1e-12 ? lossRate : undefined;
}

/** Configures a Gilbert–Elliott loss model (bursts of losses while the chain is in its bad state). */
export function gilbertElliottLoss(config: GilbertElliottLossConfig): LossModel {
  const share = badStateShare(config.p, config.r);
  const lossRate = share * config.lossBad + (1 - share) * config.lossGood;
  return {
    model: 'gilbert-elliott',
    lossRate,
    independentProbability: independentLossProbability(config, lossRate),
    // Each direction gets its own chain: its state must not leak into another direction's.
    createProcess: () => new GilbertElliottLoss(config),
  };
}

/** `gilbert-elliott`: losses in bursts, from a good/bad two-state Markov chain per direction. */
export const gilbertElliottLossModel: LossModelDefinition<GilbertElliottLossConfig> = {
  id: 'gilbert-elliott',
  description:
    'bursts: a good/bad Markov chain per direction moves before each packet (good → bad with p, bad → good with r), then loses the packet with the loss probability of its state; long-run loss π_B·lossBad + (1 − π_B)·lossGood with π_B = p/(p+r); mean burst 1/r when lossBad is 1 and lossGood 0',
  schema,
  create: gilbertElliottLoss,
};
