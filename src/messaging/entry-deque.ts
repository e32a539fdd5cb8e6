/**
 * A double-ended queue on a growable ring buffer: FIFO for ready messages, with messages given
 * back by a consumer put in front again.
 */
export class Deque<T> {
  private items: (T | undefined)[] = new Array(16);
  private head = 0;
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(item: T): void {
    if (this.size === this.items.length) this.grow();
    this.items[(this.head + this.size) % this.items.length] = item;
    this.size++;
  }

  unshift(item: T): void {
    if (this.size === this.items.length) this.grow();
    this.head = (this.head - 1 + this.items.length) % this.items.length;
    this.items[this.head] = item;
    this.size++;
  }

  /** The oldest item without removing it; undefined when empty. */
  peek(): T | undefined {
    return this.size === 0 ? undefined : this.items[this.head];
  }

  /** Removes and returns the oldest item; undefined when empty. */
  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.items.length;
    this.size--;
    return item;
  }

  /** Removes `item` wherever it is (linear time: for rare removals); false when absent. */
  remove(item: T): boolean {
    const capacity = this.items.length;
    for (let i = 0; i < this.size; i++) {
      if (this.items[(this.head + i) % capacity] !== item) continue;
      for (let j = i; j < this.size - 1; j++) {
        this.items[(this.head + j) % capacity] = this.items[(this.head + j + 1) % capacity];
      }
      this.items[(this.head + this.size - 1) % capacity] = undefined;
      this.size--;
      return true;
    }
    return false;
  }

  /** Empties the deque and returns its items, oldest first. */
  drain(): T[] {
    const drained: T[] = [];
    for (let item = this.shift(); item !== undefined; item = this.shift()) drained.push(item);
    return drained;
  }

  private grow(): void {
    const grown: (T | undefined)[] = new Array(this.items.length * 2);
    for (let i = 0; i < this.size; i++) grown[i] = this.items[(this.head + i) % this.items.length];
    this.items = grown;
    this.head = 0;
  }
}
