/**
 * A pending-event set ordered by (time, sequence): an indexed 4-ary heap over typed arrays.
 *
 * Why this shape: one heap-allocated object per event and closures in the comparison are the
 * main costs of a JavaScript event kernel, and with thousands of pending events the next cost
 * is memory indirection and heap depth. Here an event lives in a numbered slot (what callers
 * hold), and each heap position stores its event's time, sequence and slot side by side in
 * typed arrays, so a comparison reads adjacent memory instead of following a slot number. Four
 * children per node halve the depth of a binary heap, and the four keys compared at each level
 * sit next to each other. `positionOfSlot` lets `remove` take a cancelled event out in
 * O(log n) at once, so cancelled retransmission timers never pile up. Slots are recycled
 * through a free list.
 */
export class EventQueue {
  private capacity: number;
  /** Time, sequence and slot of the event at each heap position. */
  private heapTimes: Float64Array;
  private heapSequences: Float64Array;
  private heapSlots: Int32Array;
  /** Time and sequence of each slot's latest event (kept after it pops, until the slot is reused). */
  private slotTimes: Float64Array;
  private slotSequences: Float64Array;
  /** Heap position of each slot, -1 when the slot holds no pending event. */
  private positionOfSlot: Int32Array;
  private freeSlots: Int32Array;
  private freeCount: number;
  private heapSize = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(16, initialCapacity);
    this.heapTimes = new Float64Array(this.capacity);
    this.heapSequences = new Float64Array(this.capacity);
    this.heapSlots = new Int32Array(this.capacity);
    this.slotTimes = new Float64Array(this.capacity);
    this.slotSequences = new Float64Array(this.capacity);
    this.positionOfSlot = new Int32Array(this.capacity).fill(-1);
    this.freeSlots = new Int32Array(this.capacity);
    for (let i = 0; i < this.capacity; i++) this.freeSlots[i] = this.capacity - 1 - i;
    this.freeCount = this.capacity;
  }

  /** Number of pending events. */
  get size(): number {
    return this.heapSize;
  }

  /** Number of slots allocated (grows, never shrinks). */
  get allocatedSlots(): number {
    return this.capacity;
  }

  /** Inserts an event and returns its slot number. */
  push(time: number, sequence: number): number {
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount];
    this.slotTimes[slot] = time;
    this.slotSequences[slot] = sequence;
    this.siftUp(this.heapSize++, time, sequence, slot);
    return slot;
  }

  /** The slot of the earliest event, or -1 when empty. Does not remove it. */
  peekSlot(): number {
    return this.heapSize === 0 ? -1 : this.heapSlots[0];
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    return this.heapSize === 0 ? Number.POSITIVE_INFINITY : this.heapTimes[0];
  }

  timeOf(slot: number): number {
    return this.slotTimes[slot];
  }

  sequenceOf(slot: number): number {
    return this.slotSequences[slot];
  }

  /** True while `slot` holds a pending event. */
  isPending(slot: number): boolean {
    return slot >= 0 && slot < this.capacity && this.positionOfSlot[slot] >= 0;
  }

  /** Removes and returns the earliest event's slot (-1 when empty); the slot is free again afterwards. */
  popSlot(): number {
    // Popping an empty heap would push a bogus slot onto the free list and corrupt the queue.
    if (this.heapSize === 0) return -1;
    const top = this.heapSlots[0];
    this.positionOfSlot[top] = -1;
    this.freeSlots[this.freeCount++] = top;
    const last = --this.heapSize;
    if (last > 0) this.siftDown(0, this.heapTimes[last], this.heapSequences[last], this.heapSlots[last]);
    return top;
  }

  /** Removes a pending event by slot. Returns false if the slot holds no pending event. */
  remove(slot: number): boolean {
    if (!this.isPending(slot)) return false;
    const position = this.positionOfSlot[slot];
    this.positionOfSlot[slot] = -1;
    this.freeSlots[this.freeCount++] = slot;
    const last = --this.heapSize;
    if (position !== last) {
      const time = this.heapTimes[last];
      const sequence = this.heapSequences[last];
      const movedSlot = this.heapSlots[last];
      const parent = (position - 1) >> 2;
      const parentTime = this.heapTimes[parent];
      if (
        position > 0 &&
        (time < parentTime || (time === parentTime && sequence < this.heapSequences[parent]))
      ) {
        this.siftUp(position, time, sequence, movedSlot);
      } else {
        this.siftDown(position, time, sequence, movedSlot);
      }
    }
    return true;
  }

  /** Places the event (time, sequence, slot) at `start` or above it. */
  private siftUp(start: number, time: number, sequence: number, slot: number): void {
    const times = this.heapTimes;
    const sequences = this.heapSequences;
    const slots = this.heapSlots;
    const positions = this.positionOfSlot;
    let position = start;
    while (position > 0) {
      const parent = (position - 1) >> 2;
      const parentTime = times[parent];
      if (parentTime < time || (parentTime === time && sequences[parent] < sequence)) break;
      times[position] = parentTime;
      sequences[position] = sequences[parent];
      const parentSlot = slots[parent];
      slots[position] = parentSlot;
      positions[parentSlot] = position;
      position = parent;
    }
    times[position] = time;
    sequences[position] = sequence;
    slots[position] = slot;
    positions[slot] = position;
  }

  /** Places the event (time, sequence, slot) at `start` or below it, among `heapSize` events. */
  private siftDown(start: number, time: number, sequence: number, slot: number): void {
    const times = this.heapTimes;
    const sequences = this.heapSequences;
    const slots = this.heapSlots;
    const positions = this.positionOfSlot;
    const size = this.heapSize;
    let position = start;
    for (;;) {
      const first = 4 * position + 1;
      if (first >= size) break;
      let best = first;
      let bestTime = times[first];
      let bestSequence = sequences[first];
      const end = Math.min(first + 4, size);
      for (let child = first + 1; child < end; child++) {
        const childTime = times[child];
        if (childTime < bestTime || (childTime === bestTime && sequences[child] < bestSequence)) {
          best = child;
          bestTime = childTime;
          bestSequence = sequences[child];
        }
      }
      if (time < bestTime || (time === bestTime && sequence < bestSequence)) break;
      times[position] = bestTime;
      sequences[position] = bestSequence;
      const bestSlot = slots[best];
      slots[position] = bestSlot;
      positions[bestSlot] = position;
      position = best;
    }
    times[position] = time;
    sequences[position] = sequence;
    slots[position] = slot;
    positions[slot] = position;
  }

  private grow(): void {
    const oldCapacity = this.capacity;
    const capacity = oldCapacity * 2;
    const times = new Float64Array(capacity);
    times.set(this.heapTimes);
    const sequences = new Float64Array(capacity);
    sequences.set(this.heapSequences);
    const slots = new Int32Array(capacity);
    slots.set(this.heapSlots);
    const slotTimes = new Float64Array(capacity);
    slotTimes.set(this.slotTimes);
    const slotSequences = new Float64Array(capacity);
    slotSequences.set(this.slotSequences);
    const positions = new Int32Array(capacity).fill(-1);
    positions.set(this.positionOfSlot);
    const freeSlots = new Int32Array(capacity);
    // Only called when no slot is free: the new slots are the whole free list.
    for (let i = 0; i < capacity - oldCapacity; i++) freeSlots[i] = capacity - 1 - i;
    this.freeCount = capacity - oldCapacity;
    this.heapTimes = times;
    this.heapSequences = sequences;
    this.heapSlots = slots;
    this.slotTimes = slotTimes;
    this.slotSequences = slotSequences;
    this.positionOfSlot = positions;
    this.freeSlots = freeSlots;
    this.capacity = capacity;
  }
}
