import { describe, expect, it } from 'vitest';
import type { AvailabilityModel } from '../../src/faults/availability-model.js';
import { analyticAvailability } from '../../src/metrics/availability-analytic.js';
import { kOfNAvailability } from '../../src/metrics/availability-theory.js';

const node = (id: string, mttf: number, mttr: number, crew: number | null = null) => ({
  kind: 'node' as const,
  id,
  index: 0,
  failure: { mttf, mttr, exponential: true },
  crew,
});
const member = (index: number) => ({ kind: 'component' as const, index });

describe('kOfNAvailability', () => {
  it('is the product for series, 1 - Π(1 - A) for parallel, and the Poisson binomial between', () => {
    const a = [0.9, 0.8, 0.7];
    expect(kOfNAvailability(a, 3)).toBeCloseTo(0.9 * 0.8 * 0.7, 15);
    expect(kOfNAvailability(a, 1)).toBeCloseTo(1 - 0.1 * 0.2 * 0.3, 15);
    // Exactly two up, or all three.
    const two = 0.9 * 0.8 * 0.3 + 0.9 * 0.2 * 0.7 + 0.1 * 0.8 * 0.7;
    expect(kOfNAvailability(a, 2)).toBeCloseTo(two + 0.9 * 0.8 * 0.7, 15);
  });
});

describe('analyticAvailability', () => {
  it('handles a component used twice: (n1 and n2) or n1 is just n1', () => {
    const model: AvailabilityModel = {
      components: [node('n1', 9, 1), node('n2', 4, 1)],
      crews: [],
      services: [
        { id: 'both', members: [member(0), member(1)], needs: 2 },
        { id: 'either', members: [{ kind: 'service', index: 0 }, member(0)], needs: 1 },
      ],
    };
    const { services } = analyticAvailability(model);
    expect(services[0].availability).toBeCloseTo(0.9 * 0.8, 15);
    expect(services[1].availability).toBeCloseTo(0.9, 15);
    // Its outages are n1's: MTTF 9, MTTR 1.
    expect(services[1].mttf).toBeCloseTo(9, 12);
    expect(services[1].mttr).toBeCloseTo(1, 12);
  });

  it('gives series MTTF 1/Σλ and MTTR from A for independent exponential components', () => {
    const model: AvailabilityModel = {
      components: [node('a', 100, 2), node('b', 50, 5)],
      crews: [],
      services: [{ id: 's', members: [member(0), member(1)], needs: 2 }],
    };
    const [service] = analyticAvailability(model).services;
    const availability = (100 / 102) * (50 / 55);
    expect(service.availability).toBeCloseTo(availability, 15);
    // Failures leave the all-up state at rate λa + λb.
    expect(service.mttf).toBeCloseTo(1 / (1 / 100 + 1 / 50), 12);
    expect(service.mttr).toBeCloseTo(((1 - availability) / availability) * service.mttf!, 12);
  });

  it('takes a crew member marginal from the chain: one crew for two makes each wait sometimes', () => {
    const model: AvailabilityModel = {
      components: [node('a', 10, 1, 0), node('b', 10, 1, 0)],
      crews: [{ id: 'crew', members: [0, 1] }],
      services: [{ id: 'both', members: [member(0), member(1)], needs: 2 }],
    };
    const { components, services } = analyticAvailability(model);
    // Birth–death with n = 2, ρ = 0.1: π ∝ 1, 0.2, 0.02.
    const total = 1.22;
    expect(services[0].availability).toBeCloseTo(1 / total, 15);
    expect(components[0]!.availability).toBeCloseTo(1 - (0.2 / 2 + 0.02) / total, 15);
    // a fails while b is under repair with probability π(b alone down)/P(a up) = 0.1/1.1, and
    // then waits a whole repair (exponential: the residual is a repair too): MTTR 1 + 0.1/1.1.
    expect(components[0]!.mttr!).toBeCloseTo(1 + 0.1 / 1.1, 12);
  });
});
