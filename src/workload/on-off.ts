import { z } from 'zod';
import { secondsInText } from '../engine/display-units.js';
import type { Distribution } from '../engine/distributions.js';
import type { RandomStream } from '../engine/random.js';
import { RunawaySimulationError } from '../engine/simulator.js';
import type { ArrivalDefinition, ArrivalProcess } from './arrival-pattern.js';

/** How messages follow one another inside the on periods. */
const WITHIN = ['constant', 'poisson'] as const;

/** The resolved `arrivals: { on-off: ... }`. */
export interface OnOffParameters {
  /** Length of each on period (s). */
  on: Distribution;
  /** Length of each off period (s). */
  off: Distribution;
  within: (typeof WITHIN)[number];
}

/**
 * Rounding slack of the end of an on period, relative to its length: a message due there
 * (on: 2.5ms at 1000/s puts every second burst's third message exactly at the end) belongs to
 * the next period even when the sums that place it come out an ulp short.
 */
const END_SLACK = 1e-12;

/**
 * The on-time clock of the messages: offsets into the current on period. Its phase carries over
 * from one period to the next (the clock stops while off), so that the messages come at `rate`
 * over the on-time in all, whatever the periods' lengths.
 */
interface BurstClock {
  /** Offset of the first message into the first period. */
  first(): number;
  /** Offset of the next message into the current period. */
  next(): number;
  /** Starts a new period `carried` seconds of on-time before the next message is due; returns it. */
  carry(carried: number): number;
}

/** One message every 1/rate of on-time, the first at the start of the first period. */
function periodicClock(rate: number): BurstClock {
  // base + k/rate, not summed gaps (see the constant pattern): a burst of 10ms at 1000/s holds
  // exactly ten messages, and the next burst starts on the dot.
  let base = 0;
  let index = 0;
  return {
    first: () => {
      base = 0;
      index = 0;
      return 0;
    },
    next: () => base + ++index / rate,
    carry: (carried) => {
      base = carried;
      index = 0;
      return carried;
    },
  };
}

/** Exponential gaps of on-time with mean 1/rate: a Poisson process while on. */
function poissonClock(rate: number, random: RandomStream): BurstClock {
  const draw = () => -Math.log(1 - random()) / rate;
  let offset = 0;
  return {
    first: () => {
      offset = draw();
      return offset;
    },
    next: () => {
      offset += draw();
      return offset;
    },
    carry: (carried) => {
      offset = carried;
      return carried;
    },
  };
}

/**
 * On periods one message may wait through, at most: past it the periods are so much shorter
 * than the gaps between messages that the run would spend minutes passing over them.
 */
const MAX_PERIODS_PER_MESSAGE = 1_000_000;

/** Periods past which constant periods are passed over at once (below: one by one, as always). */
const JUMP_AT = 1024;

/** Nanoseconds per second: constant periods of whole nanoseconds start on an exact grid. */
const NANOSECONDS = 1e9;

/**
 * The length of one on period plus one off period in nanoseconds, when both are constant and
 * whole nanoseconds: the n-th period then starts at start + n·cycle rounded once. Summed, the
 * lengths drift (10ms + 90ms is 0.09999999999999999 s, and ten cycles fall short of a stop at
 * 1 s, which would let an eleventh burst begin).
 */
function cycleNanoseconds(parameters: OnOffParameters): number | undefined {
  const { on, off } = parameters;
  if (!on.isConstant || !off.isConstant) return undefined;
  const whole = (seconds: number) => {
    const nanoseconds = Math.round(seconds * NANOSECONDS);
    return nanoseconds / NANOSECONDS === seconds ? nanoseconds : undefined;
  };
  const onNanoseconds = whole(on.mean);
  const offNanoseconds = whole(off.mean);
  return onNanoseconds === undefined || offNanoseconds === undefined
    ? undefined
    : onNanoseconds + offNanoseconds;
}

/** Alternating on and off periods, the first on period beginning at start. */
class OnOffProcess implements ArrivalProcess {
  private origin = 0;
  private periods = 0;
  private periodStart = 0;
  private periodLength = 0;
  private readonly cycleNanoseconds: number | undefined;

  constructor(
    private readonly parameters: OnOffParameters,
    private readonly clock: BurstClock,
    private readonly onRandom: RandomStream,
    private readonly offRandom: RandomStream,
  ) {
    this.cycleNanoseconds = cycleNanoseconds(parameters);
  }

  firstTime(start: number): number {
    this.origin = start;
    this.periods = 0;
    this.periodStart = start;
    this.periodLength = this.parameters.on.sample(this.onRandom);
    return this.place(this.clock.first());
  }

  nextTime(): number {
    return this.place(this.clock.next());
  }

  /**
   * The time of the message due `offset` seconds of on-time into the current period: on
   * periods are [begin, end), so one due at the end or later waits for the next (or a later)
   * on period, with what is left of its gap.
   */
  private place(offset: number): number {
    let due = offset;
    let skipped = 0;
    while (due >= this.periodLength * (1 - END_SLACK)) {
      if (++skipped > MAX_PERIODS_PER_MESSAGE) throw this.runaway();
      // Constant periods on the nanosecond grid: many periods, far shorter than the gap
      // between messages, are passed over at once rather than one by one.
      const whole = Math.floor(due / this.periodLength);
      if (whole > JUMP_AT && this.cycleNanoseconds !== undefined) {
        this.periods += whole - 1;
        due -= (whole - 1) * this.periodLength;
      }
      const carried = Math.max(0, due - this.periodLength);
      this.nextPeriod();
      due = this.clock.carry(carried);
    }
    return this.periodStart + due;
  }

  private runaway(): RunawaySimulationError {
    return new RunawaySimulationError(
      `an on/off workload passed more than ${MAX_PERIODS_PER_MESSAGE.toLocaleString('en')} on periods ` +
        `before its next message, at t=${secondsInText(this.periodStart)} s: its on periods are far ` +
        'shorter than the time between its messages (1/rate); lengthen them or raise the rate',
      this.periodStart,
    );
  }

  private nextPeriod(): void {
    const off = this.parameters.off.sample(this.offRandom);
    this.periods++;
    this.periodStart =
      this.cycleNanoseconds === undefined
        ? this.periodStart + this.periodLength + off
        : this.origin + (this.periods * this.cycleNanoseconds) / NANOSECONDS;
    this.periodLength = this.parameters.on.sample(this.onRandom);
  }
}

/** On/off bursts: messages at `rate` during on periods, none during off periods. */
export const onOff: ArrivalDefinition<OnOffParameters> = {
  id: 'on-off',
  description:
    'bursts: on and off periods alternate (the first on period at start); messages at rate while on, none while off',
  usesRate: true,
  allAtOnce: false,
  parameters: ({ timeDistribution }) =>
    z.strictObject({
      // On periods of length 0 would never create a message: the run would look for one forever.
      on: timeDistribution({ positive: true }).meta({
        description: 'length of each on period, a time or a distribution (drawn anew for each)',
      }),
      off: timeDistribution().meta({
        description: 'length of each off period, a time or a distribution (drawn anew for each)',
      }),
      within: z.enum(WITHIN).default('constant').meta({
        description:
          'messages while on: constant (one every 1/rate of on-time) or poisson (exponential gaps)',
      }),
    }),
  create: ({ rateMessagesPerSecond: rate, parameters, random }) =>
    new OnOffProcess(
      parameters,
      parameters.within === 'poisson' ? poissonClock(rate, random()) : periodicClock(rate),
      random('on'),
      random('off'),
    ),
};
