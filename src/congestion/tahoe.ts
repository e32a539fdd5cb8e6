import { z } from 'zod';
import type { CongestionAction, CongestionDefinition, DuplicateAckInfo } from './congestion-control.js';
import { LOSS_WINDOW, windowParameters } from './window-basics.js';
import { WindowControl } from './window-control.js';

const schema = z.strictObject({ strategy: z.literal('tahoe'), ...windowParameters });

export type TahoeConfig = z.output<typeof schema>;

/**
 * TCP Tahoe (Jacobson 1988): slow start, congestion avoidance and fast retransmit, but no fast
 * recovery: a fast retransmit shrinks the window to one segment, exactly as a timeout does.
 */
class TahoeControl extends WindowControl {
  onDuplicateAck(info: DuplicateAckInfo): CongestionAction {
    // Only the threshold-th duplicate in a row, so one run of duplicates retransmits once.
    if (info.duplicates !== this.duplicateAckThreshold) return 'none';
    this.reduceThreshold(info.flightSize);
    this.cwnd = LOSS_WINDOW;
    return 'retransmit';
  }
}

/** `tahoe`: fast retransmit, then slow start from one segment. */
export const tahoeCongestionControl: CongestionDefinition<TahoeConfig> = {
  id: 'tahoe',
  description: 'slow start, congestion avoidance, fast retransmit; every loss restarts from cwnd = 1',
  schema,
  create: (config) => new TahoeControl(config),
};
