/**
 * One link direction's buffer over time, after the warm-up: the backlog (packets waiting behind
 * the one in transmission) integrated over time, its peak, and the waits of the packets that
 * left it for transmission. Every change of the backlog reports its new size, so the integral
 * is exact, and a backlog that lasts no time (a packet queued at the instant its turn comes)
 * counts for nothing, not even for the peak.
 */
export class LinkBacklog {
  /** Packet-seconds of waiting after the warm-up. */
  area = 0;
  /** Most packets waiting at once, for a positive time, after the warm-up. */
  peak = 0;
  /** The whole waits of the packets that left the buffer for transmission after the warm-up (s). */
  waitsOfTransmitted = 0;
  private waiting = 0;
  private since = 0;
  private closed = false;

  constructor(private readonly warmupSeconds: number) {}

  /** The backlog is `waiting` packets from `now` on. */
  change(now: number, waiting: number): void {
    if (this.closed) return;
    this.advance(now);
    this.waiting = waiting;
  }

  /** A packet that waited `waitedSeconds` left the buffer at `now` to be transmitted. */
  transmitted(now: number, waitedSeconds: number): void {
    if (!this.closed && now >= this.warmupSeconds) this.waitsOfTransmitted += waitedSeconds;
  }

  /** The measurement ends at `now`: the backlog counts up to it, and nothing after it. */
  close(now: number): void {
    if (this.closed) return;
    this.advance(now);
    this.closed = true;
  }

  private advance(now: number): void {
    const from = Math.max(this.since, this.warmupSeconds);
    if (now > from) {
      this.area += this.waiting * (now - from);
      if (this.waiting > this.peak) this.peak = this.waiting;
    }
    this.since = now;
  }
}
