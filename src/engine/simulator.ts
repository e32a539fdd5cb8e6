import { DelayLanes, MAX_RING_LANES } from './delay-lanes.js';
import { secondsInText } from './display-units.js';
import { EventQueue } from './event-queue.js';

/** A function run when its event fires; `arg` is the value given to `schedule`. */
export type EventCallback<A = unknown> = (arg: A) => void;

/**
 * Opaque number naming one scheduled event, for `cancel`; never negative. A heap event's is
 * `slot + 2^25 * generation`, where the generation counts the uses of the event's slot, so
 * cancelling an event that already ran (or was cancelled) is a no-op even once its slot holds a
 * newer event. A lane event's is `2^52 + 8 * ticket + lane`: tickets are never reused.
 */
export type EventHandle = number;

/**
 * Names a delay lane of one simulator (see `Simulator.lane`): a small non-negative number.
 */
export type LaneId = number;

const SLOT_SPACE = 2 ** 25;
// Decoding multiplies by these exact powers of two: a float division takes several times longer.
const PER_SLOT_SPACE = 2 ** -25;
// Generations wrap after 2^27 uses of one slot: a heap event's handle stays below 2^52.
const GENERATION_MASK = 2 ** 27 - 1;
/** Lane events' handles start here, above every heap event's. */
const LANE_HANDLE_BASE = 2 ** 52;
/** Lane numbers a lane handle can hold: those with rings. */
const LANE_CODES = MAX_RING_LANES;
const PER_LANE_CODES = 1 / LANE_CODES;
/**
 * A lane handle's low bits, its lane: `handle & LANE_BITS` reads them off the exact integer
 * (handles stay below 2^53, and 2^52 is a multiple of LANE_CODES) in one truncation, where
 * Math.floor of a quotient rounded and converted on the path of every timer's cancel.
 */
const LANE_BITS = LANE_CODES - 1;

/** Thrown when a model's handler throws: carries the simulated time and the event's label. */
export class SimulationError extends Error {
  constructor(
    message: string,
    readonly simulatedTime: number,
    readonly eventLabel: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SimulationError';
  }
}

/** Thrown when a run exceeds its safety limits (runaway event growth, too many events). */
export class RunawaySimulationError extends Error {
  /**
   * @param raisableLimit the limit the run went past when its user may raise it (`maxEvents`:
   * the caller's option for it, e.g. a command line's, is worth naming beside the message).
   */
  constructor(
    message: string,
    readonly simulatedTime: number,
    readonly raisableLimit?: 'maxEvents',
  ) {
    super(message);
    this.name = 'RunawaySimulationError';
  }
}

/**
 * Thrown when an event would fall due past the largest time a float64 clock can hold (about
 * 1.8e308 s): the run cannot go on, because a time, rate or size of the scenario is too large to
 * simulate (an MTTF of 1e308 s, a bandwidth of 1e-300 bit/s). Not a bug of the model, so callers
 * report it as bad input, like RunawaySimulationError.
 */
export class ClockOverflowError extends Error {
  /**
   * @param simulatedTime the time the run reached.
   * @param eventLabel the name of the event that could not be scheduled.
   */
  constructor(
    message: string,
    readonly simulatedTime: number,
    readonly eventLabel: string,
  ) {
    super(message);
    this.name = 'ClockOverflowError';
  }
}

/** Limits that turn a run that cannot end into a clear error instead of a hang. */
export interface SimulatorLimits {
  /** Most events pending at once (default 2^22, at most 2^25). */
  maxPendingEvents: number;
  /** Most events one `run` call may execute (default Infinity). */
  maxEvents: number;
  /** Most events that may run without simulated time moving (default 2^24), checked coarsely. */
  maxEventsAtOneInstant: number;
}

/** Options of one `run` call. */
export interface RunOptions {
  /** Stop before the first event later than this simulated time, and advance `now` to it. */
  until?: number;
  /** Called every `progressEvery` events with the current time and event count. */
  onProgress?: (now: number, executedEvents: number) => void;
  /** Events between two progress calls (default 2^18): never on every event. */
  progressEvery?: number;
}

/** Why a `run` call returned. */
export type RunEnd = 'empty' | 'until' | 'stopped';

/**
 * The discrete-event kernel: a clock and a pending-event set ordered by (time, sequence), so two
 * events at the same instant run in the order they were scheduled and a run is a pure function
 * of its inputs. One instance per run; no globals.
 */
export class Simulator {
  /** Current simulated time in seconds. */
  now = 0;
  /** Events executed so far, over all `run` calls. */
  executedEvents = 0;

  private readonly queue: EventQueue;
  private readonly lanes: DelayLanes;
  private callbacks: (EventCallback<never> | undefined)[] = [];
  private args: unknown[] = [];
  // By slot: the generation of the slot's latest event (see EventHandle). Counting per slot
  // rather than deriving it from the sequence number keeps a float modulo (a C call in V8) off
  // schedule and cancel.
  private generations = new Int32Array(1024);
  private readonly maxPendingEvents: number;
  // maxPendingEvents less the pending lane events, kept up to date on the lane paths, so that
  // `insert` stays exactly as small as before lanes existed: with the lanes' count added there,
  // a profile of pingpong-full-stack showed `insert` no longer inlined into the transport's
  // timer code (and 5-7% more CPU in most paired runs).
  private heapEventLimit: number;
  private nextSequence = 0;
  private stopRequested = false;
  private readonly limits: SimulatorLimits;

  constructor(limits: Partial<SimulatorLimits> = {}) {
    this.limits = {
      // Each pending event holds a packet or timer too: 2^22 of them fit in Node's default heap.
      maxPendingEvents: 2 ** 22,
      maxEvents: Number.POSITIVE_INFINITY,
      maxEventsAtOneInstant: 2 ** 24,
      ...limits,
    };
    this.maxPendingEvents = this.limits.maxPendingEvents;
    this.heapEventLimit = this.maxPendingEvents;
    // More pending events than slot numbers below 2^25 would make two handles name one slot.
    if (!(this.maxPendingEvents <= SLOT_SPACE)) {
      throw new RangeError(`maxPendingEvents must be at most 2^25, got ${this.maxPendingEvents}`);
    }
    this.queue = new EventQueue(1024);
    this.lanes = new DelayLanes();
  }

  /** Number of events waiting to run (cancelled ones not counted). */
  get pendingEvents(): number {
    return this.queue.size + this.lanes.pending;
  }

  /**
   * The lane of a constant delay: `scheduleInLane(lane, …)` runs its event `delaySeconds` from
   * now, exactly as `schedule(delaySeconds, …)` would (same instant, same place among events of
   * that instant), but in O(1): the events of one delay are due in the order they were
   * scheduled, so the lane is a FIFO beside the heap. Worth it for a delay many events share (a
   * link's propagation, a fixed timeout). Everyone asking for the same delay gets the same lane.
   * Only the first MAX_RING_LANES delays get a FIFO; later ones are lanes by name only (their
   * events go through the heap, in the same order), so the loop's scan of lane heads stays short.
   * @throws RangeError when the delay is negative or not finite.
   */
  lane(delaySeconds: number): LaneId {
    if (!(delaySeconds >= 0) || delaySeconds === Number.POSITIVE_INFINITY) {
      throw badDelayError(delaySeconds, this.now);
    }
    return this.lanes.laneFor(delaySeconds);
  }

  /**
   * Schedules `callback(arg)` to run the lane's delay from now; the handle works with `cancel`
   * and `isPending` like any other.
   * @throws RangeError when `lane` is not a lane of this simulator; ClockOverflowError when the
   * event would fall past the largest time the clock can hold.
   */
  scheduleInLane<A>(lane: LaneId, callback: EventCallback<A>, arg?: A): EventHandle {
    const ring = this.lanes.rings[lane];
    if (ring === undefined) return this.scheduleInHeapLane(lane, callback, arg);
    // queue.size + lanes.pending >= maxPendingEvents, as heapEventLimit counts the lanes' events.
    if (this.queue.size >= this.heapEventLimit) throw pendingLimitError(this.maxPendingEvents, this.now);
    // The lane's delay is finite (see `lane`), but now plus it may still pass the largest double.
    const time = this.now + ring.delaySeconds;
    if (time === Number.POSITIVE_INFINITY) throw scheduleError(ring.delaySeconds, this.now, callback);
    const ticket = ring.push(time, this.nextSequence++, callback as EventCallback<never>, arg);
    this.lanes.pending++;
    this.heapEventLimit--;
    return LANE_HANDLE_BASE + ticket * LANE_CODES + lane;
  }

  /** `scheduleInLane` for a lane without a ring (or no lane at all), out of the ring path. */
  private scheduleInHeapLane<A>(lane: LaneId, callback: EventCallback<A>, arg: A | undefined): EventHandle {
    const delaySeconds = this.lanes.delayOf(lane);
    if (delaySeconds === undefined) throw new RangeError(`no delay lane ${lane} in this simulator`);
    const time = this.now + delaySeconds;
    if (time === Number.POSITIVE_INFINITY) throw scheduleError(delaySeconds, this.now, callback);
    return this.insert(time, callback, arg);
  }

  /**
   * Schedules `callback(arg)` to run `delaySeconds` from now.
   * @throws RangeError when the delay is negative or NaN; ClockOverflowError when the event would
   * fall past the largest time the clock can hold (an infinite delay included).
   */
  schedule<A>(delaySeconds: number, callback: EventCallback<A>, arg?: A): EventHandle {
    // Testing the sum, not the delay, costs no more: now is finite, so the time is infinite
    // exactly when the delay is or the sum passes the largest double.
    const time = this.now + delaySeconds;
    if (!(delaySeconds >= 0) || time === Number.POSITIVE_INFINITY) {
      throw scheduleError(delaySeconds, this.now, callback);
    }
    return this.insert(time, callback, arg);
  }

  /**
   * Schedules `callback(arg)` at absolute simulated time `time` (not before now).
   * @throws RangeError when `time` lies in the past or is NaN; ClockOverflowError when it is
   * infinite (past the largest time the clock can hold).
   */
  scheduleAt<A>(time: number, callback: EventCallback<A>, arg?: A): EventHandle {
    if (!(time >= this.now) || time === Number.POSITIVE_INFINITY)
      throw scheduleAtError(time, this.now, callback);
    return this.insert(time, callback, arg);
  }

  /** Cancels a pending event; returns false if it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    if (handle >= LANE_HANDLE_BASE) {
      const lane = handle & LANE_BITS;
      if (!this.lanes.cancel(lane, (handle - LANE_HANDLE_BASE - lane) * PER_LANE_CODES)) return false;
      this.heapEventLimit++;
      return true;
    }
    const generation = Math.floor(handle * PER_SLOT_SPACE);
    const slot = handle - generation * SLOT_SPACE;
    // The generation test first: a handle of an event that ran fails it unless its slot was
    // reused 2^27 times since; remove then rejects slots holding no pending event.
    if (this.generations[slot] !== generation || !this.queue.remove(slot)) return false;
    this.callbacks[slot] = undefined;
    this.args[slot] = undefined;
    return true;
  }

  /** True while the event named by `handle` is still pending. */
  isPending(handle: EventHandle): boolean {
    if (handle >= LANE_HANDLE_BASE) {
      const lane = handle & LANE_BITS;
      return this.lanes.isPending(lane, (handle - LANE_HANDLE_BASE - lane) * PER_LANE_CODES);
    }
    const generation = Math.floor(handle * PER_SLOT_SPACE);
    const slot = handle - generation * SLOT_SPACE;
    return this.generations[slot] === generation && this.queue.isPending(slot);
  }

  /** Asks the running loop to return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Runs events in (time, sequence) order until the queue is empty, the next event lies after
   * `until`, or a handler calls `stop()`. With a finite `until`, a run that empties the queue
   * still ends with `now = until`.
   * @throws RangeError when `until` lies before now or is NaN, or `progressEvery` is not >= 1;
   * SimulationError when a handler throws; RunawaySimulationError past the limits.
   */
  run(options: RunOptions = {}): RunEnd {
    const until = options.until ?? Number.POSITIVE_INFINITY;
    const progressEvery = options.progressEvery ?? 2 ** 18;
    const onProgress = options.onProgress;
    // A past `until` would move the clock backwards; NaN would be ignored silently.
    if (!(until >= this.now)) throw new RangeError(`cannot run until t=${until}: now is t=${this.now}`);
    // NaN would disable the maxEvents check; 0 would report progress on every event.
    if (!(progressEvery >= 1)) throw new RangeError(`progressEvery must be at least 1, got ${progressEvery}`);
    const queue = this.queue;
    const lanes = this.lanes;
    const maxEvents = this.limits.maxEvents;
    const firstEvent = this.executedEvents;
    // Checks run every progressEvery events, and once more just past the event limit, exactly.
    const lastAllowed = firstEvent + maxEvents;
    let nextCheck = Math.min(firstEvent + progressEvery, lastAllowed + 1);
    let timeAtLastCheck = Number.NaN;
    let eventsSinceTimeMoved = 0;
    this.stopRequested = false;
    let callback: EventCallback<unknown> | undefined;
    try {
      for (;;) {
        if (this.stopRequested) return 'stopped';
        // The earliest event is the heap's or a lane head's (lane -1: the heap's). Without lane
        // events the loop pays one comparison for lanes; with some, nothing is empty.
        let time = queue.peekTime();
        let lane = -1;
        if (lanes.pending !== 0) {
          lane = lanes.firstBefore(time, queue.peekSequence());
          if (lane >= 0) time = lanes.rings[lane].headTime();
        } else if (queue.size === 0) {
          if (until !== Number.POSITIVE_INFINITY) this.now = until;
          return 'empty';
        }
        if (time > until) {
          this.now = until;
          return 'until';
        }
        let arg: unknown;
        if (lane < 0) {
          const slot = queue.popSlot();
          callback = this.callbacks[slot] as EventCallback<unknown>;
          arg = this.args[slot];
          this.callbacks[slot] = undefined;
          this.args[slot] = undefined;
        } else {
          const ring = lanes.rings[lane];
          callback = ring.headCallback() as EventCallback<unknown>;
          arg = ring.headArg();
          lanes.shift(lane);
          this.heapEventLimit++;
        }
        this.now = time;
        callback(arg);
        if (++this.executedEvents >= nextCheck) {
          nextCheck = Math.min(nextCheck + progressEvery, lastAllowed + 1);
          if (this.executedEvents - firstEvent > maxEvents) {
            throw new RunawaySimulationError(
              `the run executed more than ${maxEvents} events and was stopped at t=${secondsInText(this.now)} s; ` +
                'give the scenario a shorter duration, or raise the limit on events',
              this.now,
              'maxEvents',
            );
          }
          if (this.now !== timeAtLastCheck) {
            timeAtLastCheck = this.now;
            eventsSinceTimeMoved = 0;
          } else {
            eventsSinceTimeMoved += progressEvery;
          }
          if (eventsSinceTimeMoved > this.limits.maxEventsAtOneInstant) {
            throw new RunawaySimulationError(
              `simulated time stopped advancing at t=${secondsInText(this.now)} s: more than ` +
                `${this.limits.maxEventsAtOneInstant} events ran at that instant (a zero-delay loop)`,
              this.now,
            );
          }
          onProgress?.(this.now, this.executedEvents);
        }
      }
    } catch (error) {
      // Errors of the run itself reach the caller as they are; only a model's own failure is wrapped.
      if (
        error instanceof RunawaySimulationError ||
        error instanceof ClockOverflowError ||
        error instanceof SimulationError
      ) {
        throw error;
      }
      const label = callback?.name || 'anonymous event';
      throw new SimulationError(
        `a handler failed at t=${secondsInText(this.now)} s (${label}): ${(error as Error)?.message ?? String(error)}`,
        this.now,
        label,
        { cause: error },
      );
    }
  }

  private insert<A>(time: number, callback: EventCallback<A>, arg: A | undefined): EventHandle {
    if (this.queue.size >= this.heapEventLimit) throw pendingLimitError(this.maxPendingEvents, this.now);
    const slot = this.queue.push(time, this.nextSequence++);
    return this.bind(slot, callback, arg);
  }

  /** Gives `slot` its event and returns the event's handle (a new generation of the slot). */
  private bind<A>(slot: number, callback: EventCallback<A>, arg: A | undefined): EventHandle {
    this.callbacks[slot] = callback as EventCallback<never>;
    this.args[slot] = arg;
    if (slot >= this.generations.length) this.growGenerations();
    const generation = (this.generations[slot] + 1) & GENERATION_MASK;
    this.generations[slot] = generation;
    return slot + SLOT_SPACE * generation;
  }

  private growGenerations(): void {
    // Slots follow the pending heap events, which maxPendingEvents keeps within 2^25; past 2^25
    // two handles would name one slot, so this stays a hard stop should that ever change.
    if (this.queue.allocatedSlots > SLOT_SPACE) throw pendingLimitError(SLOT_SPACE, this.now);
    const generations = new Int32Array(this.queue.allocatedSlots);
    generations.set(this.generations);
    this.generations = generations;
  }
}

// The errors of the scheduling path are built out of line: a template literal adds enough
// bytecode to `schedule` that V8 stops inlining the whole schedule -> push -> siftUp chain into
// the handlers that call it.

function badDelayError(delaySeconds: number, now: number): RangeError {
  return new RangeError(`cannot schedule an event ${delaySeconds} s from now (t=${now})`);
}

/** Why `schedule` refused a delay: a bug of the model (negative, NaN) or a clock overflow. */
function scheduleError(delaySeconds: number, now: number, callback: EventCallback<never>): Error {
  if (!(delaySeconds >= 0)) return badDelayError(delaySeconds, now);
  return clockOverflowError(delaySeconds, now, callback);
}

/** Why `scheduleAt` refused a time: in the past or NaN (a bug of the model), or infinite. */
function scheduleAtError(time: number, now: number, callback: EventCallback<never>): Error {
  if (time === Number.POSITIVE_INFINITY) return clockOverflowError(time, now, callback);
  return new RangeError(`cannot schedule an event at t=${time}: now is t=${now}`);
}

function clockOverflowError(
  delaySeconds: number,
  now: number,
  callback: EventCallback<never>,
): ClockOverflowError {
  const label = callback.name || 'anonymous event';
  const later =
    delaySeconds === Number.POSITIVE_INFINITY ? 'an infinite time' : `${secondsInText(delaySeconds)} s`;
  return new ClockOverflowError(
    `the run cannot go on at t=${secondsInText(now)} s: event ${label} would fall ${later} later, ` +
      `past the largest time the clock can hold (${secondsInText(Number.MAX_VALUE)} s): ` +
      'a time, rate or size of the scenario is too large to simulate',
    now,
    label,
  );
}

function pendingLimitError(limit: number, now: number): RunawaySimulationError {
  return new RunawaySimulationError(
    `more than ${limit} events are pending at t=${secondsInText(now)} s: ` +
      'the model schedules events faster than it consumes them (runaway event growth)',
    now,
  );
}
