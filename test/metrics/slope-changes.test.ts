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
        let model: Array<{ time: number; change: number }> = [];
        let serial = 0;
        for (const step of script) {
          if ('add' in step) {
            // Each change is its own number, so what comes out says which one it was.
            const change = step.add + ++serial / 1000;
            changes.add(step.add, change);
            model.push({ time: step.add, change });
          } else if ('clear' in step) {
            changes.clear();
            model = [];
          } else if (model.length > 0) {
            const earliest = Math.min(...model.map((entry) => entry.time));
            expect(changes.next).toBe(earliest);
            // One of the changes due then, and each exactly once.
            const taken = model.findIndex(
              (entry) => entry.time === earliest && entry.change === changes.nextChange,
            );
            expect(taken).toBeGreaterThanOrEqual(0);
            model.splice(taken, 1);
            changes.drop();
          }
          expect(changes.size).toBe(model.length);
        }
        expect(changes.next).toBe(
          model.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...model.map((entry) => entry.time)),
        );
      }),
    );
  });
});
