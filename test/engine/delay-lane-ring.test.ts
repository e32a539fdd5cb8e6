import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelayLane } from '../../src/engine/delay-lanes.js';

/** One step on a lane: push an entry, shift the head, or cancel (or ask about) some ticket. */
type Step =
  | { kind: 'push' }
  | { kind: 'shift' }
  | { kind: 'cancel'; pick: number }
  | { kind: 'ask'; pick: number };

/**
 * Plays `steps` on a DelayLane and on a plain list of pending tickets, checking after each step
 * that they agree on the head, the pending count and every cancel and isPending answer. Tickets
 * picked range over all handed out so far and a few never handed out.
 */
function replay(steps: readonly Step[], sweepAtLeast: number): void {
  const lane = new DelayLane(1, sweepAtLeast);
  const pending: number[] = [];
  let handedOut = 0;
  let time = 0;
  for (const step of steps) {
    if (step.kind === 'push') {
      // Each entry's argument is its ticket, so the head's identity can be checked.
      const ticket = lane.push(time++, handedOut, () => {}, handedOut);
      expect(ticket).toBe(handedOut++);
      pending.push(ticket);
    } else if (step.kind === 'shift') {
      if (pending.length === 0) continue;
      const expected = pending.shift()!;
      expect([lane.headArg(), lane.headSequence(), lane.headTime()]).toEqual([expected, expected, expected]);
      lane.shift();
    } else {
      const ticket = (step.pick % (handedOut + 3)) - 1;
      const index = pending.indexOf(ticket);
      expect(lane.isPending(ticket)).toBe(index >= 0);
      if (step.kind === 'cancel') {
        expect(lane.cancel(ticket)).toBe(index >= 0);
        if (index >= 0) pending.splice(index, 1);
        expect(lane.isPending(ticket)).toBe(false);
      }
    }
    expect(lane.pending).toBe(pending.length);
    if (pending.length > 0) expect(lane.headArg()).toBe(pending[0]);
  }
  for (const ticket of pending) expect(lane.isPending(ticket)).toBe(true);
}

describe('DelayLane', () => {
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 5, arbitrary: fc.constant<Step>({ kind: 'push' }) },
    { weight: 2, arbitrary: fc.constant<Step>({ kind: 'shift' }) },
    { weight: 4, arbitrary: fc.nat().map((pick): Step => ({ kind: 'cancel', pick })) },
    { weight: 1, arbitrary: fc.nat().map((pick): Step => ({ kind: 'ask', pick })) },
  );

  it('agrees with a list of pending tickets through growth, sweeps and lookups after them (property)', () => {
    // A sweep threshold of 4: sweeps happen every few cancels, so lookups must find entries
    // that sweeps moved (the binary search) as well as those at their distance from an end.
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 400 }), (steps) => replay(steps, 4)),
      { numRuns: 300 },
    );
  });

  it('finds entries a sweep moved, and rejects the tickets it dropped', () => {
    const lane = new DelayLane(1, 2);
    for (let i = 0; i < 12; i++) expect(lane.push(i, i, () => {}, `e${i}`)).toBe(i);
    // Cancelled behind a pending head (0) they wait; the ninth makes them more than twice the
    // pending entries (9 > 2 * 3) and a sweep drops them all.
    for (const ticket of [1, 2, 4, 5, 7, 8, 9, 10]) expect(lane.cancel(ticket)).toBe(true);
    expect([lane.pending, lane.entries]).toEqual([4, 12]);
    expect(lane.cancel(11)).toBe(true);
    expect([lane.pending, lane.entries]).toEqual([3, 3]);
    // Survivors 0, 3, 6 now sit side by side; 12..14 follow: 3 and 6 are found by binary search.
    for (let i = 12; i < 15; i++) lane.push(i, i, () => {}, `e${i}`);
    for (let ticket = -1; ticket < 16; ticket++)
      expect(lane.isPending(ticket)).toBe([0, 3, 6, 12, 13, 14].includes(ticket));
    expect(lane.cancel(6)).toBe(true);
    expect(lane.cancel(6)).toBe(false);
    expect(lane.cancel(11)).toBe(false);
    expect(lane.cancel(0.5)).toBe(false);
    const order: unknown[] = [];
    while (lane.pending > 0) {
      order.push(lane.headArg());
      lane.shift();
    }
    expect(order).toEqual(['e0', 'e3', 'e12', 'e13', 'e14']);
    expect(lane.entries).toBe(0);
    // Tickets keep counting: a new entry never takes an old one's ticket.
    expect(lane.push(20, 20, () => {}, 'late')).toBe(15);
    expect(lane.isPending(14)).toBe(false);
  });
});
