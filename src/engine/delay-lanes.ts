import type { EventQueue } from './event-queue.js';

/**
 * The events of one constant delay d, in the order they were scheduled: each runs at its
 * scheduling time + d, and scheduling times never decrease, so (time, sequence) only grows from
 * head to tail. A ring of (time, sequence, slot) is then a priority queue with O(1) insert and
 * pop, where the heap pays O(log n) with cache misses once thousands of timers and packets are
 * pending. A cancelled entry stays in the ring (its slot taken, not pending) until it reaches the
 * head, which is always a pending event.
 */
class DelayLane {
  private times = new Float64Array(16);
  private sequences = new Float64Array(16);
  private slots = new Int32Array(16);
  private head = 0;
  /** Entries in the ring, pending or cancelled. */
  private length = 0;
  /** Pending entries. */
  pending = 0;

  constructor(readonly delaySeconds: number) {}

  /** Time of the head (pending) event; only while `pending > 0`. */
  headTime(): number {
    return this.times[this.head];
  }

  headSequence(): number {
    return this.sequences[this.head];
  }

  headSlot(): number {
    return this.slots[this.head];
  }

  push(time: number, sequence: number, slot: number): void {
    if (this.length === this.slots.length) this.grow();
    const at = (this.head + this.length) & (this.slots.length - 1);
    this.times[at] = time;
    this.sequences[at] = sequence;
    this.slots[at] = slot;
    this.length++;
    this.pending++;
  }

  /** Removes the head (pending) event and returns its slot, still held. */
  shift(): number {
    const slot = this.slots[this.head];
    this.head = (this.head + 1) & (this.slots.length - 1);
    this.length--;
    this.pending--;
    return slot;
  }

  /** Counts one entry cancelled; frees the cancelled entries now at the head (the head stays pending). */
  cancelled(queue: EventQueue, holder: number): void {
    this.pending--;
    this.dropCancelledHead(queue, holder);
    // Entries cancelled behind a pending head (a timer armed before them still runs) wait for
    // the head to pass; more of them than pending events would keep memory from following the
    // number of pending events, so they are swept out then (amortised O(1) per cancel).
    if (this.length - this.pending > Math.max(64, this.pending)) this.sweep(queue, holder);
  }

  /** Frees cancelled entries at the head, so the head is pending or the lane empty. */
  dropCancelledHead(queue: EventQueue, holder: number): void {
    const mask = this.slots.length - 1;
    while (this.length > this.pending && queue.holderOf(this.slots[this.head]) !== holder) {
      queue.freeSlot(this.slots[this.head]);
      this.head = (this.head + 1) & mask;
      this.length--;
    }
  }

  private sweep(queue: EventQueue, holder: number): void {
    const mask = this.slots.length - 1;
    let kept = 0;
    for (let i = 0; i < this.length; i++) {
      const from = (this.head + i) & mask;
      const slot = this.slots[from];
      if (queue.holderOf(slot) !== holder) {
        queue.freeSlot(slot);
        continue;
      }
      const to = (this.head + kept++) & mask;
      this.times[to] = this.times[from];
      this.sequences[to] = this.sequences[from];
      this.slots[to] = slot;
    }
    this.length = kept;
  }

  private grow(): void {
    const capacity = this.slots.length * 2;
    const mask = this.slots.length - 1;
    const times = new Float64Array(capacity);
    const sequences = new Float64Array(capacity);
    const slots = new Int32Array(capacity);
    for (let i = 0; i < this.length; i++) {
      const from = (this.head + i) & mask;
      times[i] = this.times[from];
      sequences[i] = this.sequences[from];
      slots[i] = this.slots[from];
    }
    this.times = times;
    this.sequences = sequences;
    this.slots = slots;
    this.head = 0;
  }
}

/**
 * Delays that get a ring of their own; the run loop looks at every ring's head before each event,
 * so a model with many distinct delays (say one per link of a large topology) would pay for a
 * long scan on every event. Further delays keep their lane number but go through the heap.
 */
export const MAX_RING_LANES = 8;

/**
 * The simulator's delay lanes, one per distinct delay asked for, numbered from 0 in the order
 * they were asked for; the first MAX_RING_LANES have rings. Their events take slots from the
 * simulator's EventQueue (held by the lane's number), so one EventHandle space names heap and
 * lane events alike.
 */
export class DelayLanes {
  /** Pending events in all rings. */
  pending = 0;
  private readonly lanes: DelayLane[] = [];
  private readonly delays: number[] = [];
  private readonly laneOfDelay = new Map<number, number>();

  constructor(private readonly queue: EventQueue) {}

  /** The number of the lane of `delaySeconds` (finite, >= 0), made on first use. */
  laneFor(delaySeconds: number): number {
    let lane = this.laneOfDelay.get(delaySeconds);
    if (lane === undefined) {
      lane = this.delays.length;
      this.delays.push(delaySeconds);
      if (lane < MAX_RING_LANES) this.lanes.push(new DelayLane(delaySeconds));
      this.laneOfDelay.set(delaySeconds, lane);
    }
    return lane;
  }

  /** The delay of lane `lane`; undefined when there is no such lane. */
  delayOf(lane: number): number | undefined {
    return this.delays[lane];
  }

  /** True when lane `lane` has a ring (else its events go through the heap). */
  hasRing(lane: number): boolean {
    return lane < this.lanes.length;
  }

  /** Adds an event at `time` (now + the lane's delay) to lane `lane`, which has a ring; returns its slot. */
  push(lane: number, time: number, sequence: number): number {
    const slot = this.queue.holdSlot(lane);
    this.lanes[lane].push(time, sequence, slot);
    this.pending++;
    return slot;
  }

  /**
   * The lane whose head event comes before (time, sequence) (the heap's earliest event), or -1.
   * Ties of time go by sequence, as in the heap: the order is the one a single heap would give.
   */
  firstBefore(time: number, sequence: number): number {
    let first = -1;
    let firstTime = time;
    let firstSequence = sequence;
    const lanes = this.lanes;
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[i];
      if (lane.pending === 0) continue;
      const headTime = lane.headTime();
      if (headTime < firstTime || (headTime === firstTime && lane.headSequence() < firstSequence)) {
        first = i;
        firstTime = headTime;
        firstSequence = lane.headSequence();
      }
    }
    return first;
  }

  headTime(lane: number): number {
    return this.lanes[lane].headTime();
  }

  /** Removes the head event of lane `lane` and returns its slot, free again. */
  shift(lane: number): number {
    const entries = this.lanes[lane];
    const slot = entries.shift();
    this.queue.freeSlot(slot);
    entries.dropCancelledHead(this.queue, lane);
    this.pending--;
    return slot;
  }

  /** Cancels the pending event in `slot`; false when it is not a pending lane event. */
  cancel(slot: number): boolean {
    const lane = this.queue.holderOf(slot);
    if (lane < 0) return false;
    this.queue.cancelHeld(slot);
    this.lanes[lane].cancelled(this.queue, lane);
    this.pending--;
    return true;
  }

  /** True while `slot` holds a pending lane event. */
  isPending(slot: number): boolean {
    return this.queue.holderOf(slot) >= 0;
  }
}
