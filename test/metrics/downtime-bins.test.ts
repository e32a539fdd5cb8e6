import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AvailabilityTracker, MAX_TIMELINE_PERIODS } from '../../src/metrics/availability-tracker.js';
import { DowntimeBins } from '../../src/metrics/downtime-bins.js';

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

describe('DowntimeBins', () => {
  it('puts down [10, 20] and [30, 35] of a 100 s run into 10 s bins: down shares 0, 1, 0, 0.5, 0 …', () => {
    const bins = new DowntimeBins(10, 10);
    bins.addDown(10, 20);
    bins.addDown(30, 35);
    expect(bins.binsTo(100).map((seconds) => seconds / 10)).toEqual([0, 1, 0, 0.5, 0, 0, 0, 0, 0, 0]);
  });

  it('splits a period across the bins it spans, and counts an open one up to the end', () => {
    const bins = new DowntimeBins(10, 10);
    bins.addDown(15, 42);
    expect(bins.binsTo(100, 95)).toEqual([0, 5, 10, 10, 2, 0, 0, 0, 0, 5]);
    // Asking for the open period did not record it.
    expect(bins.binsTo(100)).toEqual([0, 5, 10, 10, 2, 0, 0, 0, 0, 0]);
  });

  it('merges neighbours when the run outgrows the bins, keeping every second down', () => {
    const bins = new DowntimeBins(10, 10);
    bins.addDown(10, 20);
    bins.addDown(30, 35);
    bins.addDown(150, 160);
    expect(bins.width).toBe(20);
    expect(bins.binsTo(160)).toEqual([10, 5, 0, 0, 0, 0, 0, 10]);
    bins.addDown(390, 400);
    expect(bins.width).toBe(40);
    expect(bins.binsTo(400)).toEqual([15, 0, 0, 10, 0, 0, 0, 0, 0, 10]);
    // Extending to a later end (the run went on without a failure) widens them once more.
    expect(bins.binsTo(401)).toEqual([15, 10, 0, 0, 10, 0]);
    expect(bins.width).toBe(80);
  });
});

describe('AvailabilityTracker downtime bins', () => {
  it('sum to the down time the tracker reports, past the periods cap too (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0.001, max: 1000, noNaN: true }), fc.boolean()), {
          maxLength: 60,
        }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (steps, tail) => {
          const tracker = new AvailabilityTracker(1, 0);
          let now = 0;
          for (const [gap, up] of steps) {
            now += gap;
            tracker.change(0, up, now);
          }
          const end = now + tail;
          const { downSeconds, failures } = tracker.snapshot(0, end);
          const { downtime } = tracker.timeline(0, 'n', end);
          if (failures === 0) {
            expect(downtime).toBeUndefined();
            return;
          }
          expect(downtime?.downPeriods).toBe(failures);
          expect(sum(downtime?.downSeconds ?? [])).toBeCloseTo(downSeconds, 6);
          // The bins reach the end, from no more than a bin's width short of it.
          const reach = (downtime?.downSeconds.length ?? 0) * (downtime?.binSeconds ?? 0);
          expect(reach).toBeGreaterThanOrEqual(end);
          expect(reach - (downtime?.binSeconds ?? 0)).toBeLessThan(end);
        },
      ),
    );
  });

  it('cover the whole run when it has more periods than the timeline keeps', () => {
    // Up 9 s, down 1 s, 30000 times: 60000 periods, three times the cap.
    const tracker = new AvailabilityTracker(1, 0);
    for (let cycle = 0; cycle < 30_000; cycle++) {
      tracker.change(0, false, 10 * cycle + 9);
      tracker.change(0, true, 10 * cycle + 10);
    }
    const timeline = tracker.timeline(0, 'n', 300_000);
    expect(timeline.periods).toHaveLength(MAX_TIMELINE_PERIODS);
    expect(timeline.periods[timeline.periods.length - 1].end).toBe(100_000);
    const downtime = timeline.downtime!;
    expect(downtime.downPeriods).toBe(30_000);
    expect(sum(downtime.downSeconds)).toBeCloseTo(30_000, 6);
    // 300000 s in 1024 bins: 512 s each (a power of two), 586 used, each down a tenth of it.
    expect(downtime.binSeconds).toBe(512);
    expect(downtime.downSeconds).toHaveLength(586);
    for (const seconds of downtime.downSeconds.slice(0, -1)) expect(seconds / 512).toBeCloseTo(0.1, 1);
  });
});
