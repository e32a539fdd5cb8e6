import { z } from 'zod';
import type {
  CongestionAction,
  CongestionDefinition,
  DuplicateAckInfo,
  NewAckInfo,
} from './congestion-control.js';
import { windowParameters } from './window-basics.js';
import { WindowControl } from './window-control.js';

const schema = z.strictObject({ strategy: z.literal('reno'), ...windowParameters });

export type RenoConfig = z.output<typeof schema>;

/**
 * TCP Reno, RFC 5681 §3.2: fast retransmit on the third duplicate ACK, then fast recovery.
 * NewReno and CUBIC build on it, replacing the parts their RFCs change.
 */
export class RenoControl extends WindowControl {
  onDuplicateAck(info: DuplicateAckInfo): CongestionAction {
    if (this.inFastRecovery) {
      // Step 4: each further duplicate means another segment has left the network.
      this.cwnd += 1;
      return 'none';
    }
    if (info.duplicates !== this.duplicateAckThreshold || !this.mayFastRetransmit(info)) return 'none';
    this.enterFastRecovery(info);
    return 'retransmit';
  }

  protected override handleNewAck(info: NewAckInfo): CongestionAction {
    if (!this.inFastRecovery) return super.handleNewAck(info);
    this.exitFastRecovery(info);
    return 'none';
  }

  /** Whether this run of duplicates may start a fast retransmit (always, for Reno). */
  protected mayFastRetransmit(_info: DuplicateAckInfo): boolean {
    return true;
  }

  /**
   * Steps 2-3: ssthresh from the flight, and the window inflated by the segments the duplicate
   * ACKs show have left the network.
   */
  protected enterFastRecovery(info: DuplicateAckInfo): void {
    this.reduceThreshold(info.flightSize);
    this.cwnd = this.ssthresh + this.duplicateAckThreshold;
    this.inFastRecovery = true;
  }

  /** Step 6: the first ACK of new data deflates the window to ssthresh and ends recovery. */
  protected exitFastRecovery(_info: NewAckInfo): void {
    this.cwnd = this.ssthresh;
    this.inFastRecovery = false;
  }
}

/** `reno`: RFC 5681 fast retransmit and fast recovery. */
export const renoCongestionControl: CongestionDefinition<RenoConfig> = {
  id: 'reno',
  description: 'RFC 5681: slow start, congestion avoidance, fast retransmit and fast recovery',
  schema,
  create: (config) => new RenoControl(config),
};
