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

/**
 * A line of links 0-1-...-(nodes-1): transmitters 2k (k>k+1) and 2k+1 (k+1>k), named
 * `link/k/<from>><to>`, each as `twoWayLink` makes them with `settings(link)` over the defaults.
 */
export function lineLinks(
  nodes: number,
  settings: (link: number) => Partial<TransmitterSettings> = () => ({}),
): { nodeIds: string[]; transmitters: TransmitterSettings[]; transmitterNames: string[] } {
  const transmitters: TransmitterSettings[] = [];
  const transmitterNames: string[] = [];
  for (let link = 0; link + 1 < nodes; link++) {
    for (const direction of twoWayLink(settings(link))) {
      const from = direction.from + link;
      const to = direction.to + link;
      transmitters.push({ ...direction, linkIndex: link, from, to });
      transmitterNames.push(`link/${link}/${from}>${to}`);
    }
  }
  return { nodeIds: Array.from({ length: nodes }, (_, i) => `n${i}`), transmitters, transmitterNames };
}
