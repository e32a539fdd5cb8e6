import { describe, expect, it } from 'vitest';
import { formatIntervalEnds, pickMessageRateUnit, pickTimeUnit } from '../../src/report/format-numbers.js';

describe('axis units', () => {
  it('puts rare messages per minute, hour or day, so the axis reads whole numbers', () => {
    expect(pickMessageRateUnit(0)).toEqual({ symbol: 'messages/s', factor: 1 });
    expect(pickMessageRateUnit(33)).toEqual({ symbol: 'messages/s', factor: 1 });
    expect(pickMessageRateUnit(0.5).symbol).toBe('messages/min');
    expect(pickMessageRateUnit(1 / 600).symbol).toBe('messages/h');
    // 4.76e-6 messages/s (the quorum scenario) is 0.41 a day.
    const perDay = pickMessageRateUnit(4.76e-6);
    expect(perDay.symbol).toBe('messages/d');
    expect(4.76e-6 / perDay.factor).toBeCloseTo(0.411264, 9);
  });

  it('runs time axes of two years or more in years of 365 days', () => {
    expect(pickTimeUnit(100 * 86400).symbol).toBe('d');
    expect(pickTimeUnit(729 * 86400).symbol).toBe('d');
    expect(pickTimeUnit(730 * 86400)).toEqual({ symbol: 'y', factor: 365 * 86400 });
  });
});

describe('measurement interval', () => {
  it('writes both ends in one unit, seconds from 1 s up as T = N / t does', () => {
    expect(formatIntervalEnds(10, 60)).toBe('10.0000 s to 60.0000 s');
    expect(formatIntervalEnds(0, 0.030008)).toBe('0 ms to 30.0080 ms');
    expect(formatIntervalEnds(0.0005, 0.5)).toBe('0.500000 ms to 500.000 ms');
    expect(formatIntervalEnds(0, 2 * 3600)).toBe('0 s to 7200.00 s');
    expect(formatIntervalEnds(0, 0)).toBe('0 s to 0 s');
  });
});
