import type { DeliveredInInterval, DeliveryBins, DeliveryFigures } from './delivery-figures.js';
import type { DeliveryRecords } from './delivery-records.js';
import {
  type RecordedSeriesOrders,
  type Series,
  type SeriesOrder,
  SeriesOrderTracker,
} from './series-order.js';
import { insertionSortedNearly, mergeSortedRuns, sortedAdaptively } from './sorted-runs.js';
import { statsOfRanked, statsOfSorted } from './stats.js';
import { type Interval, LATENCY_COMPONENTS, type LatencySummary, type Stats } from './summary.js';

/** Moves per value up to which the all-channel figures sort a series by insertion (see insertionSortedNearly). */
const NEARLY_SORTED_MOVES = 4;

/**
 * Figures computed exactly from one record per delivered message (within the cap).
 *
 * Why it is shaped this way: the summary asks for the statistics of every flow and then of all
 * of them, each needing its values sorted. One pass over each series (`orderOf`) finds which
 * channels' values already come in sort order by delivery, as latencies of bulk transfers and
 * constant components do, and sums them on the way: such a channel's figures read the few order
 * statistics they need straight from the records (`measuredByChannel` finds its k-th); only a
 * series with a channel out of order is grouped by channel and sorted, once, channel by channel
 * (`sortedByChannel`). All channels together read the records in delivery order when those are
 * in order, else merge their ascending runs, or the channels' sorted groups, whichever are fewer.
 * Every figure is what sorting each selection on its own gives, to the last bit: the sorted
 * values are the same whichever way they were sorted, and the mean sums them in that order.
 */
export class ExactDeliveryFigures implements DeliveryFigures {
  private readonly deliveredAt: Float64Array;
  private readonly payloadBytes: Float64Array;
  private readonly channelOf: Int32Array;
  /** Per record, 1 when its message was created after the warm-up (latency is measured on those). */
  private readonly measured: Uint8Array;
  private readonly measuredCount: number;
  /** Where each channel's records start when grouped by channel (and the total last). */
  private readonly recordStarts: Int32Array;
  /** The same for the measured records only. */
  private readonly measuredStarts: Int32Array;
  private readonly seriesOrders = new Map<Series, SeriesOrder>();
  /** Per series, its measured values grouped by channel, each channel's sorted (when needed). */
  private readonly sortedSeries = new Map<Series, Float64Array>();
  /** Record numbers of the measured records grouped by channel, once a figure needs them. */
  private measuredRecordsByChannel: Int32Array | null = null;
  private scratchBuffers: [Float64Array, Float64Array] | null = null;
  /**
   * Per channel: its first and last delivery time (NaN if any is NaN) and its payload bits summed
   * in delivery order, so that one channel whose deliveries all lie in the interval asked (a
   * flow's deliveries always lie in its interval) is answered without reading its records.
   */
  private readonly firstDeliveredAt: Float64Array;
  private readonly lastDeliveredAt: Float64Array;
  private readonly payloadBitsOf: Float64Array;
  /** deliveredAt and payloadBytes grouped by channel, once another subset of channels asks. */
  private recordsByChannel: { deliveredAt: Float64Array; payloadBytes: Float64Array } | null = null;

  constructor(
    private readonly records: DeliveryRecords,
    private readonly channelCount: number,
    warmupSeconds: number,
    /** The series' orders kept while `records` were recorded, if they were (see RecordedSeriesOrders). */
    private readonly recordedOrders: RecordedSeriesOrders | null = null,
  ) {
    if (recordedOrders !== null && recordedOrders.warmupSeconds !== warmupSeconds) {
      throw new RangeError('the recorded series orders measure from another warm-up');
    }
    this.deliveredAt = records.view('deliveredAt');
    this.payloadBytes = records.view('payloadBytes');
    this.channelOf = records.flowIndexView();
    const createdAt = records.view('createdAt');
    const measured = new Uint8Array(records.length);
    const recordStarts = new Int32Array(channelCount + 1);
    const measuredStarts = new Int32Array(channelCount + 1);
    const first = new Float64Array(channelCount).fill(Number.POSITIVE_INFINITY);
    const last = new Float64Array(channelCount).fill(Number.NEGATIVE_INFINITY);
    const bits = new Float64Array(channelCount);
    let measuredCount = 0;
    for (let i = 0; i < measured.length; i++) {
      const channel = this.channelOf[i];
      const start = channel + 1;
      recordStarts[start]++;
      const at = this.deliveredAt[i];
      // Math.min and max keep a NaN once seen: such a channel is never taken as covered.
      first[channel] = Math.min(first[channel], at);
      last[channel] = Math.max(last[channel], at);
      bits[channel] += this.payloadBytes[i] * 8;
      if (createdAt[i] >= warmupSeconds) {
        measured[i] = 1;
        measuredStarts[start]++;
        measuredCount++;
      }
    }
    for (let channel = 0; channel < channelCount; channel++) {
      recordStarts[channel + 1] += recordStarts[channel];
      measuredStarts[channel + 1] += measuredStarts[channel];
    }
    this.measured = measured;
    this.measuredCount = measuredCount;
    this.recordStarts = recordStarts;
    this.measuredStarts = measuredStarts;
    this.firstDeliveredAt = first;
    this.lastDeliveredAt = last;
    this.payloadBitsOf = bits;
  }

  deliveredIn(channels: readonly number[], interval: Interval): DeliveredInInterval {
    const { deliveredAt, payloadBytes } = this;
    let delivered = 0;
    let payloadBits = 0;
    // The same records in the same order as one list of them (bits are summed in that order).
    if (this.isEveryChannel(channels)) {
      for (let i = 0; i < deliveredAt.length; i++) {
        const at = deliveredAt[i];
        if (at >= interval.from && at <= interval.to) {
          delivered++;
          payloadBits += payloadBytes[i] * 8;
        }
      }
      return { delivered, payloadBits };
    }
    if (channels.length === 1) {
      const channel = channels[0];
      const covered =
        interval.from <= this.firstDeliveredAt[channel] && this.lastDeliveredAt[channel] <= interval.to;
      // Every record counted, in the same order: the same sum as reading them.
      if (covered) {
        return {
          delivered: this.recordStarts[channel + 1] - this.recordStarts[channel],
          payloadBits: this.payloadBitsOf[channel],
        };
      }
    }
    this.recordsByChannel ??= {
      deliveredAt: this.groupedByChannel(deliveredAt),
      payloadBytes: this.groupedByChannel(payloadBytes),
    };
    const grouped = this.recordsByChannel;
    for (const channel of channels) {
      const to = this.recordStarts[channel + 1];
      for (let k = this.recordStarts[channel]; k < to; k++) {
        const at = grouped.deliveredAt[k];
        if (at >= interval.from && at <= interval.to) {
          delivered++;
          payloadBits += grouped.payloadBytes[k] * 8;
        }
      }
    }
    return { delivered, payloadBits };
  }

  latencyOf(channels: readonly number[]): LatencySummary {
    const components = {} as LatencySummary['components'];
    for (const component of LATENCY_COMPONENTS) components[component] = this.statsOf(component, channels);
    const count = this.measuredIn(channels);
    const queue = this.orderOf('queue');
    let noQueue = 0;
    if (this.isEveryChannel(channels)) noQueue = queue.zeros;
    else for (const channel of channels) noQueue += queue.channelZeros[channel];
    return {
      ...this.statsOf('latency', channels),
      components,
      noQueueFraction: count > 0 ? noQueue / count : null,
    };
  }

  channelLatency(channel: number): Stats {
    return this.statsOf('latency', [channel]);
  }

  bins(interval: Interval, bins: number): DeliveryBins {
    const width = (interval.to - interval.from) / bins;
    const delivered = new Float64Array(bins);
    const bits = new Float64Array(bins);
    const latencySum = new Float64Array(bins);
    const { deliveredAt, payloadBytes } = this;
    const latency = this.records.view('latency');
    for (let i = 0; i < deliveredAt.length; i++) {
      const at = deliveredAt[i];
      if (at < interval.from || at > interval.to) continue;
      const bin = Math.min(bins - 1, Math.floor((at - interval.from) / width));
      delivered[bin]++;
      bits[bin] += payloadBytes[i] * 8;
      latencySum[bin] += latency[i];
    }
    return { delivered, bits, latencySum };
  }

  latencies(): { values: Float64Array; stride: number } {
    return { values: this.measuredInDeliveryOrder('latency'), stride: 1 };
  }

  /** Statistics of the measured values of `series` of `channels`. */
  private statsOf(series: Series, channels: readonly number[]): Stats {
    const order = this.orderOf(series);
    if (channels.length === 1) {
      const channel = channels[0];
      if (order.outOfOrder[channel] === 1) {
        return statsOfSorted(this.channelSlice(this.sortedByChannel(series, order), channel));
      }
      // In sort order by delivery: the k-th by delivery is the k-th in sort order.
      const { values } = order;
      const byChannel = this.measuredByChannel();
      const start = this.measuredStarts[channel];
      const count = this.measuredStarts[channel + 1] - start;
      return statsOfRanked(count, order.channelSums[channel], (rank) => values[byChannel[start + rank]]);
    }
    const [first, second] = this.scratch();
    if (this.isEveryChannel(channels)) {
      const runs = order.deliveryRuns;
      if (runs === null) {
        // More ascending runs than channels: nearly in order (interleaved channels, each in
        // order, as send times are), or else the channels' sorted groups merged.
        first.set(this.measuredInDeliveryOrder(series));
        if (insertionSortedNearly(first, NEARLY_SORTED_MOVES)) return statsOfSorted(first);
        first.set(this.sortedByChannel(series, order));
        return statsOfSorted(mergeSortedRuns(first, this.measuredStarts, second));
      }
      const inDeliveryOrder = this.measuredInDeliveryOrder(series);
      if (runs.length <= 2) return statsOfSorted(inDeliveryOrder, order.sum);
      first.set(inDeliveryOrder);
      return statsOfSorted(mergeSortedRuns(first, runs, second));
    }
    const byChannel = this.sortedByChannel(series, order);
    const parts = channels.map((channel) => this.channelSlice(byChannel, channel));
    const joined = first.subarray(
      0,
      parts.reduce((sum, part) => sum + part.length, 0),
    );
    const starts = [0];
    for (const part of parts) {
      joined.set(part, starts[starts.length - 1]);
      starts.push(starts[starts.length - 1] + part.length);
    }
    return statsOfSorted(mergeSortedRuns(joined, starts, second));
  }

  /**
   * Two buffers as long as the measured records, for merging a selection (its statistics are
   * taken before the next one): allocated once, as each selection's own copies added up to tens
   * of megabytes, enough to set off a full garbage collection of a large model's heap.
   */
  private scratch(): [Float64Array, Float64Array] {
    this.scratchBuffers ??= [new Float64Array(this.measuredCount), new Float64Array(this.measuredCount)];
    return this.scratchBuffers;
  }

  /** How many measured records `channels` have. */
  private measuredIn(channels: readonly number[]): number {
    if (this.isEveryChannel(channels)) return this.measuredCount;
    let count = 0;
    for (const channel of channels) count += this.measuredStarts[channel + 1] - this.measuredStarts[channel];
    return count;
  }

  /** The order of the measured values of `series` (see `SeriesOrder`): recorded, or one pass. */
  private orderOf(series: Series): SeriesOrder {
    const cached = this.seriesOrders.get(series);
    if (cached !== undefined) return cached;
    const values = this.records.view(series);
    let tracker = this.recordedOrders?.tracker(series);
    if (tracker === undefined) {
      const { channelOf, measured } = this;
      tracker = new SeriesOrderTracker(this.channelCount, series === 'queue');
      for (let i = 0; i < values.length; i++) if (measured[i] === 1) tracker.addAt(channelOf[i], values, i);
    }
    const order = tracker.finish(values);
    this.seriesOrders.set(series, order);
    return order;
  }

  /**
   * The measured values of `series` grouped by channel, in delivery order within each but with
   * the channels out of order sorted: one pass that reads the records in order and appends to
   * each channel's group (reading channel by channel would stride through the records).
   */
  private sortedByChannel(series: Series, order: SeriesOrder): Float64Array {
    const cached = this.sortedSeries.get(series);
    if (cached !== undefined) return cached;
    const { values } = order;
    const { channelOf, measured, channelCount } = this;
    const starts = this.measuredStarts;
    const byChannel = new Float64Array(this.measuredCount);
    const next = starts.slice(0, channelCount);
    if (this.measuredCount === values.length) {
      for (let i = 0; i < values.length; i++) byChannel[next[channelOf[i]]++] = values[i];
    } else {
      for (let i = 0; i < values.length; i++) {
        if (measured[i] === 1) byChannel[next[channelOf[i]]++] = values[i];
      }
    }
    for (let channel = 0; channel < channelCount; channel++) {
      if (order.outOfOrder[channel] === 0) continue;
      const slice = byChannel.subarray(starts[channel], starts[channel + 1]);
      const sorted = sortedAdaptively(slice);
      if (sorted !== slice) slice.set(sorted);
    }
    this.sortedSeries.set(series, byChannel);
    return byChannel;
  }

  /** Record numbers of the measured records grouped by channel, in delivery order within each. */
  private measuredByChannel(): Int32Array {
    if (this.measuredRecordsByChannel !== null) return this.measuredRecordsByChannel;
    const { channelOf, measured } = this;
    const byChannel = new Int32Array(this.measuredCount);
    const next = this.measuredStarts.slice(0, this.channelCount);
    for (let i = 0; i < channelOf.length; i++) if (measured[i] === 1) byChannel[next[channelOf[i]]++] = i;
    this.measuredRecordsByChannel = byChannel;
    return byChannel;
  }

  /**
   * `values` of every record grouped by channel, in delivery order within each: one pass that
   * reads the records in order and appends to each channel's group (reading channel by channel
   * instead would stride through the records, a cache miss each).
   */
  private groupedByChannel(values: Float64Array): Float64Array {
    const grouped = new Float64Array(values.length);
    const next = this.recordStarts.slice(0, this.channelCount);
    const { channelOf } = this;
    for (let i = 0; i < values.length; i++) grouped[next[channelOf[i]]++] = values[i];
    return grouped;
  }

  private channelSlice(byChannel: Float64Array, channel: number): Float64Array {
    return byChannel.subarray(this.measuredStarts[channel], this.measuredStarts[channel + 1]);
  }

  /** The measured values of `series` in delivery order; a view of the records when all are measured. */
  private measuredInDeliveryOrder(series: Series): Float64Array {
    const values = this.records.view(series);
    if (this.measuredCount === values.length) return values;
    const { measured } = this;
    const inOrder = new Float64Array(this.measuredCount);
    let next = 0;
    for (let i = 0; i < values.length; i++) if (measured[i] === 1) inOrder[next++] = values[i];
    return inOrder;
  }

  private isEveryChannel(channels: readonly number[]): boolean {
    if (channels.length !== this.channelCount) return false;
    for (let i = 0; i < channels.length; i++) if (channels[i] !== i) return false;
    return true;
  }
}
