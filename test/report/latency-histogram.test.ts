import { describe, expect, it } from 'vitest';
import { binLatencies, MAX_LATENCY_BINS } from '../../src/report/latency-histogram.js';

const seconds = (...ms: number[]) => Float64Array.from(ms, (value) => value / 1e3);

describe('binLatencies', () => {
  it('returns null when nothing was measured', () => {
    expect(binLatencies(new Float64Array(0))).toBeNull();
  });

  it('bins from 0 ms to the maximum with a round width, the maximum in the last bin', () => {
    const histogram = binLatencies(seconds(10, 12, 12, 18, 30))!;
    expect(histogram.binWidthMs).toBe(1);
    expect(histogram.edgesMs).toEqual(Array.from({ length: 31 }, (_, i) => i));
    const expected = new Array(30).fill(0);
    expected[10] = 1;
    expected[12] = 2;
    expected[18] = 1;
    expected[29] = 1;
    expect(histogram.counts).toEqual(expected);
    expect(histogram).toMatchObject({ shown: 5, above: 0, minMs: 10, maxMs: 30, p999Ms: 30 });
  });

  it('zooms in near the minimum when the spread is small next to a constant delay', () => {
    const histogram = binLatencies(seconds(30.0, 30.1, 30.25, 30.5, 31.2))!;
    expect(histogram.edgesMs[0]).toBeGreaterThan(29);
    expect(histogram.edgesMs[0]).toBeLessThanOrEqual(30);
    expect(histogram.edgesMs.at(-1)).toBeGreaterThanOrEqual(31.2);
    expect(histogram.counts.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('keeps edges exact decimals (no 0.30000000000000004)', () => {
    const histogram = binLatencies(seconds(0.1, 0.2, 0.3, 0.55))!;
    for (const edge of histogram.edgesMs) expect(String(edge).length).toBeLessThan(8);
  });

  it('leaves values above p99.9 out of the bins and counts them', () => {
    const values = [...Array.from({ length: 2000 }, (_, i) => 10 + (i % 100) / 10), 5000, 9000];
    const histogram = binLatencies(seconds(...values))!;
    expect(histogram.above).toBe(2);
    expect(histogram.shown).toBe(2000);
    expect(histogram.maxMs).toBe(9000);
    expect(histogram.counts.length).toBeLessThanOrEqual(MAX_LATENCY_BINS);
  });

  it('never uses more bins than allowed', () => {
    for (const max of [1.01, 7.3, 49, 99.99, 1234.5]) {
      const histogram = binLatencies(seconds(0.001, max / 3, max))!;
      expect(histogram.counts.length).toBeLessThanOrEqual(MAX_LATENCY_BINS);
      expect(histogram.edgesMs.at(-1)).toBeGreaterThanOrEqual(max);
    }
  });

  it('puts all-equal latencies in one bar of a narrow window around the value', () => {
    const histogram = binLatencies(seconds(30, 30, 30))!;
    expect(histogram.edgesMs[0]).toBeLessThan(30);
    expect(histogram.edgesMs.at(-1)).toBeGreaterThan(30);
    expect(histogram.counts.filter((count) => count > 0)).toEqual([3]);
    const zeros = binLatencies(seconds(0, 0))!;
    expect(zeros.edgesMs[0]).toBe(0);
    expect(zeros.counts[0]).toBe(2);
  });

  it('rejects non-finite latencies and a bin budget below 1', () => {
    expect(() => binLatencies(Float64Array.from([0.01, Number.NaN]))).toThrow(RangeError);
    expect(() => binLatencies(seconds(1), 0)).toThrow(RangeError);
  });
});
