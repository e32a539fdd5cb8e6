import type { TransmitterSettings } from './transmitter.js';

/** How path length is measured when choosing routes. */
export type RoutingMetric = 'delay' | 'hops';

/**
 * Shortest-path next hops. A shortest-path tree towards a destination is grown on first use
 * (Dijkstra over the reversed graph, in scratch arrays reused from one tree to the next, so
 * only the nodes it reaches are touched) only until the asking node is settled: its path is
 * final then, and a later question about the same destination resumes the same search. Only
 * the hops along paths actually asked for are kept. Memory thus follows the routes in use, not nodes × destinations: 10,000 isolated pairs
 * or a 10,000-node tree with a thousand destinations cost a few entries per flow.
 *
 * Order: shorter length, then fewer hops, then the lower transmitter index — a strict order,
 * so routes are loop-free and identical on every run.
 */
export class RoutingTable {
  /** destination → (node → transmitter index, -1 when unreachable). */
  private readonly routes = new Map<number, Map<number, number>>();
  /**
   * The graph as the search reads it, in flat typed arrays (why: the search touches every edge
   * of most trees it grows, thousands of times on large topologies): the transmitters into node
   * n are `incoming[incomingStart[n] .. incomingStart[n + 1])`, in index order; each
   * transmitter's ends and weight (its configured delay, or 1 per hop) sit by its index.
   */
  private readonly incomingStart: Int32Array;
  private readonly incoming: Int32Array;
  private readonly fromNode: Int32Array;
  private readonly toNode: Int32Array;
  private readonly weights: Float64Array;
  /** Every link has a positive weight (no zero delays): the search may stop early (see below). */
  private readonly positiveWeights: boolean;
  private readonly distance: Float64Array;
  private readonly hops: Int32Array;
  private readonly next: Int32Array;
  private readonly done: Uint8Array;
  /** Tree number each node's scratch entries belong to: older entries count as untouched. */
  private readonly stamp: Int32Array;
  private treeNumber = 0;
  /** Destination whose (partial) tree the scratch arrays hold, or -1. */
  private treeDestination = -1;
  /** Dijkstra's frontier of that tree, kept to resume the search. */
  private frontier = new NodeHeap();

  /**
   * `usable`, when given, leaves out transmitters it rejects (down links, links into down nodes):
   * dynamic routing asks it afresh after each `invalidate`.
   */
  constructor(
    nodeCount: number,
    transmitters: readonly TransmitterSettings[],
    metric: RoutingMetric,
    private readonly usable?: (transmitterIndex: number) => boolean,
  ) {
    const count = transmitters.length;
    this.fromNode = Int32Array.from(transmitters, (transmitter) => transmitter.from);
    this.toNode = Int32Array.from(transmitters, (transmitter) => transmitter.to);
    this.weights = Float64Array.from(transmitters, (transmitter) =>
      metric === 'hops' ? 1 : transmitter.delay.mean,
    );
    this.positiveWeights = this.weights.every((weight) => weight > 0);
    this.incomingStart = new Int32Array(nodeCount + 1);
    for (let index = 0; index < count; index++) this.incomingStart[this.toNode[index] + 1]++;
    for (let node = 0; node < nodeCount; node++) this.incomingStart[node + 1] += this.incomingStart[node];
    this.incoming = new Int32Array(count);
    const filled = this.incomingStart.slice(0, nodeCount);
    for (let index = 0; index < count; index++) this.incoming[filled[this.toNode[index]]++] = index;
    this.distance = new Float64Array(nodeCount).fill(Number.POSITIVE_INFINITY);
    this.hops = new Int32Array(nodeCount);
    this.next = new Int32Array(nodeCount).fill(-1);
    this.done = new Uint8Array(nodeCount);
    this.stamp = new Int32Array(nodeCount);
  }

  /** Transmitter index to take from `node` towards `destination`, or -1 when unreachable. */
  nextTransmitter(node: number, destination: number): number {
    if (node === destination) return -1;
    let known = this.routes.get(destination);
    const cached = known?.get(node);
    if (cached !== undefined) return cached;
    if (!known) {
      known = new Map();
      this.routes.set(destination, known);
    }
    this.growTreeUntilSettled(destination, node);
    // Keep the whole path from `node`: the packet will ask at each of its nodes.
    let at = node;
    while (at !== destination && !known.has(at)) {
      const transmitter = this.next[at];
      known.set(at, transmitter);
      if (transmitter < 0) break;
      at = this.toNode[transmitter];
    }
    return known.get(node)!;
  }

  /** Gives `node` fresh scratch entries in the current tree. */
  private touch(node: number): void {
    this.stamp[node] = this.treeNumber;
    this.distance[node] = Number.POSITIVE_INFINITY;
    this.hops[node] = 0;
    this.next[node] = -1;
    this.done[node] = 0;
  }

  /** Forgets computed routes (after a topology change). */
  invalidate(): void {
    this.routes.clear();
    this.treeDestination = -1;
  }

  /**
   * Runs Dijkstra towards `destination` until `node` is settled (or nothing more is reachable).
   * A settled node's next hop leads to a node settled before it, so its whole path is final; the
   * search settles nodes in the same order whether it runs at once or in several steps.
   *
   * With positive weights it pauses sooner: once every node nearer than the asking node's
   * tentative distance D is settled (the frontier's least key is at least D), nothing can lower
   * D or tie it (that takes a node at D − w < D), so its next hop and path are final already.
   * Settling the nodes that tie with it first would change nothing for it: in a tree of
   * thousands of equally far hosts that is most of the search. The search resumes from there.
   */
  private growTreeUntilSettled(destination: number, asking: number): void {
    if (this.treeDestination !== destination) {
      this.treeDestination = destination;
      // A new number makes every node's scratch entries stale at once, without a pass over them.
      this.treeNumber++;
      this.touch(destination);
      this.distance[destination] = 0;
      this.frontier = new NodeHeap();
      this.frontier.push(0, destination);
    }
    const { distance, hops, next, done, stamp, treeNumber, incomingStart, incoming, fromNode, weights } =
      this;
    if (stamp[asking] !== treeNumber) this.touch(asking);
    const heap = this.frontier;
    while (done[asking] === 0 && heap.size > 0) {
      if (this.positiveWeights && heap.leastDistance() >= distance[asking]) break;
      const node = heap.pop();
      if (done[node]) continue;
      done[node] = 1;
      for (let edge = incomingStart[node]; edge < incomingStart[node + 1]; edge++) {
        const transmitterIndex = incoming[edge];
        const neighbour = fromNode[transmitterIndex];
        if (stamp[neighbour] !== treeNumber) this.touch(neighbour);
        else if (done[neighbour]) continue;
        if (this.usable && !this.usable(transmitterIndex)) continue;
        const candidate = distance[node] + weights[transmitterIndex];
        const candidateHops = hops[node] + 1;
        if (
          candidate < distance[neighbour] ||
          (candidate === distance[neighbour] &&
            (candidateHops < hops[neighbour] ||
              (candidateHops === hops[neighbour] && transmitterIndex < next[neighbour])))
        ) {
          distance[neighbour] = candidate;
          hops[neighbour] = candidateHops;
          next[neighbour] = transmitterIndex;
          heap.push(candidate, neighbour);
        }
      }
    }
  }
}

/** A binary min-heap of (distance, node) pairs for Dijkstra. */
class NodeHeap {
  private readonly distances: number[] = [];
  private readonly nodes: number[] = [];

  get size(): number {
    return this.nodes.length;
  }

  /** The least distance in the heap (of a stale entry, perhaps); only while it is not empty. */
  leastDistance(): number {
    return this.distances[0];
  }

  push(distance: number, node: number): void {
    let position = this.nodes.length;
    this.distances.push(distance);
    this.nodes.push(node);
    while (position > 0) {
      const parent = (position - 1) >> 1;
      if (this.distances[parent] <= distance) break;
      this.distances[position] = this.distances[parent];
      this.nodes[position] = this.nodes[parent];
      position = parent;
    }
    this.distances[position] = distance;
    this.nodes[position] = node;
  }

  pop(): number {
    const top = this.nodes[0];
    const lastDistance = this.distances.pop()!;
    const lastNode = this.nodes.pop()!;
    const size = this.nodes.length;
    if (size > 0) {
      let position = 0;
      for (;;) {
        let child = 2 * position + 1;
        if (child >= size) break;
        if (child + 1 < size && this.distances[child + 1] < this.distances[child]) child++;
        if (this.distances[child] >= lastDistance) break;
        this.distances[position] = this.distances[child];
        this.nodes[position] = this.nodes[child];
        position = child;
      }
      this.distances[position] = lastDistance;
      this.nodes[position] = lastNode;
    }
    return top;
  }
}
