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
    this.active = [...this.active.filter((partition) => partition.id !== id), { id, groupOf, oneWay }];
    this.onChange(this);
  }

  /** Ends partition `id` (no-op when it is not in force). */
  heal(id: string): void {
    const before = this.active.length;
    this.active = this.active.filter((partition) => partition.id !== id);
    if (this.active.length !== before) this.onChange(this.active.length > 0 ? this : null);
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
