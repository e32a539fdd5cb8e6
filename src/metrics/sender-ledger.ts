/**
 * A time at which measurement intervals may end, shared by the ledgers it concerns and moved
 * forward by the collector as the run goes: a flow's latest delivery or completion (its own
 * interval's end, once the flow completes), or the latest of every flow's (the run's).
 */
export class IntervalEndMark {
  time = Number.NEGATIVE_INFINITY;

  /** An interval may now end at `time`, the clock's now. */
  advance(time: number): void {
    if (time > this.time) this.time = time;
  }
}

/** Busy seconds, wire bits and messages created, as a ledger reads them up to some time. */
export interface SenderFigures {
  busySeconds: number;
  wireBits: number;
  created: number;
}

/**
 * What one channel's sender put on its first link (busy seconds, wire bits) and how many
 * messages it created, after the warm-up, readable up to the end of its flow's interval or of
 * the run's.
 *
 * Why: a measurement interval ends at the flow's completion, for an unacknowledged transport its
 * last delivery, which only the end of the run tells; the sender may go on transmitting and
 * creating messages (all lost) after it. Rates and time-averages over the interval must count
 * only what falls inside it. Those ends can only be the latest mark of the flow (a delivery of
 * one of its channels, or a completion) or the latest of any flow's (the run's): the collector
 * moves two IntervalEndMarks at those instants, and the ledger keeps its figures as they stood
 * at each mark's latest time, besides the running totals. So its memory stays constant however
 * long a sender goes on after its last delivery. A transmission is reported as it ends, so one
 * that straddles a mark adds its part before the mark to that mark's figures, its bits in
 * proportion; so does one straddling the warm-up's end.
 */
export class SenderLedger {
  /** Seconds the first link spent sending the channel's data after the warm-up. */
  busySeconds = 0;
  /** Data bits put on the first link after the warm-up (a straddling copy in proportion). */
  wireBits = 0;
  /** Messages created at or after the warm-up. */
  created = 0;

  /** When the latest report happened: everything counted so far lies at or before it. */
  private reportedTo = Number.NEGATIVE_INFINITY;
  private readonly atFlowMark = new MarkFigures();
  private readonly atRunMark = new MarkFigures();

  constructor(
    private readonly warmupSeconds: number,
    private flowMark = new IntervalEndMark(),
    private runMark = new IntervalEndMark(),
  ) {}

  /** The marks this ledger's flow and the run move (the collector's, once it knows the flows). */
  useMarks(flowMark: IntervalEndMark, runMark: IntervalEndMark): void {
    this.flowMark = flowMark;
    this.runMark = runMark;
  }

  /** A transmission of `bits` over [start, end], reported at `end`; its part after the warm-up counts. */
  transmitted(start: number, end: number, bits: number): void {
    this.settleMarks();
    const from = Math.max(start, this.warmupSeconds);
    if (end > this.reportedTo) this.reportedTo = end;
    if (end < from || (end === from && start < from)) return;
    this.busySeconds += end - from;
    this.wireBits += partOf(start, end, bits, from, end);
    this.atFlowMark.addTransmission(start, end, bits, from);
    this.atRunMark.addTransmission(start, end, bits, from);
  }

  /** `count` messages created at `time` (the clock's now). */
  createdAt(time: number, count: number): void {
    this.settleMarks();
    if (time > this.reportedTo) this.reportedTo = time;
    if (time < this.warmupSeconds) return;
    this.created += count;
    this.atFlowMark.addCreated(time, count);
    this.atRunMark.addCreated(time, count);
  }

  /**
   * Busy seconds, wire bits and messages created from the warm-up up to `end`: an end of the
   * flow's interval or of the run's, so its latest mark, the time of the latest report or after
   * it, or the warm-up's end or before it.
   * @throws Error for any other end, which no interval has (a bug in the caller).
   */
  upTo(end: number): SenderFigures {
    this.settleMarks();
    if (end <= this.warmupSeconds) return { busySeconds: 0, wireBits: 0, created: 0 };
    if (end >= this.reportedTo) {
      return { busySeconds: this.busySeconds, wireBits: this.wireBits, created: this.created };
    }
    if (end === this.atFlowMark.time) return this.atFlowMark.figures();
    if (end === this.atRunMark.time) return this.atRunMark.figures();
    throw new Error(`a sender's figures were read up to t=${end} s, which ends no interval`);
  }

  /** Takes the figures as they stand at a mark that moved since the last report. */
  private settleMarks(): void {
    if (this.flowMark.time > this.atFlowMark.time) this.atFlowMark.take(this.flowMark.time, this);
    if (this.runMark.time > this.atRunMark.time) this.atRunMark.take(this.runMark.time, this);
  }
}

/**
 * A ledger's figures as they stood at one mark's time. Taken at the first report after the mark
 * moved, from the totals, which then hold exactly what was reported up to the mark: reports come
 * in time order and marks move at the clock's now. Reports that follow add their part up to it.
 */
class MarkFigures {
  time = Number.NEGATIVE_INFINITY;
  private busySeconds = 0;
  private wireBits = 0;
  private created = 0;

  take(time: number, totals: SenderFigures): void {
    this.time = time;
    this.busySeconds = totals.busySeconds;
    this.wireBits = totals.wireBits;
    this.created = totals.created;
  }

  /** A transmission over [start, end], counted from `from`, adds its part up to the mark. */
  addTransmission(start: number, end: number, bits: number, from: number): void {
    if (from > this.time) return;
    if (end <= this.time) {
      this.busySeconds += end - from;
      this.wireBits += partOf(start, end, bits, from, end);
      return;
    }
    this.busySeconds += this.time - from;
    this.wireBits += partOf(start, end, bits, from, this.time);
  }

  addCreated(time: number, count: number): void {
    if (time <= this.time) this.created += count;
  }

  figures(): SenderFigures {
    return { busySeconds: this.busySeconds, wireBits: this.wireBits, created: this.created };
  }
}

/** The bits of a transmission of `bits` over [start, end] sent within [from, to]. */
function partOf(start: number, end: number, bits: number, from: number, to: number): number {
  const seconds = end - start;
  if (!(seconds > 0)) return bits;
  if (from === start && to === end) return bits;
  return (bits * (to - from)) / seconds;
}
