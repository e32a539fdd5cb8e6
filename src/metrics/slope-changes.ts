/** The arrays of a store that has held nothing yet (shared: never written, length 0). */
const NONE = new Float64Array(0);

/**
 * Changes of slope due at future times (time, change), taken back earliest first. Why two stores:
 * on a wire with a constant delay the changes come in time order (each packet's far end follows
 * the previous one's), so a ring takes them and gives them back in O(1) with no search; a change
 * that comes earlier than the last one queued (jitter, a delay that a degradation shortened)
 * goes to a binary heap instead, O(log n). Both live in typed arrays that grow by doubling, so a
 * change costs no allocation once they are large enough; they hold only what is still due, so
 * their size is bounded by the packets on the wire.
 */
export class SlopeChanges {
  // Empty until the first change: a network of thousands of links, most packets alone on their
  // wire (WireLoads settles those without queueing), should not pay for rings it never fills.
  private ringTimes = NONE;
  private ringChanges = NONE;
  private ringHead = 0;
  private ringCount = 0;
  private heapTimes = NONE;
  private heapChanges = NONE;
  private heapCount = 0;
  /**
   * The earliest due time (Infinity when none is due) and its change: fields, so the sweep reads
   * them at every step without a call that would return a double (boxed where not inlined).
   */
  next = Number.POSITIVE_INFINITY;
  nextChange = 0;

  get size(): number {
    return this.ringCount + this.heapCount;
  }

  /** Sets `next` and `nextChange` from the ring's first change and the heap's. */
  private refresh(): void {
    const ring = this.ringCount > 0 ? this.ringTimes[this.ringHead] : Number.POSITIVE_INFINITY;
    const heap = this.heapCount > 0 ? this.heapTimes[0] : Number.POSITIVE_INFINITY;
    if (this.heapCount > 0 && heap < ring) {
      this.next = heap;
      this.nextChange = this.heapChanges[0];
    } else {
      this.next = ring;
      this.nextChange = this.ringCount > 0 ? this.ringChanges[this.ringHead] : 0;
    }
  }

  /** The slope changes by `change` at `time`. */
  add(time: number, change: number): void {
    const count = this.ringCount;
    const mask = this.ringTimes.length - 1;
    if (count === 0 || time >= this.ringTimes[(this.ringHead + count - 1) & mask]) {
      if (count === this.ringTimes.length) this.growRing();
      const at = (this.ringHead + count) & (this.ringTimes.length - 1);
      this.ringTimes[at] = time;
      this.ringChanges[at] = change;
      this.ringCount = count + 1;
    } else {
      this.pushHeap(time, change);
    }
    // At a tie the one `drop` takes first (the ring's) must be the one `nextChange` names.
    if (time <= this.next) this.refresh();
  }

  /** Removes the earliest change (`next`, `nextChange`; only while one is due). */
  drop(): void {
    const heapFirst =
      this.heapCount > 0 && (this.ringCount === 0 || this.heapTimes[0] < this.ringTimes[this.ringHead]);
    if (heapFirst) {
      this.popHeap();
      this.refresh();
      return;
    }
    this.ringHead = (this.ringHead + 1) & (this.ringTimes.length - 1);
    this.ringCount--;
    if (this.heapCount === 0) {
      if (this.ringCount > 0) {
        this.next = this.ringTimes[this.ringHead];
        this.nextChange = this.ringChanges[this.ringHead];
      } else {
        this.next = Number.POSITIVE_INFINITY;
        this.nextChange = 0;
      }
    } else {
      this.refresh();
    }
  }

  /** Forgets every change (the wire was emptied). */
  clear(): void {
    this.ringHead = 0;
    this.ringCount = 0;
    this.heapCount = 0;
    this.next = Number.POSITIVE_INFINITY;
    this.nextChange = 0;
  }

  private growRing(): void {
    const capacity = Math.max(8, this.ringTimes.length * 2);
    const times = new Float64Array(capacity);
    const changes = new Float64Array(capacity);
    const mask = this.ringTimes.length - 1;
    for (let i = 0; i < this.ringCount; i++) {
      times[i] = this.ringTimes[(this.ringHead + i) & mask];
      changes[i] = this.ringChanges[(this.ringHead + i) & mask];
    }
    this.ringTimes = times;
    this.ringChanges = changes;
    this.ringHead = 0;
  }

  private pushHeap(time: number, change: number): void {
    if (this.heapCount === this.heapTimes.length) {
      const capacity = Math.max(8, this.heapTimes.length * 2);
      const times = new Float64Array(capacity);
      const changes = new Float64Array(capacity);
      times.set(this.heapTimes);
      changes.set(this.heapChanges);
      this.heapTimes = times;
      this.heapChanges = changes;
    }
    const times = this.heapTimes;
    const changes = this.heapChanges;
    let at = this.heapCount++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (times[parent] <= time) break;
      times[at] = times[parent];
      changes[at] = changes[parent];
      at = parent;
    }
    times[at] = time;
    changes[at] = change;
  }

  private popHeap(): void {
    const times = this.heapTimes;
    const changes = this.heapChanges;
    const count = --this.heapCount;
    const time = times[count];
    const change = changes[count];
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= count) break;
      if (child + 1 < count && times[child + 1] < times[child]) child++;
      if (times[child] >= time) break;
      times[at] = times[child];
      changes[at] = changes[child];
      at = child;
    }
    if (count > 0) {
      times[at] = time;
      changes[at] = change;
    }
  }
}
