import type { RandomStream, RandomStreams } from '../engine/random.js';

/** What the wire of one link direction does to the packets it carries, besides losing some. */
export interface WireImpairmentSettings {
  /** Probability that a packet arrives twice: the wire delivers an extra copy right after it. */
  duplicate: number;
  /** Probability that a packet arrives corrupted: it fails its checksum and is discarded. */
  corrupt: number;
}

/**
 * The duplication and corruption of one link direction, asked about every packet that reaches
 * the far end intact (not lost, not cut off, at an up node), copies included. Each draws from
 * its own stream (`<direction>/duplicate`, `<direction>/corrupt`), made only when its
 * probability is above 0, so adding one never changes what the loss process or the other draws.
 */
export class WireImpairment {
  constructor(
    private readonly settings: WireImpairmentSettings,
    private readonly duplicateRandom: RandomStream | null,
    private readonly corruptRandom: RandomStream | null,
  ) {}

  /** Whether the wire delivers an extra copy of the packet arriving now. */
  duplicates(): boolean {
    return this.duplicateRandom !== null && this.duplicateRandom() < this.settings.duplicate;
  }

  /** Whether the packet arriving now fails its checksum. */
  corrupts(): boolean {
    return this.corruptRandom !== null && this.corruptRandom() < this.settings.corrupt;
  }
}

/**
 * The impairments of each transmitter (by index; null for one that neither duplicates nor
 * corrupts), or null when no transmitter does: the network then takes its plain path.
 * @param settings by transmitter; missing entries mean neither.
 * @param names the transmitters' stream names (`link/a-b/a>b`).
 */
export function createWireImpairments(
  settings: readonly (WireImpairmentSettings | undefined)[] | undefined,
  names: readonly string[],
  streams: RandomStreams,
): (WireImpairment | null)[] | null {
  if (settings === undefined) return null;
  let any = false;
  const impairments = names.map((name, index) => {
    const own = settings[index];
    if (own === undefined || (!(own.duplicate > 0) && !(own.corrupt > 0))) return null;
    any = true;
    return new WireImpairment(
      own,
      own.duplicate > 0 ? streams.stream(`${name}/duplicate`) : null,
      own.corrupt > 0 ? streams.stream(`${name}/corrupt`) : null,
    );
  });
  return any ? impairments : null;
}
