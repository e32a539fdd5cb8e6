import { describe, expect, it } from 'vitest';
import { COMPARE_MEASURES, type Estimate } from '../../src/metrics/compare.js';
import { measureColumn } from '../../src/report/compare-table.js';
import { isSeedPath, randomNumbersWording } from '../../src/report/random-numbers-wording.js';

describe('measure headings of the compare and sweep tables', () => {
  const variants = [
    {
      estimates: Object.fromEntries(
        COMPARE_MEASURES.map((measure) => [
          measure.key,
          { n: 2, mean: 0.5, sd: 0, halfWidth: 0, ci95: [0.5, 0.5] as [number, number] },
        ]),
      ),
    },
  ];
  const headings = COMPARE_MEASURES.map((measure) => measureColumn({ variants }, measure).heading);

  it('name each measure once and its unit once', () => {
    expect(headings).toContain('request T (requests/s)');
    expect(headings).toContain('T (messages/s)');
    expect(headings).toContain('request L (ms)');
    for (const heading of headings) {
      const [, label, unit] = /^(.*) \((.*)\)$/.exec(heading) ?? [];
      if (unit !== undefined) expect(label, heading).not.toBe(unit);
    }
    expect(new Set(headings).size).toBe(headings.length);
  });
});

describe('count columns of the compare and sweep tables', () => {
  const measure = (key: string) => COMPARE_MEASURES.find((candidate) => candidate.key === key)!;
  const agreed = (mean: number): Estimate => ({ n: 2, mean, sd: 0, halfWidth: 0, ci95: [mean, mean] });
  const variant = (key: string, values: number[], estimate: Estimate) => ({
    estimates: { [key]: estimate },
    replications: values.map((value) => ({ values: { [key]: value } })),
  });

  it('print whole means of whole replication values without decimals', () => {
    const { cells } = measureColumn(
      {
        variants: [
          variant('retransmissions', [237, 237], agreed(237)),
          variant('retransmissions', [0, 0], agreed(0)),
          variant('retransmissions', [237, 238], {
            n: 2,
            mean: 237.5,
            sd: null,
            halfWidth: 6.353,
            ci95: null,
          }),
        ],
      },
      measure('retransmissions'),
    );
    expect(cells).toEqual(['  237 ± 0  ', '    0 ± 0  ', '237.5 ± 6.4']);
    const timeouts = measureColumn(
      { variants: [variant('retransmissionTimeouts', [5, 5], agreed(5))] },
      measure('retransmissionTimeouts'),
    );
    expect(timeouts.cells).toEqual(['5 ± 0']);
  });

  it('print a fractional mean of whole values unrounded to its interval, up to six significant digits', () => {
    // Means of whole counts, 45/2 and 713/3: exact fractions a rounding to the interval hid
    // ('23 ± 44', '237.7 ± 1.4').
    const spread = measureColumn(
      {
        variants: [
          variant('retransmissions', [0, 45], { n: 2, mean: 22.5, sd: 31.82, halfWidth: 44, ci95: null }),
          variant('retransmissions', [237, 238, 238], {
            n: 3,
            mean: 713 / 3,
            sd: 0.57735,
            halfWidth: 1.4342,
            ci95: null,
          }),
        ],
      },
      measure('retransmissions'),
    );
    expect(spread.cells).toEqual(['   22.5 ± 44 ', '237.667 ± 1.4']);
  });

  it('keep six significant digits where some replication value is fractional, or the values are not given', () => {
    const throughput = measureColumn(
      {
        variants: [
          variant('throughput', [1000, 1000], agreed(1000)),
          variant('throughput', [999.55, 999.55], agreed(999.55)),
        ],
      },
      measure('throughput'),
    );
    expect(throughput.cells).toEqual(['1000.00 ± 0', '999.550 ± 0']);
    const bare = measureColumn(
      { variants: [{ estimates: { retransmissions: agreed(237) } }] },
      measure('retransmissions'),
    );
    expect(bare.cells).toEqual(['237.000 ± 0']);
  });
});

describe('the random numbers the variants draw', () => {
  it('are common random numbers, unless the seed itself is what varies', () => {
    expect(randomNumbersWording(['links[0].loss'], 'variant')).toBe('common random numbers');
    expect(randomNumbersWording(['links[0].loss', 'seed'], 'variant')).toBe('each variant from its own seed');
    expect(randomNumbersWording([' ["seed"]'], 'point')).toBe('each point from its own seed');
    expect(isSeedPath('seeds')).toBe(false);
  });
});
