import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantDistribution, createDistributionRegistry } from '../../src/engine/distributions.js';
import { bernoulliLoss } from '../../src/net/loss/bernoulli.js';
import { Packet } from '../../src/net/packet.js';
import { Transmitter, TransmitterFigures, type TransmitterSettings } from '../../src/net/transmitter.js';

const never = () => 0.5;

function settings(overrides: Partial<TransmitterSettings> = {}): TransmitterSettings {
  return {
    linkIndex: 0,
    from: 0,
    to: 1,
    bandwidthBitsPerSecond: 1e6,
    delay: constantDistribution(0.01),
    loss: bernoulliLoss(0).createProcess(),
    bufferPackets: Number.POSITIVE_INFINITY,
    ...overrides,
  };
}

function packet(id: number): Packet {
  return new Packet('data', 0, 0, 1, 100, id, null, false);
}

describe('Transmitter settings and figures', () => {
  it('copies the far end, bandwidth, constant delay and buffer from its settings, and again when they change', () => {
    const figures = new TransmitterFigures(2);
    const transmitter = new Transmitter(1, settings({ to: 7, bufferPackets: 3 }), never, never, figures);
    expect(transmitter.to).toBe(7);
    expect(figures.farEnd(1)).toBe(7);
    expect(transmitter.bandwidthBitsPerSecond).toBe(1e6);
    expect(transmitter.constantDelay).toBe(0.01);
    expect(transmitter.bufferPackets).toBe(3);
    // 1000 B = 8000 bit at 1 Mbit/s: 8 ms.
    expect(transmitter.transmissionSeconds(1000)).toBe(0.008);

    const jitter = createDistributionRegistry().get('uniform').create({ min: 0.001, max: 0.003 });
    const lossy = bernoulliLoss(0.5).createProcess();
    transmitter.settings = settings({
      to: 7,
      bandwidthBitsPerSecond: 2e9,
      delay: jitter,
      loss: lossy,
      bufferPackets: 0,
    });
    expect(transmitter.bandwidthBitsPerSecond).toBe(2e9);
    expect(transmitter.constantDelay).toBeNaN();
    expect(transmitter.bufferPackets).toBe(0);
    expect(transmitter.loss).toBe(lossy);
    expect(transmitter.settings.delay).toBe(jitter);
    expect(transmitter.transmissionSeconds(1000)).toBe(4e-6);
  });

  it('keeps each transmitter’s doubles apart in the shared figures', () => {
    const figures = new TransmitterFigures(3);
    const [a, b, c] = [0, 1, 2].map(
      (index) => new Transmitter(index, settings({ to: 10 + index }), never, never, figures),
    );
    a.currentStart = 1.5;
    b.currentStart = 2.5;
    c.currentSeconds = 0.25;
    a.lastArrivalTime = 9.75;
    expect([a.currentStart, b.currentStart, c.currentStart]).toEqual([1.5, 2.5, 0]);
    expect([a.currentSeconds, b.currentSeconds, c.currentSeconds]).toEqual([0, 0, 0.25]);
    expect([a.lastArrivalTime, b.lastArrivalTime, c.lastArrivalTime]).toEqual([9.75, 0, 0]);
    expect([0, 1, 2].map((index) => figures.farEnd(index))).toEqual([10, 11, 12]);
  });

  it('counts arrivals and says which left before the last cut', () => {
    const figures = new TransmitterFigures(2);
    const transmitter = new Transmitter(1, settings(), never, never, figures);
    transmitter.wireDepartures = 3;
    // Cut with 3 departures on the wire: arrivals 1, 2 and 3 were on it, the 4th left later.
    transmitter.wireCutBelow = transmitter.wireDepartures;
    expect([1, 2, 3, 4].map(() => figures.arrivalWasCut(1))).toEqual([true, true, true, false]);
    expect(transmitter.wireArrivals).toBe(4);
    // The other transmitter's counters are untouched.
    expect(figures.arrivalWasCut(0)).toBe(false);
  });
});

describe('TransmitterFigures as the network reads them by index', () => {
  it('is the state the Transmitter views: packet in transmission, up, loss process, waiting count', () => {
    const figures = new TransmitterFigures(2);
    const lossless = bernoulliLoss(0).createProcess();
    const transmitter = new Transmitter(1, settings({ loss: lossless }), never, never, figures);
    expect(figures.isUp(1)).toBe(true);
    transmitter.up = false;
    expect(figures.isUp(1)).toBe(false);
    expect(figures.isUp(0)).toBe(true);
    const sent = packet(0);
    figures.startTransmission(1, sent, 2, 0.5);
    expect(transmitter.current).toBe(sent);
    expect([transmitter.currentStart, transmitter.currentSeconds]).toEqual([2, 0.5]);
    expect(figures.current[0]).toBeNull();
    expect(figures.losses[1]).toBe(lossless);
    const lossy = bernoulliLoss(0.5).createProcess();
    transmitter.settings = settings({ loss: lossy });
    expect(figures.losses[1]).toBe(lossy);
    expect(figures.lossRandoms[1]).toBe(never);
    transmitter.enqueue(packet(1), 0);
    expect(figures.waiting(1)).toBe(1);
    expect(figures.waiting(0)).toBe(0);
  });

  it('holds a packet behind a slower predecessor and counts departures', () => {
    const figures = new TransmitterFigures(1);
    const transmitter = new Transmitter(0, settings(), never, never, figures);
    expect(figures.departInOrder(0, 5)).toBe(5);
    // Due earlier than the packet before it: it arrives with it, not before.
    expect(figures.departInOrder(0, 4)).toBe(5);
    expect(figures.departInOrder(0, 6)).toBe(6);
    expect(transmitter.wireDepartures).toBe(3);
    expect(transmitter.lastArrivalTime).toBe(6);
  });

  it('asks for a lane only when a duration repeats, and forgets it when the duration changes', () => {
    const figures = new TransmitterFigures(1);
    // -2: first or different duration (heap); -1: repeated, no lane yet; then the lane stored.
    expect(figures.repeatedTransmissionLane(0, 1e-6)).toBe(-2);
    expect(figures.repeatedTransmissionLane(0, 1e-6)).toBe(-1);
    figures.setTransmissionLane(0, 3);
    expect(figures.repeatedTransmissionLane(0, 1e-6)).toBe(3);
    expect(figures.repeatedTransmissionLane(0, 2e-6)).toBe(-2);
    expect(figures.repeatedTransmissionLane(0, 2e-6)).toBe(-1);
  });
});

describe('Transmitter buffer (ring)', () => {
  it('hands packets back oldest first with their enqueue times, across growth and wrap-around', () => {
    const transmitter = new Transmitter(0, settings(), never, never, new TransmitterFigures(1));
    const packets = Array.from({ length: 9 }, (_, i) => packet(i));
    // Fill 3, take 2 (the head moves), then 6 more: the ring of 4 wraps, then grows to 8.
    for (let i = 0; i < 3; i++) transmitter.enqueue(packets[i], i * 0.5);
    expect(transmitter.oldestEnqueuedAt()).toBe(0);
    expect(transmitter.dequeue()).toBe(packets[0]);
    expect(transmitter.oldestEnqueuedAt()).toBe(0.5);
    expect(transmitter.dequeue()).toBe(packets[1]);
    for (let i = 3; i < 9; i++) transmitter.enqueue(packets[i], 10 + i - 3);
    expect(transmitter.waiting).toBe(7);
    expect(transmitter.oldestEnqueuedAt()).toBe(1);
    expect(transmitter.dequeue()).toBe(packets[2]);
    expect(transmitter.oldestEnqueuedAt()).toBe(10);
    expect(transmitter.drain()).toEqual(packets.slice(3));
    expect(transmitter.waiting).toBe(0);
    expect(transmitter.dequeue()).toBeNull();
  });

  it('behaves as a FIFO of (packet, time) pairs under any sequence of operations', () => {
    type Operation =
      | { kind: 'enqueue'; time: number; sizeBytes: number }
      | { kind: 'dequeue' }
      | { kind: 'drain' };
    const operation: fc.Arbitrary<Operation> = fc.oneof(
      {
        weight: 5,
        arbitrary: fc
          .record({
            time: fc.double({ min: 0, max: 1e6, noNaN: true }),
            // Fractional sizes too (exponential sizes are not whole bytes).
            sizeBytes: fc.double({ min: 0, max: 1e4, noNaN: true }),
          })
          .map(({ time, sizeBytes }) => ({ kind: 'enqueue' as const, time, sizeBytes })),
      },
      { weight: 4, arbitrary: fc.constant({ kind: 'dequeue' as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'drain' as const }) },
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 300 }), (operations) => {
        const transmitter = new Transmitter(0, settings(), never, never, new TransmitterFigures(1));
        const reference: Array<{ packet: Packet; time: number }> = [];
        let next = 0;
        for (const op of operations) {
          if (op.kind === 'enqueue') {
            const p = new Packet('data', 0, 0, 1, op.sizeBytes, next++, null, false);
            transmitter.enqueue(p, op.time);
            reference.push({ packet: p, time: op.time });
          } else if (op.kind === 'dequeue') {
            expect(transmitter.dequeue()).toBe(reference.shift()?.packet ?? null);
          } else {
            expect(transmitter.drain()).toEqual(reference.splice(0).map((entry) => entry.packet));
          }
          expect(transmitter.waiting).toBe(reference.length);
          if (reference.length > 0) expect(transmitter.oldestEnqueuedAt()).toBe(reference[0].time);
          // The bytes waiting: the sum of their sizes, and exactly 0 once none waits.
          const bytes = reference.reduce((sum, entry) => sum + entry.packet.sizeBytes, 0);
          expect(transmitter.waitingBytes).toBeCloseTo(bytes, 6);
          if (reference.length === 0) expect(transmitter.waitingBytes).toBe(0);
        }
      }),
    );
  });
});

describe('Transmitter as a queue discipline sees it', () => {
  it('counts what waits, and while the finished packet vacates, the oldest waiting one as in transmission', () => {
    const transmitter = new Transmitter(0, settings(), never, never, new TransmitterFigures(1));
    transmitter.current = packet(0);
    expect([transmitter.queuedPackets, transmitter.queuedBytes]).toEqual([0, 0]);
    transmitter.vacating = true;
    expect([transmitter.queuedPackets, transmitter.queuedBytes]).toEqual([0, 0]);
    transmitter.vacating = false;
    transmitter.enqueue(new Packet('data', 0, 0, 1, 300, 1, null, false), 0);
    transmitter.enqueue(new Packet('data', 0, 0, 1, 500, 2, null, false), 0);
    expect([transmitter.queuedPackets, transmitter.queuedBytes]).toEqual([2, 800]);
    transmitter.vacating = true;
    expect([transmitter.queuedPackets, transmitter.queuedBytes]).toEqual([1, 500]);
  });

  it('is idle from the end of its last transmission, or from when a cut or crash stopped it', () => {
    const transmitter = new Transmitter(0, settings(), never, never, new TransmitterFigures(1));
    expect(transmitter.idleSince).toBe(0);
    transmitter.current = packet(0);
    transmitter.currentStart = 2;
    transmitter.currentSeconds = 0.5;
    expect(transmitter.idleSince).toBeNaN();
    transmitter.current = null;
    expect(transmitter.idleSince).toBe(2.5);
    const aborted = packet(1);
    transmitter.current = aborted;
    transmitter.currentStart = 3;
    transmitter.currentSeconds = 1;
    expect(transmitter.abortTransmission(3.25)).toBe(aborted);
    expect(transmitter.current).toBeNull();
    expect(transmitter.idleSince).toBe(3.25);
  });
});
