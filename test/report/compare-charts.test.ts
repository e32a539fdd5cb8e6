import { describe, expect, it } from 'vitest';
import type { Comparison, VariantComparison } from '../../src/metrics/compare.js';
import { barLayout, compareChart, compareChartDefinitions } from '../../src/report/compare-charts.js';

/** A variant whose throughput estimate is `mean ± halfWidth` (halfWidth null: no interval). */
function variant(
  settings: Array<[string, string]>,
  mean: number,
  halfWidth: number | null,
): VariantComparison {
  return {
    label: settings.map(([name, value]) => `${name}=${value}`).join(', '),
    settings: settings.map(([name, value]) => ({ path: `x.${name}`, name, value })),
    estimates: {
      throughput: {
        n: 3,
        mean,
        sd: null,
        halfWidth,
        ci95: halfWidth === null ? null : [mean - halfWidth, mean + halfWidth],
      },
    },
    differenceFromFirst: null,
    replications: [],
  };
}

function comparisonOf(variants: VariantComparison[]): Comparison {
  return { scenario: 'demo', replications: 3, confidenceLevel: 0.95, measures: ['throughput'], variants };
}

describe('comparison charts', () => {
  const product = comparisonOf([
    variant(
      [
        ['protocol', 'gbn'],
        ['loss', '0'],
      ],
      10,
      1,
    ),
    variant(
      [
        ['protocol', 'gbn'],
        ['loss', '0.1'],
      ],
      8,
      2,
    ),
    variant(
      [
        ['protocol', 'sr'],
        ['loss', '0'],
      ],
      10,
      0,
    ),
    variant(
      [
        ['protocol', 'sr'],
        ['loss', '0.1'],
      ],
      9,
      null,
    ),
  ]);

  it('groups a product by all but the last setting, the last one giving the series', () => {
    const layout = barLayout(product.variants);
    expect(layout.groups).toEqual(['protocol=gbn', 'protocol=sr']);
    expect(layout.series).toEqual(['loss=0', 'loss=0.1']);
    expect(layout.cells[1][0]).toBe(product.variants[2]);
    expect(barLayout(comparisonOf([variant([['loss', '0']], 1, 0)]).variants)).toMatchObject({
      groups: ['loss=0'],
      series: [''],
    });
  });

  it('draws a bar per variant at its mean and a whisker at each bar centre over its interval', () => {
    const chart = compareChart(product, 'throughput')!;
    expect(chart.fileName).toBe('compare-throughput.png');
    const [zeroLoss, someLoss, whiskers] = chart.config.data.datasets as Array<{
      label: string;
      data: Array<{ x: number; y: number | null }>;
    }>;
    expect(zeroLoss.label).toBe('loss=0');
    expect(zeroLoss.data).toEqual([
      { x: 0, y: 10 },
      { x: 1, y: 10 },
    ]);
    expect(someLoss.data).toEqual([
      { x: 0, y: 8 },
      { x: 1, y: 9 },
    ]);
    // Two series fill 0.8 of a group: their centres are at g - 0.2 and g + 0.2; caps ±0.045.
    const segments = whiskers.data.map((point) => (point.y === null ? null : [+point.x.toFixed(6), point.y]));
    expect(segments).toEqual([
      [-0.245, 9],
      [-0.155, 9],
      null,
      [-0.2, 9],
      [-0.2, 11],
      null,
      [-0.245, 11],
      [-0.155, 11],
      null,
      [0.155, 6],
      [0.245, 6],
      null,
      [0.2, 6],
      [0.2, 10],
      null,
      [0.155, 10],
      [0.245, 10],
      null,
      [0.755, 10],
      [0.845, 10],
      null,
      [0.8, 10],
      [0.8, 10],
      null,
      [0.755, 10],
      [0.845, 10],
      null,
    ]);
    expect(chart.config.options?.scales?.x).toMatchObject({ type: 'linear', min: -0.5, max: 1.5 });
    expect(chart.config.data.labels).toEqual(['protocol=gbn', 'protocol=sr']);
  });

  it('leaves out the whiskers without intervals, and charts without data', () => {
    const single = comparisonOf([variant([['loss', '0']], 5, null)]);
    expect(compareChart(single, 'throughput')!.config.data.datasets).toHaveLength(1);
    expect(compareChartDefinitions(comparisonOf([]))).toEqual([]);
    // The config travels through structuredClone to the renderer: plain data only.
    expect(structuredClone(compareChart(product, 'throughput')!.config)).toEqual(
      compareChart(product, 'throughput')!.config,
    );
  });
});
