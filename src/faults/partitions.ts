import type { CrossingRule } from '../net/network.js';

/** One partition in force: the group of each node (-1: in no group). */
interface ActivePartition {
  id: string;
  groupOf: Int32Array;
  oneWay: boolean;
}

/**
 * The network partitions in force. A packet is lost where it would enter a node of another
 * group than the one its source belongs to; nodes in no group (routers, bystanders) reach and
 * are reached by everyone. A one-way partition only stops packets whose source is in the first
 * group; the others pass.
 */
export class PartitionSet implements CrossingRule {
  private active: ActivePartition[] = [];

  constructor(
    private readonly nodeCount: number,
    /** Called with this set while any partition is in force, with null once none is. */
    private readonly onChange: (rule: CrossingRule | null) => void,
    /** Called when partition `id` comes into force or ends (not when it is split again as it was). */
    private readonly onPartitionChanged: (id: string, oneWay: boolean, active: boolean) => void,
  ) {}

  /** Partitions in force, by id. */
  get ids(): string[] {
    return this.active.map((partition) => partition.id);
  }

  /** Puts partition `id` in force between `groups` (node indices); replaces one of the same id. */
  split(id: string, groups: readonly (readonly number[])[], oneWay: boolean): void {
    const groupOf = new Int32Array(this.nodeCount).fill(-1);
    groups.forEach((group, index) => {
      for (const node of group) groupOf[node] = index;
    });
    const previous = this.active.find((partition) => partition.id === id);
    this.active = [...this.active.filter((partition) => partition.id !== id), { id, groupOf, oneWay }];
    this.onChange(this);
    // Split again the same way, the partition stays in force; the other way, it is another one.
    if (previous?.oneWay === oneWay) return;
    if (previous) this.onPartitionChanged(id, previous.oneWay, false);
    this.onPartitionChanged(id, oneWay, true);
  }

  /** Ends partition `id` (no-op when it is not in force). */
  heal(id: string): void {
    const healed = this.active.find((partition) => partition.id === id);
    if (!healed) return;
    this.active = this.active.filter((partition) => partition !== healed);
    this.onChange(this.active.length > 0 ? this : null);
    this.onPartitionChanged(id, healed.oneWay, false);
  }

  blocks(source: number, node: number): boolean {
    for (const partition of this.active) {
      const from = partition.groupOf[source];
      const to = partition.groupOf[node];
      if (from < 0 || to < 0 || from === to) continue;
      if (!partition.oneWay || from === 0) return true;
    }
    return false;
  }
}
