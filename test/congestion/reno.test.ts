import { describe, expect, it } from 'vitest';
import { createControl, ToySender } from './toy-sender.js';

function renoWithFlight(flight: number, parameters: Record<string, unknown> = {}): ToySender {
  const sender = new ToySender(createControl('reno', { initialWindow: flight, ...parameters }));
  sender.fillWindow();
  return sender;
}

describe('reno fast retransmit and fast recovery (RFC 5681 §3.2)', () => {
  it('retransmits on the third duplicate ACK only, with ssthresh = flight/2 and cwnd = ssthresh + 3', () => {
    const sender = renoWithFlight(20);
    expect(sender.duplicates(1, 2)).toEqual(['none', 'none']);
    expect(sender.control.cwnd).toBe(20);
    expect(sender.control.inFastRecovery).toBe(false);
    expect(sender.duplicates(3, 3)).toEqual(['retransmit']);
    expect(sender.control.ssthresh).toBe(10);
    expect(sender.control.cwnd).toBe(13);
    expect(sender.control.inFastRecovery).toBe(true);
  });

  it('inflates the window by one per further duplicate and never retransmits twice', () => {
    const sender = renoWithFlight(20);
    sender.duplicates(1, 3);
    expect(sender.duplicates(4, 19)).toEqual(Array(16).fill('none'));
    expect(sender.control.cwnd).toBe(29);
    expect(sender.control.ssthresh).toBe(10);
  });

  it('deflates to ssthresh on the first new ACK, even a partial one, and leaves recovery', () => {
    const sender = renoWithFlight(20);
    sender.duplicates(1, 10);
    expect(sender.ack(5)).toBe('none');
    expect(sender.control.cwnd).toBe(10);
    expect(sender.control.inFastRecovery).toBe(false);
    // Congestion avoidance from there: + 1/10.
    sender.ack(1);
    expect(sender.control.cwnd).toBeCloseTo(10.1, 12);
  });

  it('cuts the window again for a second loss in the same window (what NewReno fixes)', () => {
    const sender = renoWithFlight(20);
    sender.duplicates(1, 19);
    sender.ack(5);
    expect(sender.duplicates(1, 3)).toEqual(['none', 'none', 'retransmit']);
    expect(sender.control.ssthresh).toBe(7.5);
    expect(sender.control.cwnd).toBe(10.5);
  });

  it('on a timeout during recovery leaves recovery with cwnd = 1 and ssthresh from the flight', () => {
    const sender = renoWithFlight(20);
    sender.duplicates(1, 8);
    sender.timeout();
    expect(sender.control.inFastRecovery).toBe(false);
    expect(sender.control.cwnd).toBe(1);
    expect(sender.control.ssthresh).toBe(10);
    // A late duplicate of the old run does nothing outside recovery.
    expect(sender.duplicates(9, 9)).toEqual(['none']);
    expect(sender.control.cwnd).toBe(1);
  });

  it('inflates by the configured duplicate-ACK threshold', () => {
    const sender = renoWithFlight(12, { duplicateAckThreshold: 4 });
    expect(sender.duplicates(1, 4)).toEqual(['none', 'none', 'none', 'retransmit']);
    expect(sender.control.cwnd).toBe(10);
  });
});
