import type { DeliveredInInterval, DeliveryBins, DeliveryFigures } from './delivery-figures.js';
import type { DeliveryRecords } from './delivery-log.js';
import type { SampleBuffer } from './sample-buffer.js';
import { computeStats, statsSortingInPlace } from './stats.js';
import { type Interval, LATENCY_COMPONENTS, type LatencySummary, type Stats } from './summary.js';

/** Figures computed exactly from one record per delivered message (within the cap). */
export class ExactDeliveryFigures implements DeliveryFigures {
  private readonly recordsByChannel: Int32Array[];

  constructor(
    private readonly records: DeliveryRecords,
    private readonly channelCount: number,
    private readonly warmupSeconds: number,
  ) {
    this.recordsByChannel = groupRecordsByChannel(records, channelCount);
  }

  deliveredIn(channels: readonly number[], interval: Interval): DeliveredInInterval {
    const { records } = this;
    let delivered = 0;
    let payloadBits = 0;
    for (const i of this.selected(channels)) {
      const at = records.deliveredAt.get(i);
      if (at >= interval.from && at <= interval.to) {
        delivered++;
        payloadBits += records.payloadBytes.get(i) * 8;
      }
    }
    return { delivered, payloadBits };
  }

  latencyOf(channels: readonly number[]): LatencySummary {
    const indices = this.measuredIndices(this.selected(channels));
    const { records } = this;
    const components = Object.fromEntries(
      LATENCY_COMPONENTS.map((component) => [
        component,
        statsSortingInPlace(gather(records[component], indices)),
      ]),
    ) as LatencySummary['components'];
    let noQueue = 0;
    for (const i of indices) if (records.queue.get(i) === 0) noQueue++;
    return {
      ...statsSortingInPlace(gather(records.latency, indices)),
      components,
      noQueueFraction: indices.length > 0 ? noQueue / indices.length : null,
    };
  }

  channelLatency(channel: number): Stats {
    return computeStats(gather(this.records.latency, this.measuredIndices(this.recordsByChannel[channel])));
  }

  bins(interval: Interval, bins: number): DeliveryBins {
    const width = (interval.to - interval.from) / bins;
    const delivered = new Float64Array(bins);
    const bits = new Float64Array(bins);
    const latencySum = new Float64Array(bins);
    const { records } = this;
    for (let i = 0; i < records.length; i++) {
      const at = records.deliveredAt.get(i);
      if (at < interval.from || at > interval.to) continue;
      const bin = Math.min(bins - 1, Math.floor((at - interval.from) / width));
      delivered[bin]++;
      bits[bin] += records.payloadBytes.get(i) * 8;
      latencySum[bin] += records.latency.get(i);
    }
    return { delivered, bits, latencySum };
  }

  latencies(): { values: Float64Array; stride: number } {
    const all = Int32Array.from({ length: this.records.length }, (_, i) => i);
    return { values: gather(this.records.latency, this.measuredIndices(all)), stride: 1 };
  }

  /** Record numbers of `channels`, in delivery order within each channel. */
  private selected(channels: readonly number[]): Int32Array {
    if (channels.length === this.channelCount && channels.every((channel, i) => channel === i)) {
      return Int32Array.from({ length: this.records.length }, (_, i) => i);
    }
    return concatenate(channels.map((channel) => this.recordsByChannel[channel]));
  }

  /** The selected records whose message was created after the warm-up (latency is measured on those). */
  private measuredIndices(selected: Int32Array): Int32Array {
    const { createdAt } = this.records;
    const warmup = this.warmupSeconds;
    let count = 0;
    for (const i of selected) if (createdAt.get(i) >= warmup) count++;
    if (count === selected.length) return selected;
    const measured = new Int32Array(count);
    let next = 0;
    for (const i of selected) if (createdAt.get(i) >= warmup) measured[next++] = i;
    return measured;
  }
}

/** Indices of the delivery records of each channel, in delivery order (one pass over all records). */
function groupRecordsByChannel(records: DeliveryRecords, channelCount: number): Int32Array[] {
  const counts = new Int32Array(channelCount);
  for (let i = 0; i < records.length; i++) counts[records.flowIndex.get(i)]++;
  const groups = Array.from(counts, (count) => new Int32Array(count));
  const filled = new Int32Array(channelCount);
  for (let i = 0; i < records.length; i++) {
    const channel = records.flowIndex.get(i);
    groups[channel][filled[channel]++] = i;
  }
  return groups;
}

function concatenate(parts: readonly Int32Array[]): Int32Array {
  if (parts.length === 1) return parts[0];
  const joined = new Int32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

function gather(buffer: SampleBuffer, indices: Int32Array): Float64Array {
  // Indices are increasing record numbers, so as many as there are records means all of them.
  if (indices.length === buffer.length) return buffer.view().slice();
  const values = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) values[k] = buffer.get(indices[k]);
  return values;
}
