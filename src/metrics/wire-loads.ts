import type { WireCarriage } from '../net/probe.js';
import { SlopeChanges } from './slope-changes.js';

/**
 * Figures each direction keeps in WireLoads.state, at these offsets: 16 doubles (128 bytes, two
 * cache lines) per direction.
 */
const STRIDE = 16;
/** Where the sweep stands (s), the bits on the wire then, and how fast they change after it (bits/s). */
const TIME = 0;
const BITS = 1;
const SLOPE = 2;
/** Bit-seconds on the wire after the warm-up, and the most bits at once. */
const AREA = 3;
const PEAK = 4;
/** The earliest queued far-end breakpoint (Infinity: none), so a lone packet never loads the queue. */
const NEXT_DUE = 5;
/** The packet held back as alone on the wire (NaN start: none); see settleAlone. */
const ALONE_START = 6;
const ALONE_SECONDS = 7;
const ALONE_BITS = 8;
const ALONE_DELAY = 9;
/** 1 once the measurement has ended. */
const CLOSED = 10;
/** 1 while a transmission is under way in the sweep: the wire is filling, whatever is due. */
const SENDING = 11;
/**
 * Where `advance` goes and when `settleAlone` settles: the private steps take their times from
 * here and only the direction's index as an argument (a double passed to a call V8 does not
 * inline is boxed).
 */
const UNTIL = 12;

/**
 * The bits on each link direction's wire over time, after the warm-up: bits that have left the
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
 * to each transmission's end at once, and only the far-end breakpoints wait, in a SlopeChanges
 * made for the direction when it first needs one (O(1) per packet with a constant delay,
 * O(log n) with jitter); a packet alone on the wire skips the sweep (see settleAlone). A cut
 * empties the wire at once (what was on it is lost). Times are the clock's: the figures are
 * exact to the rounding of differences of them.
 *
 * Why one array for all directions: every packet reports here on every hop, and as fields of an
 * object per direction each double would be a box of its own, a few cache lines more to load
 * per hop once thousands of links take turns (the pingpong benchmark at 20,000 pairs); so the
 * hot figures sit together, by direction index, as the network's TransmitterFigures do.
 */
export class WireLoads {
  private readonly state: Float64Array;
  private readonly due: (SlopeChanges | null)[];

  constructor(
    directions: number,
    private readonly warmupSeconds: number,
  ) {
    this.state = new Float64Array(directions * STRIDE);
    for (let index = 0; index < directions; index++) {
      this.state[index * STRIDE + NEXT_DUE] = Number.POSITIVE_INFINITY;
      this.state[index * STRIDE + ALONE_START] = Number.NaN;
    }
    this.due = new Array<SlopeChanges | null>(directions).fill(null);
  }

  /** Most bits on direction `index`'s wire at once after the warm-up. */
  peak(index: number): number {
    return this.state[index * STRIDE + PEAK];
  }

  /** Bit-seconds on direction `index`'s wire after the warm-up (its time-average over an interval). */
  area(index: number): number {
    return this.state[index * STRIDE + AREA];
  }

  /**
   * `bits` went onto direction `index`'s wire at a constant rate over [`start`, `start` +
   * `seconds`], each to leave it `propagationSeconds` after it came (the carriage's fields: an
   * object rather than four doubles, which a call V8 does not inline would box each time). A direction's
   * transmissions are reported in the order they happen, none before the end of the previous one.
   */
  carried(index: number, carriage: WireCarriage): void {
    const { start, seconds, bits, propagationSeconds } = carriage;
    const state = this.state;
    const at = index * STRIDE;
    if (state[at + CLOSED] === 1 || !(bits > 0 && seconds > 0)) return;
    state[at + UNTIL] = start;
    if (!Number.isNaN(state[at + ALONE_START])) this.settleAlone(index);
    if (state[at + NEXT_DUE] <= start) {
      state[at + UNTIL] = start;
      this.advance(index);
    }
    state[at + ALONE_START] = start;
    state[at + ALONE_SECONDS] = seconds;
    state[at + ALONE_BITS] = bits;
    state[at + ALONE_DELAY] = propagationSeconds;
    // Nothing due: the wire is empty at `start`, and the packet is held back as alone on it.
    if (
      state[at + NEXT_DUE] === Number.POSITIVE_INFINITY &&
      start >= this.warmupSeconds &&
      start >= state[at + TIME]
    )
      return;
    this.sweep(index);
  }

  /** Direction `index`'s link was cut at `now`: everything on the wire is lost, and leaves it now. */
  cut(index: number, now: number): void {
    const state = this.state;
    const at = index * STRIDE;
    if (state[at + CLOSED] === 1) return;
    state[at + UNTIL] = now;
    if (!Number.isNaN(state[at + ALONE_START])) this.settleAlone(index);
    state[at + UNTIL] = now;
    this.advance(index);
    this.due[index]?.clear();
    state[at + NEXT_DUE] = Number.POSITIVE_INFINITY;
    state[at + BITS] = 0;
    state[at + SLOPE] = 0;
  }

  /**
   * Direction `index`'s measurement ends at `now`, with a transmission under way or none: its
   * bits so far count, and nothing after `now` does.
   */
  close(
    index: number,
    now: number,
    inProgress?: { start: number; seconds: number; bits: number; propagationSeconds: number },
  ): void {
    const state = this.state;
    const at = index * STRIDE;
    if (state[at + CLOSED] === 1) return;
    state[at + UNTIL] = now;
    if (!Number.isNaN(state[at + ALONE_START])) this.settleAlone(index);
    if (inProgress && inProgress.bits > 0 && inProgress.seconds > 0) {
      const rate = inProgress.bits / inProgress.seconds;
      state[at + UNTIL] = inProgress.start;
      this.advance(index);
      state[at + SLOPE] += rate;
      const due = this.dueOf(index);
      due.add(inProgress.start + inProgress.propagationSeconds, -rate);
      state[at + NEXT_DUE] = due.next;
      state[at + SENDING] = 1;
    }
    state[at + UNTIL] = now;
    this.advance(index);
    state[at + CLOSED] = 1;
  }

  /**
   * The packet held back as alone on direction `index`'s wire is settled before anything at
   * UNTIL. Why hold it back: most packets cross alone (stop-and-wait, request and reply, sparse
   * traffic), and one still alone when the next comes (or at the close) adds bits·d to the
   * integral and min(bits, r·d) to the peak in closed form, with no breakpoints to queue and
   * from its durations rather than differences of clock readings. One that another catches up
   * with on the wire goes through the sweep after all.
   */
  private settleAlone(index: number): void {
    const state = this.state;
    const at = index * STRIDE;
    const seconds = state[at + ALONE_SECONDS];
    const bits = state[at + ALONE_BITS];
    const delay = state[at + ALONE_DELAY];
    const gone = state[at + ALONE_START] + seconds + delay;
    if (state[at + UNTIL] < gone) {
      this.sweep(index);
      return;
    }
    state[at + ALONE_START] = Number.NaN;
    // Each bit spends `delay` on the wire; at most the whole packet, or what a delay holds.
    state[at + AREA] += bits * delay;
    const most = delay >= seconds ? bits : (bits / seconds) * delay;
    if (most > state[at + PEAK]) state[at + PEAK] = most;
    state[at + TIME] = gone;
  }

  /**
   * The transmission in the ALONE slots through the sweep: its breakpoints up to its end now,
   * those at the far end queued. One loop over locals from the sweep's position through the
   * transmission's start and end, whatever falls due on the way (as `advance`, inline: this runs
   * for every packet that shares the wire).
   */
  private sweep(index: number): void {
    const state = this.state;
    const at = index * STRIDE;
    const start = state[at + ALONE_START];
    const seconds = state[at + ALONE_SECONDS];
    const delay = state[at + ALONE_DELAY];
    const rate = state[at + ALONE_BITS] / seconds;
    const end = start + seconds;
    state[at + ALONE_START] = Number.NaN;
    const due = this.dueOf(index);
    const warmup = this.warmupSeconds;
    let time = state[at + TIME];
    let bits = state[at + BITS];
    let slope = state[at + SLOPE];
    let area = state[at + AREA];
    let peak = state[at + PEAK];
    let sending = false;
    let target = start;
    for (;;) {
      const next = due.next;
      const to = Math.min(next, target);
      if (to > time) {
        const after = slope === 0 ? bits : bits + slope * (to - time);
        if (to > warmup) {
          const atStart = time >= warmup ? bits : bits + slope * (warmup - time);
          area += ((atStart + after) / 2) * (to - Math.max(time, warmup));
          if (atStart > peak) peak = atStart;
          if (after > peak) peak = after;
        }
        bits = after;
        time = to;
      }
      if (next <= target) {
        slope += due.nextChange;
        due.drop();
        // Nothing left on the wire: exactly 0, whatever rounding the sums of rates left.
        if (due.next === Number.POSITIVE_INFINITY && !sending) {
          bits = 0;
          slope = 0;
        }
        continue;
      }
      if (!sending) {
        slope += rate;
        due.add(start + delay, -rate);
        sending = true;
        target = end;
        continue;
      }
      slope -= rate;
      due.add(end + delay, rate);
      break;
    }
    state[at + NEXT_DUE] = due.next;
    state[at + TIME] = time;
    state[at + BITS] = bits;
    state[at + SLOPE] = slope;
    state[at + AREA] = area;
    state[at + PEAK] = peak;
  }

  private dueOf(index: number): SlopeChanges {
    let due = this.due[index];
    if (due === null) {
      due = new SlopeChanges();
      this.due[index] = due;
    }
    return due;
  }

  /**
   * Moves direction `index`'s sweep to UNTIL, through every breakpoint due by then, never
   * backwards: between breakpoints the wire is linear, and each piece after the warm-up adds its
   * trapezoid to the integral and its ends to the peak. One loop over locals, no call per piece:
   * it runs for every breakpoint of every packet that shares the wire.
   */
  private advance(index: number): void {
    const state = this.state;
    const at = index * STRIDE;
    const until = state[at + UNTIL];
    const nextDue = state[at + NEXT_DUE];
    // Already there with nothing due: most calls from a transmission's start.
    if (until <= state[at + TIME] && nextDue > until) return;
    const warmup = this.warmupSeconds;
    const due = nextDue <= until ? this.due[index]! : null;
    const sending = state[at + SENDING] === 1;
    let time = state[at + TIME];
    let bits = state[at + BITS];
    let slope = state[at + SLOPE];
    let area = state[at + AREA];
    let peak = state[at + PEAK];
    for (;;) {
      const next = due === null ? Number.POSITIVE_INFINITY : due.next;
      const to = Math.min(next, until);
      if (to > time) {
        const after = slope === 0 ? bits : bits + slope * (to - time);
        if (to > warmup) {
          const atStart = time >= warmup ? bits : bits + slope * (warmup - time);
          area += ((atStart + after) / 2) * (to - Math.max(time, warmup));
          if (atStart > peak) peak = atStart;
          if (after > peak) peak = after;
        }
        bits = after;
        time = to;
      }
      if (due === null || next > until) break;
      slope += due.nextChange;
      due.drop();
      // Nothing left on the wire: exactly 0, whatever rounding the sums of rates left.
      if (due.next === Number.POSITIVE_INFINITY && !sending) {
        bits = 0;
        slope = 0;
      }
    }
    if (due !== null) state[at + NEXT_DUE] = due.next;
    state[at + TIME] = time;
    state[at + BITS] = bits;
    state[at + SLOPE] = slope;
    state[at + AREA] = area;
    state[at + PEAK] = peak;
  }
}
