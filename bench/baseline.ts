import seedrandom from 'seedrandom';
import { type BenchmarkResult, peakRss, timeIt } from './harness.js';
import { naiveLoop } from './naive-loop.js';

/**
 * The simplest event loop one would write (bench/naive-loop.ts), running the same M/M/1 model
 * as `mm1`. Every other benchmark prints its ratio to this one measured in the same process,
 * because the ratio does not depend on the machine.
 */
export function baselineMm1(customers: number, stations = 1): BenchmarkResult {
  const loop = naiveLoop();
  const schedule = loop.schedule;
  let served = 0;
  let sojournSum = 0;
  const perStation = Math.ceil(customers / stations);
  for (let s = 0; s < stations; s++) {
    const arrivalRandom = seedrandom.alea(`baseline/${s}/arrivals`);
    const serviceRandom = seedrandom.alea(`baseline/${s}/service`);
    const waiting: number[] = [];
    let head = 0;
    let created = 0;
    const depart = () => {
      sojournSum += loop.now() - waiting[head++];
      served++;
      if (head < waiting.length) schedule(-Math.log(1 - serviceRandom()), depart);
      else {
        waiting.length = 0;
        head = 0;
      }
    };
    const arrive = () => {
      waiting.push(loop.now());
      created++;
      if (waiting.length - head === 1) schedule(-Math.log(1 - serviceRandom()), depart);
      if (created < perStation) schedule(-Math.log(1 - arrivalRandom()) / 0.9, arrive);
    };
    schedule(0, arrive);
  }
  const { value: events, seconds, cpuSeconds } = timeIt(() => loop.run());
  return {
    name: stations === 1 ? 'baseline-mm1' : `baseline-mm1-${stations}-stations`,
    wallSeconds: seconds,
    cpuSeconds,
    events,
    count: served,
    rate: served / seconds,
    rateUnit: 'customers_per_s',
    check: sojournSum / served,
    checkName: 'mean_sojourn',
    peakRssBytes: peakRss(),
  };
}
