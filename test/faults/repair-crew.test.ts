import { describe, expect, it } from 'vitest';
import { solveCrewChain } from '../../src/metrics/availability-crew-chain.js';
import { run } from '../helpers/scenario.js';

const constant = (ttf: string, ttr: string) => ({
  ttf: { dist: 'constant', value: ttf },
  ttr: { dist: 'constant', value: ttr },
});

describe('a shared repair crew with constant times', () => {
  it('makes the second failed component wait: its down time includes the wait', () => {
    // n1 and n2 both fail at 10 s; the crew repairs n1 over [10, 12), then n2 over [12, 14).
    // n1 then fails every 12 s from 22 s, n2 from 24 s: n2 fails at 24 s just before n1's
    // repair ends (its failure was scheduled first), waits for it, and is repaired over [24, 26).
    // Over 119 s: n1 is down [10,12), [22,24), ..., [106,108) and [118,119): 19 s;
    // n2 is down [10,14), then [24,26), ..., [108,110): 4 + 8 × 2 = 20 s.
    const { summary } = run({
      name: 'crew',
      duration: 119,
      nodes: [
        { id: 'n1', failure: constant('10s', '2s') },
        { id: 'n2', failure: constant('10s', '2s') },
      ],
      repairCrews: [{ id: 'crew', members: ['n1', 'n2'] }],
    });
    const { n1, n2 } = summary.availability.nodes;
    expect(n1.downSeconds).toBe(19);
    expect(n2.downSeconds).toBe(20);
    expect(n1.observedMttr).toBe(2);
    expect(n2.observedMttr).toBeCloseTo(20 / 9, 12);
    expect(n2.cycles).toBe(9);
    // The analytic value is the Markov chain's, which assumes exponential times: flagged.
    expect(n1.note).toMatch(/exponential/);
    expect(n1.analyticMethod).toMatch(/birth–death/);
  });
});

describe('solveCrewChain', () => {
  it('gives the birth–death distribution for identical members: π_j ∝ n!/(n-j)! ρ^j', () => {
    const rho = 0.05;
    const solution = solveCrewChain([1, 2, 3].map(() => ({ mttf: 1, mttr: rho })))!;
    const weights = [1, 3 * rho, 6 * rho ** 2, 6 * rho ** 3];
    const total = weights.reduce((a, b) => a + b, 0);
    const byDown = [0, 0, 0, 0];
    for (const state of solution.states) {
      byDown[state.downMask.toString(2).replace(/0/g, '').length] += state.probability;
    }
    byDown.forEach((p, j) => {
      expect(p).toBeCloseTo(weights[j] / total, 14);
    });
  });

  it('solves the FIFO queue chain of two different members (balance equations hold)', () => {
    const [l1, l2, m1, m2] = [1 / 100, 1 / 40, 1 / 5, 1 / 2];
    const solution = solveCrewChain([
      { mttf: 1 / l1, mttr: 1 / m1 },
      { mttf: 1 / l2, mttr: 1 / m2 },
    ])!;
    const p = (mask: number) => solution.states.find((s) => s.downMask === mask)?.probability ?? 0;
    // Aggregated by down set: {} , {1}, {2}, {1,2} (queue order summed). Hand-derived: with q12
    // and q21 the two orders of {1,2}, q12·μ1 = p1·λ2 and q21·μ2 = p2·λ1.
    const q12 = (p(1) * l2) / m1;
    const q21 = (p(2) * l1) / m2;
    expect(q12 + q21).toBeCloseTo(p(3), 14);
    expect(p(0) * (l1 + l2)).toBeCloseTo(p(1) * m1 + p(2) * m2, 14);
    expect(p(1) * (m1 + l2)).toBeCloseTo(p(0) * l1 + q21 * m2, 14);
    expect(p(0) + p(1) + p(2) + p(3)).toBeCloseTo(1, 14);
  });

  it('declines members of different means beyond the size it solves', () => {
    expect(solveCrewChain([1, 2, 3, 4, 5, 6].map((i) => ({ mttf: 10 * i, mttr: 1 })))).toBeNull();
  });
});

describe('independent vs shared repair of a 2-of-3 quorum (statistical)', () => {
  // MTTF 1000 h, MTTR 50 h (ρ = 0.05), 1e7 h: about 9,500 cycles per replica.
  const failure = { mttf: '1000h', mttr: '50h' };
  const quorum = (shared: boolean) =>
    run({
      name: 'crew-quorum',
      seed: 7,
      duration: '10000000h',
      nodes: ['r1', 'r2', 'r3'].map((id) => ({ id, failure })),
      services: [{ id: 'q', members: ['r1', 'r2', 'r3'], needs: 2 }],
      repairCrews: shared ? [{ id: 'crew', members: ['r1', 'r2', 'r3'] }] : [],
    }).summary.availability.services!.q;
  const rho = 0.05;
  const independent = quorum(false);
  const shared = quorum(true);

  it('gives the binomial value with independent repair and the birth–death value with one crew', () => {
    const a = 1 / (1 + rho);
    expect(independent.analytic).toBeCloseTo(3 * a ** 2 - 2 * a ** 3, 12);
    // Up while at most one is down: (π0 + π1) with π_j ∝ 3!/(3-j)! ρ^j.
    expect(shared.analytic).toBeCloseTo((1 + 3 * rho) / (1 + 3 * rho + 6 * rho ** 2 + 6 * rho ** 3), 12);
    expect(shared.analytic!).toBeLessThan(independent.analytic!);
  });

  it('measures each within five standard errors (the 95% interval is ±1.96 SE)', () => {
    for (const service of [independent, shared]) {
      const [low, high] = service.measuredCi95!;
      const standardError = (high - low) / 2 / 1.96;
      expect(Math.abs(service.measured! - service.analytic!)).toBeLessThan(5 * standardError);
    }
  });
});
