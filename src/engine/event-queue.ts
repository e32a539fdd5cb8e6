/**
 * A pending-event set ordered by (time, sequence): an indexed binary heap over typed arrays.
 *
 * Why this shape: one heap-allocated object per event and closures in the comparison are the
 * main costs of a JavaScript event kernel. Here an event lives in a numbered slot whose time and
 * sequence sit in Float64Arrays; the heap is an Int32Array of slot numbers; `positionOfSlot`
 * lets `remove` take a cancelled event out in O(log n) at once, so cancelled retransmission
 * timers never pile up. Slots are recycled through a free list.
 */
export class EventQueue {
  private capacity: number;
  private times: Float64Array;
  private sequences: Float64Array;
  private heap: Int32Array;
  private positionOfSlot: Int32Array;
  private freeSlots: Int32Array;
  private freeCount: number;
  private heapSize = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(16, initialCapacity);
    this.times = new Float64Array(this.capacity);
    this.sequences = new Float64Array(this.capacity);
    this.heap = new Int32Array(this.capacity);
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
    this.times[slot] = time;
    this.sequences[slot] = sequence;
    const position = this.heapSize++;
    this.heap[position] = slot;
    this.positionOfSlot[slot] = position;
    this.siftUp(position);
    return slot;
  }

  /** The slot of the earliest event, or -1 when empty. Does not remove it. */
  peekSlot(): number {
    return this.heapSize === 0 ? -1 : this.heap[0];
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    return this.heapSize === 0 ? Number.POSITIVE_INFINITY : this.times[this.heap[0]];
  }

  timeOf(slot: number): number {
    return this.times[slot];
  }

  sequenceOf(slot: number): number {
    return this.sequences[slot];
  }

  /** True while `slot` holds a pending event. */
  isPending(slot: number): boolean {
    return slot >= 0 && slot < this.capacity && this.positionOfSlot[slot] >= 0;
  }

  /** Removes and returns the earliest event's slot (-1 when empty); the slot is free again afterwards. */
  popSlot(): number {
    // Popping an empty heap would push a bogus slot onto the free list and corrupt the queue.
    if (this.heapSize === 0) return -1;
    const heap = this.heap;
    const top = heap[0];
    const last = heap[--this.heapSize];
    this.positionOfSlot[top] = -1;
    this.freeSlots[this.freeCount++] = top;
    if (this.heapSize > 0) {
      heap[0] = last;
      this.positionOfSlot[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  /** Removes a pending event by slot. Returns false if the slot holds no pending event. */
  remove(slot: number): boolean {
    if (!this.isPending(slot)) return false;
    const position = this.positionOfSlot[slot];
    this.positionOfSlot[slot] = -1;
    this.freeSlots[this.freeCount++] = slot;
    const lastPosition = --this.heapSize;
    if (position !== lastPosition) {
      const moved = this.heap[lastPosition];
      this.heap[position] = moved;
      this.positionOfSlot[moved] = position;
      if (position > 0 && this.before(moved, this.heap[(position - 1) >> 1])) this.siftUp(position);
      else this.siftDown(position);
    }
    return true;
  }

  private before(a: number, b: number): boolean {
    const ta = this.times[a];
    const tb = this.times[b];
    return ta < tb || (ta === tb && this.sequences[a] < this.sequences[b]);
  }

  private siftUp(start: number): void {
    const heap = this.heap;
    const times = this.times;
    const sequences = this.sequences;
    const positions = this.positionOfSlot;
    const slot = heap[start];
    const time = times[slot];
    const sequence = sequences[slot];
    let position = start;
    while (position > 0) {
      const parentPosition = (position - 1) >> 1;
      const parent = heap[parentPosition];
      const parentTime = times[parent];
      if (parentTime < time || (parentTime === time && sequences[parent] < sequence)) break;
      heap[position] = parent;
      positions[parent] = position;
      position = parentPosition;
    }
    heap[position] = slot;
    positions[slot] = position;
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    const times = this.times;
    const sequences = this.sequences;
    const positions = this.positionOfSlot;
    const size = this.heapSize;
    const slot = heap[start];
    const time = times[slot];
    const sequence = sequences[slot];
    let position = start;
    for (;;) {
      let child = 2 * position + 1;
      if (child >= size) break;
      let childSlot = heap[child];
      const right = child + 1;
      if (right < size) {
        const rightSlot = heap[right];
        const rt = times[rightSlot];
        const ct = times[childSlot];
        if (rt < ct || (rt === ct && sequences[rightSlot] < sequences[childSlot])) {
          child = right;
          childSlot = rightSlot;
        }
      }
      const childTime = times[childSlot];
      if (time < childTime || (time === childTime && sequence < sequences[childSlot])) break;
      heap[position] = childSlot;
      positions[childSlot] = position;
      position = child;
    }
    heap[position] = slot;
    positions[slot] = position;
  }

  private grow(): void {
    const oldCapacity = this.capacity;
    const capacity = oldCapacity * 2;
    const times = new Float64Array(capacity);
    times.set(this.times);
    const sequences = new Float64Array(capacity);
    sequences.set(this.sequences);
    const heap = new Int32Array(capacity);
    heap.set(this.heap);
    const positions = new Int32Array(capacity).fill(-1);
    positions.set(this.positionOfSlot);
    const freeSlots = new Int32Array(capacity);
    // Only called when no slot is free: the new slots are the whole free list.
    for (let i = 0; i < capacity - oldCapacity; i++) freeSlots[i] = capacity - 1 - i;
    this.freeCount = capacity - oldCapacity;
    this.times = times;
    this.sequences = sequences;
    this.heap = heap;
    this.positionOfSlot = positions;
    this.freeSlots = freeSlots;
    this.capacity = capacity;
  }
}
