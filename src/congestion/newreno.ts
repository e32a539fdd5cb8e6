import { z } from 'zod';
import type {
  CongestionAction,
  CongestionDefinition,
  DuplicateAckInfo,
  NewAckInfo,
  TimeoutInfo,
} from './congestion-control.js';
import { RenoControl } from './reno.js';
import { LOSS_WINDOW, windowParameters } from './window-basics.js';

const schema = z.strictObject({ strategy: z.literal('newreno'), ...windowParameters });

export type NewRenoConfig = z.output<typeof schema>;

/**
 * NewReno, RFC 6582: Reno whose fast recovery lasts until every segment outstanding at the fast
 * retransmit is acknowledged, retransmitting one lost segment per partial ACK, so several losses
 * in one window cost one window reduction and no timeout.
 */
export class NewRenoControl extends RenoControl {
  /**
   * The highest sequence sent when recovery began or the timer last expired (§3.2 steps 1 and 6);
   * duplicates that do not acknowledge past it belong to a loss already dealt with.
   */
  private recover = Number.NEGATIVE_INFINITY;

  override onTimeout(info: TimeoutInfo): void {
    super.onTimeout(info);
    this.recover = info.nextSequence - 1;
  }

  /** Step 1: no second fast retransmit (nor window cut) for the same window of data. */
  protected override mayFastRetransmit(info: DuplicateAckInfo): boolean {
    return info.cumulativeAck > this.recover;
  }

  protected override enterFastRecovery(info: DuplicateAckInfo): void {
    this.recover = info.nextSequence - 1;
    super.enterFastRecovery(info);
  }

  protected override handleNewAck(info: NewAckInfo): CongestionAction {
    if (!this.inFastRecovery || info.cumulativeAck > this.recover) return super.handleNewAck(info);
    // Step 5, partial ACK: deflate by what left the network, add back the one segment the
    // retransmission will put in, and stay in recovery. Never below one segment.
    this.cwnd = Math.max(this.cwnd - info.ackedSegments + 1, LOSS_WINDOW);
    return 'retransmit';
  }

  /**
   * Step 5, full ACK, option (1): cwnd = min(ssthresh, max(FlightSize, 1) + 1) with the flight
   * left after this ACK. Option (2), cwnd = ssthresh, would let the sender burst when little is
   * outstanding, and this sender has no burst limit.
   */
  protected override exitFastRecovery(info: NewAckInfo): void {
    const flightAfter = info.flightSize - info.ackedSegments;
    this.cwnd = Math.min(this.ssthresh, Math.max(flightAfter, 1) + 1);
    this.inFastRecovery = false;
  }
}

/** `newreno`: RFC 6582 fast recovery with partial ACKs. */
export const newRenoCongestionControl: CongestionDefinition<NewRenoConfig> = {
  id: 'newreno',
  description:
    'RFC 6582: Reno whose fast recovery retransmits on partial ACKs until the whole window is acked',
  schema,
  create: (config) => new NewRenoControl(config),
};
