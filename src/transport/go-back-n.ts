import type { Packet } from '../net/packet.js';
import { goBackNWindowLimit } from './sequence-space.js';
import type { TransportDefinition } from './transport.js';
import { type WindowTransportConfig, windowClosedForm, windowTransportSchema } from './window-config.js';
import { WindowReceiver } from './window-receiver.js';
import { WindowSender } from './window-sender.js';

/**
 * Takes only the segment it expects next, discards everything else, and acknowledges
 * cumulatively with the number of the next segment it expects.
 */
class GoBackNReceiver extends WindowReceiver {
  /** Absolute number of the next segment expected, as this receiver believes it to be. */
  private expected = 0;

  get buffered(): number {
    return 0;
  }

  protected get cumulativeAck(): number {
    return this.space.wrap(this.expected);
  }

  protected resetSequenceState(): void {
    this.expected = 0;
  }

  protected handle(packet: Packet): void {
    if (packet.wireSequence !== this.space.wrap(this.expected) || !this.fits(0)) {
      this.countDuplicate(packet);
      this.acknowledge(this.cumulativeAck);
      return;
    }
    // The receiver sees only wire numbers; the packet's absolute number tells whether it aliased.
    this.handUp(packet, packet.sequence !== this.expected);
    this.expected++;
    this.acknowledgeInOrder(this.cumulativeAck);
  }
}

/** `go-back-n`: a window of W segments, cumulative ACKs, one timer; on timeout all go again. */
export const goBackN: TransportDefinition<WindowTransportConfig> = {
  id: 'go-back-n',
  description:
    'sliding window; cumulative ACKs; the receiver takes segments in order only; on timeout (or a fast retransmit) everything unacknowledged is sent again',
  acknowledged: true,
  // The window sender remembers each segment's latest copy.
  keepsDataPackets: true,
  schema: (strategies) =>
    windowTransportSchema('go-back-n', strategies, goBackNWindowLimit, '2^sequenceBits - 1'),
  closedForm: (config, strategies) => windowClosedForm('go-back-n', config, strategies, goBackNWindowLimit),
  createSender: (port, config, strategies) =>
    new WindowSender(port, config, strategies, { selective: false }),
  createReceiver: (port, config) => new GoBackNReceiver(port, config),
};
