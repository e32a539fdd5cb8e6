import type { LatencyComponent } from './summary.js';

/** The figures of one delivered message that the results need. */
export interface Delivery {
  deliveredAt: number;
  createdAt: number;
  /** Its components' sum (see Message.latencySeconds). */
  latencySeconds: number;
  transSeconds: number;
  propSeconds: number;
  queueSeconds: number;
  procSeconds: number;
  waitSeconds: number;
  payloadBytes: number;
  flowIndex: number;
}

/**
 * The arrays of the latency series (longer than the records), replaced together when the records
 * grow: for reading the newest record's values without a lookup by column name per series.
 */
export interface SeriesStores {
  readonly latency: Float64Array;
  readonly trans: Float64Array;
  readonly prop: Float64Array;
  readonly queue: Float64Array;
  readonly proc: Float64Array;
  readonly wait: Float64Array;
}

/** A float64 column of the records: times, the latency and its components, payload bytes. */
export type DeliveryColumn = 'deliveredAt' | 'createdAt' | 'latency' | LatencyComponent | 'payloadBytes';

/**
 * Per delivered message (delivered at or after the warm-up), in delivery order: one typed array
 * per column. Why not one growable buffer per column: every column has the same length, so one
 * capacity check and one length per record instead of ten (this runs once per delivery).
 */
export class DeliveryRecords {
  private deliveredAt: Float64Array;
  private createdAt: Float64Array;
  private latency: Float64Array;
  private trans: Float64Array;
  private prop: Float64Array;
  private queue: Float64Array;
  private proc: Float64Array;
  private wait: Float64Array;
  private payloadBytes: Float64Array;
  private flowIndex: Int32Array;
  private stores: SeriesStores;
  length = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(1, initialCapacity);
    this.deliveredAt = new Float64Array(capacity);
    this.createdAt = new Float64Array(capacity);
    this.latency = new Float64Array(capacity);
    this.trans = new Float64Array(capacity);
    this.prop = new Float64Array(capacity);
    this.queue = new Float64Array(capacity);
    this.proc = new Float64Array(capacity);
    this.wait = new Float64Array(capacity);
    this.payloadBytes = new Float64Array(capacity);
    this.flowIndex = new Int32Array(capacity);
    this.stores = this.seriesStoresNow();
  }

  add(delivery: Delivery): void {
    const n = this.length;
    if (n === this.flowIndex.length) this.grow();
    this.deliveredAt[n] = delivery.deliveredAt;
    this.createdAt[n] = delivery.createdAt;
    this.latency[n] = delivery.latencySeconds;
    this.trans[n] = delivery.transSeconds;
    this.prop[n] = delivery.propSeconds;
    this.queue[n] = delivery.queueSeconds;
    this.proc[n] = delivery.procSeconds;
    this.wait[n] = delivery.waitSeconds;
    this.payloadBytes[n] = delivery.payloadBytes;
    this.flowIndex[n] = delivery.flowIndex;
    this.length = n + 1;
  }

  /** The values of `column`, record by record (a view: valid until the next `add`). */
  view(column: DeliveryColumn): Float64Array {
    return this.column(column).subarray(0, this.length);
  }

  /**
   * The array holding `column`, longer than the records (valid until the next `add`): for
   * reading one record's value without making a view.
   */
  store(column: DeliveryColumn): Float64Array {
    return this.column(column);
  }

  /**
   * The arrays of the latency series (valid until the next `add`). Why: the delivery log reads
   * the six series of each new record; asking `store` by name made six calls of the
   * column switch per delivery (not inlined into the log's `add`, about 1.5% of a
   * million-message run).
   */
  seriesStores(): SeriesStores {
    return this.stores;
  }

  /** The flow (collector channel) of each record (a view: valid until the next `add`). */
  flowIndexView(): Int32Array {
    return this.flowIndex.subarray(0, this.length);
  }

  /** Empties the records, keeping their memory for the next batch. */
  clear(): void {
    this.length = 0;
  }

  /**
   * A switch rather than `this[column]`: a keyed load inlined into a caller deoptimises it each
   * time the column name changes, and the summary reads each column in turn.
   */
  private column(column: DeliveryColumn): Float64Array {
    switch (column) {
      case 'deliveredAt':
        return this.deliveredAt;
      case 'createdAt':
        return this.createdAt;
      case 'latency':
        return this.latency;
      case 'trans':
        return this.trans;
      case 'prop':
        return this.prop;
      case 'queue':
        return this.queue;
      case 'proc':
        return this.proc;
      case 'wait':
        return this.wait;
      case 'payloadBytes':
        return this.payloadBytes;
    }
  }

  private grow(): void {
    const capacity = this.flowIndex.length * 2;
    const grown = (values: Float64Array) => {
      const copy = new Float64Array(capacity);
      copy.set(values);
      return copy;
    };
    this.deliveredAt = grown(this.deliveredAt);
    this.createdAt = grown(this.createdAt);
    this.latency = grown(this.latency);
    this.trans = grown(this.trans);
    this.prop = grown(this.prop);
    this.queue = grown(this.queue);
    this.proc = grown(this.proc);
    this.wait = grown(this.wait);
    this.payloadBytes = grown(this.payloadBytes);
    const flowIndex = new Int32Array(capacity);
    flowIndex.set(this.flowIndex);
    this.flowIndex = flowIndex;
    this.stores = this.seriesStoresNow();
  }

  private seriesStoresNow(): SeriesStores {
    const { latency, trans, prop, queue, proc, wait } = this;
    return { latency, trans, prop, queue, proc, wait };
  }
}
