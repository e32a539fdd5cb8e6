/**
 * Relative error bound of percentiles read from a `LogHistogram`: every value is represented by
 * the middle of its bucket, at most this far from it relative to its size.
 */
export const HISTOGRAM_RELATIVE_ERROR = 0.005;

/** Bucket growth: bucket k holds (γ^(k-1), γ^k] with γ = (1 + α) / (1 − α). */
const GAMMA = (1 + HISTOGRAM_RELATIVE_ERROR) / (1 - HISTOGRAM_RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);
/** Value standing for bucket k: 2γ^k / (γ + 1), within α of every value in the bucket. */
const REPRESENTATIVE_FACTOR = 2 / (GAMMA + 1);

/**
 * Counts of the bucket indices seen, kept in one array that grows to span the smallest and
 * largest index (a flow's latencies span a few decades: a few hundred buckets each).
 */
class BucketCounts {
  private counts = new Float64Array(0);
  /** Bucket index of `counts[0]`. */
  private offset = 0;
  total = 0;

  add(index: number, count: number): void {
    let position = index - this.offset;
    if (position < 0 || position >= this.counts.length) {
      this.cover(index);
      position = index - this.offset;
    }
    this.counts[position] += count;
    this.total += count;
  }

  mergeFrom(other: BucketCounts): void {
    for (let i = 0; i < other.counts.length; i++) {
      if (other.counts[i] > 0) this.add(other.offset + i, other.counts[i]);
    }
  }

  /** Bucket index holding the value of rank `rank` (0-based, ascending index order). */
  indexAtRank(rank: number): number {
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (seen > rank) return this.offset + i;
    }
    return this.offset + this.counts.length - 1;
  }

  /** Grows the array (at least doubling) so that it spans `index`. */
  private cover(index: number): void {
    if (this.counts.length === 0) {
      // Small at first: a run past the cap holds six of these per channel, often for narrow ranges.
      this.counts = new Float64Array(16);
      this.offset = index - 8;
      return;
    }
    const low = Math.min(this.offset, index);
    const high = Math.max(this.offset + this.counts.length - 1, index);
    const length = Math.max(2 * this.counts.length, high - low + 1);
    // Grow towards the side that needed it, leaving room there for the next values.
    const newOffset = index < this.offset ? high - length + 1 : low;
    const grown = new Float64Array(length);
    grown.set(this.counts, this.offset - newOffset);
    this.counts = grown;
    this.offset = newOffset;
  }
}

/**
 * A mergeable histogram of real values in logarithmic buckets: quantiles within a relative
 * error of `HISTOGRAM_RELATIVE_ERROR` of the exact ones (same interpolation between order
 * statistics as `quantileOfSorted`), in memory that grows with the logarithm of the range of the
 * values, not with their number. Zeros are counted apart; negative values mirror positive ones.
 * Min and max are exact, and every estimate is clamped to them.
 */
export class LogHistogram {
  private readonly positive = new BucketCounts();
  private readonly negative = new BucketCounts();
  private zeros = 0;
  count = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  /** The last positive value and its bucket: components are often the same for every message. */
  private lastValue = Number.NaN;
  private lastBucket = 0;

  add(value: number): void {
    this.addCopies(value, 1);
  }

  /**
   * Adds `copies` values equal to `value` (`===`: the first of a run of equal values, which is
   * how min and max would take them one by one, -0 and +0 alike). The same counts as that many
   * `add` calls: bucket counts are whole numbers, exact in doubles. `copies` is at least 1.
   */
  addCopies(value: number, copies: number): void {
    this.count += copies;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (value > 0) {
      if (value !== this.lastValue) {
        this.lastValue = value;
        this.lastBucket = bucketOf(value);
      }
      this.positive.add(this.lastBucket, copies);
    } else if (value < 0) this.negative.add(bucketOf(-value), copies);
    else this.zeros += copies;
  }

  merge(other: LogHistogram): void {
    this.positive.mergeFrom(other.positive);
    this.negative.mergeFrom(other.negative);
    this.zeros += other.zeros;
    this.count += other.count;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  /** Estimate of the value of rank `rank` (0-based) in ascending order; `count` must be > 0. */
  valueAtRank(rank: number): number {
    let estimate: number;
    const negatives = this.negative.total;
    if (rank < negatives) {
      // Ascending order runs through the negative buckets from the largest magnitude down.
      estimate = -representative(this.negative.indexAtRank(negatives - 1 - rank));
    } else if (rank < negatives + this.zeros) {
      estimate = 0;
    } else {
      estimate = representative(this.positive.indexAtRank(rank - negatives - this.zeros));
    }
    return Math.min(this.max, Math.max(this.min, estimate));
  }

  /** The q-quantile, interpolating linearly between the estimated order statistics. */
  quantile(q: number): number {
    const position = (this.count - 1) * q;
    const below = Math.floor(position);
    const above = Math.min(below + 1, this.count - 1);
    const low = this.valueAtRank(below);
    return low + (this.valueAtRank(above) - low) * (position - below);
  }
}

function bucketOf(magnitude: number): number {
  return Math.ceil(Math.log(magnitude) / LOG_GAMMA);
}

function representative(index: number): number {
  return GAMMA ** index * REPRESENTATIVE_FACTOR;
}
