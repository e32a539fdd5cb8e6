import { describe, expect, it } from 'vitest';
import { availabilityTimelineChart } from '../../src/report/availability-timeline-chart.js';
import { run } from '../helpers/scenario.js';

// biome-ignore lint/suspicious/noExplicitAny: test-only view of a plain-data configuration
const plain = (value: unknown): any => JSON.parse(JSON.stringify(value));

const MINUTE = 60;
const DAY = 86400;

/**
 * 45 days; b is up 50 min, down 5 min, again and again (constant times): down [55k + 50,
 * 55k + 55) min for k = 0 … 1177, the last ending at 64 790 min, 10 min before the end. Link L1
 * is cut from day 40 to 42, and a and b are partitioned for the last day.
 */
const result = run({
  name: 'late-faults',
  duration: 45 * DAY,
  nodes: [
    { id: 'a' },
    {
      id: 'b',
      failure: {
        ttf: { dist: 'constant', value: 50 * MINUTE },
        ttr: { dist: 'constant', value: 5 * MINUTE },
      },
    },
  ],
  links: [{ id: 'L1', between: ['a', 'b'], bandwidth: '10Mbps', delay: '1ms' }],
  flows: [{ id: 'f', from: 'a', to: 'b', workload: { rate: 0.001, messages: 10, size: '100B' } }],
  faults: [
    { at: '40d', cut: 'L1' },
    { at: '42d', restore: 'L1' },
    { at: '44d', partition: [['a'], ['b']], for: '1d' },
  ],
});

describe('availabilityTimelineChart of a run with many failures and late scripted faults', () => {
  const config = plain(availabilityTimelineChart(result)!.config);
  const dataset = (label: string) =>
    config.data.datasets.find((candidate: { label: string }) => candidate.label === label);
  const days = (seconds: number) => expect.closeTo(seconds / DAY, 9);

  it('covers the whole run, and draws the cut and the partition at the end of it', () => {
    expect(config.options.scales.x).toMatchObject({ min: 0, max: 45 });
    expect(config.options.scales.x.title.text).toBe('Simulated time (d)');
    expect(config.data.labels.map((label: string) => label.replace(/ \(A = .*\)$/, ''))).toEqual([
      'a',
      'b',
      'link L1',
      'partition partition-2',
    ]);
    expect(dataset('Down').data).toEqual([
      { x: [days(40 * DAY), days(42 * DAY)], y: expect.stringMatching(/^link L1/) },
    ]);
    expect(dataset('Partitioned / degraded').data).toEqual([
      { x: [days(44 * DAY), days(45 * DAY)], y: 'partition partition-2' },
    ]);
  });

  it("shades b's 1178 failures, 50 min apart (under 2 px of 45 d), by their share of 4096 s bins down", () => {
    const levels = ['Down < 1%', 'Down 1%–3%', 'Down 3%–10%', 'Down 10%–30%', 'Down ≥ 30%'];
    // The whole scale is in the legend; a 4096 s bin holds one or two 300 s repairs: 7.3% or 14.6%
    // down, but for the last, cut at the end to 896 s (from 3 887 104 s), and down 296 s of it: 33%.
    expect(levels.map((label) => dataset(label).data.length > 0)).toEqual([false, false, true, true, true]);
    expect(dataset('Down ≥ 30%').data).toEqual([
      { x: [days(949 * 4096), days(64790 * MINUTE)], y: expect.stringMatching(/^b /) },
    ]);
    const shaded = levels
      .flatMap((label) => dataset(label).data)
      .sort((a: { x: number[] }, b: { x: number[] }) => a.x[0] - b.x[0]);
    expect(shaded.every((bar: { y: string }) => bar.y.startsWith('b '))).toBe(true);
    // One unbroken stretch from b's first failure to its last (every bin has a repair in it).
    expect(shaded[0].x[0]).toBeCloseTo((50 * MINUTE) / DAY, 9);
    expect(shaded[shaded.length - 1].x[1]).toBeCloseTo((64790 * MINUTE) / DAY, 9);
    for (let k = 1; k < shaded.length; k++) expect(shaded[k].x[0]).toBe(shaded[k - 1].x[1]);
    // b's down bars are all shaded: the only solid one is L1's cut.
    expect(dataset('Down').data).toHaveLength(1);
    // One up bar per row where the downs are closer than the merge gap; L1's 2-day cut splits its own.
    expect(dataset('Up').data.map((bar: { x: number[] }) => bar.x)).toEqual([
      [0, 45],
      [0, days(64800 * MINUTE)],
      [0, days(40 * DAY)],
      [days(42 * DAY), 45],
    ]);
    expect(config.options.plugins.subtitle.text).toBe(
      '2 nodes, 1 link, 1 partition; 1179 down periods; those closer than 2 px shaded by the share of time down in 68.3 min bins',
    );
  });
});
