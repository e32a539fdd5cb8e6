import { SlopeChanges } from './slope-changes.js';

/**
 * The bits on one link direction's wire over time, after the warm-up: bits that have left the
 * transmitter and not yet reached the far end. A packet of `b` bits sent over [s, s + τ] (rate
 * r = b/τ) whose bits each take `d` to cross holds r·|(t − d, t] ∩ [s, s + τ]| bits at time t:
 * a trapezoid rising at r from s, falling at r until s + τ + d. The wire's total is their sum,
 * piecewise linear, so its peak is at a breakpoint and its integral is exact by trapezoids. With
 * one constant delay the total at t is R × (the transmitter's busy time in (t − d, t]), never more
 * than R·d, the bandwidth-delay product.
 *
 * Each packet is reported as its transmission ends, with its own `d` (jitter, a packet held
 * behind a slower predecessor: the time from its last bit leaving to its arriving), so the
 * figure is exact for per-packet delays too. Transmissions on one direction never overlap, so
 * what happened before a transmission's start is settled when it is reported: the sweep runs up
 * to each transmission's end at once, and only the far-end breakpoints wait, in SlopeChanges
 * (O(1) per packet with a constant delay, O(log n) with jitter). A packet alone on the wire
 * skips the sweep (see aloneStart). A cut empties the wire at once (what was on it is lost).
 * Times are the clock's: the figures are exact to the rounding of differences of them.
 */
export class WireLoad {
  /** Bit-seconds on the wire after the warm-up (the time-average is this over the interval). */
  area = 0;
  /** Most bits on the wire at once after the warm-up. */
  peak = 0;
  /** Where the sweep stands (s), the bits on the wire then, and how fast they change after it (bits/s). */
  private time = 0;
  private bits = 0;
  private slope = 0;
  private readonly due = new SlopeChanges();
  /** While a transmission is under way the wire is filling, whatever is due. */
  private sending = false;
  private closed = false;
  /**
   * A packet that went onto an empty wire after the warm-up, held back from the sweep (NaN start:
   * none). Why: most packets cross alone (stop-and-wait, request and reply, sparse traffic), and
   * one that is still alone when the next comes (or at the close) adds bits·d to the integral
   * and min(bits, r·d) to the peak, in closed form, with no breakpoints to queue and from its
   * durations rather than differences of clock readings. One that another catches up with on
   * the wire goes through the sweep after all.
   */
  private aloneStart = Number.NaN;
  private aloneSeconds = 0;
  private aloneBits = 0;
  private aloneDelay = 0;

  constructor(private readonly warmupSeconds: number) {}

  /**
   * `bits` went onto the wire at a constant rate over [`start`, `start` + `seconds`], each to
   * leave it `propagationSeconds` after it came. Transmissions are reported in the order they
   * happen, none before the end of the previous one.
   */
  carried(start: number, seconds: number, bits: number, propagationSeconds: number): void {
    if (this.closed || !(bits > 0 && seconds > 0)) return;
    if (!Number.isNaN(this.aloneStart)) this.settleAlone(start);
    const due = this.due;
    if (due.next <= start) this.advance(start);
    // Nothing due: the wire is empty at `start`.
    if (due.next === Number.POSITIVE_INFINITY && start >= this.warmupSeconds && start >= this.time) {
      this.aloneStart = start;
      this.aloneSeconds = seconds;
      this.aloneBits = bits;
      this.aloneDelay = propagationSeconds;
      return;
    }
    this.sweep(start, seconds, bits, propagationSeconds);
  }

  /** The link was cut at `now`: everything on the wire is lost, and leaves it now. */
  cut(now: number): void {
    if (this.closed) return;
    if (!Number.isNaN(this.aloneStart)) this.settleAlone(now);
    this.advance(now);
    this.empty();
  }

  /**
   * The measurement ends at `now`, with a transmission that started at `start`, `bits` over
   * `seconds`, under way (none: NaN start): its bits so far count, and nothing after `now` does.
   */
  close(
    now: number,
    inProgress?: { start: number; seconds: number; bits: number; propagationSeconds: number },
  ): void {
    if (this.closed) return;
    if (!Number.isNaN(this.aloneStart)) this.settleAlone(now);
    if (inProgress && inProgress.bits > 0 && inProgress.seconds > 0) {
      const rate = inProgress.bits / inProgress.seconds;
      this.advance(inProgress.start);
      this.slope += rate;
      this.due.add(inProgress.start + inProgress.propagationSeconds, -rate);
      this.sending = true;
    }
    this.advance(now);
    this.closed = true;
  }

  /**
   * The packet held back as alone is settled before anything at `time`: in closed form when it
   * has left the wire by then, else through the sweep.
   */
  private settleAlone(time: number): void {
    const start = this.aloneStart;
    const seconds = this.aloneSeconds;
    const bits = this.aloneBits;
    const delay = this.aloneDelay;
    this.aloneStart = Number.NaN;
    const gone = start + seconds + delay;
    if (time >= gone) {
      // Each bit spends `delay` on the wire; at most the whole packet, or what a delay holds.
      this.area += bits * delay;
      const most = delay >= seconds ? bits : (bits / seconds) * delay;
      if (most > this.peak) this.peak = most;
      this.time = gone;
      return;
    }
    this.sweep(start, seconds, bits, delay);
  }

  /** A transmission through the sweep: its breakpoints up to its end now, those at the far end queued. */
  private sweep(start: number, seconds: number, bits: number, propagationSeconds: number): void {
    const rate = bits / seconds;
    const end = start + seconds;
    this.advance(start);
    this.slope += rate;
    this.due.add(start + propagationSeconds, -rate);
    this.sending = true;
    this.advance(end);
    this.sending = false;
    this.slope -= rate;
    this.due.add(end + propagationSeconds, rate);
  }

  /** Moves the sweep to `until`, through every breakpoint due by then; never backwards. */
  private advance(until: number): void {
    const due = this.due;
    while (due.next <= until) {
      this.moveTo(due.next);
      this.slope += due.take();
      // Nothing left on the wire: exactly 0, whatever rounding the sums of rates left.
      if (due.size === 0 && !this.sending) {
        this.bits = 0;
        this.slope = 0;
      }
    }
    this.moveTo(until);
  }

  private moveTo(until: number): void {
    const from = this.time;
    if (!(until > from)) return;
    const bits = this.slope === 0 ? this.bits : this.bits + this.slope * (until - from);
    const warmup = this.warmupSeconds;
    if (until > warmup) {
      const start = Math.max(from, warmup);
      const atStart = from >= warmup ? this.bits : this.bits + this.slope * (warmup - from);
      this.area += ((atStart + bits) / 2) * (until - start);
      if (atStart > this.peak) this.peak = atStart;
      if (bits > this.peak) this.peak = bits;
    }
    this.bits = bits;
    this.time = until;
  }

  private empty(): void {
    this.due.clear();
    this.bits = 0;
    this.slope = 0;
  }
}
