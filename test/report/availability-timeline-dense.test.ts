import { describe, expect, it } from 'vitest';
import { AvailabilityTracker, MAX_TIMELINE_PERIODS } from '../../src/metrics/availability-tracker.js';
import type { RunResult } from '../../src/metrics/summary.js';
import { availabilityTimelineChart } from '../../src/report/availability-timeline-chart.js';
import { smallRunResult } from './fake-run-results.js';

// biome-ignore lint/suspicious/noExplicitAny: test-only view of a plain-data configuration
const plain = (value: unknown): any => JSON.parse(JSON.stringify(value));

const END = 300_000;

/**
 * Like repair-crew: more failures than the tracker keeps periods of. Node `dense` is up 8 s,
 * down 2 s for the first 150000 s (15000 cycles), then up 5 s, down 5 s to the end (30000
 * cycles, 60000 periods in all); node `steady` never fails.
 */
function denseRunResult(): RunResult {
  const tracker = new AvailabilityTracker(2, 0);
  for (let cycle = 0; cycle < END / 10; cycle++) {
    const down = 10 * cycle < END / 2 ? 2 : 5;
    tracker.change(0, false, 10 * cycle + 10 - down);
    tracker.change(0, true, 10 * cycle + 10);
  }
  const base = smallRunResult();
  return {
    ...base,
    summary: {
      ...base.summary,
      simulatedSeconds: END,
      interval: { from: 0, to: END },
      availability: { ...base.summary.availability, nodes: {} },
    },
    nodeTimelines: [tracker.timeline(0, 'dense', END), tracker.timeline(1, 'steady', END)],
  };
}

describe('availabilityTimelineChart of a run with more failures than the tracker keeps', () => {
  const result = denseRunResult();
  const config = plain(availabilityTimelineChart(result)!.config);
  const dataset = (label: string) =>
    config.data.datasets.find((candidate: { label: string }) => candidate.label === label);

  it('is built from a row cut short at the cap', () => {
    expect(result.nodeTimelines[0].periods).toHaveLength(MAX_TIMELINE_PERIODS);
    expect(result.nodeTimelines[0].periods.at(-1)?.end).toBe(100_000);
  });

  it('shades the dense row bin by bin to the end of the run: 20% down, then 50%', () => {
    // 300000 s in 1024 bins: 512 s each; 586 used, the last cut at the end to 512 - 32 = 480 s.
    expect(config.options.scales.x).toMatchObject({ min: 0, max: END / 86400 });
    const days = (seconds: number) => seconds / 86400;
    const stretches = (label: string) => dataset(label).data.map((bar: { x: number[] }) => bar.x);
    // A 512 s bin holds 51 or 52 repairs of 2 s (19.9% or 20.3% down), then of 5 s (49.8% or
    // 50.8%); bin 292 (149504-150016 s) holds 50 of 2 s, one of 5 s and 1 s of the next: 20.7%.
    // So the 10-30% class runs from the first repair (at 8 s) to bin 293, then >= 30% to the end
    // (the last bin, cut to 480 s, holds 48 repairs of 5 s: 50%), unbroken.
    expect(stretches('Down < 1%')).toEqual([]);
    expect(stretches('Down 1%–3%')).toEqual([]);
    expect(stretches('Down 3%–10%')).toEqual([]);
    const low = stretches('Down 10%–30%');
    const high = stretches('Down ≥ 30%');
    expect(low.at(0)[0]).toBeCloseTo(days(8), 9);
    expect(low.at(-1)[1]).toBeCloseTo(days(293 * 512), 9);
    expect(high).toEqual([[expect.closeTo(days(293 * 512), 9), expect.closeTo(days(END), 9)]]);
    // The 10-30% stretches join end to end across the cap at 100000 s.
    const joined = low.every((x: number[], k: number) => k === 0 || x[0] === low[k - 1][1]);
    expect(joined).toBe(true);
    expect(dataset('Down').data).toEqual([]);
    // The up bar underneath goes on past the cap to the end too.
    expect(
      dataset('Up')
        .data.filter((bar: { y: string }) => bar.y === 'dense')
        .at(-1).x[1],
    ).toBeCloseTo(days(END), 9);
  });

  it('says what it draws: every down period counted, past the cap too', () => {
    expect(config.options.plugins.subtitle.text).toBe(
      '2 nodes; 30000 down periods; those closer than 2 px shaded by the share of time down in 8.53 min bins',
    );
  });
});
