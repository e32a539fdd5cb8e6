import { RandomStreams } from '../src/engine/random.js';
import { Simulator } from '../src/engine/simulator.js';
import { type BenchmarkResult, peakRss, timeIt } from './harness.js';

/**
 * M/M/1 queues (λ = 0.9, μ = 1) written on the public engine API; with several stations, K
 * independent queues share one simulator (a larger pending-event set). Mean sojourn → 10.
 */
export function mm1(customers: number, stations = 1): BenchmarkResult {
  const simulator = new Simulator();
  const streams = new RandomStreams(1);
  let served = 0;
  let sojournSum = 0;
  const perStation = Math.ceil(customers / stations);
  for (let s = 0; s < stations; s++) {
    const arrivalRandom = streams.stream(`station/${s}/arrivals`);
    const serviceRandom = streams.stream(`station/${s}/service`);
    // A ring of arrival times: the queue's memory follows its length, not the run's.
    let waiting = new Float64Array(64);
    let head = 0;
    let length = 0;
    let created = 0;
    const depart = (): void => {
      sojournSum += simulator.now - waiting[head];
      head = (head + 1) & (waiting.length - 1);
      length--;
      served++;
      if (length > 0) simulator.schedule(-Math.log(1 - serviceRandom()), depart);
    };
    const arrive = (): void => {
      if (length === waiting.length) {
        const grown = new Float64Array(waiting.length * 2);
        for (let i = 0; i < length; i++) grown[i] = waiting[(head + i) & (waiting.length - 1)];
        waiting = grown;
        head = 0;
      }
      waiting[(head + length) & (waiting.length - 1)] = simulator.now;
      length++;
      created++;
      if (length === 1) simulator.schedule(-Math.log(1 - serviceRandom()), depart);
      if (created < perStation) simulator.schedule(-Math.log(1 - arrivalRandom()) / 0.9, arrive);
    };
    simulator.schedule(0, arrive);
  }
  const { seconds, cpuSeconds } = timeIt(() => simulator.run());
  return {
    name: stations === 1 ? 'mm1' : `mm1-${stations}-stations`,
    wallSeconds: seconds,
    cpuSeconds,
    events: simulator.executedEvents,
    rate: served / seconds,
    rateUnit: 'customers_per_s',
    check: sojournSum / served,
    checkName: 'mean_sojourn',
    peakRssBytes: peakRss(),
  };
}
