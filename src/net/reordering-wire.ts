import type { Packet } from './packet.js';

/**
 * What became of a packet reaching the far end of a wire that reorders: `inOrder`, it left
 * after every packet that has arrived so far; `overtaken`, a packet that left after it arrived
 * first; `cut`, it was on the wire when the link was last cut, so it is lost.
 */
export type WireArrival = 'inOrder' | 'overtaken' | 'cut';

/**
 * The wire of a link direction whose jitter may reorder packets: each packet arrives after its
 * own delay, so arrivals cannot be matched to departures by counting (as the in-order wire does
 * with two counters). It keeps the packets on it with their departure numbers, and those that
 * were on it when the link was last cut.
 */
export class ReorderingWire {
  private readonly onWire = new Map<Packet, number>();
  private readonly cutOff = new Set<Packet>();
  private departures = 0;
  /** The latest departure number that has arrived, -1 before any. */
  private latestArrivedDeparture = -1;

  depart(packet: Packet): void {
    this.onWire.set(packet, this.departures++);
  }

  /** The link is cut: every packet on the wire now is lost when it would have arrived. */
  cut(): void {
    for (const packet of this.onWire.keys()) this.cutOff.add(packet);
    this.onWire.clear();
  }

  /** `packet` reaches the far end. */
  arrive(packet: Packet): WireArrival {
    if (this.cutOff.delete(packet)) return 'cut';
    const departure = this.onWire.get(packet)!;
    this.onWire.delete(packet);
    if (departure < this.latestArrivedDeparture) return 'overtaken';
    this.latestArrivedDeparture = departure;
    return 'inOrder';
  }
}
