import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WireLoads } from '../../src/metrics/wire-loads.js';

/** One transmission: `bits` over [start, start + seconds], each bit crossing in `delay`. */
interface Sent {
  start: number;
  seconds: number;
  bits: number;
  delay: number;
}

/** One direction's wire: direction 0 of a WireLoads of one. */
function oneWire(warmup: number) {
  const loads = new WireLoads(1, warmup);
  return {
    carried: (start: number, seconds: number, bits: number, delay: number) =>
      loads.carried(0, { start, seconds, bits, propagationSeconds: delay }),
    cut: (now: number) => loads.cut(0, now),
    close: (now: number, inProgress?: Parameters<WireLoads['close']>[2]) => loads.close(0, now, inProgress),
    get peak() {
      return loads.peak(0);
    },
    get area() {
      return loads.area(0);
    },
  };
}

/** The wire figures of `sent` measured from `warmup` to `close`, the way a run reports them. */
function measure(sent: readonly Sent[], close: number, warmup = 0) {
  const wire = oneWire(warmup);
  for (const { start, seconds, bits, delay } of sent) wire.carried(start, seconds, bits, delay);
  wire.close(close);
  return wire;
}

/** The bits on the wire at `t`, from the definition: r·|(t − d, t] ∩ [s, s + τ]| summed. */
function bitsAt(sent: readonly Sent[], t: number): number {
  let total = 0;
  for (const { start, seconds, bits, delay } of sent) {
    const overlap = Math.min(t, start + seconds) - Math.max(t - delay, start);
    if (overlap > 0) total += (bits / seconds) * overlap;
  }
  return total;
}

/**
 * Peak and integral by brute force: the total is linear between the breakpoints (each packet's
 * s, s + τ, s + d, s + τ + d), so its maximum is at one of them and trapezoids integrate it exactly.
 */
function bruteForce(sent: readonly Sent[], close: number, warmup = 0) {
  const points = new Set([warmup, close]);
  for (const { start, seconds, delay } of sent)
    for (const t of [start, start + seconds, start + delay, start + seconds + delay]) points.add(t);
  const inside = [...points].filter((t) => t >= warmup && t <= close).sort((a, b) => a - b);
  let peak = 0;
  let area = 0;
  inside.forEach((t, i) => {
    peak = Math.max(peak, bitsAt(sent, t));
    if (i > 0) area += ((bitsAt(sent, inside[i - 1]) + bitsAt(sent, t)) / 2) * (t - inside[i - 1]);
  });
  return { peak, area };
}

describe('the bits on a wire', () => {
  it('fill to R·d and stay there while a long packet is sent, then drain (delay shorter than the transmission)', () => {
    // 800,000 bits at 2 Mbit/s (0.4 s) over 80 ms: 160,000 bits on the wire from 0.08 s to 0.4 s.
    const wire = measure([{ start: 0, seconds: 0.4, bits: 800_000, delay: 0.08 }], 0.48);
    expect(wire.peak).toBeCloseTo(160_000, 6);
    // Trapezoid: rise over 0.08 s, flat 0.32 s, fall over 0.08 s.
    expect(wire.area).toBeCloseTo(160_000 * (0.08 / 2 + 0.32 + 0.08 / 2), 6);
  });

  it('hold the whole packet when it is shorter than the pipe', () => {
    // 800,000 bits at 1 Gbit/s (0.8 ms) over 80 ms: all of it is on the wire from 0.8 ms to 80 ms.
    const wire = measure([{ start: 0, seconds: 0.0008, bits: 800_000, delay: 0.08 }], 0.0808);
    expect(wire.peak).toBeCloseTo(800_000, 6);
    expect(wire.area).toBeCloseTo(800_000 * 0.08, 6);
  });

  it('add up two packets sent back to back: R·d once the pipe is full', () => {
    // 1000 bits each at 1000 bit/s (1 s each), delay 0.5 s: from 0.5 s to 2 s the wire holds 500.
    const sent = [
      { start: 0, seconds: 1, bits: 1000, delay: 0.5 },
      { start: 1, seconds: 1, bits: 1000, delay: 0.5 },
    ];
    const wire = measure(sent, 2.5);
    expect(wire.peak).toBe(500);
    // Rise 0–0.5 (125), flat 0.5–2 (750), fall 2–2.5 (125).
    expect(wire.area).toBe(1000);
  });

  it('drain between packets sent with a gap longer than the delay', () => {
    // 100 bits at 100 bit/s (1 s), delay 2 s: the whole packet is on the wire from 1 s to 2 s.
    // The second starts at 2.5 s, while the first still drains (until 3 s).
    const sent = [
      { start: 0, seconds: 1, bits: 100, delay: 2 },
      { start: 2.5, seconds: 1, bits: 100, delay: 2 },
    ];
    const wire = measure(sent, 5.5);
    expect(wire.peak).toBe(100);
    // At 2.75 s: 25 bits of the first remain, 25 of the second are out: 50, as the definition says.
    expect(bitsAt(sent, 2.75)).toBe(50);
    expect(wire.area).toBeCloseTo(bruteForce(sent, 5.5).area, 9);
    expect(wire.area).toBeCloseTo(2 * 100 * 2, 9);
  });

  it('count only what comes after the warm-up', () => {
    const sent = [{ start: 0, seconds: 1, bits: 1000, delay: 0.5 }];
    // From 0.25 s: 250 bits then, 500 from 0.5 s to 1 s, down to 0 at 1.5 s.
    const wire = measure(sent, 1.5, 0.25);
    expect(wire.peak).toBe(500);
    expect(wire.area).toBeCloseTo(((250 + 500) / 2) * 0.25 + 500 * 0.5 + (500 / 2) * 0.5, 9);
    // A warm-up past everything measures nothing.
    expect(measure(sent, 3, 2).peak).toBe(0);
  });

  it('lose everything on the wire to a cut', () => {
    const wire = oneWire(0);
    wire.carried(0, 0.1, 100, 1);
    wire.cut(0.5);
    wire.close(2);
    expect(wire.peak).toBe(100);
    // 100 bits·s/2 rising over 0.1 s, then 100 bits to the cut: nothing after it.
    expect(wire.area).toBeCloseTo(5 + 40, 9);
  });

  it('count a transmission under way at the close up to it', () => {
    const wire = oneWire(0);
    wire.close(0.5, { start: 0, seconds: 1, bits: 1000, propagationSeconds: 0.2 });
    expect(wire.peak).toBeCloseTo(200, 9);
    expect(wire.area).toBeCloseTo(0.2 * 100 + 0.3 * 200, 9);
  });

  it('ignore what is reported after the close', () => {
    const wire = measure([], 1);
    wire.carried(2, 1, 1000, 1);
    wire.cut(3);
    expect(wire.peak).toBe(0);
    expect(wire.area).toBe(0);
  });
});

/** Back-to-back or spaced transmissions at one rate, as a transmitter makes them. */
const schedules = fc
  .record({
    rate: fc.integer({ min: 1, max: 1000 }),
    packets: fc.array(
      fc.record({
        gap: fc.oneof(
          fc.constant(0),
          fc.integer({ min: 1, max: 50 }).map((n) => n / 10),
        ),
        bits: fc.integer({ min: 1, max: 5000 }),
        jitter: fc.integer({ min: 0, max: 40 }).map((n) => n / 10),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    delay: fc.integer({ min: 1, max: 40 }).map((n) => n / 10),
    warmup: fc.integer({ min: 0, max: 30 }).map((n) => n / 10),
    tail: fc.integer({ min: 0, max: 50 }).map((n) => n / 10),
  })
  .map(({ rate, packets, delay, warmup, tail }) => {
    let at = 0;
    const sent = packets.map(({ gap, bits, jitter }) => {
      const start = at + gap;
      const seconds = bits / rate;
      at = start + seconds;
      return { start, seconds, bits, delay, jitter };
    });
    return { rate, delay, sent, warmup, close: at + tail };
  });

describe('the bits on a wire, on random schedules', () => {
  it('keep each direction apart, reports of several interleaved', () => {
    fc.assert(
      fc.property(schedules, schedules, (first, second) => {
        const loads = new WireLoads(2, 0);
        const reports = [
          ...first.sent.map((packet) => ({ direction: 0, ...packet })),
          ...second.sent.map((packet) => ({ direction: 1, ...packet })),
        ].sort((a, b) => a.start + a.seconds - (b.start + b.seconds));
        for (const { direction, start, seconds, bits, delay } of reports)
          loads.carried(direction, { start, seconds, bits, propagationSeconds: delay });
        loads.close(0, first.close);
        loads.close(1, second.close);
        for (const [direction, { sent, close }] of [first, second].entries()) {
          const alone = measure(sent, close);
          expect(loads.peak(direction)).toBe(alone.peak);
          expect(loads.area(direction)).toBe(alone.area);
        }
      }),
    );
  });

  const tolerance = (value: number) => 1e-9 * Math.max(1, Math.abs(value));

  it('never exceed R·d with a constant delay, nor the bits sent', () => {
    fc.assert(
      fc.property(schedules, ({ rate, delay, sent, warmup, close }) => {
        const wire = measure(sent, close, warmup);
        const total = sent.reduce((sum, packet) => sum + packet.bits, 0);
        expect(wire.peak).toBeLessThanOrEqual(rate * delay + tolerance(rate * delay));
        expect(wire.peak).toBeLessThanOrEqual(total + tolerance(total));
        expect(wire.area).toBeGreaterThanOrEqual(-tolerance(total));
      }),
    );
  });

  it('equal the definition evaluated at every breakpoint, constant delay', () => {
    fc.assert(
      fc.property(schedules, ({ sent, warmup, close }) => {
        const wire = measure(sent, close, warmup);
        const expected = bruteForce(sent, close, warmup);
        expect(Math.abs(wire.peak - expected.peak)).toBeLessThanOrEqual(tolerance(expected.peak));
        expect(Math.abs(wire.area - expected.area)).toBeLessThanOrEqual(tolerance(expected.area));
      }),
    );
  });

  it('equal the definition evaluated at every breakpoint, each packet its own delay', () => {
    fc.assert(
      fc.property(schedules, ({ sent, warmup, close }) => {
        const jittered = sent.map((packet) => ({ ...packet, delay: packet.delay + packet.jitter }));
        const end = close + Math.max(...jittered.map((packet) => packet.jitter));
        const wire = measure(jittered, end, warmup);
        const expected = bruteForce(jittered, end, warmup);
        expect(Math.abs(wire.peak - expected.peak)).toBeLessThanOrEqual(tolerance(expected.peak));
        expect(Math.abs(wire.area - expected.area)).toBeLessThanOrEqual(tolerance(expected.area));
      }),
    );
  });
});
