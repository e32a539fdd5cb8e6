import type { RandomStream } from './random.js';
import { Registry } from './registry.js';

/** A probability distribution over non-negative values, sampled from a random stream. */
export interface Distribution {
  /** Registry id of its family (`exponential`, ...). */
  readonly family: string;
  /** The analytic mean, in the same unit as the samples. */
  readonly mean: number;
  /** True when every sample equals `mean` (no randomness is drawn). */
  readonly isConstant: boolean;
  /** Draws one value. */
  sample(random: RandomStream): number;
  /** Parameters as given, for results and reports. */
  readonly parameters: Readonly<Record<string, number>>;
}

/** One parameter of a distribution family. */
export interface DistributionParameter {
  readonly name: string;
  /** `quantity`: in the unit of the thing distributed (time, bytes...); `number`: dimensionless. */
  readonly kind: 'quantity' | 'number';
  /**
   * A quantity that must be greater than 0 (an exponential's mean): the schema refuses 0 and
   * negatives alike, at the parameter. Without it 0 is fine. (A `number` is always positive.)
   */
  readonly positive?: boolean;
  readonly description: string;
}

/** A registered distribution family: its parameters and how to build one. */
export interface DistributionFamily {
  readonly id: string;
  readonly description: string;
  readonly parameters: readonly DistributionParameter[];
  /** @throws RangeError when the parameters do not define a distribution (message names them). */
  create(parameters: Readonly<Record<string, number>>): Distribution;
}

function make(
  family: string,
  mean: number,
  parameters: Readonly<Record<string, number>>,
  sample: (random: RandomStream) => number,
  isConstant = false,
): Distribution {
  // Draws of a distribution without a finite mean overflow to Infinity or NaN in a run.
  if (!Number.isFinite(mean)) {
    throw new RangeError(`these parameters give ${family} no finite mean (values would overflow)`);
  }
  return { family, mean, parameters, sample, isConstant };
}

const constant: DistributionFamily = {
  id: 'constant',
  description: 'always the same value',
  parameters: [{ name: 'value', kind: 'quantity', description: 'the value' }],
  create: (p) => {
    const value = p.value;
    return make('constant', value, p, () => value, true);
  },
};

const uniform: DistributionFamily = {
  id: 'uniform',
  description: 'uniform between min and max',
  parameters: [
    { name: 'min', kind: 'quantity', description: 'lower bound' },
    { name: 'max', kind: 'quantity', description: 'upper bound' },
  ],
  create: (p) => {
    const { min, max } = p;
    if (!(max >= min)) throw new RangeError(`max (${max}) must not be below min (${min})`);
    const width = max - min;
    return make('uniform', (min + max) / 2, p, (random) => min + width * random());
  },
};

const exponential: DistributionFamily = {
  id: 'exponential',
  description: 'exponential (memoryless) with the given mean',
  parameters: [{ name: 'mean', kind: 'quantity', positive: true, description: 'mean value (1/rate)' }],
  create: (p) => {
    const mean = p.mean;
    if (!(mean > 0)) throw new RangeError(`mean must be positive, got ${mean}`);
    return make('exponential', mean, p, (random) => -mean * Math.log(1 - random()));
  },
};

/** A standard normal draw by Box–Muller (two uniforms per draw keeps streams simple to reason about). */
function standardNormal(random: RandomStream): number {
  const u1 = 1 - random();
  const u2 = random();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

const normal: DistributionFamily = {
  id: 'normal',
  description: 'normal with mean and sd, truncated at 0 (negative draws are redrawn)',
  parameters: [
    { name: 'mean', kind: 'quantity', description: 'mean of the untruncated normal' },
    { name: 'sd', kind: 'quantity', description: 'standard deviation of the untruncated normal' },
  ],
  create: (p) => {
    const { mean, sd } = p;
    // A NaN mean would make the rejection loop in `sample` spin forever.
    if (!Number.isFinite(mean)) throw new RangeError(`mean must be a finite number, got ${mean}`);
    if (!(sd >= 0)) throw new RangeError(`sd must be non-negative, got ${sd}`);
    if (sd === 0) return make('normal', mean, p, () => mean, true);
    if (mean / sd < -5)
      throw new RangeError('mean is more than 5 sd below 0: almost every draw would be negative');
    const alpha = -mean / sd;
    // Mean of the normal truncated to [0, inf): mu + sd * phi(alpha) / (1 - Phi(alpha)).
    const truncatedMean = mean + (sd * standardNormalDensity(alpha)) / (1 - standardNormalCdf(alpha));
    return make('normal', truncatedMean, p, (random) => {
      for (;;) {
        const x = mean + sd * standardNormal(random);
        if (x >= 0) return x;
      }
    });
  },
};

const lognormal: DistributionFamily = {
  id: 'lognormal',
  description: 'lognormal given by the mean and sd of the values themselves',
  parameters: [
    { name: 'mean', kind: 'quantity', positive: true, description: 'mean of the values' },
    { name: 'sd', kind: 'quantity', description: 'standard deviation of the values' },
  ],
  create: (p) => {
    const { mean, sd } = p;
    if (!(mean > 0)) throw new RangeError(`mean must be positive, got ${mean}`);
    if (!(sd >= 0)) throw new RangeError(`sd must be non-negative, got ${sd}`);
    const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
    const sigma = Math.sqrt(sigma2);
    if (!Number.isFinite(sigma))
      throw new RangeError(`sd ${sd} is too large for a lognormal with mean ${mean}`);
    const mu = Math.log(mean) - sigma2 / 2;
    return make('lognormal', mean, p, (random) => Math.exp(mu + sigma * standardNormal(random)));
  },
};

const weibull: DistributionFamily = {
  id: 'weibull',
  description: 'Weibull with shape k and scale λ (mean λ·Γ(1 + 1/k)); k < 1 wear-in, k > 1 wear-out',
  parameters: [
    { name: 'shape', kind: 'number', description: 'shape k (dimensionless)' },
    { name: 'scale', kind: 'quantity', positive: true, description: 'scale λ' },
  ],
  create: (p) => {
    const { shape, scale } = p;
    if (!(shape > 0)) throw new RangeError(`shape must be positive, got ${shape}`);
    if (!(scale > 0)) throw new RangeError(`scale must be positive, got ${scale}`);
    const inverseShape = 1 / shape;
    return make('weibull', scale * gamma(1 + inverseShape), p, (random) => {
      return scale * (-Math.log(1 - random())) ** inverseShape;
    });
  },
};

/** Creates the registry of the built-in distribution families. */
export function createDistributionRegistry(): Registry<DistributionFamily> {
  return new Registry<DistributionFamily>('distribution')
    .register(constant)
    .register(uniform)
    .register(exponential)
    .register(normal)
    .register(lognormal)
    .register(weibull);
}

/** The distribution that always yields `value`. */
export function constantDistribution(value: number): Distribution {
  return constant.create({ value });
}

function standardNormalDensity(x: number): number {
  return Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
}

/** Standard normal CDF via erfc (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
export function standardNormalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** The gamma function (Lanczos approximation, g = 7; ~15 significant digits for x > 0). */
export function gamma(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return Math.sqrt(2 * Math.PI) * t ** (z + 0.5) * Math.exp(-t) * sum;
}
