import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/engine/event-queue.js';

/**
 * One step of a random interleaving. `remove` picks among every slot handed out so far (often
 * one that was popped or removed already); `removeLive` picks among the pending events.
 */
type Command =
  | { kind: 'push'; time: number }
  | { kind: 'pop' }
  | { kind: 'remove'; pick: number }
  | { kind: 'removeLive'; pick: number };

interface ModelEvent {
  time: number;
  sequence: number;
  slot: number;
}

function byTimeThenSequence(a: ModelEvent, b: ModelEvent): number {
  return a.time - b.time || a.sequence - b.sequence;
}

/**
 * Replays `commands` on an EventQueue and on a naive model (an array kept sorted by
 * (time, sequence)), checking after every step that they agree, then drains both.
 */
function replayAgainstModel(commands: readonly Command[]): void {
  // Capacity 16 (the minimum), so a few dozen pending events force doublings.
  const queue = new EventQueue(4);
  const model: ModelEvent[] = [];
  const seenSlots: number[] = [];
  let nextSequence = 0;
  for (const command of commands) {
    if (command.kind === 'push') {
      const sequence = nextSequence++;
      const slot = queue.push(command.time, sequence);
      expect(model.some((event) => event.slot === slot)).toBe(false);
      model.push({ time: command.time, sequence, slot });
      model.sort(byTimeThenSequence);
      seenSlots.push(slot);
    } else if (command.kind === 'pop') {
      if (model.length === 0) continue;
      const expected = model.shift()!;
      expect(queue.peekSlot()).toBe(expected.slot);
      const slot = queue.popSlot();
      expect(slot).toBe(expected.slot);
      expect(queue.isPending(slot)).toBe(false);
    } else if (command.kind === 'remove') {
      if (seenSlots.length === 0) continue;
      const slot = seenSlots[command.pick % seenSlots.length];
      const index = model.findIndex((event) => event.slot === slot);
      expect(queue.remove(slot)).toBe(index >= 0);
      if (index >= 0) model.splice(index, 1);
    } else {
      if (model.length === 0) continue;
      const [removed] = model.splice(command.pick % model.length, 1);
      expect(queue.remove(removed.slot)).toBe(true);
      expect(queue.isPending(removed.slot)).toBe(false);
    }
    expect(queue.size).toBe(model.length);
    expect(queue.peekTime()).toBe(model.length === 0 ? Number.POSITIVE_INFINITY : model[0].time);
    for (const event of model) {
      expect(queue.isPending(event.slot)).toBe(true);
      expect(queue.timeOf(event.slot)).toBe(event.time);
      expect(queue.sequenceOf(event.slot)).toBe(event.sequence);
    }
  }
  const drained: number[] = [];
  while (queue.size > 0) drained.push(queue.popSlot());
  expect(drained).toEqual(model.map((event) => event.slot));
}

// Ties are common (few distinct times), but spread-out times are needed too: a removal must
// sometimes move the heap's last leaf up, which only happens when it is strictly earlier.
const timeArbitrary = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 4 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 1000 }) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }) },
);

const pushArbitrary = timeArbitrary.map((time): Command => ({ kind: 'push', time }));

const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: pushArbitrary },
  { weight: 2, arbitrary: fc.constant<Command>({ kind: 'pop' }) },
  { weight: 1, arbitrary: fc.nat().map((pick): Command => ({ kind: 'remove', pick })) },
  { weight: 2, arbitrary: fc.nat().map((pick): Command => ({ kind: 'removeLive', pick })) },
);

describe('EventQueue', () => {
  it('behaves like an array kept sorted by (time, sequence) under random push/pop/remove', () => {
    fc.assert(
      fc.property(
        // A prefill of pushes builds a big heap (several doublings) before the interleaving.
        fc.array(pushArbitrary, { maxLength: 150 }),
        fc.array(commandArbitrary, { minLength: 1, maxLength: 400 }),
        (prefill, commands) => replayAgainstModel([...prefill, ...commands]),
      ),
      { numRuns: 200 },
    );
  });

  it('moves the last leaf up when a removal leaves it below a later parent', () => {
    // Heap layout by position: a late left subtree (10, 11, 12, 20..23) and an early right one
    // (1..7). Removing 11 (position 3) moves the last leaf, 7, there: it must rise above 10,
    // or 10 pops before 7 a few pops later.
    const times = [0, 10, 1, 11, 12, 2, 3, 20, 21, 22, 23, 4, 5, 6, 7];
    replayAgainstModel([
      ...times.map((time): Command => ({ kind: 'push', time })),
      { kind: 'removeLive', pick: 9 }, // the model's sorted index of time 11
      ...times.map((): Command => ({ kind: 'pop' })),
    ]);
    // The shrunk counterexample the property found against a remove() that only sifted down.
    replayAgainstModel([
      ...[0, 0, 0, 1].map((time): Command => ({ kind: 'push', time })),
      { kind: 'pop' },
      ...[0, 1, 0, 0].map((time): Command => ({ kind: 'push', time })),
      { kind: 'remove', pick: 0 },
      { kind: 'remove', pick: 1950396355 },
      { kind: 'push', time: 0 },
      { kind: 'remove', pick: 0 },
    ]);
  });

  it('pops events at the same time in insertion order, across growth past the initial capacity', () => {
    const queue = new EventQueue(16);
    const slotOfSequence: number[] = [];
    for (let sequence = 0; sequence < 1000; sequence++) slotOfSequence.push(queue.push(7, sequence));
    expect(queue.allocatedSlots).toBeGreaterThanOrEqual(1000);
    expect(queue.size).toBe(1000);
    expect(queue.sequenceOf(slotOfSequence[999])).toBe(999);
    const popped: number[] = [];
    while (queue.size > 0) popped.push(queue.popSlot());
    expect(popped).toEqual(slotOfSequence);
  });

  it('pops a hand-sorted order: time first, equal times by sequence', () => {
    const queue = new EventQueue();
    const times = [5, 3, 8, 3, 1, 9, 3, 0.5];
    const slots = times.map((time, sequence) => queue.push(time, sequence));
    const popped: [number, number][] = [];
    while (queue.size > 0) {
      const time = queue.peekTime();
      popped.push([time, slots.indexOf(queue.popSlot())]);
    }
    // [time, sequence], sorted by hand.
    expect(popped).toEqual([
      [0.5, 7],
      [1, 4],
      [3, 1],
      [3, 3],
      [3, 6],
      [5, 0],
      [8, 2],
      [9, 5],
    ]);
  });

  it('interleaves pushes, pops and removals in a hand-computed order', () => {
    const queue = new EventQueue();
    const a = queue.push(4, 0);
    const b = queue.push(2, 1);
    const c = queue.push(2, 2);
    expect(queue.popSlot()).toBe(b); // (2, 1)
    const d = queue.push(2, 3); // ties with c, scheduled later
    expect(d).toBe(b); // the slot just freed is handed out first
    const e = queue.push(3, 4);
    expect(queue.remove(c)).toBe(true);
    expect(queue.remove(c)).toBe(false); // already removed
    expect(queue.size).toBe(3);
    expect(queue.peekTime()).toBe(2);
    const f = queue.push(1, 5);
    expect([queue.popSlot(), queue.popSlot(), queue.popSlot()]).toEqual([f, d, e]);
    expect(queue.popSlot()).toBe(a);
    expect(queue.popSlot()).toBe(-1);
  });

  it('reports the time and sequence of pending slots only', () => {
    const queue = new EventQueue();
    const early = queue.push(1.5, 7);
    const late = queue.push(2.5, 8);
    expect([queue.timeOf(early), queue.sequenceOf(early)]).toEqual([1.5, 7]);
    expect([queue.timeOf(late), queue.sequenceOf(late)]).toEqual([2.5, 8]);
    queue.popSlot();
    expect(queue.timeOf(early)).toBeNaN();
    expect(queue.sequenceOf(early)).toBeNaN();
    expect(queue.timeOf(-1)).toBeNaN();
    expect(queue.timeOf(late)).toBe(2.5);
  });

  it('orders by time first, then by sequence', () => {
    const queue = new EventQueue();
    const a = queue.push(2, 0);
    const b = queue.push(1, 1);
    const c = queue.push(1, 2);
    const d = queue.push(0.5, 3);
    expect([queue.popSlot(), queue.popSlot(), queue.popSlot(), queue.popSlot()]).toEqual([d, b, c, a]);
  });

  it('reuses freed slots and keeps working after being drained', () => {
    const queue = new EventQueue(16);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 40; i++) queue.push(40 - i, round * 100 + i);
      const times: number[] = [];
      while (queue.size > 0) {
        times.push(queue.peekTime());
        queue.popSlot();
      }
      expect(times).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    }
    // 40 events at once need 64 slots; draining and refilling never needs more.
    expect(queue.allocatedSlots).toBe(64);
  });

  it('reports an empty queue as slot -1 and time Infinity', () => {
    const queue = new EventQueue();
    expect(queue.size).toBe(0);
    expect(queue.peekSlot()).toBe(-1);
    expect(queue.peekTime()).toBe(Number.POSITIVE_INFINITY);
  });

  it('popSlot on an empty queue returns -1 and leaves the queue usable', () => {
    const queue = new EventQueue(16);
    expect(queue.popSlot()).toBe(-1);
    expect(queue.size).toBe(0);
    // A corrupted free list would hand out the same slot twice.
    const slots = new Set<number>();
    for (let i = 0; i < 20; i++) slots.add(queue.push(i, i));
    expect(slots.size).toBe(20);
    expect(queue.size).toBe(20);
  });

  it('remove rejects slots that hold no pending event, including out-of-range ones', () => {
    const queue = new EventQueue(16);
    const slot = queue.push(1, 0);
    expect(queue.remove(-1)).toBe(false);
    expect(queue.remove(10_000)).toBe(false);
    expect(queue.remove(slot)).toBe(true);
    expect(queue.remove(slot)).toBe(false);
    expect(queue.size).toBe(0);
  });
});
