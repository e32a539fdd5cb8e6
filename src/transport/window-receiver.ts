import type { EventHandle } from '../engine/simulator.js';
import type { Packet } from '../net/packet.js';
import { SequenceSpace } from './sequence-space.js';
import type { FlowPort, TransportReceiver } from './transport.js';
import type { WindowTransportConfig } from './window-config.js';

/**
 * What Go-Back-N and selective-repeat receivers share: following the sender's epochs (a
 * receiver without state answers with a reset and waits for a synchronising segment), delayed
 * ACKs, and flow control. The receive buffer holds messages handed up but not yet processed and,
 * after them, one place per sequence number from the cumulative point on, where segments that
 * arrive out of order wait. The advertised window is the number of those places (the buffer
 * minus what was handed up), counted from the cumulative ACK like TCP's: a segment is taken only
 * within it, so the buffer never holds more than its size, and the place of the next expected
 * segment is never taken by later ones (which would block the transfer for good). A place
 * frees when the node has processed the message (its processing stage holds it until then);
 * the receiver then tells the sender at once with a window update (one segment is a full MSS,
 * so TCP's receiver-side silly-window avoidance would send it too), else a sender held by the
 * advertised window would wait for its next ACK or a probe.
 */
export abstract class WindowReceiver implements TransportReceiver {
  protected readonly space: SequenceSpace;
  /** Epoch the receiver follows; -1 before the first synchronising segment. */
  protected epoch = -1;
  protected synchronised = false;
  /** Messages handed to the receiving node and not yet processed. */
  private handedUp = 0;
  /** The window told to the sender in the latest ACK (Infinity before any). */
  private lastAdvertised = Number.POSITIVE_INFINITY;
  private pendingAcks = 0;
  /** A segment is being handled: the ACK that follows will carry the window. */
  private handling = false;
  /** The receiving node is down: it sends nothing. */
  private down = false;
  private delayedAckTimer: EventHandle = -1;
  private readonly onDelayedAck = (): void => this.flushDelayedAck();

  constructor(
    protected readonly port: FlowPort,
    protected readonly config: WindowTransportConfig,
  ) {
    this.space = new SequenceSpace(config.sequenceBits);
  }

  onData(packet: Packet): void {
    if (packet.epoch < this.epoch) return;
    const startsEpoch = packet.synchronize && (packet.epoch > this.epoch || !this.synchronised);
    if (startsEpoch) {
      this.epoch = packet.epoch;
      this.synchronised = true;
      this.cancelDelayedAck();
      this.resetSequenceState();
    } else if (packet.epoch > this.epoch) {
      // The synchronising segment was lost: wait for the sender to send it again.
      return;
    } else if (!this.synchronised) {
      this.lastAdvertised = this.advertisedWindow;
      this.port.sendAck(-1, { epoch: packet.epoch, reset: true, advertisedWindow: this.lastAdvertised });
      return;
    }
    this.handling = true;
    try {
      this.handle(packet);
    } finally {
      this.handling = false;
    }
  }

  consumed(): void {
    if (this.handedUp === 0) return;
    this.handedUp--;
    // The window's right edge moved by one place: a sender the advertised window held (it was
    // told less than its own window) learns it at once. (A message processed at once, while its
    // segment is being handled, needs no update: that segment's ACK follows.)
    const senderHeld = this.lastAdvertised < this.config.window;
    if (senderHeld && !this.handling && !this.down && this.synchronised) this.acknowledge(this.cumulativeAck);
  }

  crash(persistent: boolean): void {
    this.down = true;
    this.cancelDelayedAck();
    if (persistent) return;
    this.synchronised = false;
    this.resetSequenceState();
  }

  recover(): void {
    this.down = false;
  }

  /** A segment of the current epoch arrived. */
  protected abstract handle(packet: Packet): void;

  /** Forgets sequence state and buffered segments (a new epoch, or a crash). */
  protected abstract resetSequenceState(): void;

  /**
   * Segments waiting out of order in the receive buffer (all within the advertised window; never
   * any for Go-Back-N). With the messages handed up and not yet processed, at most receiveBuffer.
   */
  abstract get buffered(): number;

  /** True when the segment `ahead` places past the cumulative point fits in the buffer. */
  protected fits(ahead: number): boolean {
    return ahead < this.advertisedWindow;
  }

  /** Places in the receive buffer from the cumulative point on (segments, never negative). */
  protected get advertisedWindow(): number {
    return Math.max(0, this.config.receiveBuffer - this.handedUp);
  }

  /** Hands an accepted segment up, or counts it misdelivered when its number aliased another. */
  protected handUp(packet: Packet, aliased: boolean): void {
    if (aliased) {
      this.port.misdelivered(packet);
      return;
    }
    // A receiver that lost its state (a crash) takes the first segments of its epoch again: a
    // message it already handed up is a duplicate, and takes no place in the buffer.
    if (!Number.isNaN(packet.message!.receivedAt)) {
      this.port.duplicate(packet);
      return;
    }
    this.handedUp++;
    this.port.deliver(packet.message!, packet);
  }

  /** Counts a copy of a message that already reached the receiver. */
  protected countDuplicate(packet: Packet): void {
    if (!Number.isNaN(packet.message!.receivedAt)) this.port.duplicate(packet);
  }

  /** An in-order segment: its ACK may wait for the next one (delayed ACKs). */
  protected acknowledgeInOrder(ackNumber: number, selectiveAck = -1): void {
    const delayed = this.config.delayedAck;
    if (delayed === null) {
      this.acknowledge(ackNumber, selectiveAck);
      return;
    }
    this.pendingAcks++;
    if (this.pendingAcks >= delayed.every) {
      this.acknowledge(ackNumber, selectiveAck);
    } else if (this.delayedAckTimer < 0) {
      this.delayedAckTimer = this.port.simulator.schedule(delayed.timeout, this.onDelayedAck);
    }
  }

  /** Acknowledges now (out of order, duplicates, gaps filled, window updates). */
  protected acknowledge(ackNumber: number, selectiveAck = -1): void {
    this.cancelDelayedAck();
    this.lastAdvertised = this.advertisedWindow;
    this.port.sendAck(ackNumber, {
      selectiveAck,
      epoch: this.epoch,
      advertisedWindow: this.lastAdvertised,
    });
  }

  /** The cumulative ACK number now: the wire number of the next segment expected. */
  protected abstract get cumulativeAck(): number;

  private flushDelayedAck(): void {
    this.delayedAckTimer = -1;
    if (this.pendingAcks > 0) this.acknowledge(this.cumulativeAck);
  }

  private cancelDelayedAck(): void {
    this.pendingAcks = 0;
    if (this.delayedAckTimer >= 0) this.port.simulator.cancel(this.delayedAckTimer);
    this.delayedAckTimer = -1;
  }
}
