import { precedes } from './sorted-runs.js';
import { LATENCY_COMPONENTS, type LatencyComponent } from './summary.js';

/** A latency figure recorded per delivery: the latency itself or one of its components. */
export type Series = 'latency' | LatencyComponent;

/** Every series, the latency first. */
export const SERIES: readonly Series[] = ['latency', ...LATENCY_COMPONENTS];

/**
 * What one pass over a series' measured values (in delivery order) finds: per channel and over
 * all of them, whether they come in sort order, their sum in delivery order (which is their sum
 * in sort order where they do) and their zeros; and where the delivery order steps down.
 */
export interface SeriesOrder {
  /** The series' values, record by record (all records, measured or not). */
  values: Float64Array;
  /** Per channel, 1 when its values by delivery are not in sort order. */
  outOfOrder: Uint8Array;
  channelSums: Float64Array;
  /** Counted for the queue component only (zero elsewhere). */
  channelZeros: Int32Array;
  sum: number;
  zeros: number;
  /**
   * Where the ascending runs of the values in delivery order start, then their count; null when
   * there are more runs than channels (merging the channels' sorted values is then cheaper).
   */
  deliveryRuns: number[] | null;
}

/** Builds a `SeriesOrder` from the measured values of one series, given one by one in delivery order. */
export class SeriesOrderTracker {
  private readonly last: Float64Array;
  private readonly outOfOrder: Uint8Array;
  private readonly channelSums: Float64Array;
  private readonly channelZeros: Int32Array;
  private sum = 0;
  private zeros = 0;
  private deliveryRuns: number[] | null = [0];
  private previous = Number.NEGATIVE_INFINITY;
  private count = 0;

  constructor(
    private readonly channelCount: number,
    /** Only the queue component's zeros are asked for (messages that never queued). */
    private readonly countZeros: boolean,
  ) {
    this.last = new Float64Array(channelCount).fill(Number.NEGATIVE_INFINITY);
    this.outOfOrder = new Uint8Array(channelCount);
    this.channelSums = new Float64Array(channelCount);
    this.channelZeros = new Int32Array(channelCount);
  }

  /**
   * Adds `values[index]`. Why the value is passed as an array and an index: a double passed to
   * a call that is not inlined is boxed in a new heap number (48 B per delivery for the six
   * series while recording).
   */
  addAt(channel: number, values: Float64Array, index: number): void {
    const value = values[index];
    this.channelSums[channel] += value;
    this.sum += value;
    if (this.countZeros && value === 0) {
      this.channelZeros[channel]++;
      this.zeros++;
    }
    // `precedes(value, before)` written out (see `precedes`), as below with `previous`.
    const before = this.last[channel];
    if (
      value < before ||
      (value === before
        ? value === 0 && Object.is(value, -0) && !Object.is(before, -0)
        : !(value > before) && precedes(value, before))
    ) {
      this.outOfOrder[channel] = 1;
    }
    this.last[channel] = value;
    const previous = this.previous;
    const stepsDown =
      value < previous ||
      (value === previous
        ? value === 0 && Object.is(value, -0) && !Object.is(previous, -0)
        : !(value > previous) && precedes(value, previous));
    if (this.deliveryRuns !== null && stepsDown) {
      if (this.deliveryRuns.length === this.channelCount) this.deliveryRuns = null;
      else this.deliveryRuns.push(this.count);
    }
    this.previous = value;
    this.count++;
  }

  /** The order of the values added so far; `values` are the series' values of every record. */
  finish(values: Float64Array): SeriesOrder {
    const { outOfOrder, channelSums, channelZeros, sum, zeros } = this;
    const deliveryRuns = this.deliveryRuns === null ? null : [...this.deliveryRuns, this.count];
    return { values, outOfOrder, channelSums, channelZeros, sum, zeros, deliveryRuns };
  }
}

/**
 * The order of every series, kept while the deliveries are recorded: the end-of-run summary then
 * needs no pass over the records per series (a sixth of a million-message run's CPU time went
 * to the summary, most of it to these passes). Valid only while every record since the start is
 * kept (the log drops it when it folds its records into streams).
 */
export class RecordedSeriesOrders {
  readonly latency: SeriesOrderTracker;
  readonly trans: SeriesOrderTracker;
  readonly prop: SeriesOrderTracker;
  readonly queue: SeriesOrderTracker;
  readonly proc: SeriesOrderTracker;
  readonly wait: SeriesOrderTracker;

  constructor(
    channelCount: number,
    /** Deliveries of messages created from this time on are measured (added). */
    readonly warmupSeconds: number,
  ) {
    this.latency = new SeriesOrderTracker(channelCount, false);
    this.trans = new SeriesOrderTracker(channelCount, false);
    this.prop = new SeriesOrderTracker(channelCount, false);
    this.queue = new SeriesOrderTracker(channelCount, true);
    this.proc = new SeriesOrderTracker(channelCount, false);
    this.wait = new SeriesOrderTracker(channelCount, false);
  }

  tracker(series: Series): SeriesOrderTracker {
    return this[series];
  }
}
