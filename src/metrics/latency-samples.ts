import { EXACT_RECORD_CAP, LatencyStream } from './delivery-log.js';
import { SampleBuffer } from './sample-buffer.js';
import { computeStats } from './stats.js';
import { APPROXIMATE_PERCENTILES } from './streaming-stats.js';
import { LATENCY_COMPONENTS, type LatencyComponent, type LatencySummary } from './summary.js';

/** One value per measured item while within the cap. */
class ExactSamples {
  readonly endedAt = new SampleBuffer(64);
  readonly latency = new SampleBuffer(64);
  readonly trans = new SampleBuffer(64);
  readonly prop = new SampleBuffer(64);
  readonly queue = new SampleBuffer(64);
  readonly proc = new SampleBuffer(64);
  readonly wait = new SampleBuffer(64);
}

/** When a measured item (a replied request) ended, its latency and the latency's split. */
export interface LatencySampleValues extends Record<LatencyComponent, number> {
  endedAt: number;
  latency: number;
}

/**
 * Latencies of measured items (replied requests): every value while they number at most `cap`
 * (exact statistics), then a `LatencyStream` of histograms (memory flat however many).
 */
export class LatencySamples {
  private exact: ExactSamples | null = new ExactSamples();
  private readonly stream = new LatencyStream();
  /** Items ended past the cap. */
  private streamed = 0;

  constructor(private readonly cap: number = EXACT_RECORD_CAP) {}

  add(values: LatencySampleValues): void {
    const { exact } = this;
    if (exact === null) {
      this.addToStream(values);
      return;
    }
    if (exact.latency.length === this.cap) {
      this.exact = null;
      for (let i = 0; i < exact.latency.length; i++) {
        this.addToStream({
          endedAt: exact.endedAt.get(i),
          latency: exact.latency.get(i),
          trans: exact.trans.get(i),
          prop: exact.prop.get(i),
          queue: exact.queue.get(i),
          proc: exact.proc.get(i),
          wait: exact.wait.get(i),
        });
      }
      this.addToStream(values);
      return;
    }
    exact.endedAt.push(values.endedAt);
    exact.latency.push(values.latency);
    for (const component of LATENCY_COMPONENTS) exact[component].push(values[component]);
  }

  /**
   * Items that ended in [from, to]. Past the cap, all of them: a flow's interval starts no later
   * than its first measured item and ends no earlier than its last.
   */
  endedIn(from: number, to: number): number {
    if (this.exact === null) return this.streamed;
    let count = 0;
    for (let i = 0; i < this.exact.endedAt.length; i++) {
      const at = this.exact.endedAt.get(i);
      if (at >= from && at <= to) count++;
    }
    return count;
  }

  summary(): LatencySummary {
    const { exact } = this;
    if (exact !== null) {
      const components = Object.fromEntries(
        LATENCY_COMPONENTS.map((component) => [component, computeStats(exact[component].view())]),
      ) as LatencySummary['components'];
      const queue = exact.queue.view();
      return {
        ...computeStats(exact.latency.view()),
        components,
        noQueueFraction: queue.length > 0 ? queue.filter((value) => value === 0).length / queue.length : null,
      };
    }
    const { stream } = this;
    const components = Object.fromEntries(
      LATENCY_COMPONENTS.map((component) => [component, stream.components[component].stats()]),
    ) as LatencySummary['components'];
    return {
      ...stream.latency.stats(),
      components,
      noQueueFraction: this.streamed > 0 ? stream.noQueue / this.streamed : null,
      percentiles: APPROXIMATE_PERCENTILES,
    };
  }

  private addToStream(values: LatencySampleValues): void {
    this.streamed++;
    const { stream } = this;
    stream.latency.add(values.latency);
    for (const component of LATENCY_COMPONENTS) stream.components[component].add(values[component]);
    if (values.queue === 0) stream.noQueue++;
  }
}
