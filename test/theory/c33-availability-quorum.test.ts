import { expect, it } from 'vitest';
import { binomialKOfN } from '../../src/metrics/availability-theory.js';
import { run } from '../helpers/scenario.js';
import { describeTheory, expectStatistical, input, theoryCase } from '../helpers/theory-cases.js';

describeTheory('C33 quorum availability of 2-of-3 and 3-of-5 replica groups (statistical)', () => {
  const c33 = theoryCase('C33');

  const failure = { mttf: input(c33, 'mttf'), mttr: input(c33, 'mttr') };
  const replicas = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
  const { summary } = run({
    name: 'c33',
    seed: 33,
    duration: input(c33, 'sim_time'),
    nodes: [...replicas('a', 3), ...replicas('b', 5)].map((id) => ({ id, failure })),
    services: [
      { id: 'q2of3', members: replicas('a', 3), needs: 2 },
      { id: 'q3of5', members: replicas('b', 5), needs: 3 },
    ],
  });
  const { nodes, services } = summary.availability;

  it('gives the binomial analytic values of the case', () => {
    const replica = input(c33, 'mttf') / (input(c33, 'mttf') + input(c33, 'mttr'));
    expect(binomialKOfN(3, 2, replica)).toBeCloseTo(3 * replica ** 2 - 2 * replica ** 3, 14);
    expect(services!.q2of3.analytic).toBeCloseTo(c33.expected.availability_2of3 as number, 9);
    expect(services!.q3of5.analytic).toBeCloseTo(c33.expected.availability_3of5 as number, 9);
    expect(services!.q3of5.analytic).toBeCloseTo(binomialKOfN(5, 3, replica), 14);
    expect(services!.q2of3.analyticMethod).toMatch(/C\(n,j\)/);
  });

  it('measures replica and quorum availabilities within the case tolerance', () => {
    for (const id of Object.keys(nodes)) expectStatistical(c33, 'replica_availability', nodes[id].measured!);
    expectStatistical(c33, 'availability_2of3', services!.q2of3.measured!);
    expectStatistical(c33, 'unavailability_2of3', 1 - services!.q2of3.measured!);
    expectStatistical(c33, 'availability_3of5', services!.q3of5.measured!);
    expectStatistical(c33, 'unavailability_3of5', 1 - services!.q3of5.measured!);
  });

  it('derives the quorum outage from the failure frequency: (1 + λ/3μ)/2μ for 2 of 3', () => {
    // An outage starts with two replicas down; either repair (2μ) ends it, unless the third fails
    // first (λ), and from three down one repair (3μ) returns to two down:
    // T2 = 1/(2μ+λ) + λ/(2μ+λ)·(1/(3μ) + T2), so T2 = (1 + λ/(3μ)) / (2μ).
    const lambda = 1 / input(c33, 'mttf');
    const mu = 1 / input(c33, 'mttr');
    const outage = (1 + lambda / (3 * mu)) / (2 * mu);
    expect(services!.q2of3.analyticMttr).toBeCloseTo(outage, 6);
    const [low, high] = services!.q2of3.observedMttrCi95!;
    expect(low).toBeLessThan(outage);
    expect(high).toBeGreaterThan(outage);
    // MTTF_s and MTTR_s come from one failure frequency f: A = MTTF_s / (MTTF_s + MTTR_s).
    const { analyticMttf, analyticMttr, analytic } = services!.q2of3;
    expect(analyticMttf! / (analyticMttf! + analyticMttr!)).toBeCloseTo(analytic!, 12);
  });
});
