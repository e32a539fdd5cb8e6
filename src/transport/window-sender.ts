import type { CongestionAction, CongestionControl } from '../congestion/congestion-control.js';
import type { EventHandle, LaneId } from '../engine/simulator.js';
import type { Message, MessageFate } from '../net/message.js';
import type { Packet } from '../net/packet.js';
import { dropSpentSlots } from './backlog.js';
import type { RetransmissionTimeout } from './rto/rto-strategy.js';
import { SequenceSpace } from './sequence-space.js';
import type { FlowPort, TransportSender, TransportStrategies } from './transport.js';
import type { WindowTransportConfig } from './window-config.js';

/** One message in the sender's window, under its absolute sequence number. */
interface Segment {
  readonly sequence: number;
  readonly message: Message;
  /** Hand-off time of the first copy (s); the RTT sample if it is never retransmitted. */
  firstSentAt: number;
  retransmissions: number;
  /** Latest copy sent; its departure starts the retransmission timer. */
  latest: Packet | null;
  /** Acknowledged individually (selective repeat) ahead of the cumulative point. */
  acked: boolean;
  /** Per-segment retransmission timer (selective repeat). */
  timer: EventHandle;
  /** Deemed lost (its timer, or a fast retransmit) and waiting to be sent again. */
  lost: boolean;
}

/** How the two window protocols differ on the sending side. */
export interface WindowSenderMode {
  /** Selective repeat: per-segment timers and retransmits; Go-Back-N: one timer, go back N. */
  readonly selective: boolean;
}

const FAILED: MessageFate = { kind: 'failed' };
const LOST_NODE_DOWN: MessageFate = { kind: 'lost', reason: 'nodeDown' };
/** Marks "a copy was just handed off and has not yet left or failed" during `sendData`. */
const HANDING_OFF = Symbol('handing off');

/**
 * The sending half of Go-Back-N and selective repeat: a sliding window over absolute sequence
 * numbers (written wrapped on the wire), bounded by the configured window, the congestion window
 * and the receiver's advertised window; a pluggable RTO estimator and congestion control.
 *
 * It paces itself to its interface: it keeps at most one copy waiting in or crossing its first
 * link and sends the next when that one has left, retransmissions before new segments (the way a
 * sender that owns its link behaves; also fair to other flows leaving the same node).
 *
 * A retransmission timer runs from the moment the copy starts transmission on the first link.
 *
 * Without congestion control both protocols behave as in the textbook: only timers detect loss,
 * and selective repeat times every segment on its own. With congestion control they recover as
 * TCP does: one timer for the oldest segment, fast retransmit and recovery as the strategy says
 * (duplicate ACKs — with selective repeat, ACKs of later segments — inflate the window), and a
 * timeout goes back to the oldest segment in slow start (selective repeat skips what the
 * receiver already holds). Go-Back-N's fast retransmit goes back N too, at the ACK clock.
 * A segment retransmitted more than `retries` times resets the connection: every message not
 * yet acknowledged fails, and the sender starts a new epoch (sequence numbers from 0, the first
 * segment synchronising the receiver, like a SYN). A receiver that lost its state answers data
 * with a reset; the sender then resends everything unacknowledged in a new epoch.
 */
export class WindowSender implements TransportSender {
  private readonly space: SequenceSpace;
  private rto: RetransmissionTimeout;
  /** The delay lane of a constant RTO, -1 for one that adapts (its timers go through the heap). */
  private rtoLane: LaneId = -1;
  private congestion: CongestionControl;
  private epoch = 0;
  /** Oldest unacknowledged absolute sequence number. */
  private base = 0;
  /** Next sequence number to transmit: below `nextSequence` after Go-Back-N goes back. */
  private sendPointer = 0;
  /** Next absolute sequence number to give a new message. */
  private nextSequence = 0;
  /** One past the highest sequence number transmitted in this epoch. */
  private highWater = 0;
  /** Segments base .. nextSequence-1, from `windowHead` on. */
  private window: Segment[] = [];
  private windowHead = 0;
  private readonly backlog: Message[] = [];
  private backlogHead = 0;
  /** Sequence numbers to retransmit before anything new, oldest request first. */
  private retransmitQueue: number[] = [];
  /** Selective repeat without congestion control: a timer per segment, as in the textbook. */
  private readonly perSegmentTimers: boolean;
  private advertisedWindow = Number.POSITIVE_INFINITY;
  /**
   * When the receiver sent the ACK the advertised window was last taken from (its hand-off time):
   * an older ACK that a newer one overtook must not take back what the newer one gave (TCP's
   * SND.WL1/WL2 rule; our ACKs carry no sequence number of their own). NaN: unknown, orders nothing.
   */
  private windowSentAt = Number.NEGATIVE_INFINITY;
  private duplicateAcks = 0;
  /**
   * Go-Back-N after a fast retransmit: copies sent before it went back, believed still on their
   * way. The receiver discards each (it waits for the missing segment) and answers with a
   * duplicate ACK, which tells of that copy leaving the network, not of a new loss. They count
   * against the congestion window until then, so the resent copies follow at the ACK clock.
   */
  private staleCopies = 0;
  private minRtt = Number.NaN;
  /** Go-Back-N's one timer, for the oldest unacknowledged segment. */
  private timer: EventHandle = -1;
  /** The copy in the first link now (pacing), HANDING_OFF while being sent, null when free. */
  private inInterface: Packet | typeof HANDING_OFF | null = null;
  private down = false;
  private pumping = false;
  private readonly onBaseTimer = (): void => this.baseTimerExpired();
  private readonly onSegmentTimer = (segment: Segment): void => this.segmentTimerExpired(segment);
  private readonly onZeroWindowProbe = (): void => this.probeZeroWindow();
  private zeroWindowTimer: EventHandle = -1;

  constructor(
    private readonly port: FlowPort,
    private readonly config: WindowTransportConfig,
    private readonly strategies: TransportStrategies,
    private readonly mode: WindowSenderMode,
  ) {
    this.space = new SequenceSpace(config.sequenceBits);
    // The receiver's buffer is known before the first segment, as TCP learns it in the handshake:
    // the first window never overruns it.
    this.advertisedWindow = config.receiveBuffer;
    this.rto = this.newRto();
    this.congestion = this.newCongestionControl();
    this.perSegmentTimers = mode.selective && !this.congestion.detectsLosses;
  }

  private newRto(): RetransmissionTimeout {
    const rto = this.strategies.rto.get(this.config.timeout.strategy).create(this.config.timeout);
    this.rtoLane = rto.isConstant ? this.port.simulator.lane(rto.rto) : -1;
    return rto;
  }

  /**
   * Schedules `callback(arg)` one RTO from now: through the RTO's lane when it is constant (O(1),
   * the same instant and order as the heap), so a timer per segment costs no heap operations.
   */
  private scheduleInRto<A>(callback: (arg: A) => void, arg?: A): EventHandle {
    const simulator = this.port.simulator;
    return this.rtoLane >= 0
      ? simulator.scheduleInLane(this.rtoLane, callback, arg)
      : simulator.schedule(this.rto.rto, callback, arg);
  }

  private newCongestionControl(): CongestionControl {
    return this.strategies.congestion.get(this.config.congestion.strategy).create(this.config.congestion);
  }

  get outstanding(): number {
    return this.backlog.length - this.backlogHead + (this.nextSequence - this.base);
  }

  /** Segments in flight: sent (since the last go-back) and not cumulatively acknowledged. */
  private get flight(): number {
    return this.sendPointer - this.base;
  }

  /**
   * RFC 5681's FlightSize: segments sent and not cumulatively acknowledged (losses included).
   * Go-Back-N counts the copies in the network: those sent since it last went back and the stale
   * ones before (segments it went back over and has not resent yet are not in flight).
   */
  private get outstandingSegments(): number {
    return this.mode.selective ? this.highWater - this.base : this.flight + this.staleCopies;
  }

  /** Segments the congestion window allows in flight. */
  private get congestionLimit(): number {
    const cwnd = this.congestion.cwnd;
    return cwnd === Number.POSITIVE_INFINITY ? cwnd : Math.max(1, Math.floor(cwnd));
  }

  /** How far past the oldest unacknowledged segment new ones may go (sender and receiver windows). */
  private get windowEdge(): number {
    return Math.min(this.config.window, this.advertisedWindow);
  }

  submit(message: Message): void {
    this.backlog.push(message);
    this.pump();
  }

  onDataDeparted(packet: Packet): void {
    if (packet === this.inInterface || this.inInterface === HANDING_OFF) {
      this.inInterface = null;
      this.pump();
    }
  }

  onDataLost(packet: Packet, fate: MessageFate): void {
    // A copy that never left (dropped at the first link) starts its timer now.
    if (Number.isNaN(packet.departedAt)) packet.departedAt = this.port.simulator.now;
    // The copy in the interface goes down with its node, which is crashing (`crash` comes next):
    // nothing more may be sent from it.
    if (packet === this.inInterface && fate.kind === 'lost' && fate.reason === 'nodeDown') {
      this.inInterface = null;
      return;
    }
    this.onDataDeparted(packet);
  }

  onAck(packet: Packet): void {
    if (this.down || packet.epoch !== this.epoch) return;
    if (packet.reset) {
      this.restartEpoch();
      return;
    }
    const previousWindow = this.advertisedWindow;
    // Sent no earlier than the ACK the window came from (a NaN on either side compares false).
    if (!(packet.handedOffAt < this.windowSentAt)) {
      this.advertisedWindow = packet.advertisedWindow;
      this.windowSentAt = packet.handedOffAt;
    }
    const cumulative = this.base + this.space.distance(this.base, packet.ackNumber);
    if (cumulative > this.base && cumulative <= this.highWater) {
      this.acknowledgeUpTo(cumulative);
      // Its selective part may lie beyond the new cumulative point when an earlier ACK was lost.
      if (this.mode.selective && packet.selectiveAck >= 0) this.acknowledgeSelectively(packet.selectiveAck);
    } else {
      let news = false;
      if (this.mode.selective && packet.selectiveAck >= 0)
        news = this.acknowledgeSelectively(packet.selectiveAck);
      // An ACK that moves nothing while data is outstanding is a duplicate (with SACK news too),
      // unless it changes the window (RFC 5681: a window update is no sign of loss).
      if (cumulative === this.base && this.flight > 0 && packet.advertisedWindow === previousWindow) {
        if (this.staleCopies > 0) this.staleCopies--;
        else this.duplicateAck(news);
      }
    }
    if (this.advertisedWindow > 0) this.port.simulator.cancel(this.zeroWindowTimer);
    this.pump();
    this.idleCheck();
  }

  crash(persistent: boolean): void {
    this.down = true;
    this.cancelTimers();
    this.inInterface = null;
    if (persistent) return;
    const abandoned = this.takeAllMessages();
    this.startEpoch();
    // Volatile state: the estimates and the congestion window start over, as after a reboot.
    this.rto = this.newRto();
    this.congestion = this.newCongestionControl();
    this.minRtt = Number.NaN;
    for (const message of abandoned) this.port.abandon(message, LOST_NODE_DOWN);
    this.port.senderIdle();
  }

  recover(): void {
    this.down = false;
    // A persistent sender resumes: everything unacknowledged goes again.
    if (this.flight > 0) this.goBack();
    this.pump();
    this.idleCheck();
  }

  /** Sends what the window allows, one copy in the interface at a time. */
  private pump(): void {
    if (this.down || this.pumping) return;
    this.pumping = true;
    while (this.inInterface === null && this.sendOne()) {}
    this.pumping = false;
    if (this.inInterface === null && this.advertisedWindow === 0 && this.flight === 0 && this.hasNewData()) {
      this.armZeroWindowProbe();
    }
  }

  private hasNewData(): boolean {
    return this.sendPointer < this.nextSequence || this.backlogHead < this.backlog.length;
  }

  /** Sends one copy if there is one to send; false when there is nothing the window allows. */
  private sendOne(): boolean {
    while (this.retransmitQueue.length > 0) {
      const sequence = this.retransmitQueue[0];
      const stale = sequence < this.base || sequence >= this.sendPointer || !this.segment(sequence).lost;
      if (stale) {
        this.retransmitQueue.shift();
        continue;
      }
      this.retransmitQueue.shift();
      this.transmit(this.segment(sequence));
      return true;
    }
    if (this.sendPointer >= this.base + this.windowEdge) return false;
    if (this.flight + this.staleCopies >= this.congestionLimit) return false;
    if (this.sendPointer < this.nextSequence) {
      const segment = this.segment(this.sendPointer++);
      if (!segment.acked) this.transmit(segment);
      return true;
    }
    if (this.backlogHead === this.backlog.length) return false;
    const message = this.backlog[this.backlogHead];
    this.backlog[this.backlogHead++] = undefined as unknown as Message;
    if (this.backlogHead === this.backlog.length) {
      this.backlog.length = 0;
      this.backlogHead = 0;
    } else {
      this.backlogHead = dropSpentSlots(this.backlog, this.backlogHead);
    }
    const segment: Segment = {
      sequence: this.nextSequence++,
      message,
      firstSentAt: Number.NaN,
      retransmissions: 0,
      latest: null,
      acked: false,
      timer: -1,
      lost: false,
    };
    this.window.push(segment);
    this.sendPointer++;
    this.transmit(segment);
    return true;
  }

  private transmit(segment: Segment): void {
    const now = this.port.simulator.now;
    const isRetransmission = !Number.isNaN(segment.firstSentAt);
    if (isRetransmission) {
      if (segment.retransmissions >= this.config.retries) {
        this.resetConnection();
        return;
      }
      segment.retransmissions++;
    } else {
      segment.firstSentAt = now;
    }
    segment.lost = false;
    this.inInterface = HANDING_OFF;
    const packet = this.port.sendData(segment.message, segment.sequence, isRetransmission, {
      wireSequence: this.space.wrap(segment.sequence),
      epoch: this.epoch,
      synchronize: segment.sequence === 0,
    });
    // The copy may already be gone (dropped at a full buffer): then the interface is free.
    if (this.inInterface === HANDING_OFF) this.inInterface = packet;
    segment.latest = packet;
    if (segment.sequence >= this.highWater) this.highWater = segment.sequence + 1;
    if (this.perSegmentTimers) {
      this.port.simulator.cancel(segment.timer);
      segment.timer = this.scheduleInRto(this.onSegmentTimer, segment);
    } else if (segment.sequence === this.base) {
      this.armBaseTimer();
    }
    this.trace();
  }

  private segment(sequence: number): Segment {
    return this.window[this.windowHead + sequence - this.base];
  }

  private acknowledgeUpTo(cumulative: number): void {
    const now = this.port.simulator.now;
    const flightBefore = this.outstandingSegments;
    const newest = this.segment(cumulative - 1);
    if (newest.retransmissions === 0) this.rttSample(now - newest.firstSentAt);
    const acked = cumulative - this.base;
    for (let sequence = this.base; sequence < cumulative; sequence++) {
      const segment = this.segment(sequence);
      this.port.simulator.cancel(segment.timer);
      this.port.released(segment.message);
    }
    this.windowHead += acked;
    this.base = cumulative;
    // Go-Back-N may have gone back past segments this ACK now covers.
    if (this.sendPointer < cumulative) this.sendPointer = cumulative;
    if (this.windowHead >= 1024 && this.windowHead * 2 >= this.window.length) {
      this.window = this.window.slice(this.windowHead);
      this.windowHead = 0;
    }
    if (this.base === this.nextSequence) {
      this.window.length = 0;
      this.windowHead = 0;
    }
    this.duplicateAcks = 0;
    // The path keeps order: the copy just acknowledged was sent after every stale one, which has
    // arrived (or was lost) by now.
    this.staleCopies = 0;
    const action = this.congestion.onNewAck({
      now,
      ackedSegments: acked,
      cumulativeAck: cumulative,
      nextSequence: this.nextSequence,
      flightSize: flightBefore,
      srtt: this.rto.srtt,
      minRtt: this.minRtt,
    });
    this.followAction(action, false);
    if (!this.perSegmentTimers) {
      this.port.simulator.cancel(this.timer);
      if (this.flight > 0) this.armBaseTimer();
    }
    this.trace();
  }

  /** Marks one segment acknowledged ahead of the cumulative point; true if it was news. */
  private acknowledgeSelectively(wireSequence: number): boolean {
    const sequence = this.base + this.space.distance(this.base, wireSequence);
    if (sequence >= this.highWater) return false;
    const segment = this.segment(sequence);
    if (segment.acked) return false;
    segment.acked = true;
    // The receiver holds it: a retransmission still queued for it is no longer needed.
    segment.lost = false;
    this.port.simulator.cancel(segment.timer);
    if (segment.retransmissions === 0) this.rttSample(this.port.simulator.now - segment.firstSentAt);
    return true;
  }

  /** Queues a segment to be sent again, ahead of new data (`first`: ahead of other losses too). */
  private markLost(segment: Segment, first = false): void {
    if (segment.acked) return;
    segment.lost = true;
    if (first) this.retransmitQueue.unshift(segment.sequence);
    else this.retransmitQueue.push(segment.sequence);
  }

  private duplicateAck(withNews: boolean): void {
    this.duplicateAcks++;
    const action = this.congestion.onDuplicateAck({
      now: this.port.simulator.now,
      duplicates: this.duplicateAcks,
      cumulativeAck: this.base,
      nextSequence: this.nextSequence,
      flightSize: this.outstandingSegments,
      srtt: this.rto.srtt,
    });
    this.followAction(action, true);
    if (withNews || action !== 'none') this.trace();
  }

  /**
   * A retransmission the congestion control asks for, on duplicate ACKs (fast retransmit) or a
   * NewReno partial ACK. Selective repeat resends the oldest unacknowledged segment: the
   * receiver holds what came after it. A Go-Back-N receiver discarded everything after the
   * missing segment, so on duplicates the sender goes back N: the oldest segment goes at once and
   * the rest follow in order as the congestion window allows. A partial ACK tells Go-Back-N that
   * the segment after it is missing; every segment from the go-back point on has been sent again
   * (or is next to go), and the receiver acknowledges the resent copies one by one: nothing more
   * to do.
   */
  private followAction(action: CongestionAction, onDuplicates: boolean): void {
    if (action !== 'retransmit' || this.base >= this.sendPointer) return;
    if (this.mode.selective) this.markLost(this.segment(this.base), true);
    else if (onDuplicates) this.fastGoBack();
  }

  /**
   * Go-Back-N's fast retransmit. Of the copies in the network, the duplicate ACKs counted so far
   * have left (each one is a copy the receiver discarded), and so has the missing one: the rest
   * are stale.
   */
  private fastGoBack(): void {
    this.staleCopies = Math.max(0, this.flight + this.staleCopies - this.duplicateAcks - 1);
    this.retransmitQueue = [];
    this.sendPointer = this.base + 1;
    this.markLost(this.segment(this.base), true);
  }

  private rttSample(seconds: number): void {
    this.rto.onRttSample(seconds);
    if (!(seconds >= this.minRtt)) this.minRtt = seconds;
  }

  /** Go-Back-N: the timer of the oldest segment runs from its latest copy's departure. */
  private armBaseTimer(): void {
    this.port.simulator.cancel(this.timer);
    const latest = this.segment(this.base).latest;
    const departed = latest ? latest.departedAt : Number.NaN;
    const now = this.port.simulator.now;
    this.timer = Number.isNaN(departed)
      ? this.scheduleInRto(this.onBaseTimer)
      : this.port.simulator.schedule(Math.max(0, departed + this.rto.rto - now), this.onBaseTimer);
  }

  private baseTimerExpired(): void {
    if (this.flight === 0) return;
    if (this.rescheduledUntilDeparture(this.segment(this.base), this.onBaseTimer)) return;
    this.port.retransmissionTimerExpired();
    this.timeoutReaction();
    this.goBack();
    this.pump();
  }

  private segmentTimerExpired(segment: Segment): void {
    if (segment.sequence < this.base || segment.acked) return;
    if (this.rescheduledUntilDeparture(segment, this.onSegmentTimer)) return;
    this.port.retransmissionTimerExpired();
    // One loss event backs the timer off and shrinks cwnd once: the oldest segment's expiry.
    if (segment.sequence === this.base) {
      this.timeoutReaction();
    }
    this.markLost(segment);
    this.pump();
  }

  /**
   * A timer armed at hand-off whose copy started transmission later (it waited in the first
   * link's buffer) runs on until `rto` after the departure; true when it was re-armed.
   */
  private rescheduledUntilDeparture(segment: Segment, handler: (segment: Segment) => void): boolean {
    const now = this.port.simulator.now;
    const departed = segment.latest ? segment.latest.departedAt : Number.NaN;
    const deadline = Number.isNaN(departed) ? now + this.rto.rto : departed + this.rto.rto;
    if (deadline <= now) return false;
    const handle = this.port.simulator.schedule(deadline - now, handler, segment);
    if (this.perSegmentTimers) segment.timer = handle;
    else this.timer = handle;
    return true;
  }

  private timeoutReaction(): void {
    this.rto.onExpiry();
    this.congestion.onTimeout({
      now: this.port.simulator.now,
      flightSize: this.outstandingSegments,
      nextSequence: this.nextSequence,
    });
    this.duplicateAcks = 0;
    this.trace();
  }

  /** Everything from the oldest unacknowledged segment on goes again. */
  private goBack(): void {
    this.retransmitQueue = [];
    // After a timeout (longer than a round trip) the network is taken to hold nothing of ours.
    this.staleCopies = 0;
    if (this.perSegmentTimers) {
      for (let sequence = this.base; sequence < this.sendPointer; sequence++)
        this.markLost(this.segment(sequence));
    } else {
      // Segments the receiver already holds (selectively acknowledged) are skipped on the way.
      this.sendPointer = this.base;
    }
  }

  /** The receiver lost its state: resend every unacknowledged message in a new epoch. */
  private restartEpoch(): void {
    // Timers first: taking the messages empties the window whose segment timers cancelTimers stops.
    this.cancelTimers();
    const unacknowledged = this.takeAllMessages();
    this.startEpoch();
    this.backlog.push(...unacknowledged);
    this.pump();
    // The receiver may already have had every message (only ACKs were lost): nothing to resend.
    this.idleCheck();
  }

  /** A segment ran out of retries: the connection is reset and its messages fail. */
  private resetConnection(): void {
    this.cancelTimers();
    const abandoned = this.takeAllMessages();
    this.startEpoch();
    for (const message of abandoned) this.port.abandon(message, FAILED);
    this.idleCheck();
  }

  /** Empties window and backlog, returning their messages in sequence order. */
  private takeAllMessages(): Message[] {
    const messages: Message[] = [];
    for (let index = this.windowHead; index < this.window.length; index++) {
      if (this.window[index].message.isPending) messages.push(this.window[index].message);
    }
    for (let index = this.backlogHead; index < this.backlog.length; index++)
      messages.push(this.backlog[index]);
    this.window = [];
    this.windowHead = 0;
    this.backlog.length = 0;
    this.backlogHead = 0;
    return messages;
  }

  private startEpoch(): void {
    this.epoch++;
    this.base = 0;
    this.sendPointer = 0;
    this.nextSequence = 0;
    this.highWater = 0;
    this.retransmitQueue = [];
    this.duplicateAcks = 0;
    this.staleCopies = 0;
    this.advertisedWindow = this.config.receiveBuffer;
    this.windowSentAt = Number.NEGATIVE_INFINITY;
  }

  private cancelTimers(): void {
    const simulator = this.port.simulator;
    simulator.cancel(this.timer);
    simulator.cancel(this.zeroWindowTimer);
    for (let index = this.windowHead; index < this.window.length; index++)
      simulator.cancel(this.window[index].timer);
  }

  /** With a zero advertised window and nothing in flight, a probe now and then reopens it. */
  private armZeroWindowProbe(): void {
    this.port.simulator.cancel(this.zeroWindowTimer);
    this.zeroWindowTimer = this.scheduleInRto(this.onZeroWindowProbe);
  }

  private probeZeroWindow(): void {
    if (this.down || this.advertisedWindow > 0 || this.flight > 0) return;
    // Pretend the window has room for one: the receiver answers with its current window.
    this.advertisedWindow = 1;
    this.pump();
    this.advertisedWindow = 0;
  }

  private idleCheck(): void {
    if (this.outstanding === 0) this.port.senderIdle();
  }

  private trace(): void {
    this.port.congestionState({
      cwnd: this.congestion.cwnd,
      ssthresh: this.congestion.ssthresh,
      srtt: this.rto.srtt,
      rto: this.rto.rto,
      flight: this.flight,
    });
  }
}
