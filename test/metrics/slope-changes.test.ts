import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlopeChanges } from '../../src/metrics/slope-changes.js';

describe('slope changes', () => {
  it('come back earliest first, in or out of order, across growth and clears', () => {
    const steps = fc.array(
      fc.oneof(
        fc.record({ add: fc.integer({ min: 0, max: 100 }) }),
        fc.constant({ take: true }),
        fc.constant({ clear: true }),
      ),
      { maxLength: 200 },
    );
    fc.assert(
      fc.property(steps, (script) => {
        const changes = new SlopeChanges();
        let model: number[] = [];
        let serial = 0;
        for (const step of script) {
          if ('add' in step) {
            // The change carries its time, so what comes out says which one it was.
            changes.add(step.add, step.add + serial++ / 1000);
            model.push(step.add);
          } else if ('clear' in step) {
            changes.clear();
            model = [];
          } else if (model.length > 0) {
            model.sort((a, b) => a - b);
            const earliest = model.shift()!;
            expect(changes.next).toBe(earliest);
            expect(Math.floor(changes.take())).toBe(earliest);
          }
          expect(changes.size).toBe(model.length);
        }
        expect(changes.next).toBe(model.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...model));
      }),
    );
  });
});
