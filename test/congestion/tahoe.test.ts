import { describe, expect, it } from 'vitest';
import { createControl, ToySender } from './toy-sender.js';

function tahoeWithFlight(flight: number, parameters: Record<string, unknown> = {}): ToySender {
  const sender = new ToySender(createControl('tahoe', { initialWindow: flight, ...parameters }));
  sender.fillWindow();
  return sender;
}

describe('tahoe fast retransmit', () => {
  it('waits for the third duplicate ACK, then retransmits once with cwnd = 1, ssthresh = flight/2', () => {
    const sender = tahoeWithFlight(16);
    expect(sender.duplicates(1, 2)).toEqual(['none', 'none']);
    expect(sender.control.cwnd).toBe(16);
    expect(sender.control.ssthresh).toBe(Number.POSITIVE_INFINITY);
    expect(sender.duplicates(3, 3)).toEqual(['retransmit']);
    expect(sender.control.cwnd).toBe(1);
    expect(sender.control.ssthresh).toBe(8);
    expect(sender.duplicates(4, 12)).toEqual(Array(9).fill('none'));
    expect(sender.control.cwnd).toBe(1);
    expect(sender.control.inFastRecovery).toBe(false);
  });

  it('has no fast recovery: the next new ACK slow-starts from one segment', () => {
    const sender = tahoeWithFlight(16);
    sender.duplicates(1, 5);
    expect(sender.ack(1)).toBe('none');
    expect(sender.control.cwnd).toBe(2);
    expect(sender.control.inFastRecovery).toBe(false);
  });

  it('halves the flight, not the window, and keeps at least two segments', () => {
    const sender = tahoeWithFlight(20);
    sender.ack(7);
    // cwnd is 27 now but only 13 segments are in flight.
    sender.duplicates(1, 3);
    expect(sender.control.ssthresh).toBe(6.5);
    const small = tahoeWithFlight(3);
    small.duplicates(1, 3);
    expect(small.control.ssthresh).toBe(2);
  });

  it('uses the configured duplicate-ACK threshold', () => {
    const sender = tahoeWithFlight(10, { duplicateAckThreshold: 2 });
    expect(sender.duplicates(1, 3)).toEqual(['none', 'retransmit', 'none']);
    expect(sender.control.ssthresh).toBe(5);
  });

  it('retransmits again for a second run of duplicates at a later hole (no recover check)', () => {
    const sender = tahoeWithFlight(16);
    sender.duplicates(1, 3);
    sender.ack(1);
    expect(sender.duplicates(1, 3)).toEqual(['none', 'none', 'retransmit']);
    expect(sender.control.ssthresh).toBe(7.5);
    expect(sender.control.cwnd).toBe(1);
  });
});
