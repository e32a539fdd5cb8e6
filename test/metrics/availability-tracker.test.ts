import { describe, expect, it } from 'vitest';
import { AvailabilityTracker } from '../../src/metrics/availability-tracker.js';

describe('AvailabilityTracker', () => {
  it('sums up and down time and observes completed periods', () => {
    const tracker = new AvailabilityTracker(1, 0);
    tracker.change(0, false, 10);
    tracker.change(0, false, 11); // no change: ignored
    tracker.change(0, true, 13);
    tracker.change(0, false, 20);
    tracker.change(0, true, 21);
    const snapshot = tracker.snapshot(0, 30);
    expect(snapshot.upSeconds).toBe(10 + 7 + 9);
    expect(snapshot.downSeconds).toBe(3 + 1);
    expect(snapshot.failures).toBe(2);
    expect(snapshot.currentlyUp).toBe(true);
    expect(snapshot.upPeriods.count).toBe(2);
    expect(snapshot.upPeriods.mean).toBe(8.5);
    expect(snapshot.downPeriods.count).toBe(2);
    expect(snapshot.downPeriods.mean).toBe(2);
    expect(tracker.timeline(0, 'n', 30).periods).toEqual([
      { start: 0, end: 10, up: true },
      { start: 10, end: 13, up: false },
      { start: 13, end: 20, up: true },
      { start: 20, end: 21, up: false },
      { start: 21, end: 30, up: true },
    ]);
  });

  it('counts only time after the warm-up, and only periods that began after it', () => {
    const tracker = new AvailabilityTracker(1, 11);
    // Down [10, 12), up [12, 22), down [22, 24), up from 24; snapshot at 30.
    tracker.change(0, false, 10);
    tracker.change(0, true, 12);
    tracker.change(0, false, 22);
    tracker.change(0, true, 24);
    const snapshot = tracker.snapshot(0, 30);
    expect(snapshot.downSeconds).toBe(1 + 2);
    expect(snapshot.upSeconds).toBe(10 + 6);
    expect(snapshot.downPeriods.count).toBe(1);
    expect(snapshot.downPeriods.mean).toBe(2);
    expect(snapshot.upPeriods.count).toBe(1);
    expect(snapshot.upPeriods.mean).toBe(10);
  });

  it('keeps nodes apart and counts an open down period up to the end', () => {
    const tracker = new AvailabilityTracker(2, 0);
    tracker.change(1, false, 4);
    expect(tracker.snapshot(0, 10)).toMatchObject({ upSeconds: 10, downSeconds: 0, failures: 0 });
    const other = tracker.snapshot(1, 10);
    expect(other).toMatchObject({ upSeconds: 4, downSeconds: 6, failures: 1, currentlyUp: false });
    expect(other.downPeriods.count).toBe(0);
  });
});
