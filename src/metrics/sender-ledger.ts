/**
 * What one channel's sender put on its first link (busy seconds, wire bits) and how many
 * messages it created, after the warm-up, readable up to any time at or after the channel's
 * last delivery.
 *
 * Why: a measurement interval ends at the flow's completion, for an unacknowledged transport its
 * last delivery, which only the end of the run tells; the sender may go on transmitting and
 * creating messages (all lost) after it. Rates and time-averages over the interval must count
 * only what falls inside it, so the ledger keeps, beside the running totals, the parts that
 * came after the channel's last delivery (its "tail", usually short: it restarts at every
 * delivery), and `upTo(t)` takes off what of the tail lies after `t`. A transmission that
 * straddles an end counts the part inside, its bits in proportion.
 */
export class SenderLedger {
  /** Seconds the first link spent sending the channel's data after the warm-up. */
  busySeconds = 0;
  /** Data bits put on the first link after the warm-up (a straddling copy in proportion). */
  wireBits = 0;
  /** Messages created at or after the warm-up. */
  created = 0;

  /** The channel's last delivery so far (the warm-up's end before any). */
  private since: number;
  /** Transmissions after `since`: start, end and bits of each, runs of back-to-back ones merged. */
  private sends = new Float64Array(48);
  private sendCount = 0;
  /** Messages created after `since`: time and count of each. */
  private creations = new Float64Array(32);
  private creationCount = 0;

  constructor(private readonly warmupSeconds: number) {
    this.since = warmupSeconds;
  }

  /** A transmission of `bits` over [start, end]; its part after the warm-up counts. */
  transmitted(start: number, end: number, bits: number): void {
    const from = Math.max(start, this.warmupSeconds);
    if (end < from || (end === from && start < from)) return;
    const seconds = end - start;
    const inside = seconds > 0 ? (bits * (end - from)) / seconds : bits;
    this.busySeconds += end - from;
    this.wireBits += inside;
    if (end <= this.since) return;
    // Only the part after the last delivery can fall outside a later interval's end.
    const tailFrom = Math.max(from, this.since);
    const tailBits = seconds > 0 ? (bits * (end - tailFrom)) / seconds : bits;
    this.addSend(tailFrom, end, tailBits);
  }

  /** `count` messages created at `time`. */
  createdAt(time: number, count: number): void {
    if (time < this.warmupSeconds) return;
    this.created += count;
    if (time <= this.since) return;
    const at = this.creationCount * 2;
    if (this.creationCount > 0 && this.creations[at - 2] === time) {
      this.creations[at - 1] += count;
      return;
    }
    if (at + 2 > this.creations.length) this.creations = grown(this.creations);
    this.creations[at] = time;
    this.creations[at + 1] = count;
    this.creationCount++;
  }

  /** The channel delivered a message at `time` (the clock's now): earlier parts are settled. */
  delivered(time: number): void {
    // Written so that a time that is not one (NaN) leaves the ledger as it was.
    if (!(time > this.since)) return;
    this.since = time;
    this.sendCount = 0;
    this.creationCount = 0;
  }

  /**
   * Busy seconds, wire bits and messages created from the warm-up up to `end`, for an `end` at
   * or after the last delivery (earlier ones read as the last delivery).
   */
  upTo(end: number): { busySeconds: number; wireBits: number; created: number } {
    let busySeconds = this.busySeconds;
    let wireBits = this.wireBits;
    let created = this.created;
    for (let k = 0; k < this.sendCount * 3; k += 3) {
      const start = this.sends[k];
      const stop = this.sends[k + 1];
      if (stop <= end) continue;
      const after = stop - Math.max(start, end);
      busySeconds -= after;
      wireBits -= stop > start ? (this.sends[k + 2] * after) / (stop - start) : this.sends[k + 2];
    }
    for (let k = 0; k < this.creationCount * 2; k += 2) {
      if (this.creations[k] > end) created -= this.creations[k + 1];
    }
    return { busySeconds: Math.max(0, busySeconds), wireBits: Math.max(0, wireBits), created };
  }

  private addSend(start: number, end: number, bits: number): void {
    const at = this.sendCount * 3;
    // Back-to-back copies at one rate (a queue of equal packets drained) are one run: the tail of
    // a sender whose messages are all lost after its last delivery stays a few entries long.
    if (
      this.sendCount > 0 &&
      this.sends[at - 2] === start &&
      sameRate(this.sends, at - 3, start, end, bits)
    ) {
      this.sends[at - 2] = end;
      this.sends[at - 1] += bits;
      return;
    }
    if (at + 3 > this.sends.length) this.sends = grown(this.sends);
    this.sends[at] = start;
    this.sends[at + 1] = end;
    this.sends[at + 2] = bits;
    this.sendCount++;
  }
}

function sameRate(sends: Float64Array, at: number, start: number, end: number, bits: number): boolean {
  const seconds = sends[at + 1] - sends[at];
  // Bits per second compared by cross-multiplying, up to rounding of the run's end times.
  const a = sends[at + 2] * (end - start);
  const b = bits * seconds;
  return seconds > 0 && end > start && Math.abs(a - b) <= 1e-9 * Math.max(a, b);
}

function grown(array: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
