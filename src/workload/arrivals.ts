import type { RandomStream } from '../engine/random.js';
import { Registry } from '../engine/registry.js';

/** Gaps between message creations of one flow. */
export interface ArrivalProcess {
  /** Seconds from `start` to the first message. */
  firstOffset(): number;
  /** Seconds from one message to the next. */
  nextGap(): number;
}

/** A registered arrival pattern. */
export interface ArrivalDefinition {
  readonly id: string;
  readonly description: string;
  /** True when the pattern needs `rate` (messages per second); false when it forbids it. */
  readonly usesRate: boolean;
  create(rateMessagesPerSecond: number, random: RandomStream): ArrivalProcess;
}

const bulk: ArrivalDefinition = {
  id: 'bulk',
  description: 'all messages are ready at start; the transport sends them as fast as it may',
  usesRate: false,
  create: () => ({ firstOffset: () => 0, nextGap: () => 0 }),
};

const constant: ArrivalDefinition = {
  id: 'constant',
  description: 'one message every 1/rate seconds, the first at start',
  usesRate: true,
  create: (rate) => {
    const gap = 1 / rate;
    return { firstOffset: () => 0, nextGap: () => gap };
  },
};

const poisson: ArrivalDefinition = {
  id: 'poisson',
  description: 'Poisson arrivals: exponential gaps with mean 1/rate',
  usesRate: true,
  create: (rate, random) => {
    const draw = () => -Math.log(1 - random()) / rate;
    return { firstOffset: draw, nextGap: draw };
  },
};

/** Creates the registry of built-in arrival patterns. */
export function createArrivalRegistry(): Registry<ArrivalDefinition> {
  return new Registry<ArrivalDefinition>('arrival pattern')
    .register(bulk)
    .register(constant)
    .register(poisson);
}
