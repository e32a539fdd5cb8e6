import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropSpentSlots } from '../../src/transport/backlog.js';

describe('dropSpentSlots', () => {
  it('keeps the unspent messages in order and cuts the spent prefix only when it is most of the array', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (spent, waiting) => {
        const backlog = Array.from({ length: spent + waiting }, (_, i) => i);
        const head = dropSpentSlots(backlog, spent);
        expect(backlog.slice(head)).toEqual(Array.from({ length: waiting }, (_, i) => spent + i));
        const cut = spent >= 1024 && spent * 2 >= spent + waiting;
        expect(head).toBe(cut ? 0 : spent);
      }),
      { numRuns: 100 },
    );
  });

  it('holds a topped-up backlog to a bounded length', () => {
    // One message taken and one added per step, 256 waiting: without the cut it would reach 10^5.
    const backlog: number[] = Array.from({ length: 256 }, (_, i) => i);
    let head = 0;
    for (let next = 256; next < 100_000; next++) {
      head = dropSpentSlots(backlog, head + 1);
      backlog.push(next);
    }
    expect(backlog.length).toBeLessThanOrEqual(2 * 1024 + 256);
    expect(backlog[head]).toBe(100_000 - 256);
  });
});
