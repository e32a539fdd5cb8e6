import type { LossModel } from '../net/loss/loss-model.js';
import type { LinkConfig } from './schema.js';

/** The link neither loses nor corrupts anything, in either direction. */
export function losesNothing(link: LinkConfig): boolean {
  return (
    link.loss.forward.lossRate === 0 &&
    link.loss.reverse.lossRate === 0 &&
    link.corrupt.forward === 0 &&
    link.corrupt.reverse === 0
  );
}

/**
 * The probability that a packet sent one way does not get through (lost on the wire, or
 * corrupted and discarded: independent draws), when each packet fares independently; undefined
 * when the loss model's losses depend on one another.
 */
export function independentFailureProbability(loss: LossModel, corrupt: number): number | undefined {
  const lossProbability = loss.independentProbability;
  if (lossProbability === undefined || corrupt === 0) return lossProbability;
  return 1 - (1 - lossProbability) * (1 - corrupt);
}
