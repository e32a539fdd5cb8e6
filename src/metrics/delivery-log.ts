import { type Delivery, DeliveryRecords } from './delivery-records.js';
import { RecordedSeriesOrders } from './series-order.js';
import { StreamingStat } from './streaming-stats.js';
import { LATENCY_COMPONENTS, type LatencyComponent } from './summary.js';

/**
 * Messages delivered after the warm-up up to which every figure is computed from one record per
 * message, exactly (2^20, 80 MiB of records). Past it the records are folded into bounded
 * streams (`DeliveryStreams`) in batches of this size, the record buffers reused, so memory
 * stays flat however long the run.
 */
export const EXACT_RECORD_CAP = 2 ** 20;

/** Records the log adds to the series' orders at a time (see DeliveryLog.trackOrders). */
const ORDER_BATCH = 1024;

/** Records a log starts with when it does not know how many deliveries to expect. */
const INITIAL_RECORDS = 1024;

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
  /** Per record of the batch, its place among the measured values grouped by channel, or -1. */
  private placeOf = new Int32Array(0);
  /** One series' measured values of the batch, grouped by channel (scratch). */
  private grouped = new Float64Array(0);
  private readonly channelStarts: Int32Array;
  private readonly channelNext: Int32Array;

  constructor(
    channelCount: number,
    private readonly warmupSeconds: number,
    firstDeliveredAt: number,
    latestDeliveredAt: number,
  ) {
    this.channels = Array.from({ length: channelCount }, () => new ChannelStream());
    this.channelStarts = new Int32Array(channelCount + 1);
    this.channelNext = new Int32Array(channelCount);
    this.timeBins = new DeliveryTimeBins(firstDeliveredAt, latestDeliveredAt);
  }

  /**
   * Adds `records` (a batch in delivery order). The time bins, the latency sample and the
   * channels' counts take them in delivery order; the statistics channel by channel, so that
   * each channel's histograms are touched once per batch rather than once per message (with
   * thousands of channels, that is the difference between cache misses per message and per
   * batch). Why each series is first scattered into a buffer grouped by channel: reading a
   * channel's records in place strides through every column (with 100 interleaved channels,
   * each cache line of a column was loaded once per channel that has a value in it: this fold
   * was a third of a 2M-message run); the scatter reads each column once in order and writes
   * to one stream per channel. Each channel's values keep their delivery order, so every sum
   * is the same as in delivery order.
   */
  addBatch(records: DeliveryRecords): void {
    const count = records.length;
    const warmup = this.warmupSeconds;
    const deliveredAt = records.view('deliveredAt');
    const createdAt = records.view('createdAt');
    const latency = records.view('latency');
    const payloadBytes = records.view('payloadBytes');
    const queue = records.view('queue');
    const flowIndex = records.flowIndexView();
    const { channels, timeBins, latencySample } = this;
    for (let i = 0; i < count; i++) {
      timeBins.add(deliveredAt[i], payloadBytes[i] * 8, latency[i]);
      const channel = channels[flowIndex[i]];
      channel.delivered++;
      channel.payloadBits += payloadBytes[i] * 8;
      if (createdAt[i] >= warmup) {
        latencySample.add(latency[i]);
        if (queue[i] === 0) channel.measured.noQueue++;
      }
    }
    const placeOf = this.placeMeasured(flowIndex, createdAt);
    const starts = this.channelStarts;
    const measuredCount = starts[channels.length];
    if (measuredCount === 0) return;
    if (this.grouped.length < measuredCount) this.grouped = new Float64Array(measuredCount);
    const grouped = this.grouped;
    for (const series of SERIES) {
      const values = records.view(series);
      // A component the same for every record of the batch (a constant delay, no queueing)
      // needs no grouping: each channel adds its count of that value.
      const constant = sameBits(values);
      if (!constant) {
        for (let i = 0; i < count; i++) {
          const place = placeOf[i];
          if (place >= 0) grouped[place] = values[i];
        }
      }
      for (let channelIndex = 0; channelIndex < channels.length; channelIndex++) {
        const from = starts[channelIndex];
        const to = starts[channelIndex + 1];
        if (from === to) continue;
        const { measured } = channels[channelIndex];
        const stat = series === 'latency' ? measured.latency : measured.components[series];
        if (constant) stat.addCopies(values[0], to - from);
        else stat.addAll(grouped, from, to);
      }
    }
  }

  /**
   * Where each measured record (created after the warm-up) of the batch goes when the measured
   * values are grouped by channel, stably; -1 for the others. Channel c's values take
   * [starts[c], starts[c+1]).
   */
  private placeMeasured(flowIndex: Int32Array, createdAt: Float64Array): Int32Array {
    const count = flowIndex.length;
    if (this.placeOf.length < count) this.placeOf = new Int32Array(count);
    const placeOf = this.placeOf;
    const warmup = this.warmupSeconds;
    const starts = this.channelStarts;
    const channels = this.channels.length;
    starts.fill(0);
    for (let i = 0; i < count; i++) if (createdAt[i] >= warmup) starts[flowIndex[i] + 1]++;
    for (let c = 0; c < channels; c++) starts[c + 1] += starts[c];
    const next = this.channelNext;
    next.set(starts.subarray(0, channels));
    for (let i = 0; i < count; i++) placeOf[i] = createdAt[i] >= warmup ? next[flowIndex[i]]++ : -1;
    return placeOf;
  }
}

/** True when `values` is not empty and every one has the bits of the first (-0 tells from 0; NaN never). */
function sameBits(values: Float64Array): boolean {
  if (values.length === 0) return false;
  const first = values[0];
  if (first === 0) {
    const sign = Object.is(first, -0);
    for (let i = 1; i < values.length; i++)
      if (values[i] !== 0 || Object.is(values[i], -0) !== sign) return false;
    return true;
  }
  for (let i = 1; i < values.length; i++) if (values[i] !== first) return false;
  return !Number.isNaN(first);
}

/** The recorded series whose statistics the streams keep: the latency and its components. */
const SERIES = ['latency', ...LATENCY_COMPONENTS] as const;

/**
 * The deliveries after the warm-up: one record each while they number at most `cap` (every
 * figure exact); past it, bounded streams (per-channel statistics with histograms, time bins, a
 * latency sample) that take the records in batches of `cap`, the record buffers reused.
 */
export class DeliveryLog {
  readonly records: DeliveryRecords;
  private streams: DeliveryStreams | null = null;
  /** The series' orders of the records, kept while every record since the start is there. */
  private orders: RecordedSeriesOrders | null;
  /** Records added to `orders` so far (see trackOrders). */
  private trackedRecords = 0;
  /** At least one: a batch is never empty. */
  readonly cap: number;

  /**
   * @param expectedDeliveries how many deliveries the run will likely record (the messages its
   * workloads promise), or 0 when unknown: the records start that large, up to the cap. Growing
   * them by doubling from a small start copied and zero-filled about twice their final size (5%
   * of a million-message run's CPU time). When more than the cap are expected the series'
   * orders are not kept while recording: the first fold would drop them (a run that ends within
   * the cap after all has them found by one pass per series at the summary, the same orders).
   */
  constructor(
    private readonly channelCount: number,
    private readonly warmupSeconds: number,
    cap: number = EXACT_RECORD_CAP,
    expectedDeliveries = 0,
  ) {
    this.cap = Math.max(1, cap);
    this.orders =
      expectedDeliveries > this.cap ? null : new RecordedSeriesOrders(channelCount, warmupSeconds);
    this.records = new DeliveryRecords(Math.min(this.cap, Math.max(INITIAL_RECORDS, expectedDeliveries)));
  }

  add(delivery: Delivery): void {
    if (this.records.length >= this.cap) this.fold();
    const { records } = this;
    records.add(delivery);
    if (this.orders !== null && records.length - this.trackedRecords >= ORDER_BATCH) this.trackOrders();
  }

  /** The series' orders of `records`, or null once records were folded into streams. */
  recordedOrders(): RecordedSeriesOrders | null {
    if (this.orders !== null) this.trackOrders();
    return this.orders;
  }

  /**
   * Adds the records not yet tracked to the series' orders, in delivery order (the same calls
   * as one per delivery). Why in batches of ORDER_BATCH rather than in `add`: six tracker calls
   * per delivery sat in the delivery path that V8 inlines into the models' handlers; a loop over
   * records just written runs from the cache, in a profile of lossy-flows ~30 ms instead of
   * 60-80 ms (and a run that kept no orders at all was 8% cheaper: see the constructor).
   */
  private trackOrders(): void {
    const orders = this.orders!;
    const { records, warmupSeconds } = this;
    const length = records.length;
    const createdAt = records.store('createdAt');
    const channels = records.flowIndexView();
    const stores = records.seriesStores();
    for (let n = this.trackedRecords; n < length; n++) {
      if (createdAt[n] < warmupSeconds) continue;
      const channel = channels[n];
      orders.latency.addAt(channel, stores.latency, n);
      orders.trans.addAt(channel, stores.trans, n);
      orders.prop.addAt(channel, stores.prop, n);
      orders.queue.addAt(channel, stores.queue, n);
      orders.proc.addAt(channel, stores.proc, n);
      orders.wait.addAt(channel, stores.wait, n);
    }
    this.trackedRecords = length;
  }

  /** Past the cap, the streams with every record folded in; null within it (use `records`). */
  finishedStreams(): DeliveryStreams | null {
    if (this.streams !== null) this.fold();
    return this.streams;
  }

  /** Moves the records into the streams (created at the first fold) and empties them. */
  private fold(): void {
    const { records } = this;
    this.orders = null;
    if (this.streams === null) {
      const deliveredAt = records.view('deliveredAt');
      const first = deliveredAt[0];
      const latest = deliveredAt[records.length - 1];
      this.streams = new DeliveryStreams(this.channelCount, this.warmupSeconds, first, latest);
    }
    this.streams.addBatch(records);
    records.clear();
    this.trackedRecords = 0;
  }
}
