import type { BrokerEntry, ConsumerState, DeliveryAttempt } from './broker-entry.js';
import type { NextDelivery, Subscription } from './subscription.js';

/** One partition's log as one consumer group sees it. */
class PartitionLog {
  /** Entries from offset `base` on (those below `committed` are trimmed now and then). */
  entries: BrokerEntry[] = [];
  base = 0;
  /** Offsets below it are acknowledged in order (the group's committed offset). */
  committed = 0;
  /** Next offset to send. */
  next = 0;
  owner: ConsumerState | null = null;

  get end(): number {
    return this.base + this.entries.length;
  }

  at(offset: number): BrokerEntry {
    return this.entries[offset - this.base];
  }
}

/**
 * One consumer group of a partitioned topic (Kafka style): each partition is a log owned by one
 * live member of the group, which gets its messages in offset order. The group's committed
 * offset advances over acknowledged messages in order. When a delivery is not acknowledged in
 * time the partition rewinds to the committed offset, and when members fail or come back the
 * partitions are dealt out again (partition p to live member p mod n) and the new owner starts
 * at the committed offset: what was not committed is delivered again, in order.
 */
export class PartitionedSubscription implements Subscription {
  readonly consumers: ConsumerState[] = [];
  unacked = 0;
  private readonly logs: PartitionLog[];
  /** Per member, per partition: the next offset it takes (a later one is a gap: skipped). */
  private readonly expected = new Map<ConsumerState, Int32Array>();
  private nextPartition = 0;

  constructor(
    readonly name: string,
    readonly partitions: number,
    /** At-least-once: offsets are committed by acknowledgements; at-most-once: as they are sent. */
    private readonly commitsOnAck: boolean,
    /** Makes the broker stop waiting for an attempt (it holds credit) without sending it again. */
    private readonly closeAttempt: (attempt: DeliveryAttempt) => void,
  ) {
    this.logs = Array.from({ length: partitions }, () => new PartitionLog());
  }

  get ready(): number {
    return this.logs.reduce((sum, log) => sum + (log.end - log.next), 0);
  }

  admit(entry: BrokerEntry): void {
    const log = this.logs[entry.partition];
    entry.offset = log.end;
    log.entries.push(entry);
  }

  nextDelivery(): NextDelivery | null {
    for (let tried = 0; tried < this.partitions; tried++) {
      const partition = (this.nextPartition + tried) % this.partitions;
      const log = this.logs[partition];
      const owner = log.owner;
      if (owner === null || !owner.up || owner.open.size >= owner.prefetch || log.next >= log.end) continue;
      const entry = log.at(log.next++);
      if (!this.commitsOnAck) this.commit(log, log.next);
      this.nextPartition = (partition + 1) % this.partitions;
      return { entry, consumer: owner };
    }
    return null;
  }

  givenBack(attempt: DeliveryAttempt): void {
    this.rewind(this.logs[attempt.entry.partition], attempt.entry.partition);
  }

  acknowledged(attempt: DeliveryAttempt): void {
    if (!this.commitsOnAck) return;
    const entry = attempt.entry;
    entry.acked = true;
    const log = this.logs[entry.partition];
    let committed = log.committed;
    while (committed < log.next && log.at(committed).acked) committed++;
    this.commit(log, committed);
  }

  lateAck(): boolean {
    return false;
  }

  consumersChanged(): void {
    const live = this.consumers.filter((consumer) => consumer.up);
    this.logs.forEach((log, partition) => {
      const owner = live.length > 0 ? live[partition % live.length] : null;
      if (owner === log.owner) return;
      this.rewind(log, partition);
      log.owner = owner;
      if (owner !== null) this.expectedOf(owner)[partition] = log.committed;
    });
  }

  acceptsAtConsumer(attempt: DeliveryAttempt): boolean {
    if (!this.commitsOnAck) return true;
    const { partition, offset } = attempt.entry;
    const expected = this.expectedOf(attempt.consumer);
    // A gap (an earlier offset was lost): skip it; the rewind after the ack timeout fills it.
    if (offset > expected[partition]) return false;
    expected[partition] = offset + 1;
    return true;
  }

  crash(persistent: boolean): BrokerEntry[] {
    const forgotten: BrokerEntry[] = [];
    this.logs.forEach((log, partition) => {
      this.rewind(log, partition);
      if (persistent) return;
      for (let offset = log.committed; offset < log.end; offset++) forgotten.push(log.at(offset));
      log.base = log.end;
      log.entries = [];
      log.committed = log.next = log.base;
    });
    return forgotten;
  }

  /** Back to the committed offset: deliveries after it are given up and will be sent again. */
  private rewind(log: PartitionLog, partition: number): void {
    for (const consumer of this.consumers) {
      for (const attempt of [...consumer.open]) {
        if (attempt.entry.partition === partition) this.closeAttempt(attempt);
      }
    }
    log.next = log.committed;
    if (log.owner !== null) this.expectedOf(log.owner)[partition] = log.committed;
  }

  private commit(log: PartitionLog, offset: number): void {
    log.committed = offset;
    // Trim what every member is past, now and then, so a long run does not keep every message.
    const trimmable = log.committed - log.base;
    if (trimmable >= 1024 && trimmable * 2 >= log.entries.length) {
      log.entries.splice(0, trimmable);
      log.base = log.committed;
    }
  }

  private expectedOf(consumer: ConsumerState): Int32Array {
    let expected = this.expected.get(consumer);
    if (expected === undefined) {
      expected = new Int32Array(this.partitions);
      this.expected.set(consumer, expected);
    }
    return expected;
  }
}
