import type { DeliveredInInterval, DeliveryBins, DeliveryFigures } from './delivery-figures.js';
import type { DeliveryRecords } from './delivery-records.js';
import { ascendingRunStarts, isInSortOrder, mergeSortedRuns, sortedAdaptively } from './sorted-runs.js';
import { statsOfSorted } from './stats.js';
import {
  type Interval,
  LATENCY_COMPONENTS,
  type LatencyComponent,
  type LatencySummary,
  type Stats,
} from './summary.js';

/** A latency figure recorded per delivery: the latency itself or one of its components. */
type Series = 'latency' | LatencyComponent;

/**
 * Figures computed exactly from one record per delivered message (within the cap).
 *
 * Why it is shaped this way: the summary asks for the statistics of every flow and then of all
 * of them, each needing its values sorted. Each series is therefore gathered once into channel
 * order and sorted channel by channel (`sortedByChannel`); a flow's figures read its slice in
 * place, and a set of channels merges their sorted slices (or, when the values are in order
 * by delivery already, as the latencies of bulk transfers are, reads them with no sort at all).
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
  private readonly sortedSeries = new Map<Series, Float64Array>();
  /** deliveredAt and payloadBytes grouped by channel, once a subset of channels asks. */
  private recordsByChannel: { deliveredAt: Float64Array; payloadBytes: Float64Array } | null = null;

  constructor(
    private readonly records: DeliveryRecords,
    private readonly channelCount: number,
    warmupSeconds: number,
  ) {
    this.deliveredAt = records.view('deliveredAt');
    this.payloadBytes = records.view('payloadBytes');
    this.channelOf = records.flowIndexView();
    const createdAt = records.view('createdAt');
    const measured = new Uint8Array(records.length);
    const recordStarts = new Int32Array(channelCount + 1);
    const measuredStarts = new Int32Array(channelCount + 1);
    let measuredCount = 0;
    for (let i = 0; i < measured.length; i++) {
      const start = this.channelOf[i] + 1;
      recordStarts[start]++;
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
    this.recordsByChannel ??= {
      deliveredAt: this.groupedByChannel(deliveredAt, null),
      payloadBytes: this.groupedByChannel(payloadBytes, null),
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
    const queue = this.sortedOf('queue', channels);
    const components = {} as LatencySummary['components'];
    for (const component of LATENCY_COMPONENTS) {
      components[component] = statsOfSorted(
        component === 'queue' ? queue : this.sortedOf(component, channels),
      );
    }
    let noQueue = 0;
    for (let k = 0; k < queue.length; k++) if (queue[k] === 0) noQueue++;
    return {
      ...statsOfSorted(this.sortedOf('latency', channels)),
      components,
      noQueueFraction: queue.length > 0 ? noQueue / queue.length : null,
    };
  }

  channelLatency(channel: number): Stats {
    return statsOfSorted(this.channelSlice(this.sortedByChannel('latency'), channel));
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
    return { values: this.measuredInDeliveryOrder('latency').slice(), stride: 1 };
  }

  /**
   * The measured values of `series` of `channels`, sorted. A view of the series' own arrays
   * when that needs no copy: treat it as read-only.
   */
  private sortedOf(series: Series, channels: readonly number[]): Float64Array {
    if (channels.length === 1) return this.channelSlice(this.sortedByChannel(series), channels[0]);
    if (this.isEveryChannel(channels)) {
      // In delivery order already (latencies of bulk transfers, constant components): no sort;
      // in fewer runs by delivery than there are channels: those runs merged; else the channels'.
      const inDeliveryOrder = this.measuredInDeliveryOrder(series);
      const runs = ascendingRunStarts(inDeliveryOrder, this.channelCount);
      if (runs === null) return mergeSortedRuns(this.sortedByChannel(series).slice(), this.measuredStarts);
      if (runs.length <= 2) return inDeliveryOrder;
      return mergeSortedRuns(inDeliveryOrder.slice(), runs);
    }
    const byChannel = this.sortedByChannel(series);
    const parts = channels.map((channel) => this.channelSlice(byChannel, channel));
    const joined = new Float64Array(parts.reduce((sum, part) => sum + part.length, 0));
    const starts = [0];
    for (const part of parts) {
      joined.set(part, starts[starts.length - 1]);
      starts.push(starts[starts.length - 1] + part.length);
    }
    return mergeSortedRuns(joined, starts);
  }

  /** The measured values of `series`, channel after channel, each channel's sorted. */
  private sortedByChannel(series: Series): Float64Array {
    const cached = this.sortedSeries.get(series);
    if (cached !== undefined) return cached;
    const sorted = this.groupedByChannel(this.records.view(series), this.measured);
    const starts = this.measuredStarts;
    for (let channel = 0; channel < this.channelCount; channel++) {
      const from = starts[channel];
      const to = starts[channel + 1];
      if (isInSortOrder(sorted, from, to)) continue;
      const slice = sorted.subarray(from, to);
      const result = sortedAdaptively(slice);
      if (result !== slice) slice.set(result);
    }
    this.sortedSeries.set(series, sorted);
    return sorted;
  }

  /**
   * `values` of every record (or of the measured ones) grouped by channel, in delivery order
   * within each: one pass that reads the records in order and appends to each channel's group
   * (reading channel by channel instead would stride through the records, a cache miss each).
   */
  private groupedByChannel(values: Float64Array, measured: Uint8Array | null): Float64Array {
    const starts = measured === null ? this.recordStarts : this.measuredStarts;
    const grouped = new Float64Array(starts[this.channelCount]);
    const next = starts.slice(0, this.channelCount);
    const { channelOf } = this;
    if (measured === null || this.measuredCount === values.length) {
      for (let i = 0; i < values.length; i++) grouped[next[channelOf[i]]++] = values[i];
    } else {
      for (let i = 0; i < values.length; i++)
        if (measured[i] === 1) grouped[next[channelOf[i]]++] = values[i];
    }
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
