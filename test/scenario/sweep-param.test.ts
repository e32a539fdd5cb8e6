import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import {
  expandRange,
  isRange,
  MAX_RANGE_POINTS,
  parseSweepParam,
  RANGE_TOLERANCE,
} from '../../src/scenario/sweep-param.js';

function valuesOf(written: string): string[] {
  const range = expandRange(written);
  if (!range.ok) throw new Error(range.problem);
  return range.values;
}

function problemOf(written: string): string {
  const range = expandRange(written);
  if (range.ok) throw new Error(`expected '${written}' to be refused, got ${range.values.join(',')}`);
  return range.problem;
}

describe('expandRange', () => {
  it('gives from + k·step up to to, written as exact decimals', () => {
    expect(valuesOf('0:0.2:0.05')).toEqual(['0', '0.05', '0.1', '0.15', '0.2']);
    // In floats 0.1 + 0.1 + 0.1 = 0.30000000000000004 > 0.3 and would drop the last point.
    expect(valuesOf('0:0.3:0.1')).toEqual(['0', '0.1', '0.2', '0.3']);
    expect(valuesOf('0:0.25:0.1')).toEqual(['0', '0.1', '0.2']);
    expect(valuesOf('1e-3:5e-3:1e-3')).toEqual(['0.001', '0.002', '0.003', '0.004', '0.005']);
    expect(valuesOf('-1:1:1')).toEqual(['-1', '0', '1']);
    expect(valuesOf(' 2 : 2 : 1 ')).toEqual(['2']);
  });

  it('keeps a unit written on every part, a bare 0 taking it', () => {
    expect(valuesOf('10ms:30ms:10ms')).toEqual(['10ms', '20ms', '30ms']);
    expect(valuesOf('0:2Mbps:1Mbps')).toEqual(['0Mbps', '1Mbps', '2Mbps']);
  });

  it('ends on to when a step lands within a billionth of a step of it', () => {
    // Three steps of 0.3333333333333 end 1e-13 short of 1.
    expect(valuesOf('0:1:0.3333333333333')).toEqual(['0', '0.3333333333333', '0.6666666666666', '1']);
    // ... or 2e-13 past it.
    expect(valuesOf('0:1:0.3333333333334')).toEqual(['0', '0.3333333333334', '0.6666666666668', '1']);
    // A step a thousandth short is not a rounding: 1 is not a point.
    expect(valuesOf('0:1:0.333')).toEqual(['0', '0.333', '0.666', '0.999']);
  });

  it('refuses what is no range of numbers, naming the part', () => {
    expect(problemOf('a:1:0.1')).toMatch(
      /^the range's from 'a' is not a number \(write a range as from:to:step/,
    );
    expect(problemOf('0:1:x')).toMatch(/^the range's step 'x' is not a number/);
    expect(problemOf('0:Infinity:1')).toMatch(/^the range's to 'Infinity' is not a number/);
    expect(problemOf('0:1:0')).toBe("the range's step must be greater than 0, got '0'");
    expect(problemOf('0:1:-0.1')).toBe("the range's step must be greater than 0, got '-0.1'");
    expect(problemOf('1:0:0.1')).toBe("the range's from '1' is above its to '0'");
    expect(problemOf('0s:1ms:1ms')).toBe(
      "write from, to and step in one unit, or all without one (got '0s:1ms:1ms')",
    );
    expect(problemOf('1:20ms:10ms')).toMatch(/^write from, to and step in one unit/);
    const unknownUnit = '(write a unit of time, bandwidth or size, such as ms, Mbps or KiB)';
    expect(problemOf('1xx:2xx:1xx')).toBe(`unknown unit 'xx' in the range's from '1xx' ${unknownUnit}`);
    // A typo in one part is named, not taken for a second unit.
    expect(problemOf('1ms:5ms:1xx')).toBe(`unknown unit 'xx' in the range's step '1xx' ${unknownUnit}`);
    expect(problemOf('0:5qq:1ms')).toBe(`unknown unit 'qq' in the range's to '5qq' ${unknownUnit}`);
    expect(problemOf('0:1000:1')).toBe(
      "the range '0:1000:1' has 1001 points, more than 1000 (take a larger step)",
    );
    expect(problemOf('0:1e300:1e-300')).toBe(
      "the range '0:1e300:1e-300' has more points than 1000 (take a larger step)",
    );
    expect(valuesOf('0:999:1')).toHaveLength(MAX_RANGE_POINTS);
  });

  it('gives from + k·step, increasing, never past to, floor((to - from)/step) + 1 points (property)', () => {
    // from = a·10^-e, step = b·10^-e, to = from + c·10^-e: the count is exactly floor(c/b) + 1
    // (b is far below 10^9, so no to lies within the tolerance of a point it is not on).
    const written = (units: number, exponent: number, style: number) =>
      style === 0 ? `${units}e-${exponent}` : (units / 10 ** exponent).toFixed(exponent);
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000, max: 10_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 1 }),
        (a, b, c, exponent, style) => {
          const [fromText, toText, stepText] = [a, a + c, b].map((units) => written(units, exponent, style));
          const from = Number(fromText);
          const to = Number(toText);
          const step = Number(stepText);
          const count = Math.floor(c / b) + 1;
          const range = expandRange(`${fromText}:${toText}:${stepText}`);
          if (count > MAX_RANGE_POINTS) {
            expect(range.ok).toBe(false);
            return;
          }
          expect(range.ok).toBe(true);
          if (!range.ok) return;
          const points = range.values.map(Number);
          expect(points).toHaveLength(count);
          const rounding = 4 * Number.EPSILON * Math.max(Math.abs(from), Math.abs(to), step);
          points.forEach((point, k) => {
            expect(Math.abs(point - (from + k * step))).toBeLessThanOrEqual(
              RANGE_TOLERANCE * step + rounding,
            );
            if (k > 0) expect(point).toBeGreaterThan(points[k - 1]);
          });
          expect(points[0]).toBe(from);
          expect(points[count - 1]).toBeLessThanOrEqual(to);
          // The next point would be past to.
          expect(from + count * step).toBeGreaterThan(to);
        },
      ),
    );
  });
});

describe('parseSweepParam', () => {
  it('reads a range or a comma list of values, as --vary reads them', () => {
    expect(parseSweepParam('links[0].loss.forward=0:0.1:0.05')).toMatchObject({
      option: '--param',
      pathText: 'links[0].loss.forward',
      values: ['0', '0.05', '0.1'],
      isRange: true,
    });
    expect(parseSweepParam('flows[*].transport.protocol=go-back-n,selective-repeat')).toMatchObject({
      values: ['go-back-n', 'selective-repeat'],
      isRange: false,
    });
    // Colons inside a flow collection, or with a comma, make no range.
    expect(parseSweepParam('links[0].delay={dist: uniform, min: 1ms, max: 2ms},1ms').values).toHaveLength(2);
    expect(isRange('0:1:0.5')).toBe(true);
    expect(isRange('0:1')).toBe(false);
    expect(isRange('0:1:0.5,2')).toBe(false);
    expect(isRange('"0:1:0.5"')).toBe(false);
  });

  it('names --param and the path in its errors', () => {
    const issuesOf = (text: string) => {
      try {
        parseSweepParam(text, 'f.yaml');
      } catch (error) {
        if (error instanceof ScenarioError) return error.issues;
        throw error;
      }
      throw new Error('expected an error');
    };
    expect(issuesOf('links[0].loss=0:1:0')).toEqual([
      {
        file: 'f.yaml',
        path: 'links[0].loss',
        message: "--param links[0].loss=0:1:0: the range's step must be greater than 0, got '0'",
      },
    ]);
    expect(issuesOf('links[0].loss')[0].message).toBe(
      '--param links[0].loss: expected path=value1,value2,..., like links[0].loss=0,0.1',
    );
    expect(issuesOf('links[0].loss=0,0')[0].message).toBe(
      "--param links[0].loss=0,0: the value '0' is listed twice",
    );
  });
});
