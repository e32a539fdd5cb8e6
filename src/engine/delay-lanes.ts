/** A lane event's handler, as the simulator stores it (the argument's type is the caller's). */
type LaneCallback = ((arg: never) => void) | undefined;

/**
 * Delays that get a ring of their own; the run loop looks at every ring's head before each event,
 * so a model with many distinct delays (say one per link of a large topology) would pay for a
 * long scan on every event. Further delays keep their lane number but go through the heap.
 */
export const MAX_RING_LANES = 8;

/**
 * Tickets a lane hands out, at most: a lane event's handle is 2^52 + MAX_RING_LANES · ticket +
 * lane, which must stay below 2^53, an exact integer (2^49 events, with 8 lanes, is years of
 * simulation at 10^7 events/s).
 */
const MAX_TICKETS = 2 ** 52 / MAX_RING_LANES;

/**
 * Cancelled entries a lane lets wait behind its head, at least, before sweeping them out: sweeps
 * move entries, after which a cancel finds its entry by binary search instead of at once.
 */
const SWEEP_AT_LEAST = 1024;

/**
 * The events of one constant delay d, in the order they were scheduled: each runs at its
 * scheduling time + d, and scheduling times never decrease, so (time, sequence) only grows from
 * head to tail. A ring of entries is then a priority queue with O(1) insert and pop, where the
 * heap pays O(log n) with cache misses once thousands of timers and packets are pending.
 *
 * Why entries carry their handler and argument, named by a ticket: an entry is written once at
 * the tail and read once at the head, both places the loop has just touched, whereas a slot of
 * the simulator's own (its handler, argument and generation in arrays indexed by slot) is
 * scattered memory once thousands of events wait. Tickets count the entries pushed, so a handle
 * names one entry for ever: an entry that ran or was cancelled is never confused with a later
 * one. A cancelled entry (handler cleared) stays in the ring until it reaches the head, which is
 * always a pending event, or until too many wait behind the head and a sweep drops them.
 */
export class DelayLane {
  private times = new Float64Array(16);
  private sequences = new Float64Array(16);
  private tickets = new Float64Array(16);
  private callbacks: LaneCallback[] = new Array<LaneCallback>(16).fill(undefined);
  private args: unknown[] = new Array<unknown>(16).fill(undefined);
  private head = 0;
  /** Entries in the ring, pending or cancelled. */
  private length = 0;
  private nextTicket = 0;
  /**
   * Entries pushed since the last sweep sit where their ticket says, at `(ticket - directBase) &
   * (capacity - 1)`: between sweeps, head + length (the next entry's place) moves in step with
   * the tickets, and a grow keeps their order and spacing. So `cancel` finds a timer armed since
   * the last sweep (nearly every one) with one subtraction, where a search costs a call of its
   * own. Those pushed before it (tickets below `directFrom`) may have moved: they are searched.
   */
  private directBase = 0;
  private directFrom = 0;
  /** Pending entries. */
  pending = 0;

  /** @param sweepAtLeast see SWEEP_AT_LEAST (tests lower it to reach sweeps with few events). */
  constructor(
    readonly delaySeconds: number,
    private readonly sweepAtLeast = SWEEP_AT_LEAST,
  ) {}

  /** Entries held, pending and cancelled: the lane's memory follows this. */
  get entries(): number {
    return this.length;
  }

  /** Time of the head (pending) event; only while `pending > 0`. */
  headTime(): number {
    return this.times[this.head];
  }

  headSequence(): number {
    return this.sequences[this.head];
  }

  headCallback(): LaneCallback {
    return this.callbacks[this.head];
  }

  headArg(): unknown {
    return this.args[this.head];
  }

  /** Adds an event due at `time`; returns its ticket. */
  push(time: number, sequence: number, callback: LaneCallback, arg: unknown): number {
    if (this.length === this.tickets.length) this.grow();
    const ticket = this.nextTicket++;
    if (ticket >= MAX_TICKETS)
      throw new RangeError(`a delay lane ran out of tickets after ${MAX_TICKETS} events`);
    const at = (this.head + this.length) & (this.tickets.length - 1);
    this.times[at] = time;
    this.sequences[at] = sequence;
    this.tickets[at] = ticket;
    this.callbacks[at] = callback;
    this.args[at] = arg;
    this.length++;
    this.pending++;
    return ticket;
  }

  /** Removes the head (pending) event, which the caller has read, and any cancelled ones after it. */
  shift(): void {
    const head = this.head;
    this.callbacks[head] = undefined;
    this.args[head] = undefined;
    this.head = (head + 1) & (this.tickets.length - 1);
    this.length--;
    this.pending--;
    if (this.length > this.pending) this.dropCancelledHead();
  }

  /** Cancels the pending entry of `ticket`; false when it ran, was cancelled or never existed. */
  cancel(ticket: number): boolean {
    const at = this.find(ticket);
    if (at < 0 || this.callbacks[at] === undefined) return false;
    this.callbacks[at] = undefined;
    this.args[at] = undefined;
    this.pending--;
    if (at === this.head) this.dropCancelledHead();
    // Entries cancelled behind a pending head (a timer armed before them still runs) wait for
    // the head to pass; many more of them than pending events would keep memory from following
    // the number of pending events, so they are swept out then (amortised O(1) per cancel).
    else if (this.length - this.pending > Math.max(this.sweepAtLeast, 2 * this.pending)) this.sweep();
    return true;
  }

  /** True while the entry of `ticket` is pending. */
  isPending(ticket: number): boolean {
    const at = this.find(ticket);
    return at >= 0 && this.callbacks[at] !== undefined;
  }

  /**
   * Where the entry of `ticket` sits, or -1; an entry that left may still be found at a place
   * no later entry has taken, but its handler is cleared, so callers test that.
   */
  private find(ticket: number): number {
    if (ticket >= this.directFrom) {
      // A ticket pushed since the last sweep is at its direct place if anywhere: no sweep has
      // left a stale copy of it elsewhere. A ticket not yet handed out (or not an integer)
      // matches no ticket written there.
      const at = (ticket - this.directBase) & (this.tickets.length - 1);
      return this.tickets[at] === ticket ? at : -1;
    }
    return this.positionOf(ticket);
  }

  /** Where the entry of `ticket` sits in the ring, or -1 when it has left. */
  private positionOf(ticket: number): number {
    // A ticket that is not an integer matches no entry below: no test for it is needed.
    if (this.length === 0) return -1;
    const mask = this.tickets.length - 1;
    const head = this.head;
    const headTicket = this.tickets[head];
    const tail = (head + this.length - 1) & mask;
    const tailTicket = this.tickets[tail];
    if (ticket < headTicket || ticket > tailTicket) return -1;
    // Entries pushed since the last sweep sit at their distance in tickets from the tail, and
    // those before a sweep's first gap at theirs from the head: the common cases are O(1).
    const fromTail = tailTicket - ticket;
    if (fromTail < this.length) {
      const at = (tail - fromTail) & mask;
      if (this.tickets[at] === ticket) return at;
    }
    const fromHead = ticket - headTicket;
    if (fromHead < this.length) {
      const at = (head + fromHead) & mask;
      if (this.tickets[at] === ticket) return at;
    }
    // Between two gaps a sweep left: tickets grow from head to tail.
    let low = 0;
    let high = this.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const at = (head + middle) & mask;
      const found = this.tickets[at];
      if (found === ticket) return at;
      if (found < ticket) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** Frees cancelled entries at the head, so the head is pending or the lane empty. */
  private dropCancelledHead(): void {
    const mask = this.tickets.length - 1;
    while (this.length > this.pending && this.callbacks[this.head] === undefined) {
      this.head = (this.head + 1) & mask;
      this.length--;
    }
  }

  private sweep(): void {
    const mask = this.tickets.length - 1;
    let kept = 0;
    for (let i = 0; i < this.length; i++) {
      const from = (this.head + i) & mask;
      const callback = this.callbacks[from];
      if (callback === undefined) continue;
      const to = (this.head + kept++) & mask;
      this.times[to] = this.times[from];
      this.sequences[to] = this.sequences[from];
      this.tickets[to] = this.tickets[from];
      this.callbacks[to] = callback;
      this.args[to] = this.args[from];
    }
    for (let i = kept; i < this.length; i++) {
      const at = (this.head + i) & mask;
      this.callbacks[at] = undefined;
      this.args[at] = undefined;
    }
    this.length = kept;
    // The survivors moved: only entries pushed from now on are at their direct places.
    this.directFrom = this.nextTicket;
    this.directBase = this.nextTicket - (this.head + this.length);
  }

  private grow(): void {
    const capacity = this.tickets.length * 2;
    const mask = this.tickets.length - 1;
    const times = new Float64Array(capacity);
    const sequences = new Float64Array(capacity);
    const tickets = new Float64Array(capacity);
    const callbacks = new Array<LaneCallback>(capacity).fill(undefined);
    const args = new Array<unknown>(capacity).fill(undefined);
    for (let i = 0; i < this.length; i++) {
      const from = (this.head + i) & mask;
      times[i] = this.times[from];
      sequences[i] = this.sequences[from];
      tickets[i] = this.tickets[from];
      callbacks[i] = this.callbacks[from];
      args[i] = this.args[from];
    }
    this.times = times;
    this.sequences = sequences;
    this.tickets = tickets;
    this.callbacks = callbacks;
    this.args = args;
    this.head = 0;
    // Entries keep their order and spacing: those pushed since the last sweep, the last ones,
    // end at length - 1, where the last ticket handed out now sits.
    this.directBase = this.nextTicket - this.length;
  }
}

/**
 * The simulator's delay lanes, one per distinct delay asked for, numbered from 0 in the order
 * they were asked for; the first MAX_RING_LANES have rings.
 */
export class DelayLanes {
  /** Pending events in all rings. */
  pending = 0;
  /** The rings, by lane number. */
  readonly rings: DelayLane[] = [];
  private readonly delays: number[] = [];
  private readonly laneOfDelay = new Map<number, number>();

  /** The number of the lane of `delaySeconds` (finite, >= 0), made on first use. */
  laneFor(delaySeconds: number): number {
    let lane = this.laneOfDelay.get(delaySeconds);
    if (lane === undefined) {
      lane = this.delays.length;
      this.delays.push(delaySeconds);
      if (lane < MAX_RING_LANES) this.rings.push(new DelayLane(delaySeconds));
      this.laneOfDelay.set(delaySeconds, lane);
    }
    return lane;
  }

  /** The delay of lane `lane`; undefined when there is no such lane. */
  delayOf(lane: number): number | undefined {
    return this.delays[lane];
  }

  /**
   * The lane whose head event comes before (time, sequence) (the heap's earliest event), or -1.
   * Ties of time go by sequence, as in the heap: the order is the one a single heap would give.
   */
  firstBefore(time: number, sequence: number): number {
    let first = -1;
    let firstTime = time;
    let firstSequence = sequence;
    const rings = this.rings;
    for (let i = 0; i < rings.length; i++) {
      const ring = rings[i];
      if (ring.pending === 0) continue;
      const headTime = ring.headTime();
      if (headTime < firstTime || (headTime === firstTime && ring.headSequence() < firstSequence)) {
        first = i;
        firstTime = headTime;
        firstSequence = ring.headSequence();
      }
    }
    return first;
  }

  /** Removes the head event of lane `lane` (read it first through `rings`). */
  shift(lane: number): void {
    this.rings[lane].shift();
    this.pending--;
  }

  /** Cancels the pending event of `ticket` in lane `lane`; false when it is not pending. */
  cancel(lane: number, ticket: number): boolean {
    const ring = this.rings[lane];
    if (ring === undefined || !ring.cancel(ticket)) return false;
    this.pending--;
    return true;
  }

  /** True while the event of `ticket` in lane `lane` is pending. */
  isPending(lane: number, ticket: number): boolean {
    const ring = this.rings[lane];
    return ring?.isPending(ticket) === true;
  }
}
