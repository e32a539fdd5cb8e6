import type { DeliveredInInterval, DeliveryBins, DeliveryFigures } from './delivery-figures.js';
import type { DeliveryRecords } from './delivery-records.js';
import { mergeSortedRuns, precedes, sortedAdaptively } from './sorted-runs.js';
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

/** A series' measured values grouped by channel, each channel's sorted, and its runs by delivery. */
interface SeriesOrder {
  byChannel: Float64Array;
  /**
   * Where the ascending runs of the measured values in delivery order start, then their count;
   * null when there are more runs than channels (merging the channels is then cheaper).
   */
  deliveryRuns: number[] | null;
}

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
  private readonly seriesOrders = new Map<Series, SeriesOrder>();
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
  ) {
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
    return statsOfSorted(this.channelSlice(this.orderOf('latency').byChannel, channel));
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
    const { byChannel, deliveryRuns } = this.orderOf(series);
    if (channels.length === 1) return this.channelSlice(byChannel, channels[0]);
    if (this.isEveryChannel(channels)) {
      // In delivery order already (latencies of bulk transfers, constant components): no sort;
      // in fewer runs by delivery than there are channels: those runs merged; else the channels'.
      if (deliveryRuns === null) return mergeSortedRuns(byChannel.slice(), this.measuredStarts);
      const inDeliveryOrder = this.measuredInDeliveryOrder(series);
      if (deliveryRuns.length <= 2) return inDeliveryOrder;
      const own = inDeliveryOrder.buffer === this.records.view(series).buffer;
      return mergeSortedRuns(own ? inDeliveryOrder.slice() : inDeliveryOrder, deliveryRuns);
    }
    const parts = channels.map((channel) => this.channelSlice(byChannel, channel));
    const joined = new Float64Array(parts.reduce((sum, part) => sum + part.length, 0));
    const starts = [0];
    for (const part of parts) {
      joined.set(part, starts[starts.length - 1]);
      starts.push(starts[starts.length - 1] + part.length);
    }
    return mergeSortedRuns(joined, starts);
  }

  /**
   * The measured values of `series` grouped by channel with each channel's sorted, and where
   * their ascending runs in delivery order start: one pass over the records, which appends each
   * value to its channel's group and notes where a channel, or the delivery order, steps down.
   */
  private orderOf(series: Series): SeriesOrder {
    const cached = this.seriesOrders.get(series);
    if (cached !== undefined) return cached;
    const values = this.records.view(series);
    const { channelOf, measured, channelCount } = this;
    const everyRecord = this.measuredCount === values.length;
    const byChannel = new Float64Array(this.measuredCount);
    const next = this.measuredStarts.slice(0, channelCount);
    const last = new Float64Array(channelCount).fill(Number.NEGATIVE_INFINITY);
    const outOfOrder = new Uint8Array(channelCount);
    let deliveryRuns: number[] | null = [0];
    let previous = Number.NEGATIVE_INFINITY;
    let k = 0;
    for (let i = 0; i < values.length; i++) {
      if (!everyRecord && measured[i] === 0) continue;
      const value = values[i];
      const channel = channelOf[i];
      byChannel[next[channel]++] = value;
      // `precedes(value, before)` written out (see `precedes`), as below with `previous`.
      const before = last[channel];
      if (
        value < before ||
        (value === before
          ? value === 0 && 1 / value < 1 / before
          : !(value > before) && precedes(value, before))
      ) {
        outOfOrder[channel] = 1;
      }
      last[channel] = value;
      const stepsDown =
        value < previous ||
        (value === previous
          ? value === 0 && 1 / value < 1 / previous
          : !(value > previous) && precedes(value, previous));
      if (deliveryRuns !== null && stepsDown) {
        if (deliveryRuns.length === channelCount) deliveryRuns = null;
        else deliveryRuns.push(k);
      }
      previous = value;
      k++;
    }
    deliveryRuns?.push(k);
    const starts = this.measuredStarts;
    for (let channel = 0; channel < channelCount; channel++) {
      if (outOfOrder[channel] === 0) continue;
      const slice = byChannel.subarray(starts[channel], starts[channel + 1]);
      const sorted = sortedAdaptively(slice);
      if (sorted !== slice) slice.set(sorted);
    }
    const order = { byChannel, deliveryRuns };
    this.seriesOrders.set(series, order);
    return order;
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
