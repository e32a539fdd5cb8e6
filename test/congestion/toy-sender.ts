import type {
  CongestionAction,
  CongestionControl,
  DuplicateAckInfo,
  NewAckInfo,
  TimeoutInfo,
} from '../../src/congestion/congestion-control.js';
import { createCongestionRegistry } from '../../src/congestion/index.js';

/** A congestion control made from its registered definition, the way a scenario makes one. */
export function createControl(strategy: string, parameters: Record<string, unknown> = {}): CongestionControl {
  const definition = createCongestionRegistry().get(strategy);
  return definition.create(definition.schema.parse({ strategy, ...parameters }));
}

/**
 * Just enough of a window sender to feed a congestion control realistic ACK information:
 * absolute sequence numbers from 0, a cumulative ACK point, and the flight between them.
 * Sending and acknowledging happen only when a test says so.
 */
export class ToySender {
  cumulativeAck = 0;
  nextSequence = 0;
  srtt = Number.NaN;
  minRtt = Number.NaN;

  constructor(readonly control: CongestionControl) {}

  get flightSize(): number {
    return this.nextSequence - this.cumulativeAck;
  }

  /** Sends new segments until the flight fills floor(cwnd) (at least 1). */
  fillWindow(): void {
    const allowed = Math.max(Math.floor(this.control.cwnd), 1);
    if (this.flightSize < allowed) this.nextSequence += allowed - this.flightSize;
  }

  /** An ACK that moves the cumulative point by `segments`. */
  ack(segments: number, now = 0): CongestionAction {
    const info: NewAckInfo = {
      now,
      ackedSegments: segments,
      cumulativeAck: this.cumulativeAck + segments,
      nextSequence: this.nextSequence,
      flightSize: this.flightSize,
      srtt: this.srtt,
      minRtt: this.minRtt,
    };
    this.cumulativeAck += segments;
    return this.control.onNewAck(info);
  }

  /** Duplicate ACKs number `from`..`to` (inclusive) for the current cumulative point. */
  duplicates(from: number, to: number, now = 0): CongestionAction[] {
    const actions: CongestionAction[] = [];
    for (let duplicates = from; duplicates <= to; duplicates++) {
      const info: DuplicateAckInfo = {
        now,
        duplicates,
        cumulativeAck: this.cumulativeAck,
        nextSequence: this.nextSequence,
        flightSize: this.flightSize,
        srtt: this.srtt,
      };
      actions.push(this.control.onDuplicateAck(info));
    }
    return actions;
  }

  timeout(now = 0): void {
    const info: TimeoutInfo = { now, flightSize: this.flightSize, nextSequence: this.nextSequence };
    this.control.onTimeout(info);
  }

  /**
   * One loss-free round trip starting at `start` (s): fill the window, then every segment in
   * flight is acknowledged on its own, the ACKs evenly spread over `rttSeconds`. Segments the
   * window allows meanwhile go out in the next round, as with an ACK clock.
   */
  round(start = 0, rttSeconds = 0): void {
    this.fillWindow();
    const segments = this.flightSize;
    for (let i = 1; i <= segments; i++) this.ack(1, start + (rttSeconds * i) / segments);
  }
}
