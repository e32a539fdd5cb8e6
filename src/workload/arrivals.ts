import { Registry } from '../engine/registry.js';
import type { ArrivalDefinition } from './arrival-pattern.js';
import { onOff } from './on-off.js';
import { trace } from './trace-arrivals.js';

export type { ArrivalDefinition, ArrivalProcess } from './arrival-pattern.js';

const bulk: ArrivalDefinition = {
  id: 'bulk',
  description: 'all messages are ready at start; the transport sends them as fast as it may',
  usesRate: false,
  allAtOnce: true,
  closedForm: 'all-at-once',
  create: () => ({ firstTime: (start) => start, nextTime: (previous) => previous }),
};

const constant: ArrivalDefinition = {
  id: 'constant',
  description: 'one message every 1/rate seconds, the first at start',
  usesRate: true,
  allAtOnce: false,
  closedForm: 'periodic',
  create: ({ rateMessagesPerSecond: rate }) => {
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
  allAtOnce: false,
  closedForm: 'poisson',
  create: ({ rateMessagesPerSecond: rate, random }) => {
    const stream = random();
    const draw = () => -Math.log(1 - stream()) / rate;
    return { firstTime: (start) => start + draw(), nextTime: (previous) => previous + draw() };
  },
};

/** Creates the registry of built-in arrival patterns. */
export function createArrivalRegistry(): Registry<ArrivalDefinition> {
  return new Registry<ArrivalDefinition>('arrival pattern')
    .register(bulk)
    .register(constant)
    .register(poisson)
    .register(onOff as ArrivalDefinition)
    .register(trace as ArrivalDefinition);
}
