import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntervalEndMark, SenderLedger } from '../../src/metrics/sender-ledger.js';

/** A ledger with its flow's mark and the run's, as the collector moves them. */
function ledgerWithMarks(warmup: number) {
  const flowMark = new IntervalEndMark();
  const runMark = new IntervalEndMark();
  const ledger = new SenderLedger(warmup, flowMark, runMark);
  return { ledger, flowMark, runMark };
}

describe('SenderLedger', () => {
  it('counts the part of a transmission after the warm-up, its bits in proportion', () => {
    const { ledger } = ledgerWithMarks(1);
    ledger.transmitted(0.2, 0.7, 8000); // all before it
    ledger.transmitted(0.5, 1.5, 8000); // half after the warm-up
    expect(ledger.upTo(10)).toEqual({ busySeconds: 0.5, wireBits: 4000, created: 0 });
    expect(ledger.upTo(1)).toEqual({ busySeconds: 0, wireBits: 0, created: 0 });
  });

  it("reads the figures up to its flow's mark, clipping what straddles it", () => {
    const { ledger, flowMark } = ledgerWithMarks(1);
    ledger.createdAt(0.5, 1); // in the warm-up: not counted
    ledger.createdAt(1.5, 1);
    ledger.transmitted(1.5, 1.75, 2000);
    flowMark.advance(2); // a delivery at 2 s
    ledger.transmitted(1.75, 2.5, 6000); // straddles it: 0.25 s and 2000 bits before
    ledger.createdAt(3, 1);
    ledger.createdAt(3, 1);
    ledger.transmitted(3, 4, 8000);
    // Everything: 0.25 + 0.75 + 1 s busy, 2000 + 6000 + 8000 bits, 3 messages.
    expect(ledger.upTo(10)).toEqual({ busySeconds: 2, wireBits: 16000, created: 3 });
    expect(ledger.upTo(4)).toEqual({ busySeconds: 2, wireBits: 16000, created: 3 });
    // Up to the mark: 0.25 + 0.25 s, 2000 + 2000 bits, 1 message.
    expect(ledger.upTo(2)).toEqual({ busySeconds: 0.5, wireBits: 4000, created: 1 });
  });

  it("reads the run's mark too, later than its flow's", () => {
    const { ledger, flowMark, runMark } = ledgerWithMarks(0);
    ledger.transmitted(0, 1, 1000);
    flowMark.advance(1);
    runMark.advance(1);
    ledger.transmitted(1, 2, 1000);
    runMark.advance(2.5); // another flow's delivery, while this one's copy is on its way
    ledger.transmitted(2, 3, 1000);
    ledger.transmitted(3, 4, 1000);
    expect(ledger.upTo(1)).toEqual({ busySeconds: 1, wireBits: 1000, created: 0 });
    expect(ledger.upTo(2.5)).toEqual({ busySeconds: 2.5, wireBits: 2500, created: 0 });
    expect(ledger.upTo(4)).toEqual({ busySeconds: 4, wireBits: 4000, created: 0 });
  });

  it('counts a transmission of no time where it happens', () => {
    const { ledger, flowMark } = ledgerWithMarks(0);
    flowMark.advance(1);
    ledger.transmitted(2, 2, 0);
    ledger.transmitted(2, 2, 64);
    expect(ledger.upTo(1)).toEqual({ busySeconds: 0, wireBits: 0, created: 0 });
    expect(ledger.upTo(2)).toEqual({ busySeconds: 0, wireBits: 64, created: 0 });
  });

  it('counts messages created before a mark but reported after it (bulk counted at the end)', () => {
    const { ledger, flowMark } = ledgerWithMarks(0);
    ledger.transmitted(0, 1, 1000);
    flowMark.advance(1);
    ledger.transmitted(1, 3, 1000);
    ledger.createdAt(0, 5);
    expect(ledger.upTo(1)).toEqual({ busySeconds: 1, wireBits: 1000, created: 5 });
  });

  it('refuses an end that no interval has, rather than guess', () => {
    const { ledger, flowMark } = ledgerWithMarks(0);
    ledger.transmitted(0, 1, 1000);
    flowMark.advance(1);
    ledger.transmitted(1, 3, 1000);
    expect(() => ledger.upTo(2)).toThrow(/ends no interval/);
  });

  it('keeps constant memory however long a sender goes on after its last delivery', () => {
    const { ledger, flowMark } = ledgerWithMarks(0);
    flowMark.advance(0.5);
    for (let k = 0; k < 100_000; k++) ledger.transmitted(1 + 2 * k, 2 + 2 * k, 1000);
    expect(ledger.upTo(0.5)).toEqual({ busySeconds: 0, wireBits: 0, created: 0 });
    expect(Object.keys(ledger).length).toBeLessThan(12);
  });

  it('gives, at each mark, what the reports up to it add up to (against every report kept)', () => {
    // Reports in time order (transmissions back to back or with gaps, creations), the two marks
    // moving at report instants; each mark's final time read back and the run's end.
    const step = fc.record({
      gap: fc.integer({ min: 0, max: 3 }),
      seconds: fc.integer({ min: 0, max: 4 }),
      bits: fc.integer({ min: 0, max: 5000 }),
      creates: fc.integer({ min: 0, max: 2 }),
      mark: fc.constantFrom('none', 'flow', 'run', 'both'),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.array(step, { minLength: 1, maxLength: 40 }),
        (warmup, steps) => {
          const { ledger, flowMark, runMark } = ledgerWithMarks(warmup);
          const sent: { start: number; end: number; bits: number }[] = [];
          const made: number[] = [];
          let now = 0;
          for (const { gap, seconds, bits, creates, mark } of steps) {
            if (mark === 'flow' || mark === 'both') flowMark.advance(now);
            if (mark === 'run' || mark === 'both') runMark.advance(now);
            const start = now + gap;
            now = start + seconds;
            ledger.transmitted(start, now, bits);
            sent.push({ start, end: now, bits });
            for (let k = 0; k < creates; k++) {
              ledger.createdAt(now, 1);
              made.push(now);
            }
          }
          const expected = (end: number) => {
            let busySeconds = 0;
            let wireBits = 0;
            for (const { start, end: stop, bits } of sent) {
              const from = Math.max(start, warmup);
              const to = Math.min(stop, end);
              if (stop === start) {
                if (start >= warmup && start <= end) wireBits += bits;
              } else if (to > from) {
                busySeconds += to - from;
                wireBits += (bits * (to - from)) / (stop - start);
              }
            }
            return { busySeconds, wireBits, created: made.filter((t) => t >= warmup && t <= end).length };
          };
          for (const end of [flowMark.time, runMark.time, now, now + 1]) {
            if (!Number.isFinite(end)) continue;
            const got = ledger.upTo(end);
            const want = end <= warmup ? { busySeconds: 0, wireBits: 0, created: 0 } : expected(end);
            expect(got.busySeconds).toBeCloseTo(want.busySeconds, 9);
            expect(got.wireBits).toBeCloseTo(want.wireBits, 6);
            expect(got.created).toBe(want.created);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
