import type { TransmitterSettings } from './transmitter.js';

/** How path length is measured when choosing routes. */
export type RoutingMetric = 'delay' | 'hops';

/**
 * Shortest-path next hops, computed per destination on first use (Dijkstra over the reversed
 * graph), so a 10,000-node topology with a few destinations never builds an n×n table. Ties
 * between equal paths go to the lower transmitter index, which keeps routes deterministic.
 */
export class RoutingTable {
  private readonly nextHopByDestination = new Map<number, Int32Array>();
  private readonly incoming: number[][];

  constructor(
    private readonly nodeCount: number,
    private readonly transmitters: readonly TransmitterSettings[],
    private readonly metric: RoutingMetric,
  ) {
    this.incoming = Array.from({ length: nodeCount }, () => []);
    transmitters.forEach((transmitter, index) => {
      this.incoming[transmitter.to].push(index);
    });
  }

  /** Transmitter index to take from `node` towards `destination`, or -1 when unreachable. */
  nextTransmitter(node: number, destination: number): number {
    let table = this.nextHopByDestination.get(destination);
    if (!table) {
      table = this.compute(destination);
      this.nextHopByDestination.set(destination, table);
    }
    return table[node];
  }

  /** Forgets computed routes (after a topology change). */
  invalidate(): void {
    this.nextHopByDestination.clear();
  }

  private weight(transmitterIndex: number): number {
    return this.metric === 'hops' ? 1 : this.transmitters[transmitterIndex].delay.mean;
  }

  private compute(destination: number): Int32Array {
    const next = new Int32Array(this.nodeCount).fill(-1);
    const distance = new Float64Array(this.nodeCount).fill(Number.POSITIVE_INFINITY);
    const done = new Uint8Array(this.nodeCount);
    const hops = new Int32Array(this.nodeCount);
    distance[destination] = 0;
    // Binary heap of [distance, node]; small and local, so plain arrays are fine here.
    const heapDistance: number[] = [0];
    const heapNode: number[] = [destination];
    const pop = (): number => {
      const top = heapNode[0];
      const lastDistance = heapDistance.pop()!;
      const lastNode = heapNode.pop()!;
      if (heapNode.length > 0) {
        let position = 0;
        for (;;) {
          let child = 2 * position + 1;
          if (child >= heapNode.length) break;
          if (child + 1 < heapNode.length && heapDistance[child + 1] < heapDistance[child]) child++;
          if (heapDistance[child] >= lastDistance) break;
          heapDistance[position] = heapDistance[child];
          heapNode[position] = heapNode[child];
          position = child;
        }
        heapDistance[position] = lastDistance;
        heapNode[position] = lastNode;
      }
      return top;
    };
    const push = (d: number, node: number): void => {
      let position = heapNode.length;
      heapDistance.push(d);
      heapNode.push(node);
      while (position > 0) {
        const parent = (position - 1) >> 1;
        if (heapDistance[parent] <= d) break;
        heapDistance[position] = heapDistance[parent];
        heapNode[position] = heapNode[parent];
        position = parent;
      }
      heapDistance[position] = d;
      heapNode[position] = node;
    };
    while (heapNode.length > 0) {
      const node = pop();
      if (done[node]) continue;
      done[node] = 1;
      for (const transmitterIndex of this.incoming[node]) {
        const neighbour = this.transmitters[transmitterIndex].from;
        if (done[neighbour]) continue;
        const candidate = distance[node] + this.weight(transmitterIndex);
        const candidateHops = hops[node] + 1;
        // Equal lengths (zero delays, say) fall back to fewer hops, then the lower transmitter
        // index: a strict order, so routes are loop-free and the same on every run.
        if (
          candidate < distance[neighbour] ||
          (candidate === distance[neighbour] &&
            (candidateHops < hops[neighbour] ||
              (candidateHops === hops[neighbour] && transmitterIndex < next[neighbour])))
        ) {
          distance[neighbour] = candidate;
          hops[neighbour] = candidateHops;
          next[neighbour] = transmitterIndex;
          push(candidate, neighbour);
        }
      }
    }
    return next;
  }
}
