import type { Flow } from '../transport/flow.js';
import type { WorkloadSink } from '../workload/generator.js';

/**
 * Sizes drawn once and read by several readers in the same order: every recipient of a
 * broadcast gets the same sequence of message sizes, whenever its channel asks for them.
 */
class SharedSequence {
  private values: number[] = [];
  /** Position of values[0] in the whole sequence. */
  private offset = 0;
  private readonly cursors: number[];

  constructor(
    readers: number,
    private readonly draw: () => number,
  ) {
    this.cursors = new Array<number>(readers).fill(0);
  }

  next(reader: number): number {
    const position = this.cursors[reader]++;
    while (position - this.offset >= this.values.length) {
      // Before growing past each 1024 values: forget those every reader has passed.
      if (this.values.length > 0 && this.values.length % 1024 === 0) this.trim();
      this.values.push(this.draw());
    }
    return this.values[position - this.offset];
  }

  private trim(): void {
    let slowest = Number.POSITIVE_INFINITY;
    for (const cursor of this.cursors) slowest = Math.min(slowest, cursor);
    // The reader asking now has already advanced: at least one value stays below its cursor.
    const passed = slowest - 1 - this.offset;
    if (passed <= 0) return;
    this.values = this.values.slice(passed);
    this.offset += passed;
  }
}

/**
 * The sending application of a broadcast: each message it creates goes to every recipient as
 * its own message on its own channel (a flow from the sender to that recipient, over the
 * flow's transport and the routed path), so each delivery is counted where it happens.
 */
export class BroadcastSender implements WorkloadSink {
  constructor(private readonly channels: readonly Flow[]) {}

  createMessage(payloadBytes: number): void {
    for (const channel of this.channels) channel.createMessage(payloadBytes);
  }

  createBulk(count: number, size: () => number): void {
    const sizes = new SharedSequence(this.channels.length, size);
    this.channels.forEach((channel, reader) => {
      channel.createBulk(count, () => sizes.next(reader));
    });
  }

  finishWorkload(): void {
    for (const channel of this.channels) channel.finishWorkload();
  }
}
