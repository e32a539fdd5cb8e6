import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  constantDistribution,
  createDistributionRegistry,
  type Distribution,
  gamma,
  standardNormalCdf,
} from '../../src/engine/distributions.js';
import { RandomStreams } from '../../src/engine/random.js';

const families = createDistributionRegistry();
const SAMPLES = 200_000;

function create(family: string, parameters: Record<string, number>): Distribution {
  return families.get(family).create(parameters);
}

interface SampleSummary {
  mean: number;
  sd: number;
  min: number;
  standardError: number;
}

/** Mean, sd, min and the standard error of the mean of `n` draws from a fixed stream. */
function summarize(distribution: Distribution, path: string, n = SAMPLES): SampleSummary {
  const random = new RandomStreams(20240601).stream(`test/${path}`);
  let sum = 0;
  let sumOfSquares = 0;
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const x = distribution.sample(random);
    sum += x;
    sumOfSquares += x * x;
    if (x < min) min = x;
  }
  const mean = sum / n;
  const sd = Math.sqrt(Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1)));
  return { mean, sd, min, standardError: sd / Math.sqrt(n) };
}

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual / expected - 1);
}

/** Mean of N(mu, sd²) conditioned on being >= 0, by Simpson's rule (independent of the source). */
function truncatedNormalMeanByIntegration(mu: number, sd: number): number {
  const upper = Math.max(mu, 0) + 40 * sd;
  const intervals = 200_000;
  const h = upper / intervals;
  let mass = 0;
  let moment = 0;
  for (let i = 0; i <= intervals; i++) {
    const x = i * h;
    const weight = i === 0 || i === intervals ? 1 : i % 2 === 1 ? 4 : 2;
    const density = Math.exp(-0.5 * ((x - mu) / sd) ** 2);
    mass += weight * density;
    moment += weight * x * density;
  }
  return moment / mass;
}

describe('distributions: sample means agree with analytic means', () => {
  const cases: [string, Record<string, number>][] = [
    ['uniform', { min: 2, max: 5 }],
    ['uniform', { min: 0, max: 0.001 }],
    ['exponential', { mean: 0.01 }],
    ['exponential', { mean: 3600 }],
    ['normal', { mean: 10, sd: 2 }],
    ['normal', { mean: 0.5, sd: 1 }],
    ['normal', { mean: -1, sd: 1 }],
    ['lognormal', { mean: 1, sd: 0.5 }],
    ['lognormal', { mean: 0.02, sd: 0.03 }],
    ['weibull', { shape: 2, scale: 1 }],
    ['weibull', { shape: 0.7, scale: 100 }],
    ['weibull', { shape: 5, scale: 3 }],
  ];
  it.each(cases)('%s %j: sample mean within 5 standard errors of the analytic mean', (family, parameters) => {
    const distribution = create(family, parameters);
    expect(distribution.family).toBe(family);
    expect(distribution.isConstant).toBe(false);
    expect(distribution.parameters).toEqual(parameters);
    const summary = summarize(distribution, `${family}/${JSON.stringify(parameters)}`);
    expect(summary.min).toBeGreaterThanOrEqual(0);
    expect(Math.abs(summary.mean - distribution.mean)).toBeLessThan(5 * summary.standardError);
  });

  it('constant: every sample is the value, no randomness is drawn', () => {
    const distribution = create('constant', { value: 0.015 });
    expect(distribution.isConstant).toBe(true);
    expect(distribution.mean).toBe(0.015);
    const noRandomness = () => {
      throw new Error('a constant must not draw');
    };
    for (let i = 0; i < 10; i++) expect(distribution.sample(noRandomness)).toBe(0.015);
    expect(constantDistribution(7).sample(noRandomness)).toBe(7);
    expect(constantDistribution(7).family).toBe('constant');
  });

  it('sampling is deterministic given the stream', () => {
    for (const [family, parameters] of cases) {
      const distribution = create(family, parameters);
      const a = new RandomStreams(1).stream('determinism');
      const b = new RandomStreams(1).stream('determinism');
      for (let i = 0; i < 100; i++) expect(distribution.sample(a)).toBe(distribution.sample(b));
    }
  });
});

describe('distributions: analytic means', () => {
  it('uses textbook formulas', () => {
    expect(create('uniform', { min: 2, max: 5 }).mean).toBe(3.5);
    expect(create('exponential', { mean: 0.25 }).mean).toBe(0.25);
    expect(create('lognormal', { mean: 4, sd: 9 }).mean).toBe(4);
    expect(
      relativeError(create('weibull', { shape: 2, scale: 1 }).mean, Math.sqrt(Math.PI) / 2),
    ).toBeLessThan(1e-12);
    // shape 1 is the exponential with mean = scale; shape 0.5: scale · Γ(3) = 2 · scale.
    expect(relativeError(create('weibull', { shape: 1, scale: 7 }).mean, 7)).toBeLessThan(1e-12);
    expect(relativeError(create('weibull', { shape: 0.5, scale: 3 }).mean, 6)).toBeLessThan(1e-12);
  });

  it('gamma: Γ(5) = 24, Γ(0.5) = √π, Γ(n) = (n-1)! to 1e-12', () => {
    expect(relativeError(gamma(5), 24)).toBeLessThan(1e-12);
    expect(relativeError(gamma(0.5), Math.sqrt(Math.PI))).toBeLessThan(1e-12);
    expect(relativeError(gamma(1.5), Math.sqrt(Math.PI) / 2)).toBeLessThan(1e-12);
    expect(relativeError(gamma(0.25), 3.625609908221908)).toBeLessThan(1e-12);
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      expect(relativeError(gamma(n), factorial)).toBeLessThan(1e-12);
      factorial *= n;
    }
  });

  it('gamma satisfies Γ(x+1) = x·Γ(x) (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), (x) => {
        expect(relativeError(gamma(x + 1), x * gamma(x))).toBeLessThan(1e-12);
      }),
    );
  });

  it('standardNormalCdf matches known values', () => {
    // A Chebyshev fit with relative error < 1.2e-7, so known values hold to about 1e-7.
    expect(Math.abs(standardNormalCdf(0) - 0.5)).toBeLessThan(1e-7);
    expect(Math.abs(standardNormalCdf(1.959963984540054) - 0.975)).toBeLessThan(1e-7);
    expect(Math.abs(standardNormalCdf(-1) - 0.15865525393145707)).toBeLessThan(1e-7);
    expect(Math.abs(standardNormalCdf(3) - 0.9986501019683699)).toBeLessThan(1e-7);
  });

  it('normal truncated at 0: analytic mean matches numeric integration', () => {
    // mean/sd from well below 0 (heavy truncation) to far above (no truncation).
    for (const [mu, sd] of [
      [-4.5, 1],
      [-8, 2],
      [-1, 1],
      [0, 1],
      [0, 0.003],
      [0.5, 1],
      [3, 1],
      [10, 2],
    ]) {
      const distribution = create('normal', { mean: mu, sd });
      // The CDF is a 1.2e-7 Chebyshev fit; near heavy truncation that costs ~1e-6 relative.
      expect(relativeError(distribution.mean, truncatedNormalMeanByIntegration(mu, sd))).toBeLessThan(1e-5);
    }
    // No truncation to speak of: the mean is the configured mean.
    expect(create('normal', { mean: 10, sd: 1 }).mean).toBe(10);
  });

  it('normal: draws are never negative, even when most of the mass is below 0', () => {
    const distribution = create('normal', { mean: -2, sd: 1 });
    const summary = summarize(distribution, 'normal/negative-mean', 50_000);
    expect(summary.min).toBeGreaterThanOrEqual(0);
    expect(Math.abs(summary.mean - distribution.mean)).toBeLessThan(5 * summary.standardError);
  });

  it('normal with sd 0 is constant at the mean', () => {
    const distribution = create('normal', { mean: 0.2, sd: 0 });
    expect(distribution.isConstant).toBe(true);
    expect(distribution.mean).toBe(0.2);
    expect(distribution.sample(() => 0.3)).toBe(0.2);
  });

  it('lognormal: sample sd matches the configured sd of the values', () => {
    for (const [mean, sd] of [
      [1, 0.5],
      [0.05, 0.01],
    ]) {
      const summary = summarize(create('lognormal', { mean, sd }), `lognormal/sd/${mean}/${sd}`);
      expect(relativeError(summary.sd, sd)).toBeLessThan(0.02);
      expect(relativeError(summary.mean, mean)).toBeLessThan(0.01);
    }
  });

  it('lognormal with sd 0 always yields the mean', () => {
    const distribution = create('lognormal', { mean: 3, sd: 0 });
    const random = new RandomStreams(1).stream('lognormal/zero');
    for (let i = 0; i < 10; i++) expect(relativeError(distribution.sample(random), 3)).toBeLessThan(1e-12);
  });
});

describe('distributions: invalid parameters', () => {
  const invalid: [string, Record<string, number>, RegExp][] = [
    ['uniform', { min: 5, max: 2 }, /max.*min/],
    ['uniform', { min: Number.NaN, max: 2 }, /min/],
    ['exponential', { mean: 0 }, /mean/],
    ['exponential', { mean: -1 }, /mean/],
    ['exponential', { mean: Number.NaN }, /mean/],
    ['normal', { mean: 1, sd: -1 }, /sd/],
    ['normal', { mean: -6, sd: 1 }, /mean.*sd/],
    ['normal', { mean: Number.NaN, sd: 1 }, /mean/],
    ['normal', { mean: Number.NaN, sd: 0 }, /mean/],
    ['lognormal', { mean: 0, sd: 1 }, /mean/],
    ['lognormal', { mean: -2, sd: 1 }, /mean/],
    ['lognormal', { mean: 1, sd: -1 }, /sd/],
    ['weibull', { shape: 0, scale: 1 }, /shape/],
    ['weibull', { shape: -1, scale: 1 }, /shape/],
    ['weibull', { shape: 2, scale: 0 }, /scale/],
  ];
  it.each(invalid)('%s %o throws a RangeError naming the parameter', (family, parameters, pattern) => {
    expect(() => create(family, parameters)).toThrow(RangeError);
    expect(() => create(family, parameters)).toThrow(pattern);
  });

  it('accepts a degenerate uniform (min = max)', () => {
    const distribution = create('uniform', { min: 4, max: 4 });
    expect(distribution.mean).toBe(4);
    expect(distribution.sample(() => 0.7)).toBe(4);
  });
});

describe('distribution registry', () => {
  it('registers the documented families in order', () => {
    expect(families.ids()).toEqual(['constant', 'uniform', 'exponential', 'normal', 'lognormal', 'weibull']);
    for (const family of families.all()) {
      expect(family.description.length).toBeGreaterThan(0);
      expect(family.parameters.length).toBeGreaterThan(0);
    }
  });

  it('fails with the unknown name and the known ones', () => {
    expect(() => families.get('gaussian')).toThrow(/gaussian/);
    expect(() => families.get('gaussian')).toThrow(/exponential/);
    expect(families.has('weibull')).toBe(true);
    expect(families.has('pareto')).toBe(false);
  });

  it('refuses to register an id twice', () => {
    expect(() => families.register(families.get('uniform'))).toThrow(/uniform/);
  });
});

describe('distributions whose draws would overflow', () => {
  const families = createDistributionRegistry();
  it('are refused when created, naming the family', () => {
    expect(() => families.get('weibull').create({ shape: 0.001, scale: 1 })).toThrow(
      /weibull no finite mean/,
    );
    expect(() => families.get('lognormal').create({ mean: 0.001, sd: 1e300 })).toThrow(/too large/);
  });
});
