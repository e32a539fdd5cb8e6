import { describe, expect, it } from 'vitest';
import { COMPARE_MEASURES } from '../../src/metrics/compare.js';
import { measureColumn } from '../../src/report/compare-table.js';

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
