import { describe, expect, it } from 'vitest';
import { createControl, ToySender } from './toy-sender.js';

/** 20 segments in flight (0..19), segment 0 lost: fast retransmit after its third duplicate. */
function inRecovery(): ToySender {
  const sender = new ToySender(createControl('newreno', { initialWindow: 20 }));
  sender.fillWindow();
  expect(sender.duplicates(1, 3)).toEqual(['none', 'none', 'retransmit']);
  return sender;
}

describe('newreno fast recovery with partial ACKs (RFC 6582)', () => {
  it('enters recovery like Reno: ssthresh = flight/2, cwnd = ssthresh + 3, one retransmit', () => {
    const sender = inRecovery();
    expect(sender.control.ssthresh).toBe(10);
    expect(sender.control.cwnd).toBe(13);
    expect(sender.control.inFastRecovery).toBe(true);
    expect(sender.duplicates(4, 19)).toEqual(Array(16).fill('none'));
    expect(sender.control.cwnd).toBe(29);
  });

  it('on a partial ACK retransmits, deflates by the segments acked, adds one back, stays in recovery', () => {
    const sender = inRecovery();
    sender.duplicates(4, 19);
    // The retransmission of 0 arrives; 5 is lost too, so the ACK stops there (recover is 19).
    expect(sender.ack(5)).toBe('retransmit');
    expect(sender.control.cwnd).toBe(29 - 5 + 1);
    expect(sender.control.inFastRecovery).toBe(true);
    expect(sender.control.ssthresh).toBe(10);
    // Duplicates after the partial ACK inflate again; their third starts no new fast retransmit.
    expect(sender.duplicates(1, 3)).toEqual(['none', 'none', 'none']);
    expect(sender.control.cwnd).toBe(28);
    expect(sender.control.ssthresh).toBe(10);
  });

  it('on the full ACK leaves recovery with cwnd = min(ssthresh, flight after + 1)', () => {
    const sender = inRecovery();
    sender.duplicates(4, 19);
    sender.ack(5);
    sender.nextSequence += 10; // new data the inflated window let out during recovery (20..29)
    expect(sender.ack(15)).toBe('none'); // acknowledges through 19 = recover
    expect(sender.control.inFastRecovery).toBe(false);
    expect(sender.control.cwnd).toBe(10);
  });

  it('does not let a full ACK with little outstanding open a burst', () => {
    const sender = inRecovery();
    sender.nextSequence += 2;
    expect(sender.ack(20)).toBe('none');
    // Two segments are left in flight, so cwnd = 2 + 1 rather than ssthresh = 10.
    expect(sender.control.cwnd).toBe(3);
    expect(sender.control.inFastRecovery).toBe(false);
  });

  it('never deflates below one segment', () => {
    const sender = new ToySender(createControl('newreno', { initialWindow: 4, duplicateAckThreshold: 1 }));
    sender.fillWindow();
    sender.nextSequence += 40;
    sender.duplicates(1, 1);
    expect(sender.control.cwnd).toBe(23);
    expect(sender.ack(30)).toBe('retransmit');
    expect(sender.control.cwnd).toBe(1);
  });

  it('ignores three duplicates that do not acknowledge past recover after a timeout', () => {
    const sender = new ToySender(createControl('newreno', { initialWindow: 20 }));
    sender.fillWindow();
    sender.timeout(); // recover = 19
    expect(sender.control.ssthresh).toBe(10);
    sender.ack(2);
    expect(sender.duplicates(1, 3)).toEqual(['none', 'none', 'none']);
    expect(sender.control.ssthresh).toBe(10);
    expect(sender.control.inFastRecovery).toBe(false);
    expect(sender.control.cwnd).toBe(3);
    // Once the cumulative point is past recover, a new loss is a new event.
    sender.ack(18); // cumulative point 20: slow start to 10, then 11 segments of avoidance
    expect(sender.control.cwnd).toBeCloseTo(11.1, 12);
    sender.fillWindow();
    expect(sender.duplicates(1, 3)).toEqual(['none', 'none', 'retransmit']);
    expect(sender.control.inFastRecovery).toBe(true);
    expect(sender.control.ssthresh).toBe(5.5);
  });

  it('after recovery, a later loss in new data triggers a fresh fast retransmit', () => {
    const sender = inRecovery();
    sender.nextSequence += 10;
    sender.ack(20);
    expect(sender.control.inFastRecovery).toBe(false);
    expect(sender.duplicates(1, 3)).toEqual(['none', 'none', 'retransmit']);
    expect(sender.control.ssthresh).toBe(5);
  });
});
