import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/random.js';
import type { QueueView } from '../../../src/net/queue/queue-discipline.js';
import { type RedParameters, RedQueue } from '../../../src/net/queue/red.js';

/** A stream that returns `values` in turn and fails when asked for more. */
function scripted(values: number[]) {
  const draws = [...values];
  const stream = () => {
    const next = draws.shift();
    if (next === undefined) throw new Error('drew more than the script holds');
    return next;
  };
  return { stream, left: () => draws.length };
}

/** 1 Mbit/s: a typical packet of 125 B takes 1 ms, so 1 ms of idle time counts as one arrival. */
const BANDWIDTH = 1e6;
const busy = (queuedPackets: number, queuedBytes = 0): QueueView => ({
  queuedPackets,
  queuedBytes,
  idleSince: Number.NaN,
  bandwidthBitsPerSecond: BANDWIDTH,
});
const idle = (since: number): QueueView => ({
  queuedPackets: 0,
  queuedBytes: 0,
  idleSince: since,
  bandwidthBitsPerSecond: BANDWIDTH,
});

const parameters = (overrides: Partial<RedParameters> = {}): RedParameters => ({
  inBytes: false,
  minThreshold: 1,
  maxThreshold: 3,
  maxProbability: 0.5,
  weight: 0.5,
  typicalPacketBits: 125 * 8,
  ...overrides,
});

describe('RED (Floyd & Jacobson 1993, fig. 2), hand-computed', () => {
  it('averages the queue on each arrival, decays it over idle time, and drops as p_a = p_b / (1 - count p_b)', () => {
    const red = new RedQueue(parameters());
    // Only arrivals between the thresholds draw: steps 2, 3, 4 and 7.
    const random = scripted([0.9, 0.7, 0.99, 0.1]);
    const step = (view: QueueView, now: number) => {
      const dropped = red.dropsEarly(view, now, random.stream);
      return [red.average, red.count, dropped];
    };
    // 1. Idle since 0, at 0: m = 0, avg stays 0 < min_th: no drop, count = -1, no draw.
    expect(step(idle(0), 0)).toEqual([0, -1, false]);
    // 2. q = 2: avg = 0.5·0 + 0.5·2 = 1 = min_th: count 0, p_b = 0, p_a = 0; draws 0.9: kept.
    expect(step(busy(2), 0.001)).toEqual([1, 0, false]);
    // 3. q = 4: avg = 0.5 + 2 = 2.5, count 1, p_b = 0.5·1.5/2 = 0.375, p_a = 0.375/0.625 = 0.6;
    //    draws 0.7 >= 0.6: kept.
    expect(step(busy(4), 0.002)).toEqual([2.5, 1, false]);
    // 4. q = 3: avg = 1.25 + 1.5 = 2.75, count 2, p_b = 0.4375, 1 - 2·p_b = 0.125: p_a = 1 (3.5
    //    capped); draws 0.99 < 1: dropped, count 0.
    expect(step(busy(3), 0.003)).toEqual([2.75, 0, true]);
    // 5. q = 5: avg = 1.375 + 2.5 = 3.875 >= max_th: dropped without a draw, count 0.
    expect(step(busy(5), 0.004)).toEqual([3.875, 0, true]);
    // 6. Idle since 5 ms, arrival at 7 ms: m = 2 ms / 1 ms = 2, avg = 3.875·0.5^2 = 0.96875 <
    //    min_th: kept, count -1.
    expect(step(idle(0.005), 0.007)).toEqual([0.96875, -1, false]);
    // 7. q = 2: avg = 0.484375 + 1 = 1.484375, count 0, p_a = p_b = 0.5·0.484375/2 = 0.12109375;
    //    draws 0.1: dropped.
    expect(step(busy(2), 0.008)).toEqual([1.484375, 0, true]);
    expect(random.left()).toBe(0);
  });

  it('in byte mode averages the bytes waiting against thresholds in bytes', () => {
    const red = new RedQueue(parameters({ inBytes: true, minThreshold: 1000, maxThreshold: 3000 }));
    const random = scripted([0.5]);
    // 3 packets but 6000 B: avg = 3000 >= max_th (in bytes): dropped, no draw.
    expect(red.dropsEarly(busy(3, 6000), 0, random.stream)).toBe(true);
    expect(red.average).toBe(3000);
    // 0 B: avg 1500, count 1 (after the forced drop's 0), p_b = 0.5·500/2000 = 0.125,
    // p_a = 0.125/0.875 = 1/7; 0.5 >= 1/7: kept.
    expect(red.dropsEarly(busy(9, 0), 0, random.stream)).toBe(false);
    expect([red.average, red.count]).toEqual([1500, 1]);
  });

  it('at a steady average spaces drops evenly: gaps uniform over 1 ... 1/p_b - 1 (fig. 2 counts)', () => {
    // weight 1: avg = q = 7 at every arrival; p_b = 0.1·(7 - 2)/10 = 0.05. With fig. 2's count
    // (0 after a drop, incremented before p_a) P(gap = n) = p_b / (1 - p_b) for n = 1 .. 19.
    const red = new RedQueue(
      parameters({ minThreshold: 2, maxThreshold: 12, maxProbability: 0.1, weight: 1 }),
    );
    const random = new RandomStreams(7).stream('test/red-spacing');
    const gaps: number[] = [];
    let sinceDrop = 0;
    red.dropsEarly(busy(7), 0, random); // the first arrival in the band starts the count at 0
    while (gaps.length < 20_000) {
      sinceDrop++;
      if (red.dropsEarly(busy(7), 0, random)) {
        gaps.push(sinceDrop);
        sinceDrop = 0;
      }
    }
    // Once count·p_b reaches 1 - p_b, p_a = 1: no gap exceeds 19.
    expect(Math.min(...gaps)).toBe(1);
    expect(Math.max(...gaps)).toBe(19);
    // Uniform over 1..19: mean 10, sd sqrt((19^2 - 1)/12) = 5.48; 5 standard errors of the mean.
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(Math.abs(mean - 10)).toBeLessThan((5 * 5.48) / Math.sqrt(gaps.length));
    // Each value has probability 1/19: counts within 5 sd of the binomial.
    const expected = gaps.length / 19;
    const sd = Math.sqrt(gaps.length * (1 / 19) * (18 / 19));
    for (let n = 1; n <= 19; n++) {
      const count = gaps.filter((gap) => gap === n).length;
      expect(Math.abs(count - expected), `gap ${n}`).toBeLessThan(5 * sd);
    }
  });
});

describe('RED invariants (fast-check)', () => {
  const arrival = fc.record({
    idle: fc.boolean(),
    queued: fc.integer({ min: 0, max: 60 }),
    idleMs: fc.double({ min: 0, max: 50, noNaN: true }),
    draw: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  });
  const settings = fc
    .record({
      minThreshold: fc.double({ min: 0, max: 20, noNaN: true }),
      span: fc.double({ min: 0.5, max: 30, noNaN: true }),
      maxProbability: fc.double({ min: 0.01, max: 1, noNaN: true }),
      weight: fc.double({ min: 0.001, max: 1, noNaN: true }),
    })
    .map(({ span, ...rest }) => parameters({ ...rest, maxThreshold: rest.minThreshold + span }));

  it('never drops below min_th, always drops at or above max_th, draws once per arrival in between', () => {
    fc.assert(
      fc.property(settings, fc.array(arrival, { minLength: 1, maxLength: 200 }), (p, arrivals) => {
        const red = new RedQueue(p);
        let now = 0;
        let highest = 0;
        for (const { idle: isIdle, queued, idleMs, draw } of arrivals) {
          now += idleMs / 1000;
          let draws = 0;
          const random = () => {
            draws++;
            return draw;
          };
          const before = red.average;
          const countBefore = red.count;
          const view = isIdle ? idle(now - idleMs / 1000) : busy(queued);
          const dropped = red.dropsEarly(view, now, random);
          const average = red.average;
          if (!isIdle) highest = Math.max(highest, queued);
          // The average stays within what arrivals found (an EWMA of samples, decayed when idle).
          expect(average).toBeGreaterThanOrEqual(0);
          expect(average).toBeLessThanOrEqual(highest + 1e-9);
          if (isIdle) expect(average).toBeLessThanOrEqual(before);
          if (average < p.minThreshold) {
            expect(dropped).toBe(false);
            expect(red.count).toBe(-1);
            expect(draws).toBe(0);
          } else if (average >= p.maxThreshold) {
            expect(dropped).toBe(true);
            expect(red.count).toBe(0);
            expect(draws).toBe(0);
          } else {
            expect(draws).toBe(1);
            expect(red.count).toBe(dropped ? 0 : countBefore + 1);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('between the thresholds drops exactly when the draw is below p_a = p_b / (1 - count p_b), 1 once that is not positive', () => {
    fc.assert(
      fc.property(settings, fc.array(arrival, { minLength: 1, maxLength: 200 }), (p, arrivals) => {
        const red = new RedQueue(p);
        for (const { queued, draw } of arrivals) {
          const countBefore = red.count;
          const dropped = red.dropsEarly(busy(queued), 0, () => draw);
          const average = red.average;
          if (average < p.minThreshold || average >= p.maxThreshold) continue;
          const count = countBefore + 1;
          const base = (p.maxProbability * (average - p.minThreshold)) / (p.maxThreshold - p.minThreshold);
          const spread = 1 - count * base;
          const probability = spread > 0 ? Math.min(1, base / spread) : 1;
          expect(dropped).toBe(draw < probability);
          expect(red.count).toBe(dropped ? 0 : count);
        }
      }),
      { numRuns: 300 },
    );
  });
});
