import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RING_LANES } from '../../src/engine/delay-lanes.js';
import { RunawaySimulationError, Simulator } from '../../src/engine/simulator.js';

/** A simulator plus a log of `time:name` entries written by the events it runs. */
function story() {
  const sim = new Simulator();
  const log: string[] = [];
  const note = (name: string) => () => log.push(`${sim.now}:${name}`);
  return { sim, log, note };
}

describe('Simulator: delay lanes, small cases', () => {
  it('gives one lane per delay value, shared by everyone asking for it', () => {
    const sim = new Simulator();
    const a = sim.lane(0.001);
    expect(sim.lane(0.002)).not.toBe(a);
    expect(sim.lane(0.001)).toBe(a);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => sim.lane(bad)).toThrow(RangeError);
    expect(() => sim.scheduleInLane(7, () => {})).toThrow(RangeError);
  });

  it('runs a lane event at now + delay, the same float schedule gives', () => {
    const { sim, log, note } = story();
    const lane = sim.lane(0.1);
    sim.schedule(0.2, () => sim.scheduleInLane(lane, note('lane')));
    sim.schedule(0.2, () => sim.schedule(0.1, note('heap')));
    sim.run();
    // 0.2 + 0.1 is 0.30000000000000004, not 0.3: both paths land on it, lane first (scheduled first).
    expect(log).toEqual(['0.30000000000000004:lane', '0.30000000000000004:heap']);
  });

  it('breaks ties between lane and heap events at one instant by scheduling order', () => {
    const { sim, log, note } = story();
    const two = sim.lane(2);
    const one = sim.lane(1);
    sim.schedule(2, note('h0'));
    sim.scheduleInLane(two, note('L2a'));
    sim.scheduleAt(2, note('h1'));
    sim.schedule(1, () => {
      sim.scheduleInLane(one, note('L1'));
      sim.schedule(1, note('h2'));
    });
    sim.scheduleInLane(two, note('L2b'));
    expect(sim.pendingEvents).toBe(5);
    expect(sim.run()).toBe('empty');
    // Sequences: h0 0, L2a 1, h1 2, (timer at 1) 3, L2b 4, then at t=1: L1 5, h2 6.
    expect(log).toEqual(['2:h0', '2:L2a', '2:h1', '2:L2b', '2:L1', '2:h2']);
    expect(sim.executedEvents).toBe(7);
  });

  it('cancels the head, a middle and the tail event of a lane through the usual handles', () => {
    const { sim, log, note } = story();
    const lane = sim.lane(5);
    const handles = ['a', 'b', 'c', 'd', 'e'].map((name) => sim.scheduleInLane(lane, note(name)));
    expect(handles.every((handle) => sim.isPending(handle))).toBe(true);
    expect(sim.cancel(handles[0])).toBe(true);
    expect(sim.cancel(handles[2])).toBe(true);
    expect(sim.cancel(handles[4])).toBe(true);
    expect(sim.cancel(handles[2])).toBe(false);
    expect(handles.map((handle) => sim.isPending(handle))).toEqual([false, true, false, true, false]);
    expect(sim.pendingEvents).toBe(2);
    sim.run();
    expect(log).toEqual(['5:b', '5:d']);
    expect(sim.pendingEvents).toBe(0);
    expect(handles.some((handle) => sim.isPending(handle) || sim.cancel(handle))).toBe(false);
  });

  it('cancels a lane event from a handler, and a stale handle never cancels a later event', () => {
    const { sim, log, note } = story();
    const lane = sim.lane(1);
    const timer = sim.scheduleInLane(lane, note('timeout'));
    sim.schedule(0.5, () => {
      expect(sim.cancel(timer)).toBe(true);
      sim.scheduleInLane(lane, note('rearmed'));
    });
    sim.run();
    expect(log).toEqual(['1.5:rearmed']);
    // A new event in the same lane has a handle of its own: the old one still names nothing.
    const fresh = sim.scheduleInLane(lane, note('fresh'));
    expect(sim.cancel(timer)).toBe(false);
    expect(sim.isPending(fresh)).toBe(true);
    sim.run();
    expect(log).toEqual(['1.5:rearmed', '2.5:fresh']);
  });

  it('sweeps many events cancelled behind a pending head, keeping the others in order', () => {
    const { sim, log, note } = story();
    const lane = sim.lane(10);
    sim.scheduleInLane(lane, note('head'));
    // A heap event due at the same instant, scheduled before those behind: swept entries keep their sequences.
    sim.schedule(10, note('heap'));
    const behind = Array.from({ length: 3000 }, (_, i) => sim.scheduleInLane(lane, note(`b${i}`)));
    // Cancel all but every 500th: past 1024 cancelled entries behind the head, the lane sweeps them.
    behind.forEach((handle, i) => {
      if (i % 500 !== 499) expect(sim.cancel(handle)).toBe(true);
    });
    expect(sim.pendingEvents).toBe(2 + 6);
    behind.forEach((handle, i) => {
      expect(sim.isPending(handle)).toBe(i % 500 === 499);
    });
    // After the sweep, old handles still name nothing, and new events get handles of their own.
    const later = Array.from({ length: 300 }, (_, i) => sim.scheduleInLane(lane, note(`c${i}`)));
    behind.forEach((handle, i) => {
      if (i % 500 !== 499) expect(sim.cancel(handle)).toBe(false);
    });
    expect(sim.pendingEvents).toBe(308);
    for (const handle of later.slice(1)) sim.cancel(handle);
    sim.run();
    expect(log).toEqual([
      '10:head',
      '10:heap',
      '10:b499',
      '10:b999',
      '10:b1499',
      '10:b1999',
      '10:b2499',
      '10:b2999',
      '10:c0',
    ]);
  });

  it('stops at until before a later lane event and resumes; stop() returns after a lane event', () => {
    const { sim, log, note } = story();
    const lane = sim.lane(3);
    sim.scheduleInLane(lane, () => {
      log.push(`${sim.now}:first`);
      sim.stop();
    });
    sim.scheduleInLane(lane, note('second'));
    expect(sim.run({ until: 2 })).toBe('until');
    expect(sim.now).toBe(2);
    expect(log).toEqual([]);
    sim.scheduleInLane(lane, note('third'));
    expect(sim.run()).toBe('stopped');
    expect(log).toEqual(['3:first']);
    expect(sim.pendingEvents).toBe(2);
    // `third` (scheduled at 2) is due at 5 = until: it runs, then the queue is dry.
    expect(sim.run({ until: 5 })).toBe('empty');
    expect(log).toEqual(['3:first', '3:second', '5:third']);
    expect(sim.now).toBe(5);
  });

  it('keeps the order past MAX_RING_LANES delays, whose lanes go through the heap', () => {
    const { sim, log, note } = story();
    const lanes = Array.from({ length: MAX_RING_LANES + 2 }, (_, i) => sim.lane(i + 1));
    expect(new Set(lanes).size).toBe(MAX_RING_LANES + 2);
    for (let i = lanes.length - 1; i >= 0; i--) {
      sim.scheduleInLane(lanes[i], note(`x${i}`));
      sim.schedule(i + 1, note(`h${i}`));
    }
    const last = sim.scheduleInLane(lanes[lanes.length - 1], note('cancelled'));
    expect(sim.isPending(last)).toBe(true);
    expect(sim.cancel(last)).toBe(true);
    expect(sim.pendingEvents).toBe(2 * lanes.length);
    sim.run();
    expect(log).toEqual(lanes.flatMap((_, i) => [`${i + 1}:x${i}`, `${i + 1}:h${i}`]));
  });

  it('counts lane events against maxPendingEvents', () => {
    const sim = new Simulator({ maxPendingEvents: 3 });
    const lane = sim.lane(1);
    sim.schedule(1, () => {});
    sim.scheduleInLane(lane, () => {});
    const third = sim.scheduleInLane(lane, () => {});
    expect(() => sim.scheduleInLane(lane, () => {})).toThrow(RunawaySimulationError);
    expect(() => sim.schedule(1, () => {})).toThrow(RunawaySimulationError);
    sim.cancel(third);
    expect(() => sim.schedule(1, () => {})).not.toThrow();
    // Once the lane events ran, their room is the heap's again.
    sim.run();
    for (let i = 0; i < 3; i++) sim.schedule(1, () => {});
    expect(() => sim.schedule(1, () => {})).toThrow(RunawaySimulationError);
    expect(() => sim.scheduleInLane(lane, () => {})).toThrow(RunawaySimulationError);
  });
});

/** The reference: every pending event in one array, the earliest by (time, sequence) run first. */
class ReferenceKernel {
  now = 0;
  private sequence = 0;
  private pending: { time: number; sequence: number; run: () => void }[] = [];

  get size(): number {
    return this.pending.length;
  }

  schedule(delay: number, run: () => void): number {
    const sequence = this.sequence++;
    this.pending.push({ time: this.now + delay, sequence, run });
    return sequence;
  }

  isPending(id: number): boolean {
    return this.pending.some((event) => event.sequence === id);
  }

  cancel(id: number): boolean {
    const before = this.pending.length;
    this.pending = this.pending.filter((event) => event.sequence !== id);
    return this.pending.length < before;
  }

  run(until: number): void {
    for (;;) {
      const sorted = [...this.pending].sort((a, b) => a.time - b.time || a.sequence - b.sequence);
      const next = sorted[0];
      if (next === undefined || next.time > until) break;
      this.pending = this.pending.filter((event) => event !== next);
      this.now = next.time;
      next.run();
    }
    this.now = until;
  }
}

/** What the property drives: the simulator or the reference, behind one face. */
interface Kernel {
  readonly now: number;
  readonly pending: number;
  heap(delay: number, run: () => void): number;
  lane(delay: number, run: () => void): number;
  cancel(handle: number): boolean;
  isPending(handle: number): boolean;
  run(until: number): void;
}

function simulatorKernel(): Kernel {
  const sim = new Simulator();
  return {
    get now() {
      return sim.now;
    },
    get pending() {
      return sim.pendingEvents;
    },
    heap: (delay, run) => sim.schedule(delay, run),
    lane: (delay, run) => sim.scheduleInLane(sim.lane(delay), run),
    cancel: (handle) => sim.cancel(handle),
    isPending: (handle) => sim.isPending(handle),
    run: (until) => {
      sim.run({ until });
    },
  };
}

function referenceKernel(): Kernel {
  const ref = new ReferenceKernel();
  return {
    get now() {
      return ref.now;
    },
    get pending() {
      return ref.size;
    },
    heap: (delay, run) => ref.schedule(delay, run),
    lane: (delay, run) => ref.schedule(delay, run),
    cancel: (id) => ref.cancel(id),
    isPending: (id) => ref.isPending(id),
    run: (until) => ref.run(until),
  };
}

type Step =
  | { kind: 'heap'; delay: number; nested: number }
  | { kind: 'lane'; delay: number; nested: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'run'; span: number };

/**
 * Plays `steps` on a kernel: top-level steps in order, and each event, when it runs, plays the
 * next `nested` steps of `inner` (schedules and cancels from a handler). Returns a trace of
 * everything observable: what ran when, cancel and isPending answers, pending counts.
 */
function play(kernel: Kernel, steps: readonly Step[], inner: readonly Step[]): string[] {
  const trace: string[] = [];
  const handles: number[] = [];
  let cursor = 0;
  const apply = (step: Step): void => {
    if (step.kind === 'heap' || step.kind === 'lane') {
      const id = handles.length;
      const nested = step.nested;
      const run = (): void => {
        trace.push(`${kernel.now}:${id}`);
        for (let i = 0; i < nested && cursor < inner.length; i++) {
          const next = inner[cursor++];
          if (next.kind !== 'run') apply(next);
        }
      };
      handles.push(step.kind === 'heap' ? kernel.heap(step.delay, run) : kernel.lane(step.delay, run));
    } else if (step.kind === 'cancel') {
      if (handles.length === 0) return;
      const handle = handles[step.pick % handles.length];
      trace.push(`pending?${kernel.isPending(handle)} cancel:${kernel.cancel(handle)}`);
    } else {
      kernel.run(kernel.now + step.span);
    }
    trace.push(`n=${kernel.pending}`);
  };
  for (const step of steps) apply(step);
  kernel.run(kernel.now + 1000);
  return trace;
}

describe('Simulator: delay lanes against a sorted-list reference', () => {
  // Few delays, many of them integers: ties between lanes and the heap are frequent. Ten of
  // them: more than MAX_RING_LANES, so some lanes go through the heap.
  const delay = fc.constantFrom(0, 1, 2, 0.1, 0.3, 2.5, 0.5, 1.5, 3, 0.2);
  const nested = fc.integer({ min: 0, max: 3 });
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('lane' as const), delay, nested }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('heap' as const), delay, nested }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('run' as const), span: fc.integer({ min: 0, max: 4 }) }),
    },
  );

  it('runs, cancels and counts exactly as one sorted list would (property)', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 200 }),
        fc.array(step, { maxLength: 300 }),
        (steps, inner) => {
          expect(play(simulatorKernel(), steps, inner)).toEqual(play(referenceKernel(), steps, inner));
        },
      ),
      { numRuns: 300 },
    );
  });
});
