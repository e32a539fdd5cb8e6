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
 *   x < y || (x === y ? x === 0 && Object.is(x, -0) && !Object.is(y, -0) : !(x > y) && precedes(x, y))
 * so that the common case costs a comparison or two: they run once per summary, much of it
 * before the optimising compiler has inlined anything, when a call per value costs more than
 * the comparison itself. Only NaN still makes the call (and zeros the Object.is ones).
 */
export function precedes(x: number, y: number): boolean {
  return (
    x < y ||
    (x === 0 && y === 0 && Object.is(x, -0) && !Object.is(y, -0)) ||
    (Number.isNaN(y) && !Number.isNaN(x))
  );
}

/** True when `values[from..to)` are in sort order (every value not after its predecessor). */
export function isInSortOrder(values: Float64Array, from = 0, to = values.length): boolean {
  for (let i = from + 1; i < to; i++) {
    const x = values[i];
    const y = values[i - 1];
    if (x < y || (x === y ? x === 0 && Object.is(x, -0) && !Object.is(y, -0) : !(x > y) && precedes(x, y)))
      return false;
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
    if (!(x < y || (x === y ? x === 0 && Object.is(x, -0) && !Object.is(y, -0) : !(x > y) && precedes(x, y))))
      continue;
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
  if (starts !== null) return mergeSortedRuns(values, starts);
  if (sortFewDistinct(values, FEW_DISTINCT)) return values;
  return values.sort();
}

/**
 * Moves an insertion sort may make beyond its budget per value: values nearly in order can start
 * in disorder (a hundred flows' first messages, all sent at once).
 */
const INSERTION_SLACK = 4096;

/**
 * Sorts `values` in place by insertion while that has taken at most `movesPerValue` moves per
 * value (plus INSERTION_SLACK) at every point (true); gives up as soon as it has not (false:
 * `values` is then reordered but not sorted). For values that come nearly in order, each a few
 * places from where it belongs, in one pass: the send times of a hundred interleaved flows read
 * in delivery order (under one move per value, at most 48 places, on pingpong-full-stack; more
 * ascending runs than flows, so merging the flows' sorted groups, seven passes of unpredictable
 * branches, was the other way: 77 ms for a million). Values in no order give up within a few
 * hundred.
 */
export function insertionSortedNearly(values: Float64Array, movesPerValue: number): boolean {
  let moves = 0;
  for (let i = 1; i < values.length; i++) {
    const x = values[i];
    let j = i;
    while (j > 0) {
      const y = values[j - 1];
      // `precedes(x, y)` written out, as in the loops above.
      if (
        !(x < y || (x === y ? x === 0 && Object.is(x, -0) && !Object.is(y, -0) : !(x > y) && precedes(x, y)))
      )
        break;
      values[j] = y;
      j--;
    }
    values[j] = x;
    moves += i - j;
    if (moves > movesPerValue * i + INSERTION_SLACK) return false;
  }
  return true;
}

/**
 * Distinct values up to which counting them beats sorting: a component that takes a handful of
 * values (a delay that is 1 ms give or take a rounding of the clock, queueing in whole packet
 * times) is written out value by value from the counts, with no comparison sort.
 */
const FEW_DISTINCT = 16;

/**
 * Sorts `values` in place by counting its distinct values, if it has at most `maxDistinct`
 * of them (true); leaves it untouched otherwise (false). -0 and +0 count as distinct, as the sort
 * orders them, and NaN (written back as the canonical NaN) goes last.
 */
export function sortFewDistinct(values: Float64Array, maxDistinct: number): boolean {
  const distinct = new Float64Array(maxDistinct);
  const counts = new Int32Array(maxDistinct);
  let kinds = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (Number.isNaN(value)) continue;
    let kind = 0;
    // Object.is equality, written so that only zeros make the call.
    while (kind < kinds && !(distinct[kind] === value && (value !== 0 || Object.is(distinct[kind], value))))
      kind++;
    if (kind === kinds) {
      if (kinds === maxDistinct) return false;
      distinct[kinds++] = value;
    }
    counts[kind]++;
  }
  const order = Array.from({ length: kinds }, (_, kind) => kind).sort((a, b) =>
    precedes(distinct[a], distinct[b]) ? -1 : precedes(distinct[b], distinct[a]) ? 1 : 0,
  );
  let out = 0;
  for (const kind of order) {
    values.fill(distinct[kind], out, out + counts[kind]);
    out += counts[kind];
  }
  values.fill(Number.NaN, out); // the NaNs skipped above
  return true;
}

/**
 * Merges the consecutive sorted runs of `values` (run k is `values[starts[k]..starts[k+1])`; the
 * last start is `values.length`) into one sorted array. Reorders `values` itself and may return
 * `scratch` instead (the first `values.length` of it; allocated when not given), which it
 * overwrites; each run must already be in sort order.
 */
export function mergeSortedRuns(
  values: Float64Array,
  starts: ArrayLike<number>,
  scratch: Float64Array = new Float64Array(values.length),
): Float64Array {
  let bounds = Array.from(starts).filter((start, k, all) => k === 0 || start > all[k - 1]);
  if (bounds.length <= 2) return values;
  let source = values;
  let target = scratch.subarray(0, values.length);
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

/**
 * Wins in a row by one run after which the merge gallops: it finds how many more of that run's
 * values go first by exponential search and copies them as a block. Runs of few distinct values
 * (a link's delay, a constant processing time) then merge in a few block copies per run instead
 * of a comparison per value; finely interleaved runs rarely reach the streak and merge as usual.
 */
const GALLOP_AFTER = 8;

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
  let leftStreak = 0;
  let rightStreak = 0;
  while (left < middle && right < to) {
    const a = source[left];
    const b = source[right];
    // Equal values are the same bits (the order tells -0 from +0), so which goes first is moot.
    if (b < a || (b === a ? b === 0 && Object.is(b, -0) && !Object.is(a, -0) : !(b > a) && precedes(b, a))) {
      target[out++] = b;
      right++;
      leftStreak = 0;
      if (++rightStreak >= GALLOP_AFTER) {
        const end = endOfPrefix(source, right, to, a, true);
        target.set(source.subarray(right, end), out);
        out += end - right;
        right = end;
        rightStreak = 0;
      }
    } else {
      target[out++] = a;
      left++;
      rightStreak = 0;
      if (++leftStreak >= GALLOP_AFTER) {
        const end = endOfPrefix(source, left, middle, b, false);
        target.set(source.subarray(left, end), out);
        out += end - left;
        left = end;
        leftStreak = 0;
      }
    }
  }
  if (left < middle) target.set(source.subarray(left, middle), out);
  else if (right < to) target.set(source.subarray(right, to), out);
}

/**
 * The end of the prefix of sorted `source[from..to)` whose values go strictly before `pivot`
 * (`strictly`), or not after it; by exponential search, then bisection.
 */
function endOfPrefix(
  source: Float64Array,
  from: number,
  to: number,
  pivot: number,
  strictly: boolean,
): number {
  const inPrefix = (value: number) => (strictly ? precedes(value, pivot) : !precedes(pivot, value));
  // Find a step past the prefix: from + 1, + 3, + 7, ... (or the end).
  let low = from;
  let step = 1;
  while (low + step <= to && inPrefix(source[low + step - 1])) {
    low += step;
    step *= 2;
  }
  let high = Math.min(to, low + step);
  // The prefix ends in [low, high): bisect.
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (inPrefix(source[mid])) low = mid + 1;
    else high = mid;
  }
  return low;
}
