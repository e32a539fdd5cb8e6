import type {
  CongestionAction,
  CongestionControl,
  DuplicateAckInfo,
  NewAckInfo,
  TimeoutInfo,
} from './congestion-control.js';
import {
  additiveIncrease,
  halfFlightThreshold,
  LOSS_WINDOW,
  slowStart,
  type WindowSettings,
} from './window-basics.js';

/**
 * What every loss-based congestion control does alike (RFC 5681): slow start below ssthresh,
 * congestion avoidance at or above it, and the reaction to a retransmission timeout. Subclasses
 * decide what duplicate ACKs mean and may replace the growth in congestion avoidance and the
 * threshold after a loss.
 */
export abstract class WindowControl implements CongestionControl {
  cwnd: number;
  ssthresh: number;
  inFastRecovery = false;
  readonly detectsLosses = true;
  protected readonly duplicateAckThreshold: number;
  /**
   * Set by a timeout, cleared by the next new ACK: a second expiry before any new ACK is the same
   * segment timing out again, and RFC 5681 §3.1 then holds ssthresh constant.
   */
  private timedOutSinceNewAck = false;

  constructor(settings: WindowSettings) {
    this.cwnd = settings.initialWindow;
    this.ssthresh = settings.initialSsthresh ?? Number.POSITIVE_INFINITY;
    this.duplicateAckThreshold = settings.duplicateAckThreshold;
  }

  onNewAck(info: NewAckInfo): CongestionAction {
    this.timedOutSinceNewAck = false;
    return this.handleNewAck(info);
  }

  abstract onDuplicateAck(info: DuplicateAckInfo): CongestionAction;

  /** RFC 5681 §3.1: ssthresh from the flight (once per timed-out segment), cwnd = 1, slow start. */
  onTimeout(info: TimeoutInfo): void {
    if (!this.timedOutSinceNewAck) this.reduceThreshold(info.flightSize);
    this.timedOutSinceNewAck = true;
    this.cwnd = LOSS_WINDOW;
    this.inFastRecovery = false;
  }

  /** A new ACK outside any recovery: the window grows. */
  protected handleNewAck(info: NewAckInfo): CongestionAction {
    this.grow(info);
    return 'none';
  }

  /** Slow start while cwnd < ssthresh; the segments acknowledged beyond ssthresh go to avoidance. */
  protected grow(info: NewAckInfo): void {
    const started = slowStart(this.cwnd, this.ssthresh, info.ackedSegments);
    this.cwnd = started.cwnd;
    if (started.leftoverSegments > 0) this.avoidCongestion(info, started.leftoverSegments);
  }

  /** Growth at or above ssthresh; Reno's additive increase unless a strategy replaces it. */
  protected avoidCongestion(_info: NewAckInfo, ackedSegments: number): void {
    this.cwnd = additiveIncrease(this.cwnd, ackedSegments);
  }

  /** A congestion event (fast retransmit or first timeout) sets ssthresh; Reno halves the flight. */
  protected reduceThreshold(flightSize: number): void {
    this.ssthresh = halfFlightThreshold(flightSize);
  }
}
