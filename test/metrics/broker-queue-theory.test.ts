import { describe, expect, it } from 'vitest';
import { erlangCTheory, mm1kTheory } from '../../src/metrics/broker-queue-theory.js';
import { describeTheory, expectExact, input, theoryCase } from '../helpers/theory-cases.js';

const exactly = (c: ReturnType<typeof theoryCase>) => ({ ...c, tolerance: { float_rel: 1e-9 } });

describeTheory('broker queue formulas against the reference cases (exact)', () => {
  it('M/M/2 Erlang C gives C26: C = 9/14, W_q = 9/700 s, W = 16/700 s', () => {
    const c26 = exactly(theoryCase('C26'));
    const service = input(c26, 'mean_packet_size') / input(c26, 'link_rate');
    const { values } = erlangCTheory(input(c26, 'arrival_rate'), service, input(c26, 'n_servers'))!;
    expectExact(c26, 'prob_wait', values.probabilityOfWaiting);
    expectExact(c26, 'mean_queueing_delay_s', values.meanQueueingSeconds);
    expectExact(c26, 'mean_delay_s', values.meanSojournSeconds);
    expectExact(c26, 'mean_number_in_queue', values.meanNumberInQueue);
    expectExact(c26, 'mean_number_in_system', values.meanNumberInSystem);
    expectExact(c26, 'per_link_utilisation', values.utilisation);
  });

  it('M/M/1/K gives C27: blocking, throughput, number in system and delay of accepted messages', () => {
    const c27 = exactly(theoryCase('C27'));
    const { values } = mm1kTheory(
      input(c27, 'arrival_rate'),
      1 / input(c27, 'service_rate'),
      input(c27, 'capacity_in_system'),
    );
    expectExact(c27, 'blocking_probability', values.blockingProbability);
    expectExact(c27, 'throughput_msg_per_s', values.throughputMessagesPerSecond);
    expectExact(c27, 'mean_number_in_system', values.meanNumberInSystem);
    expectExact(c27, 'mean_delay_accepted_s', values.meanSojournSeconds);
  });
});

describe('M/M/1/K in closed form, whatever the capacity', () => {
  /** The textbook sums: p_n ∝ ρ^n for n = 0..K, blocking p_K, L = Σ n·p_n. */
  const bySum = (rho: number, capacity: number) => {
    const weights = Array.from({ length: capacity + 1 }, (_, n) => rho ** n);
    const total = weights.reduce((a, b) => a + b, 0);
    return {
      blocking: weights[capacity] / total,
      inSystem: weights.reduce((sum, weight, n) => sum + n * weight, 0) / total,
    };
  };

  it('agrees with the sums for small K, below, at and above ρ = 1', () => {
    for (const rho of [0.3, 0.8, 1, 1.25, 3]) {
      for (const capacity of [1, 2, 5, 20]) {
        const { values } = mm1kTheory(rho, 1, capacity);
        const expected = bySum(rho, capacity);
        expect(values.blockingProbability).toBeCloseTo(expected.blocking, 12);
        expect(values.meanNumberInSystem).toBeCloseTo(expected.inSystem, 10);
      }
    }
  });

  it('stays finite for large K: M/M/1 below ρ = 1, blocking 1 - 1/ρ above', () => {
    const below = mm1kTheory(0.8, 1, 1e12).values;
    expect(below.blockingProbability).toBe(0);
    expect(below.meanNumberInSystem).toBeCloseTo(4, 9);
    const above = mm1kTheory(1.25, 1, 1e4).values;
    expect(above.blockingProbability).toBeCloseTo(0.2, 12);
    // L = ρ/(1-ρ) + (K+1)/(1-ρ^-(K+1)) = -5 + 10001.
    expect(above.meanNumberInSystem).toBeCloseTo(9996, 6);
    expect(mm1kTheory(1, 1, 1e12).values.meanNumberInSystem).toBe(5e11);
    // Summed (K ≤ 100000) and closed form (beyond) meet.
    for (const rho of [0.99, 1.01]) {
      const summed = mm1kTheory(rho, 1, 1e5).values;
      const closed = mm1kTheory(rho, 1, 1e5 + 1).values;
      expect(closed.meanNumberInSystem / summed.meanNumberInSystem).toBeCloseTo(1, 4);
      expect(closed.blockingProbability).toBeCloseTo(summed.blockingProbability, 8);
    }
  });
});
