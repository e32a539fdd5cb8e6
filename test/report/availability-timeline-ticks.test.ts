import type { Chart, ChartConfiguration } from 'chart.js';
import { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import { describe, expect, it } from 'vitest';
import { serviceAvailabilityChart } from '../../src/report/availability-charts.js';
import { availabilityTimelineChart } from '../../src/report/availability-timeline-chart.js';
import { CHART_HEIGHT_PX, CHART_WIDTH_PX } from '../../src/report/render-charts.js';
import { run } from '../helpers/scenario.js';

/** The x-axis ticks Chart.js draws for `config` (after skipping those that would overlap). */
async function drawnTicks(
  config: ChartConfiguration,
): Promise<{ ticks: number[]; min: number; max: number }> {
  const drawn = { ticks: [] as number[], min: Number.NaN, max: Number.NaN };
  const canvas = new ChartJSNodeCanvas({ width: CHART_WIDTH_PX, height: CHART_HEIGHT_PX });
  const copy = structuredClone(config);
  copy.options = { ...copy.options, animation: false, responsive: false };
  copy.plugins = [
    {
      id: 'capture-ticks',
      afterLayout: (chart: Chart) => {
        const x = chart.scales.x;
        drawn.ticks = x.ticks.map((tick) => tick.value);
        drawn.min = x.min;
        drawn.max = x.max;
      },
    },
  ];
  await canvas.renderToBuffer(copy);
  return drawn;
}

/** Ticks `step` apart on multiples of it, from `first` to `last`. */
function expectEvenTicks(ticks: number[], step: number, first: number, last: number): void {
  expect(ticks).toEqual(
    Array.from({ length: (last - first) / step + 1 }, (_, index) => first + index * step),
  );
}

describe('availability charts x axis', () => {
  it('ticks at round, evenly spaced times up to a run end that is not round', async () => {
    // The node is down [10, 12) s every 12 s; the run ends at 103 s, between two round ticks.
    const result = run({
      name: 'ticks',
      duration: 103,
      nodes: [{ id: 'n', failure: { ttf: 10, ttr: 2 } }, { id: 'm' }],
      links: [{ between: ['n', 'm'], bandwidth: '1Mbps' }],
      services: [{ id: 'both', members: ['n', 'm'] }],
      flows: [{ from: 'm', to: 'n', workload: { messages: 3, rate: 0.1, size: '100B' } }],
    });
    const timeline = await drawnTicks(availabilityTimelineChart(result)!.config);
    expect([timeline.min, timeline.max]).toEqual([0, 103]);
    // Chart.js picks the step from the room it has (1, 2 or 5 times a power of 10): here 20 s.
    expectEvenTicks(timeline.ticks, 20, 0, 100);
    const service = await drawnTicks(serviceAvailabilityChart(result)!.config);
    // Its curve starts at its first point, 10 s (the first failure).
    expect([service.min, service.max]).toEqual([10, 103]);
    expectEvenTicks(service.ticks, 10, 10, 100);
  });
});
