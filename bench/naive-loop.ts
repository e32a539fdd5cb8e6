/** One event of the naive loop: a plain object, its handler a closure made for it. */
export interface NaiveEvent {
  time: number;
  sequence: number;
  handler: () => void;
  /** Set by the model to cancel it: the event stays in the heap and is skipped when it comes up. */
  cancelled: boolean;
}

/** The naive loop's face: schedule, the clock, and the loop itself (returns the events it ran). */
export interface NaiveLoop {
  schedule(delay: number, handler: () => void): NaiveEvent;
  now(): number;
  run(): number;
}

/**
 * The simplest event loop one would write, the benchmarks' baseline: a binary heap of plain
 * event objects ordered by (time, sequence) through a comparison closure, swapping entries as
 * it sifts, with cancelled events flagged and left in the heap until their time comes.
 */
export function naiveLoop(): NaiveLoop {
  const heap: NaiveEvent[] = [];
  let sequence = 0;
  let now = 0;
  const before = (a: NaiveEvent, b: NaiveEvent) =>
    a.time < b.time || (a.time === b.time && a.sequence < b.sequence);
  const pop = (): NaiveEvent => {
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
  return {
    schedule(delay, handler) {
      const event = { time: now + delay, sequence: sequence++, handler, cancelled: false };
      heap.push(event);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!before(heap[i], heap[parent])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
      return event;
    },
    now: () => now,
    run() {
      let events = 0;
      while (heap.length > 0) {
        const event = pop();
        if (event.cancelled) continue;
        now = event.time;
        event.handler();
        events++;
      }
      return events;
    },
  };
}
