import type { Distribution } from '../engine/distributions.js';
import { bernoulliLoss } from '../net/loss/bernoulli.js';
import type { Network } from '../net/network.js';
import type { TransmitterSettings } from '../net/transmitter.js';

/** What a degradation window does to a link: each field replaces (`set`) or scales (`times`). */
export interface Degradation {
  /** Bandwidth in bit/s, or a factor on it. */
  bandwidth?: { set: number } | { times: number };
  /** One-way delay, or a factor on it (jitter scales with it). */
  delay?: { set: Distribution } | { times: number };
  /** Bernoulli loss probability per packet, both directions, in place of the link's loss model. */
  loss?: number;
}

/** A distribution whose every draw is `factor` times a draw of `base`. */
function scaled(base: Distribution, factor: number): Distribution {
  return {
    family: base.family,
    mean: base.mean * factor,
    isConstant: base.isConstant,
    sample: (random) => base.sample(random) * factor,
    parameters: { ...base.parameters, scale: factor },
  };
}

function degrade(settings: TransmitterSettings, degradation: Degradation): TransmitterSettings {
  const { bandwidth, delay, loss } = degradation;
  return {
    ...settings,
    bandwidthBitsPerSecond:
      bandwidth === undefined
        ? settings.bandwidthBitsPerSecond
        : 'set' in bandwidth
          ? bandwidth.set
          : settings.bandwidthBitsPerSecond * bandwidth.times,
    delay:
      delay === undefined ? settings.delay : 'set' in delay ? delay.set : scaled(settings.delay, delay.times),
    // A fresh Bernoulli process each time; the configured one (and its state) returns afterwards.
    loss: loss === undefined ? settings.loss : bernoulliLoss(loss).createProcess(),
  };
}

/**
 * Degradation windows on links. Overlapping windows on one link apply in the order they began,
 * each on top of the previous ones; when a window ends the rest are applied afresh to the
 * configured settings. Routes stay those of the configured delays.
 */
export class LinkConditions {
  private readonly base: TransmitterSettings[];
  /** Transmitter indices of each link, by link index. */
  private readonly transmittersOf = new Map<number, number[]>();
  /** Windows in force on each link, in the order they began. */
  private readonly active = new Map<number, Array<{ token: number; degradation: Degradation }>>();
  private nextToken = 0;

  constructor(
    private readonly network: Network,
    /** Called when a link's first window in force begins and when its last one ends. */
    private readonly onDegradedChanged: (linkIndex: number, degraded: boolean) => void,
  ) {
    this.base = network.transmitters.map((transmitter) => transmitter.settings);
    network.transmitters.forEach((transmitter, index) => {
      const link = transmitter.settings.linkIndex;
      this.transmittersOf.set(link, [...(this.transmittersOf.get(link) ?? []), index]);
    });
  }

  /** Starts degrading link `linkIndex`; returns the token that ends it. */
  begin(linkIndex: number, degradation: Degradation): number {
    const token = this.nextToken++;
    const windows = this.active.get(linkIndex) ?? [];
    this.active.set(linkIndex, [...windows, { token, degradation }]);
    this.apply(linkIndex);
    if (windows.length === 0) this.onDegradedChanged(linkIndex, true);
    return token;
  }

  /** Ends the window `token` of link `linkIndex`. */
  end(linkIndex: number, token: number): void {
    const windows = this.active.get(linkIndex) ?? [];
    const remaining = windows.filter((window) => window.token !== token);
    this.active.set(linkIndex, remaining);
    this.apply(linkIndex);
    if (remaining.length === 0 && windows.length > 0) this.onDegradedChanged(linkIndex, false);
  }

  private apply(linkIndex: number): void {
    for (const index of this.transmittersOf.get(linkIndex) ?? []) {
      let settings = this.base[index];
      for (const window of this.active.get(linkIndex) ?? []) settings = degrade(settings, window.degradation);
      this.network.setTransmitterSettings(index, settings);
    }
  }
}
