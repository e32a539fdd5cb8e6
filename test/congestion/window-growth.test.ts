import { describe, expect, it } from 'vitest';
import { createControl, ToySender } from './toy-sender.js';

const renoFamily = ['tahoe', 'reno', 'newreno'];

describe.each([...renoFamily, 'cubic'])('%s slow start', (strategy) => {
  it('starts at one segment with an unbounded threshold and doubles once per round trip', () => {
    const sender = new ToySender(createControl(strategy));
    expect(sender.control.cwnd).toBe(1);
    expect(sender.control.ssthresh).toBe(Number.POSITIVE_INFINITY);
    const windows: number[] = [];
    for (let round = 0; round < 6; round++) {
      sender.round();
      windows.push(sender.control.cwnd);
    }
    expect(windows).toEqual([2, 4, 8, 16, 32, 64]);
  });

  it('starts from the configured initial window and threshold', () => {
    const sender = new ToySender(createControl(strategy, { initialWindow: 4, initialSsthresh: 20 }));
    expect(sender.control.cwnd).toBe(4);
    expect(sender.control.ssthresh).toBe(20);
    sender.round();
    expect(sender.control.cwnd).toBe(8);
  });

  it('counts every segment a cumulative ACK covers, so delayed ACKs still double the window', () => {
    const sender = new ToySender(createControl(strategy, { initialWindow: 8 }));
    sender.fillWindow();
    for (let i = 0; i < 4; i++) sender.ack(2);
    expect(sender.control.cwnd).toBe(16);
  });
});

describe.each(renoFamily)('%s congestion avoidance', (strategy) => {
  it('switches to congestion avoidance at ssthresh: 1, 2, 4, 8, then about one segment per round', () => {
    const sender = new ToySender(createControl(strategy, { initialSsthresh: 8 }));
    for (let round = 0; round < 3; round++) sender.round();
    expect(sender.control.cwnd).toBe(8);
    sender.round();
    // Eight ACKs each adding 1/cwnd: 8 + 1/8 + 1/8.125 + ... (hand-iterated).
    expect(sender.control.cwnd).toBeCloseTo(8.950590647281988, 12);
  });

  it('gives the segments acknowledged beyond ssthresh to congestion avoidance', () => {
    const sender = new ToySender(createControl(strategy, { initialWindow: 4, initialSsthresh: 5 }));
    sender.fillWindow();
    sender.ack(3);
    // One segment of slow start reaches 5; the other two add 2/5.
    expect(sender.control.cwnd).toBeCloseTo(5.4, 12);
  });

  it('grows by close to one segment per window of ACKs (additive increase)', () => {
    const sender = new ToySender(createControl(strategy, { initialWindow: 20, initialSsthresh: 20 }));
    for (let round = 0; round < 10; round++) {
      const before = sender.control.cwnd;
      sender.round();
      const growth = sender.control.cwnd - before;
      // floor(cwnd) ACKs of 1/cwnd each: a little under one segment, never more.
      expect(growth).toBeGreaterThan(0.9);
      expect(growth).toBeLessThanOrEqual(1);
    }
    expect(sender.control.cwnd).toBeGreaterThan(29);
    expect(sender.control.cwnd).toBeLessThan(30);
  });
});

describe.each(renoFamily)('%s retransmission timeout', (strategy) => {
  it('halves the flight into ssthresh, drops to one segment and slow-starts back to it', () => {
    const sender = new ToySender(createControl(strategy, { initialWindow: 24 }));
    sender.fillWindow();
    sender.timeout();
    expect(sender.control.cwnd).toBe(1);
    expect(sender.control.ssthresh).toBe(12);
    expect(sender.control.inFastRecovery).toBe(false);
    sender.ack(1);
    expect(sender.control.cwnd).toBe(2);
  });

  it('never sets ssthresh below two segments', () => {
    const sender = new ToySender(createControl(strategy, { initialWindow: 3 }));
    sender.fillWindow();
    sender.timeout();
    expect(sender.control.ssthresh).toBe(2);
  });

  it('holds ssthresh when the same segment times out again, and not after a new ACK', () => {
    const sender = new ToySender(createControl(strategy, { initialWindow: 20 }));
    sender.fillWindow();
    sender.timeout();
    expect(sender.control.ssthresh).toBe(10);
    // The go-back-N retransmission is lost too; the flight is still 20, the cwnd 1.
    sender.timeout();
    expect(sender.control.ssthresh).toBe(10);
    expect(sender.control.cwnd).toBe(1);
    sender.ack(14);
    sender.timeout();
    expect(sender.control.ssthresh).toBe(3);
  });
});
