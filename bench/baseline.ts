import seedrandom from 'seedrandom';
import { type BenchmarkResult, peakRss, timeIt } from './harness.js';

interface PlainEvent {
  time: number;
  sequence: number;
  handler: () => void;
}

/**
 * The simplest event loop one would write: a binary heap of plain event objects compared with
 * a closure, running the same M/M/1 model as `mm1`. Every other benchmark prints its ratio to
 * this one measured in the same process, because the ratio does not depend on the machine.
 */
export function baselineMm1(customers: number, stations = 1): BenchmarkResult {
  const heap: PlainEvent[] = [];
  let sequence = 0;
  let now = 0;
  const before = (a: PlainEvent, b: PlainEvent) =>
    a.time < b.time || (a.time === b.time && a.sequence < b.sequence);
  const push = (event: PlainEvent) => {
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const pop = (): PlainEvent => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left], heap[smallest])) smallest = left;
        if (right < heap.length && before(heap[right], heap[smallest])) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
        i = smallest;
      }
    }
    return top;
  };
  const schedule = (delay: number, handler: () => void) =>
    push({ time: now + delay, sequence: sequence++, handler });

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
      sojournSum += now - waiting[head++];
      served++;
      if (head < waiting.length) schedule(-Math.log(1 - serviceRandom()), depart);
      else {
        waiting.length = 0;
        head = 0;
      }
    };
    const arrive = () => {
      waiting.push(now);
      created++;
      if (waiting.length - head === 1) schedule(-Math.log(1 - serviceRandom()), depart);
      if (created < perStation) schedule(-Math.log(1 - arrivalRandom()) / 0.9, arrive);
    };
    schedule(0, arrive);
  }
  let events = 0;
  const { seconds, cpuSeconds } = timeIt(() => {
    while (heap.length > 0) {
      const event = pop();
      now = event.time;
      event.handler();
      events++;
    }
  });
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
