/** A growable array of float64 samples (amortised O(1) append, no per-sample allocation). */
export class SampleBuffer {
  private data: Float64Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Float64Array(initialCapacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index];
  }

  /** The samples as a view (no copy); valid until the next push. */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
