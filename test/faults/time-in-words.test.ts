import { describe, expect, it } from 'vitest';
import { secondsInWords } from '../../src/faults/time-in-words.js';

describe('secondsInWords', () => {
  it('keeps plain seconds from 1 s to under two minutes, and 0', () => {
    expect([0, 1, 16, 119.5].map(secondsInWords)).toEqual(['0 s', '1 s', '16 s', '119.5 s']);
  });

  it('adds the unit that reads past two minutes: min, then h from 2 h, d from 2 d, y from 2 y', () => {
    expect([120, 7199, 7200, 172799, 172800, 31622400, 2 * 31536000, 3153600000].map(secondsInWords)).toEqual(
      [
        '120 s (2 min)',
        '7199 s (119.983 min)',
        '7200 s (2 h)',
        '172799 s (47.9997 h)',
        '172800 s (2 d)',
        '31622400 s (366 d)',
        '63072000 s (2 y)',
        '3153600000 s (100 y)',
      ],
    );
  });

  it('adds ms, µs or ns below a second, negative times alike', () => {
    expect([0.0015, 2.5e-5, 3e-9, 1e-12, -0.25].map(secondsInWords)).toEqual([
      '0.0015 s (1.5 ms)',
      '0.000025 s (25 µs)',
      '3e-9 s (3 ns)',
      '1e-12 s (0.001 ns)',
      '-0.25 s (-250 ms)',
    ]);
  });
});
