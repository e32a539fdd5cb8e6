import type { Distribution } from '../engine/distributions.js';
import type { RandomStream } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import type { ArrivalProcess } from './arrivals.js';

/** When and how much a flow's application sends. */
export interface WorkloadPlan {
  /** Messages to create in all; Infinity for unbounded. */
  messages: number;
  /** Time of the first possible message (s). */
  start: number;
  /** No message is created after this time (s); Infinity for none. */
  stop: number;
  /** The run's duration (s; Infinity for none): a workload cut there has not finished. */
  horizon: number;
  /** True when all messages are ready at once (bulk transfer). */
  bulk: boolean;
  /**
   * Payload sizes (bytes) of successive messages, repeated in order: the encoded sizes of a
   * workload's `payloads`. When given, it replaces the size distribution.
   */
  sizeCycleBytes?: readonly number[];
}

/** Where a generator sends what it creates. */
export interface WorkloadSink {
  createMessage(payloadBytes: number): void;
  /**
   * `count` messages, all ready now; the sink may bring them to life lazily, drawing each one's
   * size from `size` in order, so a large bulk transfer does not hold every message at once.
   */
  createBulk(count: number, size: () => number): void;
  finishWorkload(): void;
}

/**
 * Drives one flow's application: creates messages at the times its arrival process gives,
 * with sizes drawn from its size distribution (or taken in turn from the plan's size cycle),
 * until the count or the stop time is reached.
 */
export class WorkloadGenerator {
  private created = 0;
  /** Sizes handed out so far: bulk sizes are asked for later than their messages are counted. */
  private sized = 0;
  private readonly onArrival = (): void => this.arrive();

  constructor(
    private readonly simulator: Simulator,
    private readonly plan: WorkloadPlan,
    private readonly arrivals: ArrivalProcess,
    private readonly sizes: Distribution,
    private readonly sizeRandom: RandomStream,
    private readonly sink: WorkloadSink,
  ) {}

  /** Schedules the first arrival (or finishes at once when nothing can be created). */
  begin(): void {
    const first = this.arrivals.firstTime(this.plan.start);
    // Creation runs over [start, stop): a message due at the stop time is not created.
    if (this.plan.messages <= 0 || first >= this.plan.stop) {
      this.simulator.scheduleAt(Math.max(this.plan.start, this.simulator.now), () =>
        this.sink.finishWorkload(),
      );
      return;
    }
    this.simulator.scheduleAt(first, this.onArrival);
  }

  private size(): number {
    const cycle = this.plan.sizeCycleBytes;
    if (cycle !== undefined && cycle.length > 0) return cycle[this.sized++ % cycle.length];
    return this.sizes.isConstant ? this.sizes.mean : this.sizes.sample(this.sizeRandom);
  }

  /**
   * `size` for a bulk transfer, asked once per message: with a constant size and no cycle, a
   * function that returns the constant without looking at the plan and the distribution.
   */
  private bulkSize(): () => number {
    const cycle = this.plan.sizeCycleBytes;
    if ((cycle === undefined || cycle.length === 0) && this.sizes.isConstant) {
      const bytes = this.sizes.mean;
      return () => bytes;
    }
    return () => this.size();
  }

  private arrive(): void {
    if (this.plan.bulk) {
      const count = this.plan.messages - this.created;
      this.created = this.plan.messages;
      this.sink.createBulk(count, this.bulkSize());
      this.sink.finishWorkload();
      return;
    }
    this.created++;
    this.sink.createMessage(this.size());
    const next = this.arrivals.nextTime(this.simulator.now);
    if (this.created >= this.plan.messages || next >= this.plan.stop) {
      this.sink.finishWorkload();
      return;
    }
    // Cut by the end of the run, the workload never finishes: its interval runs to the duration.
    if (next > this.plan.horizon) return;
    this.simulator.scheduleAt(next, this.onArrival);
  }
}
