import { describe, expect, it } from 'vitest';
import { SenderLedger } from '../../src/metrics/sender-ledger.js';

describe('SenderLedger', () => {
  it('counts the part of a transmission after the warm-up, its bits in proportion', () => {
    const ledger = new SenderLedger(1);
    ledger.transmitted(0.5, 1.5, 8000); // half after the warm-up
    ledger.transmitted(0.2, 0.7, 8000); // all before it
    expect(ledger.upTo(10)).toEqual({ busySeconds: 0.5, wireBits: 4000, created: 0 });
  });

  it('reads the figures up to an end after the last delivery, clipping what straddles it', () => {
    const ledger = new SenderLedger(1);
    ledger.createdAt(0.5, 1); // in the warm-up: not counted
    ledger.createdAt(1.5, 1);
    ledger.transmitted(1.5, 1.75, 2000);
    ledger.delivered(2);
    ledger.transmitted(1.75, 2.5, 6000); // straddles the delivery: 0.5 s and 4000 bits after it
    ledger.createdAt(3, 1);
    ledger.createdAt(3, 1);
    ledger.transmitted(3, 4, 8000);
    // Everything: 0.25 + 0.75 + 1 s busy, 2000 + 6000 + 8000 bits, 3 messages.
    expect(ledger.upTo(10)).toEqual({ busySeconds: 2, wireBits: 16000, created: 3 });
    // Up to the delivery: 0.25 + 0.25 s, 2000 + 2000 bits, 1 message.
    expect(ledger.upTo(2)).toEqual({ busySeconds: 0.5, wireBits: 4000, created: 1 });
    // Up to 3.5: 0.25 + 0.75 + 0.5 s, 2000 + 6000 + 4000 bits, the two created at 3 included.
    expect(ledger.upTo(3.5)).toEqual({ busySeconds: 1.5, wireBits: 12000, created: 3 });
  });

  it('settles everything before a delivery: a later end only clips what followed it', () => {
    const ledger = new SenderLedger(0);
    ledger.transmitted(0, 1, 1000);
    ledger.delivered(1);
    ledger.transmitted(1, 2, 1000);
    ledger.delivered(2);
    ledger.transmitted(2, 3, 1000);
    ledger.transmitted(3, 4, 1000); // back to back at one rate: one run in the tail
    expect(ledger.upTo(2.5)).toEqual({ busySeconds: 2.5, wireBits: 2500, created: 0 });
    expect(ledger.upTo(3.5)).toEqual({ busySeconds: 3.5, wireBits: 3500, created: 0 });
  });

  it('counts a transmission of no time where it happens', () => {
    const ledger = new SenderLedger(0);
    ledger.delivered(1);
    ledger.transmitted(2, 2, 0);
    ledger.transmitted(2, 2, 64);
    expect(ledger.upTo(1.5)).toEqual({ busySeconds: 0, wireBits: 0, created: 0 });
    expect(ledger.upTo(2)).toEqual({ busySeconds: 0, wireBits: 64, created: 0 });
  });

  it('ignores a delivery without a time', () => {
    const ledger = new SenderLedger(0);
    ledger.delivered(Number.NaN);
    ledger.transmitted(0, 1, 1000);
    expect(ledger.upTo(0.5)).toEqual({ busySeconds: 0.5, wireBits: 500, created: 0 });
  });
});
