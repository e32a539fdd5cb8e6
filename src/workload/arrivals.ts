import type { RandomStream } from '../engine/random.js';
import { Registry } from '../engine/registry.js';

/** The creation times of one flow's messages. */
export interface ArrivalProcess {
  /** Time of the first message of a workload starting at `start`. */
  firstTime(start: number): number;
  /** Time of the message after the one created at `previous`. */
  nextTime(previous: number): number;
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
  create: () => ({ firstTime: (start) => start, nextTime: (previous) => previous }),
};

const constant: ArrivalDefinition = {
  id: 'constant',
  description: 'one message every 1/rate seconds, the first at start',
  usesRate: true,
  create: (rate) => {
    // start + k/rate, not the sum of k gaps: ten gaps of 0.1 s add up to 0.9999999999999999,
    // which would put an eleventh message before a stop at 1 s.
    let origin = 0;
    let index = 0;
    return {
      firstTime: (start) => {
        origin = start;
        index = 0;
        return start;
      },
      nextTime: () => origin + ++index / rate,
    };
  },
};

const poisson: ArrivalDefinition = {
  id: 'poisson',
  description: 'Poisson arrivals: exponential gaps with mean 1/rate',
  usesRate: true,
  create: (rate, random) => {
    const draw = () => -Math.log(1 - random()) / rate;
    return { firstTime: (start) => start + draw(), nextTime: (previous) => previous + draw() };
  },
};

/** Creates the registry of built-in arrival patterns. */
export function createArrivalRegistry(): Registry<ArrivalDefinition> {
  return new Registry<ArrivalDefinition>('arrival pattern')
    .register(bulk)
    .register(constant)
    .register(poisson);
}
