/** What a slot holds, by slot (see EventQueue.slotStates). */
const FREE = 0;
const PENDING = 1;
/** Cancelled, its heap entry not yet taken out: the slot stays taken until then. */
const CANCELLED = 2;

/**
 * A pending-event set ordered by (time, sequence): a binary heap over typed arrays, with lazy
 * deletion.
 *
 * Why this shape: one heap-allocated object per event and closures in the comparison are the
 * main costs of a JavaScript event kernel. Here an event lives in a numbered slot (recycled
 * through a free list); the heap keeps each entry's time and sequence inline, in heap order, next
 * to its slot number, so a sift compares neighbouring array cells instead of following a slot to
 * its keys. A cancelled event is only marked: its entry leaves the heap when it reaches the top,
 * or when cancelled entries outnumber pending ones and the heap is rebuilt without them, so
 * cancelled retransmission timers never pile up. An indexed heap (a position per slot, updated at
 * every level of every sift, for an O(log n) removal) paid a scattered write per level on every
 * event to make the rarer cancel cheaper.
 */
export class EventQueue {
  private capacity: number;
  // Heap order, one entry per pending or cancelled event. heapTimes has one cell more than the
  // capacity: a sift-down writes +Infinity just past the last entry so it needs no bounds check
  // on the right child (times are finite: the simulator rejects infinite ones).
  private heapTimes: Float64Array;
  private heapSequences: Float64Array;
  private heapSlots: Int32Array;
  private slotStates: Uint8Array;
  private freeSlots: Int32Array;
  private freeCount: number;
  /** Entries in the heap, cancelled ones included. */
  private heapSize = 0;
  private cancelledCount = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(16, initialCapacity);
    this.heapTimes = new Float64Array(this.capacity + 1);
    this.heapSequences = new Float64Array(this.capacity);
    this.heapSlots = new Int32Array(this.capacity);
    this.slotStates = new Uint8Array(this.capacity);
    this.freeSlots = new Int32Array(this.capacity);
    for (let i = 0; i < this.capacity; i++) this.freeSlots[i] = this.capacity - 1 - i;
    this.freeCount = this.capacity;
  }

  /** Number of pending events. */
  get size(): number {
    return this.heapSize - this.cancelledCount;
  }

  /** Number of slots allocated (grows, never shrinks). */
  get allocatedSlots(): number {
    return this.capacity;
  }

  /** Inserts an event and returns its slot number. */
  push(time: number, sequence: number): number {
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount];
    this.slotStates[slot] = PENDING;
    this.siftUp(this.heapSize++, time, sequence, slot);
    return slot;
  }

  /** The slot of the earliest event, or -1 when empty. Does not remove it. */
  peekSlot(): number {
    // The top entry is always pending: cancelled ones are taken out as they reach it.
    return this.heapSize === 0 ? -1 : this.heapSlots[0];
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    return this.heapSize === 0 ? Number.POSITIVE_INFINITY : this.heapTimes[0];
  }

  /** Sequence of the earliest event (Infinity when empty). */
  peekSequence(): number {
    return this.heapSize === 0 ? Number.POSITIVE_INFINITY : this.heapSequences[0];
  }

  /** True while `slot` holds a pending event. */
  isPending(slot: number): boolean {
    return slot >= 0 && slot < this.capacity && this.slotStates[slot] === PENDING;
  }

  /** Removes and returns the earliest event's slot (-1 when empty); the slot is free again afterwards. */
  popSlot(): number {
    // Popping an empty heap would push a bogus slot onto the free list and corrupt the queue.
    if (this.heapSize === 0) return -1;
    const top = this.heapSlots[0];
    this.release(top);
    this.removeTop();
    if (this.cancelledCount !== 0) this.dropCancelledTop();
    return top;
  }

  /** Cancels a pending event by slot. Returns false if the slot holds no pending event. */
  remove(slot: number): boolean {
    if (!this.isPending(slot)) return false;
    this.slotStates[slot] = CANCELLED;
    this.cancelledCount++;
    if (this.heapSlots[0] === slot) this.dropCancelledTop();
    // Amortised O(1): a rebuild costs O(n) and follows at least n/2 cancels.
    else if (this.cancelledCount > 32 && this.cancelledCount > this.size) this.rebuildWithoutCancelled();
    return true;
  }

  private release(slot: number): void {
    this.slotStates[slot] = FREE;
    this.freeSlots[this.freeCount++] = slot;
  }

  /** Takes the top entry out of the heap (its slot already dealt with). */
  private removeTop(): void {
    const last = --this.heapSize;
    if (last > 0) this.siftDown(0, this.heapTimes[last], this.heapSequences[last], this.heapSlots[last]);
  }

  /** Takes cancelled entries off the top until a pending one (or nothing) is there. */
  private dropCancelledTop(): void {
    while (this.heapSize > 0 && this.slotStates[this.heapSlots[0]] === CANCELLED) {
      this.release(this.heapSlots[0]);
      this.cancelledCount--;
      this.removeTop();
    }
  }

  /** Keeps the pending entries only and restores heap order (Floyd's bottom-up heapify). */
  private rebuildWithoutCancelled(): void {
    const times = this.heapTimes;
    const sequences = this.heapSequences;
    const slots = this.heapSlots;
    let kept = 0;
    for (let i = 0; i < this.heapSize; i++) {
      const slot = slots[i];
      if (this.slotStates[slot] === CANCELLED) {
        this.release(slot);
        continue;
      }
      times[kept] = times[i];
      sequences[kept] = sequences[i];
      slots[kept] = slot;
      kept++;
    }
    this.heapSize = kept;
    this.cancelledCount = 0;
    for (let hole = (kept >> 1) - 1; hole >= 0; hole--) {
      this.siftDown(hole, times[hole], sequences[hole], slots[hole]);
    }
  }

  /** Places (time, sequence, slot) at the hole `start` or above it. */
  private siftUp(start: number, time: number, sequence: number, slot: number): void {
    const times = this.heapTimes;
    const sequences = this.heapSequences;
    const slots = this.heapSlots;
    let hole = start;
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const parentTime = times[parent];
      if (parentTime < time || (parentTime === time && sequences[parent] < sequence)) break;
      times[hole] = parentTime;
      sequences[hole] = sequences[parent];
      slots[hole] = slots[parent];
      hole = parent;
    }
    times[hole] = time;
    sequences[hole] = sequence;
    slots[hole] = slot;
  }

  /**
   * Places (time, sequence, slot), which belongs at the hole `start` or below it, in the heap of
   * `heapSize` entries. Floyd's variant: the hole first sinks to a leaf along the earlier child
   * (one comparison per level, not two), then the entry rises from there; it came from the
   * bottom, so it rarely rises far. Choosing the child branches only on a tie of times:
   * `+(right < left)` compiles to a flag-to-register move, while `if (right before left)` is a
   * coin flip the CPU mispredicts half the time (a pop-push loop on 2,000 events took a third
   * less CPU this way).
   */
  private siftDown(start: number, time: number, sequence: number, slot: number): void {
    const times = this.heapTimes;
    const sequences = this.heapSequences;
    const slots = this.heapSlots;
    const size = this.heapSize;
    times[size] = Number.POSITIVE_INFINITY;
    let hole = start;
    let child = 2 * hole + 1;
    while (child < size) {
      const leftTime = times[child];
      const rightTime = times[child + 1];
      if (leftTime !== rightTime) child += +(rightTime < leftTime);
      else child += +(sequences[child + 1] < sequences[child]);
      times[hole] = times[child];
      sequences[hole] = sequences[child];
      slots[hole] = slots[child];
      hole = child;
      child = 2 * hole + 1;
    }
    this.siftUp(hole, time, sequence, slot);
  }

  private grow(): void {
    const oldCapacity = this.capacity;
    const capacity = oldCapacity * 2;
    const times = new Float64Array(capacity + 1);
    times.set(this.heapTimes);
    const sequences = new Float64Array(capacity);
    sequences.set(this.heapSequences);
    const slots = new Int32Array(capacity);
    slots.set(this.heapSlots);
    const states = new Uint8Array(capacity);
    states.set(this.slotStates);
    const freeSlots = new Int32Array(capacity);
    // Only called when no slot is free: the new slots are the whole free list.
    for (let i = 0; i < capacity - oldCapacity; i++) freeSlots[i] = capacity - 1 - i;
    this.freeCount = capacity - oldCapacity;
    this.heapTimes = times;
    this.heapSequences = sequences;
    this.heapSlots = slots;
    this.slotStates = states;
    this.freeSlots = freeSlots;
    this.capacity = capacity;
  }
}
