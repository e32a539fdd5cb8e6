import { z } from 'zod';
import type { CongestionControl, CongestionDefinition } from './congestion-control.js';

const schema = z.strictObject({ strategy: z.literal('none') });

export type NoCongestionConfig = z.output<typeof schema>;

/** No congestion window: the transport's own window is the only limit; losses wait for timeouts. */
class NoCongestionControl implements CongestionControl {
  readonly cwnd = Number.POSITIVE_INFINITY;
  readonly ssthresh = Number.POSITIVE_INFINITY;
  readonly inFastRecovery = false;
  readonly detectsLosses = false;

  onNewAck(): 'none' {
    return 'none';
  }

  onDuplicateAck(): 'none' {
    return 'none';
  }

  onTimeout(): void {}
}

/** `none`: a fixed window (the transport's), no fast retransmit. */
export const noCongestionControl: CongestionDefinition<NoCongestionConfig> = {
  id: 'none',
  description: "fixed window (the transport's); losses are recovered by timeout only",
  schema,
  fixedWindow: true,
  create: () => new NoCongestionControl(),
};
