/**
 * Sorting float64 values into exactly the order `Float64Array.prototype.sort` gives (ascending,
 * -0 before +0, NaN last), faster when the values already come in long ascending runs: delivery
 * records are mostly in order (latencies of a bulk transfer grow with delivery time), or are the
 * concatenation of sorted per-channel series. Merging r runs costs n·log2(r) moves instead of the
 * n·log2(n) of a full sort, and an array already in order costs one pass.
 */

/**
 * True when `x` goes strictly before `y` in the order of `Float64Array.prototype.sort`.
 *
 * The loops over a whole series write this out as
 * `x < y || (x === y ? x === 0 && 1 / x < 1 / y : !(x > y) && precedes(x, y))`: they run once
 * per summary, much of it before the optimising compiler has inlined anything, and a call per
 * value then costs more than the comparison; written out, only NaN still makes the call.
 */
export function precedes(x: number, y: number): boolean {
  return x < y || (x === 0 && y === 0 && 1 / x < 1 / y) || (Number.isNaN(y) && !Number.isNaN(x));
}

/** True when `values[from..to)` are in sort order (every value not after its predecessor). */
export function isInSortOrder(values: Float64Array, from = 0, to = values.length): boolean {
  for (let i = from + 1; i < to; i++) {
    const x = values[i];
    const y = values[i - 1];
    if (x < y || (x === y ? x === 0 && 1 / x < 1 / y : !(x > y) && precedes(x, y))) return false;
  }
  return true;
}

/**
 * Starts of the maximal ascending runs of `values` (each start, then `values.length`), or null
 * when there are more than `maxRuns` of them.
 */
export function ascendingRunStarts(values: Float64Array, maxRuns: number): number[] | null {
  const starts = [0];
  for (let i = 1; i < values.length; i++) {
    const x = values[i];
    const y = values[i - 1];
    if (!(x < y || (x === y ? x === 0 && 1 / x < 1 / y : !(x > y) && precedes(x, y)))) continue;
    if (starts.length === maxRuns) return null;
    starts.push(i);
  }
  starts.push(values.length);
  return starts;
}

/**
 * Runs past which a full sort beats merging them: merging takes log2(runs) passes over the values,
 * a full sort about log2(n) levels at a lower cost per level, so merging pays while the runs are
 * few (fewer than about the square root of n of them, and at most 4096).
 */
function mergeableRuns(length: number): number {
  return Math.min(4096, Math.max(2, Math.floor(Math.sqrt(length))));
}

/**
 * `values` in the order `Float64Array.prototype.sort` would give them. Reorders `values` itself
 * and may return another array (the sorted values are in whichever of the two it returns).
 */
export function sortedAdaptively(values: Float64Array): Float64Array {
  const starts = ascendingRunStarts(values, mergeableRuns(values.length));
  if (starts === null) return values.sort();
  return mergeSortedRuns(values, starts);
}

/**
 * Merges the consecutive sorted runs of `values` (run k is `values[starts[k]..starts[k+1])`; the
 * last start is `values.length`) into one sorted array. Reorders `values` itself and may return
 * another array; each run must already be in sort order.
 */
export function mergeSortedRuns(values: Float64Array, starts: ArrayLike<number>): Float64Array {
  let bounds = Array.from(starts).filter((start, k, all) => k === 0 || start > all[k - 1]);
  if (bounds.length <= 2) return values;
  let source = values;
  let target: Float64Array = new Float64Array(values.length);
  while (bounds.length > 2) {
    const merged = [bounds[0]];
    for (let k = 0; k + 1 < bounds.length; k += 2) {
      const from = bounds[k];
      const middle = bounds[k + 1];
      const to = k + 2 < bounds.length ? bounds[k + 2] : middle;
      mergeTwo(source, from, middle, to, target);
      merged.push(to);
    }
    bounds = merged;
    const swap = source;
    source = target;
    target = swap;
  }
  return source;
}

/** Merges sorted `source[from..middle)` and `source[middle..to)` into `target[from..to)`. */
function mergeTwo(
  source: Float64Array,
  from: number,
  middle: number,
  to: number,
  target: Float64Array,
): void {
  if (middle === to || middle === from || !precedes(source[middle], source[middle - 1])) {
    // One run, or runs already in order: a copy.
    target.set(source.subarray(from, to), from);
    return;
  }
  let left = from;
  let right = middle;
  let out = from;
  while (left < middle && right < to) {
    const a = source[left];
    const b = source[right];
    // Equal values are the same bits (the order tells -0 from +0), so which goes first is moot.
    if (b < a || (b === a ? b === 0 && 1 / b < 1 / a : !(b > a) && precedes(b, a))) {
      target[out++] = b;
      right++;
    } else {
      target[out++] = a;
      left++;
    }
  }
  if (left < middle) target.set(source.subarray(left, middle), out);
  else if (right < to) target.set(source.subarray(right, to), out);
}
