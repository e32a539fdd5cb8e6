import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE_UNIT, type Dimension, parseQuantity, quantity, unitsOf } from '../../src/engine/units.js';

describe('units: parsing quantities', () => {
  const examples: [unknown, Dimension, number][] = [
    ['15ms', 'time', 0.015],
    ['2s', 'time', 2],
    ['1h', 'time', 3600],
    ['5m', 'time', 300],
    ['5min', 'time', 300],
    ['1d', 'time', 86400],
    ['250us', 'time', 250e-6],
    ['250µs', 'time', 250e-6],
    ['10ns', 'time', 1e-8],
    ['1.5s', 'time', 1.5],
    ['.5s', 'time', 0.5],
    ['1e-3s', 'time', 1e-3],
    ['15 ms', 'time', 0.015],
    ['  15ms  ', 'time', 0.015],
    ['1Gbps', 'bandwidth', 1e9],
    ['100Mbit/s', 'bandwidth', 1e8],
    ['100Mbps', 'bandwidth', 1e8],
    ['56kbps', 'bandwidth', 56e3],
    ['1Tbit/s', 'bandwidth', 1e12],
    ['1MB/s', 'bandwidth', 8e6],
    ['1500B', 'size', 1500],
    ['64KiB', 'size', 65536],
    ['1MiB', 'size', 1048576],
    ['1GiB', 'size', 1073741824],
    ['1kB', 'size', 1000],
    ['1MB', 'size', 1e6],
    ['8bit', 'size', 1],
    ['0B', 'size', 0],
    // Bare numbers are already in SI base units.
    [0.015, 'time', 0.015],
    [1e9, 'bandwidth', 1e9],
    [1500, 'size', 1500],
    [0, 'time', 0],
    ['42', 'time', 42],
    ['2.5e3', 'bandwidth', 2500],
  ];
  it.each(examples)('%o as %s is %d', (input, dimension, expected) => {
    const parsed = parseQuantity(input, dimension);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(Math.abs(parsed.value - expected)).toBeLessThanOrEqual(expected * 1e-12);
    expect(quantity(input, dimension)).toBe(parsed.ok ? parsed.value : Number.NaN);
  });

  it('reports the base unit of each dimension', () => {
    expect(BASE_UNIT).toEqual({ time: 's', bandwidth: 'bit/s', size: 'B' });
    expect(unitsOf('time')).toContain('ms');
    expect(unitsOf('bandwidth')).toContain('Gbps');
    expect(unitsOf('size')).toContain('KiB');
  });
});

describe('units: rejections', () => {
  it('names an unknown unit and lists the known ones', () => {
    const parsed = parseQuantity('15parsecs', 'time');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toContain("'parsecs'");
      expect(parsed.message).toContain('ms');
    }
    expect(() => quantity('15parsecs', 'time')).toThrow(RangeError);
    expect(() => quantity('15parsecs', 'time')).toThrow(/parsecs/);
  });

  it('rejects a unit of another dimension, naming it', () => {
    expect(() => quantity('1Gbps', 'time')).toThrow(/unknown time unit 'Gbps'/);
    expect(() => quantity('15ms', 'size')).toThrow(/unknown size unit 'ms'/);
    expect(() => quantity('1500B', 'bandwidth')).toThrow(/unknown bandwidth unit 'B'/);
  });

  it('is case-sensitive where case carries meaning (MB vs Mb, Mbps vs mbps)', () => {
    expect(() => quantity('1mbps', 'bandwidth')).toThrow(/'mbps'/);
    expect(() => quantity('1mb', 'size')).toThrow(/'mb'/);
  });

  const rejected: [unknown, Dimension][] = [
    ['-5ms', 'time'],
    [-1, 'time'],
    ['-1e3', 'size'],
    [Number.NaN, 'time'],
    [Number.POSITIVE_INFINITY, 'bandwidth'],
    [Number.NEGATIVE_INFINITY, 'size'],
    ['NaN', 'time'],
    ['Infinity', 'time'],
    ['1e400ms', 'time'],
    ['', 'time'],
    ['   ', 'size'],
    ['ms', 'time'],
    ['1.2.3s', 'time'],
    ['15 m s', 'time'],
    [null, 'time'],
    [undefined, 'size'],
    [{}, 'bandwidth'],
    [{ value: 1, unit: 's' }, 'time'],
    [[1], 'time'],
    [true, 'size'],
  ];
  it.each(rejected)('rejects %o as %s with a message saying what was expected', (input, dimension) => {
    const parsed = parseQuantity(input, dimension);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message.length).toBeGreaterThan(0);
      if (!/unknown/.test(parsed.message))
        expect(parsed.message).toMatch(new RegExp(`(non-negative|finite) ${dimension}`));
    }
    expect(() => quantity(input, dimension)).toThrow(RangeError);
  });

  it('describes non-string, non-number inputs by kind', () => {
    const messageOf = (input: unknown) => {
      const parsed = parseQuantity(input, 'time');
      return parsed.ok ? '' : parsed.message;
    };
    expect(messageOf(null)).toContain('got null');
    expect(messageOf({})).toContain('got an object');
    expect(messageOf([1])).toContain('got a list');
    expect(messageOf('')).toContain("got ''");
    expect(messageOf(-3)).toContain('negative');
  });

  it('refuses 0 where a quantity must be positive, in the same words as a negative value or a non-quantity', () => {
    const positive = (input: unknown, dimension: Dimension = 'bandwidth') =>
      parseQuantity(input, dimension, { positive: true });
    expect(positive('1Mbps')).toEqual({ ok: true, value: 1e6 });
    // A value only out of range keeps its SI value, so a schema can go on with it.
    expect(positive(0)).toEqual({
      ok: false,
      message: 'expected a bandwidth greater than 0, got 0',
      refusedValue: 0,
    });
    expect(positive('0Mbps')).toEqual({
      ok: false,
      message: 'expected a bandwidth greater than 0, got 0Mbps',
      refusedValue: 0,
    });
    expect(positive('-1Mbps')).toEqual({
      ok: false,
      message: 'expected a bandwidth greater than 0, got -1Mbps',
      refusedValue: -1e6,
    });
    expect(positive('fast')).toEqual({
      ok: false,
      message: "expected a bandwidth greater than 0 such as '1Gbps' (a bare number is in bit/s), got 'fast'",
    });
    expect(positive(null, 'time')).toEqual({
      ok: false,
      message: "expected a time greater than 0 such as '15ms' (a bare number is in s), got null",
    });
    // Without the bound 0 is fine and only a negative value is refused, called so.
    expect(parseQuantity(0, 'bandwidth')).toEqual({ ok: true, value: 0 });
    expect(parseQuantity('-1Mbps', 'bandwidth')).toEqual({
      ok: false,
      message:
        "expected a non-negative bandwidth such as '1Gbps' (a bare number is in bit/s), got a negative value -1Mbps",
      refusedValue: -1e6,
    });
    expect(() => quantity('0s', 'time', { positive: true })).toThrow(
      'expected a time greater than 0, got 0s',
    );
  });
});

describe('units: property', () => {
  const unitAndFactor = fc.constantFrom<[Dimension, string, number]>(
    ['time', 'ns', 1e-9],
    ['time', 'us', 1e-6],
    ['time', 'ms', 1e-3],
    ['time', 's', 1],
    ['time', 'm', 60],
    ['time', 'h', 3600],
    ['time', 'd', 86400],
    ['bandwidth', 'bps', 1],
    ['bandwidth', 'kbps', 1e3],
    ['bandwidth', 'Mbps', 1e6],
    ['bandwidth', 'Mbit/s', 1e6],
    ['bandwidth', 'Gbps', 1e9],
    ['bandwidth', 'B/s', 8],
    ['size', 'B', 1],
    ['size', 'bit', 1 / 8],
    ['size', 'kB', 1e3],
    ['size', 'KiB', 1024],
    ['size', 'MiB', 1024 ** 2],
    ['size', 'GB', 1e9],
  );

  it('parses x followed by a unit as x · factor for any non-negative finite x', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: 0, max: 1e6, noNaN: true }),
          fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
          fc.integer({ min: 0, max: 1_000_000 }),
        ),
        unitAndFactor,
        fc.boolean(),
        (x, [dimension, unit, factor], spaced) => {
          const text = `${x}${spaced ? ' ' : ''}${unit}`;
          const expected = x * factor;
          const parsed = parseQuantity(text, dimension);
          if (!Number.isFinite(expected)) {
            // x · factor overflows: rejected rather than turned into Infinity.
            expect(parsed.ok).toBe(false);
            return;
          }
          expect(parsed.ok).toBe(true);
          // The text of a subnormal x stands for a decimal up to half a step of Number.MIN_VALUE
          // away from x, and the parser scales the text, not x: that half step times the factor,
          // plus half a step where each side rounds its product, is the only absolute slack
          // (factor · MIN_VALUE alone underflows to 0 for a factor below 1/2: 2e-323bit parses
          // to MIN_VALUE, where 2e-323 · 0.125 rounds to 0).
          if (parsed.ok)
            expect(Math.abs(parsed.value - expected)).toBeLessThanOrEqual(
              expected * 1e-12 + (factor / 2 + 1) * Number.MIN_VALUE,
            );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives equal quantities in different units the same double', () => {
    const same: [string, string, Dimension, number][] = [
      ['700ms', '0.7s', 'time', 0.7],
      ['4350ms', '4.35s', 'time', 4.35],
      ['1.1h', '66m', 'time', 3960],
      ['10us', '10000ns', 'time', 1e-5],
      ['100us', '0.1ms', 'time', 1e-4],
      ['2.3d', '3312m', 'time', 198720],
      ['0.3s', '300ms', 'time', 0.3],
      ['1y', '365d', 'time', 31536000],
      ['0.1Gbps', '100Mbps', 'bandwidth', 1e8],
      ['1.2kB/s', '9.6kbps', 'bandwidth', 9600],
      ['12bit', '1.5B', 'size', 1.5],
      ['0.5KiB', '512B', 'size', 512],
    ];
    for (const [a, b, dimension, value] of same) {
      expect(quantity(a, dimension), a).toBe(value);
      expect(quantity(b, dimension), b).toBe(value);
    }
  });

  it('reads n ms as the same double as n·10^-3 s and as the bare number, for any decimal n', () => {
    const decimalText = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: -30, max: 30 }))
      .map(([digits, exponent]) => `${digits}e${exponent}`);
    fc.assert(
      fc.property(decimalText, (n) => {
        const seconds = Number(n);
        const inMilliseconds = quantity(`${n}ms`, 'time');
        const [digits, exponent] = n.split('e');
        const shifted = `${digits}e${Number(exponent) - 3}`;
        expect(inMilliseconds).toBe(quantity(`${shifted}s`, 'time'));
        expect(inMilliseconds).toBe(Number(shifted));
        expect(quantity(`${n}s`, 'time')).toBe(seconds);
      }),
      { numRuns: 500 },
    );
  });

  it('asks for a finite value when the text overflows', () => {
    expect(() => quantity('1e400s', 'time')).toThrow("expected a finite time such as '15ms', got 1e400s");
  });

  it('does not take inherited names for units', () => {
    expect(parseQuantity('3constructor', 'time').ok).toBe(false);
    expect(parseQuantity('3toString', 'size').ok).toBe(false);
  });

  it('accepts every listed unit of every dimension', () => {
    for (const dimension of ['time', 'bandwidth', 'size'] as const) {
      for (const unit of unitsOf(dimension)) {
        const parsed = parseQuantity(`3${unit}`, dimension);
        expect(parsed.ok, `3${unit} as ${dimension}`).toBe(true);
        expect(quantity(`3${unit}`, dimension)).toBeGreaterThan(0);
      }
    }
  });
});
