import type { RandomStream } from '../../src/engine/random.js';
import { RandomStreams } from '../../src/engine/random.js';
import { distributionSchema } from '../../src/engine/schemas.js';
import { createRegistries } from '../../src/scenario/registries.js';
import { arrivalsSchema } from '../../src/scenario/workload-schema.js';
import type { ArrivalProcess } from '../../src/workload/arrival-pattern.js';

const registries = createRegistries();

/** How a test builds an arrival process: the seed, and streams it may watch or replace. */
export interface ArrivalOptions {
  seed?: number;
  /** Files a trace may name, by name. */
  files?: Record<string, string>;
  /** Wraps the stream of each part (undefined: the flow's arrival stream itself). */
  watch?: (part: string | undefined, stream: RandomStream) => RandomStream;
}

/**
 * The arrival process `arrivals` (written as in a workload) gives flow `f` at `rate`, drawing
 * from the streams a run gives it (`flow/f/arrivals`, `flow/f/arrivals/<part>`).
 */
export function arrivalProcess(
  arrivals: unknown,
  rate: number,
  options: ArrivalOptions = {},
): ArrivalProcess {
  const files = options.files ?? {};
  const chosen = arrivalsSchema(registries, {
    timeDistribution: () => distributionSchema('time', registries.distributions),
    readFile: (name) => {
      const text = files[name];
      if (text === undefined) throw new Error('no such file');
      return text;
    },
  }).parse(arrivals);
  if (chosen === undefined) throw new Error('no arrival pattern given');
  const streams = new RandomStreams(options.seed ?? 1);
  const watch = options.watch ?? ((_part, stream) => stream);
  return registries.arrivals.get(chosen.id).create({
    rateMessagesPerSecond: rate,
    parameters: chosen.parameters,
    random: (part) =>
      watch(part, streams.stream(part === undefined ? 'flow/f/arrivals' : `flow/f/arrivals/${part}`)),
  });
}

/** The creation times of `process` from `start` up to (not including) `until`. */
export function timesBefore(process: ArrivalProcess, until: number, start = 0): number[] {
  const times: number[] = [];
  for (let time = process.firstTime(start); time < until; time = process.nextTime(time)) times.push(time);
  return times;
}
