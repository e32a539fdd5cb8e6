import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RING_LANES } from '../../src/engine/delay-lanes.js';
import {
  ClockOverflowError,
  RunawaySimulationError,
  SimulationError,
  Simulator,
} from '../../src/engine/simulator.js';

/** A simulator plus a log of `time:name` entries written by the events it runs. */
function story() {
  const sim = new Simulator();
  const log: string[] = [];
  const note = (name: string) => () => log.push(`${sim.now}:${name}`);
  return { sim, log, note };
}

describe('Simulator: ordering and the clock', () => {
  it('runs events in time order and advances now to each event', () => {
    const { sim, log, note } = story();
    sim.schedule(3, note('c'));
    sim.schedule(1, note('a'));
    sim.scheduleAt(2, note('b'));
    sim.schedule(0, note('zero'));
    expect(sim.pendingEvents).toBe(4);
    expect(sim.run()).toBe('empty');
    expect(log).toEqual(['0:zero', '1:a', '2:b', '3:c']);
    expect(sim.now).toBe(3);
    expect(sim.executedEvents).toBe(4);
    expect(sim.pendingEvents).toBe(0);
  });

  it('passes the argument given to schedule', () => {
    const sim = new Simulator();
    const seen: unknown[] = [];
    sim.schedule(1, (packet: { id: number }) => seen.push(packet.id), { id: 42 });
    sim.scheduleAt(2, (text: string) => seen.push(text), 'hello');
    sim.run();
    expect(seen).toEqual([42, 'hello']);
  });

  it('schedules relative to the current time from inside a handler', () => {
    const { sim, log, note } = story();
    sim.schedule(1, () => {
      log.push(`${sim.now}:first`);
      sim.schedule(0.5, note('child'));
      sim.schedule(0, note('same-instant'));
    });
    sim.schedule(1.2, note('other'));
    sim.run();
    expect(log).toEqual(['1:first', '1:same-instant', '1.2:other', '1.5:child']);
  });

  it('runs events at the same time in the order they were scheduled', () => {
    const { sim, log, note } = story();
    for (const name of ['a', 'b', 'c', 'd', 'e']) sim.schedule(5, note(name));
    sim.scheduleAt(5, note('f'));
    sim.schedule(1, () => sim.schedule(4, note('g')));
    sim.run();
    expect(log).toEqual(['5:a', '5:b', '5:c', '5:d', '5:e', '5:f', '5:g']);
  });

  it('is a pure function of what was scheduled: ties keep scheduling order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 200 }), (delays) => {
        const sim = new Simulator();
        const ran: number[] = [];
        delays.forEach((delay, index) => {
          sim.schedule(delay, () => ran.push(index));
        });
        sim.run();
        const expected = delays.map((_, index) => index).sort((a, b) => delays[a] - delays[b] || a - b);
        expect(ran).toEqual(expected);
      }),
    );
  });

  it('rejects negative and NaN delays and times in the past or NaN with RangeError', () => {
    const sim = new Simulator();
    sim.schedule(2, () => {});
    sim.run();
    for (const delay of [-1, -1e-12, Number.NaN, Number.NEGATIVE_INFINITY]) {
      expect(() => sim.schedule(delay, () => {})).toThrow(RangeError);
    }
    for (const time of [1.999, Number.NaN]) {
      expect(() => sim.scheduleAt(time, () => {})).toThrow(RangeError);
    }
    expect(sim.pendingEvents).toBe(0);
    sim.scheduleAt(2, () => {});
    expect(sim.pendingEvents).toBe(1);
  });
});

describe('Simulator: the clock cannot pass the largest double', () => {
  /** What `act` throws, or undefined. */
  function thrownBy(act: () => void): unknown {
    try {
      act();
    } catch (error) {
      return error;
    }
    return undefined;
  }

  it('refuses an infinite delay or time, and a finite delay that would take the clock past it, with ClockOverflowError', () => {
    const sim = new Simulator();
    function onFailure() {}
    for (const schedule of [
      () => sim.schedule(Number.POSITIVE_INFINITY, onFailure),
      () => sim.scheduleAt(Number.POSITIVE_INFINITY, onFailure),
    ]) {
      const error = thrownBy(schedule);
      expect(error).toBeInstanceOf(ClockOverflowError);
      expect((error as ClockOverflowError).simulatedTime).toBe(0);
      expect((error as ClockOverflowError).eventLabel).toBe('onFailure');
    }
    sim.schedule(1e308, () => {});
    sim.run();
    expect(sim.now).toBe(1e308);
    const error = thrownBy(() => sim.schedule(1e308, onFailure)) as ClockOverflowError;
    expect(error).toBeInstanceOf(ClockOverflowError);
    expect(error.message).toBe(
      'the run cannot go on at t=1e+308 s: event onFailure would fall 1e+308 s later, past the largest time the ' +
        'clock can hold (1.79769313e+308 s): a time, rate or size of the scenario is too large to simulate',
    );
    expect(error.simulatedTime).toBe(1e308);
    // The largest finite time is still a time: only past it is refused.
    sim.scheduleAt(Number.MAX_VALUE, () => {});
    expect(sim.pendingEvents).toBe(1);
  });

  it('refuses a lane event past the largest double, with or without a ring', () => {
    const sim = new Simulator();
    const lanes = Array.from({ length: MAX_RING_LANES + 1 }, (_, index) => sim.lane(1e308 + index * 1e300));
    sim.schedule(1e308, () => {});
    sim.run();
    for (const lane of [lanes[0], lanes[MAX_RING_LANES]]) {
      const error = thrownBy(() => sim.scheduleInLane(lane, function onArrival() {}));
      expect(error).toBeInstanceOf(ClockOverflowError);
      expect((error as ClockOverflowError).eventLabel).toBe('onArrival');
    }
    expect(sim.pendingEvents).toBe(0);
  });

  it('stops a run with the ClockOverflowError itself, not wrapped as a handler failure', () => {
    const sim = new Simulator();
    const tick = () => sim.schedule(1e308, tick);
    sim.schedule(0, tick);
    const error = thrownBy(() => sim.run());
    expect(error).toBeInstanceOf(ClockOverflowError);
    expect((error as ClockOverflowError).simulatedTime).toBe(1e308);
    expect((error as ClockOverflowError).eventLabel).toBe('tick');
    expect(sim.now).toBe(1e308);
  });
});

describe('Simulator: cancel', () => {
  it('cancels a pending event before the run', () => {
    const { sim, log, note } = story();
    sim.schedule(1, note('a'));
    const timer = sim.schedule(2, note('timeout'));
    sim.schedule(3, note('c'));
    expect(sim.isPending(timer)).toBe(true);
    expect(sim.cancel(timer)).toBe(true);
    expect(sim.isPending(timer)).toBe(false);
    expect(sim.cancel(timer)).toBe(false);
    expect(sim.pendingEvents).toBe(2);
    sim.run();
    expect(log).toEqual(['1:a', '3:c']);
  });

  it('cancels from inside a handler (a retransmission timer disarmed by an ACK)', () => {
    const { sim, log, note } = story();
    const timer = sim.schedule(5, note('retransmit'));
    sim.schedule(2, () => {
      log.push(`${sim.now}:ack`);
      expect(sim.cancel(timer)).toBe(true);
    });
    sim.run();
    expect(log).toEqual(['2:ack']);
    expect(sim.now).toBe(2);
  });

  it('returns false for a handle whose event already ran', () => {
    const sim = new Simulator();
    const handle = sim.schedule(1, () => {});
    sim.run();
    expect(sim.isPending(handle)).toBe(false);
    expect(sim.cancel(handle)).toBe(false);
  });

  it('does not cancel a new event that reuses the slot of a cancelled one', () => {
    const { sim, log, note } = story();
    const stale = sim.schedule(1, note('old'));
    expect(sim.cancel(stale)).toBe(true);
    const fresh = sim.schedule(1, note('new'));
    // The test only means something if the slot really was reused.
    expect(fresh % 2 ** 25).toBe(stale % 2 ** 25);
    expect(fresh).not.toBe(stale);
    expect(sim.isPending(stale)).toBe(false);
    expect(sim.cancel(stale)).toBe(false);
    expect(sim.isPending(fresh)).toBe(true);
    sim.run();
    expect(log).toEqual(['1:new']);
  });

  it('does not cancel a new event that reuses the slot of one that already ran', () => {
    const { sim, log, note } = story();
    const stale = sim.schedule(1, note('old'));
    sim.run();
    const fresh = sim.schedule(1, note('new'));
    expect(fresh % 2 ** 25).toBe(stale % 2 ** 25);
    expect(sim.cancel(stale)).toBe(false);
    sim.run();
    expect(log).toEqual(['1:old', '2:new']);
  });

  it('ignores handles that never named an event', () => {
    const sim = new Simulator();
    sim.schedule(1, () => {});
    expect(sim.cancel(-1)).toBe(false);
    expect(sim.cancel(123_456)).toBe(false);
    expect(sim.isPending(123_456)).toBe(false);
    expect(sim.pendingEvents).toBe(1);
  });

  it('runs exactly the events not cancelled, in order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ delay: fc.integer({ min: 0, max: 20 }), cancel: fc.boolean() }), {
          maxLength: 150,
        }),
        (plan) => {
          const sim = new Simulator();
          const ran: number[] = [];
          const handles = plan.map(({ delay }, index) => sim.schedule(delay, () => ran.push(index)));
          plan.forEach(({ cancel }, index) => {
            if (cancel) expect(sim.cancel(handles[index])).toBe(true);
          });
          sim.run();
          const expected = plan
            .map((_, index) => index)
            .filter((index) => !plan[index].cancel)
            .sort((a, b) => plan[a].delay - plan[b].delay || a - b);
          expect(ran).toEqual(expected);
          expect(handles.every((handle) => !sim.cancel(handle))).toBe(true);
        },
      ),
    );
  });
});

type KernelCommand =
  | { kind: 'schedule'; delay: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'run'; span: number };

describe('Simulator: against a sorted-array reference', () => {
  it('agrees on order, pending state and cancel results under random schedule/cancel/run (property)', () => {
    const delay = fc.oneof(
      fc.constantFrom(0, 1, 2),
      fc.integer({ min: 0, max: 50 }),
      fc.double({ min: 0, max: 50, noNaN: true }),
    );
    const command: fc.Arbitrary<KernelCommand> = fc.oneof(
      { weight: 5, arbitrary: delay.map((d): KernelCommand => ({ kind: 'schedule', delay: d })) },
      { weight: 3, arbitrary: fc.nat().map((pick): KernelCommand => ({ kind: 'cancel', pick })) },
      {
        weight: 1,
        arbitrary: fc.integer({ min: 0, max: 20 }).map((span): KernelCommand => ({ kind: 'run', span })),
      },
    );
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 300 }), (commands) => {
        const sim = new Simulator();
        const ran: number[] = [];
        // Every handle ever issued, by event id; cancel picks among all of them, so it often
        // names an event that already ran or was cancelled, whose slot a newer event may hold.
        const handles: number[] = [];
        let pending: { time: number; id: number }[] = [];
        for (const step of commands) {
          if (step.kind === 'schedule') {
            const id = handles.length;
            const handle = sim.schedule(step.delay, () => ran.push(id));
            expect(Number.isInteger(handle) && handle >= 0).toBe(true);
            handles.push(handle);
            pending.push({ time: sim.now + step.delay, id });
          } else if (step.kind === 'cancel') {
            if (handles.length === 0) continue;
            const id = step.pick % handles.length;
            const wasPending = pending.some((event) => event.id === id);
            expect(sim.isPending(handles[id])).toBe(wasPending);
            expect(sim.cancel(handles[id])).toBe(wasPending);
            expect(sim.isPending(handles[id])).toBe(false);
            pending = pending.filter((event) => event.id !== id);
          } else {
            const until = sim.now + step.span;
            // Ids grow with scheduling order, so (time, id) is the reference's (time, sequence).
            const due = pending
              .filter((event) => event.time <= until)
              .sort((a, b) => a.time - b.time || a.id - b.id);
            ran.length = 0;
            sim.run({ until });
            expect(ran).toEqual(due.map((event) => event.id));
            expect(sim.now).toBe(until);
            pending = pending.filter((event) => event.time > until);
          }
          expect(sim.pendingEvents).toBe(pending.length);
        }
        for (const event of pending) expect(sim.isPending(handles[event.id])).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never lets a stale handle cancel the event that reuses its slot, however often reused', () => {
    const sim = new Simulator();
    const first = sim.schedule(0, () => {});
    const handles = new Set([first]);
    let latest = first;
    for (let i = 0; i < 5000; i++) {
      sim.run();
      latest = sim.schedule(1, () => {});
      handles.add(latest);
    }
    // One slot served all 5001 events, each under a new handle.
    expect(handles.size).toBe(5001);
    expect(latest % 2 ** 25).toBe(first % 2 ** 25);
    expect(sim.cancel(first)).toBe(false);
    expect(sim.pendingEvents).toBe(1);
    expect(sim.cancel(latest)).toBe(true);
  });
});

describe('Simulator: run until, stop', () => {
  it('stops before later events, sets now = until, and a second run continues', () => {
    const { sim, log, note } = story();
    for (const time of [1, 2, 3, 5, 8]) sim.scheduleAt(time, note(`t${time}`));
    expect(sim.run({ until: 4 })).toBe('until');
    expect(log).toEqual(['1:t1', '2:t2', '3:t3']);
    expect(sim.now).toBe(4);
    expect(sim.pendingEvents).toBe(2);
    // Scheduling between runs is relative to until; the tie at t=5 goes to the older event.
    sim.schedule(1, note('late'));
    expect(sim.run({ until: 6 })).toBe('until');
    expect(log.slice(3)).toEqual(['5:t5', '5:late']);
    expect(sim.now).toBe(6);
    expect(sim.run()).toBe('empty');
    expect(log.slice(5)).toEqual(['8:t8']);
    expect(sim.now).toBe(8);
  });

  it('runs an event scheduled exactly at until', () => {
    const { sim, log, note } = story();
    sim.scheduleAt(3, note('edge'));
    sim.scheduleAt(3.000001, note('after'));
    expect(sim.run({ until: 3 })).toBe('until');
    expect(log).toEqual(['3:edge']);
    expect(sim.now).toBe(3);
  });

  it('advances now to until even when the queue runs dry first', () => {
    const { sim, log, note } = story();
    sim.scheduleAt(1, note('only'));
    expect(sim.run({ until: 10 })).toBe('empty');
    expect(log).toEqual(['1:only']);
    expect(sim.now).toBe(10);
  });

  it('rejects an until in the past or NaN instead of moving the clock backwards', () => {
    const sim = new Simulator();
    sim.scheduleAt(5, () => {});
    sim.scheduleAt(12, () => {});
    sim.run({ until: 10 });
    expect(sim.now).toBe(10);
    expect(() => sim.run({ until: 5 })).toThrow(RangeError);
    expect(() => sim.run({ until: Number.NaN })).toThrow(RangeError);
    expect(sim.now).toBe(10);
    expect(sim.pendingEvents).toBe(1);
    expect(sim.run({ until: 10 })).toBe('until');
    expect(sim.now).toBe(10);
  });

  it('returns after the current event when a handler calls stop(), and can resume', () => {
    const { sim, log, note } = story();
    sim.scheduleAt(1, note('a'));
    sim.scheduleAt(2, () => {
      log.push(`${sim.now}:stopper`);
      sim.stop();
    });
    sim.scheduleAt(2, note('same-instant'));
    sim.scheduleAt(3, note('c'));
    expect(sim.run({ until: 100 })).toBe('stopped');
    expect(log).toEqual(['1:a', '2:stopper']);
    expect(sim.now).toBe(2);
    expect(sim.pendingEvents).toBe(2);
    expect(sim.run()).toBe('empty');
    expect(log).toEqual(['1:a', '2:stopper', '2:same-instant', '3:c']);
  });

  it('returns empty at once when nothing is scheduled', () => {
    const sim = new Simulator();
    expect(sim.run()).toBe('empty');
    expect(sim.now).toBe(0);
    expect(sim.executedEvents).toBe(0);
  });
});

describe('Simulator: failures and limits', () => {
  it('wraps a throwing handler in SimulationError with the simulated time and the function name', () => {
    const sim = new Simulator();
    const boom = new Error('queue index out of range');
    function deliverPacket() {
      throw boom;
    }
    sim.schedule(1, () => {});
    sim.schedule(2.5, deliverPacket);
    sim.schedule(3, () => {});
    let caught: unknown;
    try {
      sim.run();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SimulationError);
    const error = caught as SimulationError;
    expect(error.name).toBe('SimulationError');
    expect(error.simulatedTime).toBe(2.5);
    expect(error.eventLabel).toBe('deliverPacket');
    expect(error.cause).toBe(boom);
    expect(error.message).toContain('t=2.5');
    expect(error.message).toContain('deliverPacket');
    expect(error.message).toContain('queue index out of range');
    expect(sim.now).toBe(2.5);
    // The failed event is consumed; the rest of the schedule is intact.
    expect(sim.pendingEvents).toBe(1);
  });

  it('labels an anonymous handler and reports non-Error throws', () => {
    const sim = new Simulator();
    sim.schedule(0.25, () => {
      throw 'plain string';
    });
    try {
      sim.run();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SimulationError);
      expect((error as SimulationError).eventLabel).toBe('anonymous event');
      expect((error as SimulationError).simulatedTime).toBe(0.25);
      expect((error as SimulationError).message).toContain('plain string');
    }
  });

  it('gives RunawaySimulationError past maxPendingEvents, outside and inside a run', () => {
    const sim = new Simulator({ maxPendingEvents: 10 });
    for (let i = 0; i < 10; i++) sim.schedule(i, () => {});
    expect(() => sim.schedule(1, () => {})).toThrow(RunawaySimulationError);
    expect(sim.pendingEvents).toBe(10);

    const growing = new Simulator({ maxPendingEvents: 50 });
    const fork = () => {
      growing.schedule(1, fork);
      growing.schedule(1, fork);
    };
    growing.schedule(0, fork);
    let caught: unknown;
    try {
      growing.run();
    } catch (error) {
      caught = error;
    }
    // Not wrapped in SimulationError: the limit's own error reaches the caller.
    expect(caught).toBeInstanceOf(RunawaySimulationError);
    expect((caught as RunawaySimulationError).simulatedTime).toBe(growing.now);
    expect(growing.now).toBeGreaterThan(0);
    expect((caught as Error).message).toContain('50');
  });

  it('rejects a maxPendingEvents beyond what handles can name', () => {
    expect(() => new Simulator({ maxPendingEvents: 2 ** 25 + 1 })).toThrow(/at most 2\^25/);
    expect(() => new Simulator({ maxPendingEvents: Number.NaN })).toThrow(RangeError);
    expect(new Simulator({ maxPendingEvents: 2 ** 25 }).pendingEvents).toBe(0);
  });

  it('gives RunawaySimulationError past maxEvents (checked every progressEvery events)', () => {
    const sim = new Simulator({ maxEvents: 100 });
    const tick = () => sim.schedule(1, tick);
    sim.schedule(0, tick);
    let caught: unknown;
    try {
      sim.run({ progressEvery: 10 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RunawaySimulationError);
    expect((caught as RunawaySimulationError).simulatedTime).toBe(sim.now);
    expect(sim.executedEvents).toBeGreaterThan(100);
    expect(sim.executedEvents).toBeLessThanOrEqual(110);
  });

  it('counts maxEvents per run call and allows a run of exactly maxEvents events', () => {
    const sim = new Simulator({ maxEvents: 5 });
    for (let i = 0; i < 5; i++) sim.schedule(i, () => {});
    expect(sim.run({ progressEvery: 1 })).toBe('empty');
    for (let i = 0; i < 5; i++) sim.schedule(i, () => {});
    expect(sim.run({ progressEvery: 1 })).toBe('empty');
    expect(sim.executedEvents).toBe(10);
    for (let i = 0; i < 6; i++) sim.schedule(i, () => {});
    expect(() => sim.run({ progressEvery: 1 })).toThrow(RunawaySimulationError);
  });

  it('calls onProgress every progressEvery events, not on every event', () => {
    const sim = new Simulator();
    for (let i = 1; i <= 25; i++) sim.scheduleAt(i / 10, () => {});
    const calls: [number, number][] = [];
    sim.run({ progressEvery: 10, onProgress: (now, executed) => calls.push([now, executed]) });
    expect(calls).toEqual([
      [1, 10],
      [2, 20],
    ]);
  });

  it('counts progress from the start of each run and reports the running total', () => {
    const sim = new Simulator();
    for (let i = 1; i <= 7; i++) sim.scheduleAt(i, () => {});
    const calls: number[] = [];
    sim.run({ until: 3, progressEvery: 2, onProgress: (_, executed) => calls.push(executed) });
    expect(calls).toEqual([2]);
    sim.run({ progressEvery: 2, onProgress: (_, executed) => calls.push(executed) });
    // The second run started after 3 events: its checks fall at 5 and 7.
    expect(calls).toEqual([2, 5, 7]);
  });

  it('uses a large default progress interval', () => {
    const sim = new Simulator();
    for (let i = 0; i < 1000; i++) sim.schedule(i, () => {});
    let calls = 0;
    sim.run({ onProgress: () => calls++ });
    expect(calls).toBe(0);
  });

  it('rejects a progressEvery that is not a positive count', () => {
    const sim = new Simulator({ maxEvents: 10 });
    sim.schedule(1, () => {});
    for (const progressEvery of [0, -5, Number.NaN]) {
      expect(() => sim.run({ progressEvery })).toThrow(RangeError);
    }
    expect(sim.pendingEvents).toBe(1);
  });
});
