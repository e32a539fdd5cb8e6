import { constantDistribution } from '../../src/engine/distributions.js';
import { bernoulliLoss } from '../../src/net/loss/bernoulli.js';
import type { TransmitterSettings } from '../../src/net/transmitter.js';

/**
 * Both directions of one link a-b (transmitter 0 is a>b, 1 is b>a), lossless and unbuffered
 * unless `settings` says otherwise: 1 Mbit/s (125 bytes take 1 ms) and no delay by default.
 * `settings` may differ by direction (`from` is 0 for a>b).
 */
export function twoWayLink(
  settings: Partial<TransmitterSettings> | ((from: number) => Partial<TransmitterSettings>) = {},
): TransmitterSettings[] {
  return [
    [0, 1],
    [1, 0],
  ].map(([from, to]) => ({
    linkIndex: 0,
    from,
    to,
    bandwidthBitsPerSecond: 1e6,
    delay: constantDistribution(0),
    loss: bernoulliLoss(0).createProcess(),
    bufferPackets: Number.POSITIVE_INFINITY,
    ...(typeof settings === 'function' ? settings(from) : settings),
  }));
}
