import type { Packet } from '../net/packet.js';
import { selectiveRepeatWindowLimit } from './sequence-space.js';
import type { TransportDefinition } from './transport.js';
import { type WindowTransportConfig, windowClosedForm, windowTransportSchema } from './window-config.js';
import { WindowReceiver } from './window-receiver.js';
import { WindowSender } from './window-sender.js';

/** A segment waiting in the reorder buffer. */
interface BufferedSegment {
  packet: Packet;
  /** Its wire number stood for a different absolute number than the one it carries. */
  aliased: boolean;
}

/**
 * Buffers segments that arrive out of order within its window, acknowledges each one
 * individually (with the cumulative point beside it), and hands them up in order.
 */
class SelectiveRepeatReceiver extends WindowReceiver {
  /** Absolute number of the oldest segment not yet received, as this receiver believes. */
  private receiveBase = 0;
  private readonly reorderBuffer = new Map<number, BufferedSegment>();

  get buffered(): number {
    return this.reorderBuffer.size;
  }

  protected get cumulativeAck(): number {
    return this.space.wrap(this.receiveBase);
  }

  protected resetSequenceState(): void {
    this.receiveBase = 0;
    this.reorderBuffer.clear();
  }

  protected handle(packet: Packet): void {
    const window = this.config.window;
    const ahead = this.space.distance(this.receiveBase, packet.wireSequence);
    if (ahead < window) {
      const believed = this.receiveBase + ahead;
      if (this.reorderBuffer.has(believed)) {
        this.countDuplicate(packet);
      } else if (!this.fits(ahead)) {
        // Beyond the buffer: dropped; the ACK tells the sender how much room there is.
        this.acknowledge(this.cumulativeAck);
        return;
      } else {
        this.reorderBuffer.set(believed, { packet, aliased: packet.sequence !== believed });
      }
      const inOrder = ahead === 0 && this.reorderBuffer.size === 1;
      this.deliverInOrder();
      if (inOrder) this.acknowledgeInOrder(this.cumulativeAck, packet.wireSequence);
      else this.acknowledge(this.cumulativeAck, packet.wireSequence);
    } else if (ahead >= this.space.size - window) {
      // Already received (its ACK was lost): acknowledge it again.
      this.countDuplicate(packet);
      this.acknowledge(this.cumulativeAck, packet.wireSequence);
    }
  }

  private deliverInOrder(): void {
    for (;;) {
      const next = this.reorderBuffer.get(this.receiveBase);
      if (!next) return;
      this.reorderBuffer.delete(this.receiveBase);
      this.receiveBase++;
      this.handUp(next.packet, next.aliased);
    }
  }
}

/** `selective-repeat`: per-segment ACKs and timers; only lost segments are sent again. */
export const selectiveRepeat: TransportDefinition<WindowTransportConfig> = {
  id: 'selective-repeat',
  description:
    'sliding window; each segment acknowledged and timed individually; the receiver buffers out-of-order segments; only lost ones are sent again',
  acknowledged: true,
  // The window sender remembers each segment's latest copy; the reorder buffer holds copies.
  keepsDataPackets: true,
  schema: (strategies) =>
    windowTransportSchema('selective-repeat', strategies, selectiveRepeatWindowLimit, '2^(sequenceBits - 1)'),
  closedForm: (config, strategies) =>
    windowClosedForm('selective-repeat', config, strategies, selectiveRepeatWindowLimit),
  createSender: (port, config, strategies) => new WindowSender(port, config, strategies, { selective: true }),
  createReceiver: (port, config) => new SelectiveRepeatReceiver(port, config),
};
