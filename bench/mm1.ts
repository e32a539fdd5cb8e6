import { type RandomStream, RandomStreams } from '../src/engine/random.js';
import { Simulator } from '../src/engine/simulator.js';
import { type BenchmarkResult, peakRss, timeIt } from './harness.js';

const ARRIVAL_RATE = 0.9;

/** One M/M/1 station: its two seeded streams and a ring of the arrival times of those waiting. */
class Station {
  // A ring: the queue's memory follows its length, not the run's.
  waiting = new Float64Array(64);
  head = 0;
  length = 0;
  created = 0;

  constructor(
    readonly arrivalRandom: RandomStream,
    readonly serviceRandom: RandomStream,
  ) {}

  enqueue(now: number): void {
    if (this.length === this.waiting.length) {
      const grown = new Float64Array(this.waiting.length * 2);
      for (let i = 0; i < this.length; i++)
        grown[i] = this.waiting[(this.head + i) & (this.waiting.length - 1)];
      this.waiting = grown;
      this.head = 0;
    }
    this.waiting[(this.head + this.length) & (this.waiting.length - 1)] = now;
    this.length++;
  }

  /** Takes the customer in service off the ring; returns when it arrived. */
  dequeue(): number {
    const arrivedAt = this.waiting[this.head];
    this.head = (this.head + 1) & (this.waiting.length - 1);
    this.length--;
    return arrivedAt;
  }
}

/**
 * M/M/1 queues (λ = 0.9, μ = 1) written on the public engine API; with several stations, K
 * independent queues share one simulator (a larger pending-event set). Mean sojourn → 10.
 * Every station's events run the same two handlers, with the station as the event's argument,
 * as a model of many like components is written on this engine: a closure per station would
 * make the loop's call of the handler megamorphic and time the model rather than the kernel.
 */
export function mm1(customers: number, stations = 1): BenchmarkResult {
  const simulator = new Simulator();
  const streams = new RandomStreams(1);
  let served = 0;
  let sojournSum = 0;
  const perStation = Math.ceil(customers / stations);
  const depart = (station: Station): void => {
    sojournSum += simulator.now - station.dequeue();
    served++;
    if (station.length > 0) simulator.schedule(-Math.log(1 - station.serviceRandom()), depart, station);
  };
  const arrive = (station: Station): void => {
    station.enqueue(simulator.now);
    station.created++;
    if (station.length === 1) simulator.schedule(-Math.log(1 - station.serviceRandom()), depart, station);
    if (station.created < perStation) {
      simulator.schedule(-Math.log(1 - station.arrivalRandom()) / ARRIVAL_RATE, arrive, station);
    }
  };
  for (let s = 0; s < stations; s++) {
    const station = new Station(
      streams.stream(`station/${s}/arrivals`),
      streams.stream(`station/${s}/service`),
    );
    simulator.schedule(0, arrive, station);
  }
  const { seconds, cpuSeconds } = timeIt(() => simulator.run());
  return {
    name: stations === 1 ? 'mm1' : `mm1-${stations}-stations`,
    wallSeconds: seconds,
    cpuSeconds,
    events: simulator.executedEvents,
    count: served,
    rate: served / seconds,
    rateUnit: 'customers_per_s',
    check: sojournSum / served,
    checkName: 'mean_sojourn',
    peakRssBytes: peakRss(),
  };
}
