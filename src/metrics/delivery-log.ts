import { SampleBuffer } from './sample-buffer.js';
import { StreamingStat } from './streaming-stats.js';
import { LATENCY_COMPONENTS, type LatencyComponent } from './summary.js';

/**
 * Messages delivered after the warm-up up to which every figure is computed from one record per
 * message, exactly (2^20, 80 MiB of records). Past it the records are folded into bounded
 * streams (`DeliveryStreams`) and released, so memory stays flat however long the run.
 */
export const EXACT_RECORD_CAP = 2 ** 20;

/** Per delivered message (delivered at or after the warm-up), in delivery order. */
export class DeliveryRecords {
  readonly deliveredAt = new SampleBuffer();
  readonly createdAt = new SampleBuffer();
  readonly latency = new SampleBuffer();
  readonly trans = new SampleBuffer();
  readonly prop = new SampleBuffer();
  readonly queue = new SampleBuffer();
  readonly proc = new SampleBuffer();
  readonly wait = new SampleBuffer();
  readonly payloadBytes = new SampleBuffer();
  readonly flowIndex = new SampleBuffer();

  get length(): number {
    return this.deliveredAt.length;
  }
}

/** The figures of one delivered message that the results need. */
export interface Delivery {
  deliveredAt: number;
  createdAt: number;
  transSeconds: number;
  propSeconds: number;
  queueSeconds: number;
  procSeconds: number;
  waitSeconds: number;
  payloadBytes: number;
  flowIndex: number;
}

/** Latency statistics of the measured messages (created after the warm-up) of a set of channels. */
export class LatencyStream {
  readonly latency = new StreamingStat();
  readonly components: Record<LatencyComponent, StreamingStat> = {
    trans: new StreamingStat(),
    prop: new StreamingStat(),
    queue: new StreamingStat(),
    proc: new StreamingStat(),
    wait: new StreamingStat(),
  };
  noQueue = 0;

  merge(other: LatencyStream): void {
    this.latency.merge(other.latency);
    for (const component of LATENCY_COMPONENTS) this.components[component].merge(other.components[component]);
    this.noQueue += other.noQueue;
  }
}

/** What one channel (collector flow) keeps past the cap. */
export class ChannelStream {
  /** Deliveries after the warm-up, and their payload bits, for throughput. */
  delivered = 0;
  payloadBits = 0;
  readonly measured = new LatencyStream();
}

/**
 * Bins of delivery time for the time series, as fine as `FINE_BINS` allows over the deliveries
 * seen so far: the width doubles (neighbours merged) when a delivery falls past the last bin.
 * The summary regroups them into its bins, each fine bin whole by its middle.
 */
export class DeliveryTimeBins {
  static readonly FINE_BINS = 2 ** 16;
  readonly delivered = new Float64Array(DeliveryTimeBins.FINE_BINS);
  readonly payloadBits = new Float64Array(DeliveryTimeBins.FINE_BINS);
  readonly latencySum = new Float64Array(DeliveryTimeBins.FINE_BINS);
  width: number;

  constructor(
    /** The first delivery after the warm-up: no later one is earlier. */
    readonly origin: number,
    latestSoFar: number,
  ) {
    const span = latestSoFar - origin;
    // A power of two, so the bin of a time is an exact division; half the bins used at first.
    this.width = 2 ** Math.ceil(Math.log2(span > 0 ? (2 * span) / DeliveryTimeBins.FINE_BINS : 2 ** -30));
  }

  add(at: number, payloadBits: number, latency: number): void {
    let bin = Math.floor((at - this.origin) / this.width);
    while (bin >= DeliveryTimeBins.FINE_BINS) {
      this.coarsen();
      bin = Math.floor((at - this.origin) / this.width);
    }
    this.delivered[bin]++;
    this.payloadBits[bin] += payloadBits;
    this.latencySum[bin] += latency;
  }

  private coarsen(): void {
    for (const values of [this.delivered, this.payloadBits, this.latencySum]) {
      for (let i = 0; i < values.length / 2; i++) values[i] = values[2 * i] + values[2 * i + 1];
      values.fill(0, values.length / 2);
    }
    this.width *= 2;
  }
}

/**
 * The latencies of every `stride`-th measured message (in delivery order), at most
 * `capacity` of them: when full, every other one is let go and the stride doubles. A
 * deterministic, evenly spread sample for the report's latency histogram.
 */
export class LatencySample {
  private values: Float64Array;
  length = 0;
  stride = 1;
  /** Measured messages seen, sampled or not. */
  seen = 0;

  constructor(readonly capacity: number) {
    this.values = new Float64Array(capacity);
  }

  add(latency: number): void {
    if (this.seen++ % this.stride !== 0) return;
    if (this.length === this.capacity) {
      for (let i = 0; i < this.capacity / 2; i++) this.values[i] = this.values[2 * i];
      this.length = this.capacity / 2;
      this.stride *= 2;
      // This message's place in the doubled stride decides whether it stays.
      if ((this.seen - 1) % this.stride !== 0) return;
    }
    this.values[this.length++] = latency;
  }

  view(): Float64Array {
    return this.values.subarray(0, this.length);
  }
}

/** Sample size of the report's latency histogram past the cap. */
export const LATENCY_SAMPLE_SIZE = 2 ** 16;

/** The bounded state that replaces the records past the cap. */
export class DeliveryStreams {
  readonly channels: ChannelStream[];
  readonly timeBins: DeliveryTimeBins;
  readonly latencySample = new LatencySample(LATENCY_SAMPLE_SIZE);

  constructor(
    channelCount: number,
    private readonly warmupSeconds: number,
    firstDeliveredAt: number,
    latestDeliveredAt: number,
  ) {
    this.channels = Array.from({ length: channelCount }, () => new ChannelStream());
    this.timeBins = new DeliveryTimeBins(firstDeliveredAt, latestDeliveredAt);
  }

  add(delivery: Delivery): void {
    const latency = delivery.deliveredAt - delivery.createdAt;
    const channel = this.channels[delivery.flowIndex];
    const payloadBits = delivery.payloadBytes * 8;
    channel.delivered++;
    channel.payloadBits += payloadBits;
    this.timeBins.add(delivery.deliveredAt, payloadBits, latency);
    if (delivery.createdAt < this.warmupSeconds) return;
    const { measured } = channel;
    measured.latency.add(latency);
    const { components } = measured;
    components.trans.add(delivery.transSeconds);
    components.prop.add(delivery.propSeconds);
    components.queue.add(delivery.queueSeconds);
    components.proc.add(delivery.procSeconds);
    components.wait.add(delivery.waitSeconds);
    if (delivery.queueSeconds === 0) measured.noQueue++;
    this.latencySample.add(latency);
  }
}

/**
 * The deliveries after the warm-up: one record each while they number at most `cap`, then
 * bounded streams (per-channel statistics with histograms, time bins, a latency sample).
 */
export class DeliveryLog {
  /** Null once past the cap. */
  records: DeliveryRecords | null = new DeliveryRecords();
  /** Null while within the cap. */
  streams: DeliveryStreams | null = null;

  constructor(
    private readonly channelCount: number,
    private readonly warmupSeconds: number,
    readonly cap: number = EXACT_RECORD_CAP,
  ) {}

  add(delivery: Delivery): void {
    const { records } = this;
    if (records === null) {
      this.streams!.add(delivery);
      return;
    }
    if (records.length === this.cap) {
      this.streams = this.fold(records, delivery.deliveredAt);
      this.records = null;
      this.streams.add(delivery);
      return;
    }
    records.deliveredAt.push(delivery.deliveredAt);
    records.createdAt.push(delivery.createdAt);
    records.latency.push(delivery.deliveredAt - delivery.createdAt);
    records.trans.push(delivery.transSeconds);
    records.prop.push(delivery.propSeconds);
    records.queue.push(delivery.queueSeconds);
    records.proc.push(delivery.procSeconds);
    records.wait.push(delivery.waitSeconds);
    records.payloadBytes.push(delivery.payloadBytes);
    records.flowIndex.push(delivery.flowIndex);
  }

  /** Streams holding what `records` hold. */
  private fold(records: DeliveryRecords, latestDeliveredAt: number): DeliveryStreams {
    const first = records.length > 0 ? records.deliveredAt.get(0) : latestDeliveredAt;
    const streams = new DeliveryStreams(this.channelCount, this.warmupSeconds, first, latestDeliveredAt);
    for (let i = 0; i < records.length; i++) {
      streams.add({
        deliveredAt: records.deliveredAt.get(i),
        createdAt: records.createdAt.get(i),
        transSeconds: records.trans.get(i),
        propSeconds: records.prop.get(i),
        queueSeconds: records.queue.get(i),
        procSeconds: records.proc.get(i),
        waitSeconds: records.wait.get(i),
        payloadBytes: records.payloadBytes.get(i),
        flowIndex: records.flowIndex.get(i),
      });
    }
    return streams;
  }
}
