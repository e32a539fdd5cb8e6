import type { DeliveredInInterval, DeliveryBins, DeliveryFigures } from './delivery-figures.js';
import { type DeliveryStreams, LatencyStream } from './delivery-log.js';
import { APPROXIMATE_PERCENTILES } from './streaming-stats.js';
import { type Interval, LATENCY_COMPONENTS, type LatencySummary, type Stats } from './summary.js';

/**
 * Figures from the bounded streams past the cap: counts, sums, means and maxima exact;
 * percentiles from histograms (relative error within HISTOGRAM_RELATIVE_ERROR); time-series bins
 * regrouped from finer ones.
 */
export class StreamedDeliveryFigures implements DeliveryFigures {
  constructor(private readonly streams: DeliveryStreams) {}

  /**
   * Every delivery of a channel after the warm-up lies inside its flow's interval: the interval
   * starts at the warm-up or the flow's first send, which precedes its deliveries, and ends when
   * the flow completed (all of its messages resolved) or when the run ended.
   */
  deliveredIn(channels: readonly number[], _interval: Interval): DeliveredInInterval {
    let delivered = 0;
    let payloadBits = 0;
    for (const channel of channels) {
      delivered += this.streams.channels[channel].delivered;
      payloadBits += this.streams.channels[channel].payloadBits;
    }
    return { delivered, payloadBits };
  }

  latencyOf(channels: readonly number[]): LatencySummary {
    const merged = new LatencyStream();
    for (const channel of channels) merged.merge(this.streams.channels[channel].measured);
    const components = Object.fromEntries(
      LATENCY_COMPONENTS.map((component) => [component, merged.components[component].stats()]),
    ) as LatencySummary['components'];
    const count = merged.latency.histogram.count;
    return {
      ...merged.latency.stats(),
      components,
      noQueueFraction: count > 0 ? merged.noQueue / count : null,
      percentiles: APPROXIMATE_PERCENTILES,
    };
  }

  channelLatency(channel: number): Stats {
    return this.streams.channels[channel].measured.latency.stats();
  }

  /** Each fine bin goes whole to the bin holding its middle (clamped to the interval). */
  bins(interval: Interval, bins: number): DeliveryBins {
    const width = (interval.to - interval.from) / bins;
    const delivered = new Float64Array(bins);
    const bits = new Float64Array(bins);
    const latencySum = new Float64Array(bins);
    const fine = this.streams.timeBins;
    for (let i = 0; i < fine.delivered.length; i++) {
      if (fine.delivered[i] === 0) continue;
      const start = fine.origin + i * fine.width;
      const middle = Math.min(interval.to, Math.max(interval.from, start + fine.width / 2));
      const bin = Math.min(bins - 1, Math.floor((middle - interval.from) / width));
      delivered[bin] += fine.delivered[i];
      bits[bin] += fine.payloadBits[i];
      latencySum[bin] += fine.latencySum[i];
    }
    return { delivered, bits, latencySum };
  }

  latencies(): { values: Float64Array; stride: number } {
    const sample = this.streams.latencySample;
    return { values: sample.view().slice(), stride: sample.stride };
  }
}
