import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Delivery, DeliveryRecords } from '../../src/metrics/delivery-records.js';

const delivery = (flowIndex: number, createdAt: number, deliveredAt: number): Delivery => ({
  flowIndex,
  createdAt,
  deliveredAt,
  latencySeconds: deliveredAt - createdAt,
  transSeconds: 0.1,
  propSeconds: 0.2,
  queueSeconds: 0,
  procSeconds: 0.05,
  waitSeconds: deliveredAt - createdAt - 0.35,
  payloadBytes: 1000,
});

describe('DeliveryRecords', () => {
  it('keeps each column in delivery order, the latency as the delivery gives it', () => {
    const records = new DeliveryRecords(1);
    records.add(delivery(2, 0, 1));
    records.add(delivery(0, 0.5, 2.25));
    records.add(delivery(1, 1, 1.5));
    expect(records.length).toBe(3);
    expect([...records.view('latency')]).toEqual([1, 1.75, 0.5]);
    expect([...records.view('deliveredAt')]).toEqual([1, 2.25, 1.5]);
    expect([...records.flowIndexView()]).toEqual([2, 0, 1]);
    expect([...records.view('trans')]).toEqual([0.1, 0.1, 0.1]);
  });

  it('after clear, holds only what is added next', () => {
    const records = new DeliveryRecords(2);
    for (let i = 0; i < 5; i++) records.add(delivery(i, i, i + 1));
    records.clear();
    expect(records.length).toBe(0);
    expect(records.view('createdAt')).toHaveLength(0);
    records.add(delivery(7, 3, 4));
    expect([...records.view('createdAt')]).toEqual([3]);
    expect([...records.flowIndexView()]).toEqual([7]);
  });

  it('keeps every value through any number of growths, as a plain list would', () => {
    const entry = fc.record({
      flowIndex: fc.nat(1000),
      createdAt: fc.double({ min: 0, max: 100, noNaN: true }),
      latency: fc.double({ min: 0, max: 10, noNaN: true }),
      payloadBytes: fc.double({ min: 0, max: 1e5, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 300 }),
        fc.integer({ min: 1, max: 64 }),
        (entries, capacity) => {
          const records = new DeliveryRecords(capacity);
          const added = entries.map((e) => ({
            ...delivery(e.flowIndex, e.createdAt, e.createdAt + e.latency),
            payloadBytes: e.payloadBytes,
          }));
          for (const d of added) records.add(d);
          expect(records.length).toBe(added.length);
          expect([...records.view('createdAt')]).toEqual(added.map((d) => d.createdAt));
          expect([...records.view('latency')]).toEqual(added.map((d) => d.deliveredAt - d.createdAt));
          expect([...records.view('payloadBytes')]).toEqual(added.map((d) => d.payloadBytes));
          expect([...records.view('wait')]).toEqual(added.map((d) => d.waitSeconds));
          expect([...records.flowIndexView()]).toEqual(added.map((d) => d.flowIndex));
        },
      ),
      { numRuns: 200 },
    );
  });
});
