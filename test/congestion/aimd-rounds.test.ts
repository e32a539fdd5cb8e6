import { describe, expect, it } from 'vitest';
import { aimdRounds, type RateDecrease } from '../../src/congestion/aimd-rounds.js';
import { jainFairnessIndex } from '../../src/metrics/fairness.js';
import { describeTheory, expectExact, input, type TheoryCase, theoryCase } from '../helpers/theory-cases.js';

function expectedList(c: TheoryCase, metric: string): number[] {
  const value = c.expected[metric];
  if (!Array.isArray(value)) throw new Error(`${c.id}: expected ${metric} is not a list`);
  return value;
}

/** Element by element, to the case's float tolerance. */
function expectExactList(c: TheoryCase, metric: string, actual: readonly number[]): void {
  const want = expectedList(c, metric);
  expect(actual.length, `${c.id} ${metric} length`).toBe(want.length);
  const rel = c.tolerance.float_rel ?? 1e-9;
  want.forEach((value, i) => {
    expect(
      Math.abs(actual[i] - value),
      `${c.id} ${metric}[${i}]: got ${actual[i]}, expected ${value}`,
    ).toBeLessThanOrEqual(rel * Math.abs(value));
  });
}

describeTheory('C21 Chiu-Jain AIMD: two synchronous users converge to fairness', () => {
  const c21 = theoryCase('C21');

  function initialRates(): number[] {
    const value = c21.inputs.x0?.value;
    if (!Array.isArray(value)) throw new Error(`${c21.id}: input x0 is not a list`);
    return value;
  }

  /** The AIAD control's decrement is stated only in the case's scenario text ("x_i <- x_i - 10"). */
  function aiadDecrement(): number {
    const match = /AIAD: y = 1: x_i <- x_i - (\d+(?:\.\d+)?)/.exec(
      (c21 as unknown as { scenario: string }).scenario,
    );
    if (!match) throw new Error(`${c21.id}: no AIAD decrement in the scenario text`);
    return Number(match[1]);
  }

  function play(decrease: RateDecrease, rounds: number) {
    return aimdRounds({
      capacity: input(c21, 'capacity'),
      initialRates: initialRates(),
      increase: input(c21, 'additive_increase'),
      decrease,
      rounds,
    });
  }

  const trajectory = play({ kind: 'multiplicative', factor: input(c21, 'multiplicative_decrease') }, 200);
  const decreases = trajectory.filter((state) => state.decreased);

  it('returns the initial state and one state per round', () => {
    expect(trajectory).toHaveLength(201);
    expect(trajectory[0]).toEqual({ step: 0, rates: initialRates(), decreased: false });
  });

  it('decreases first at the listed steps (a load of exactly C is not congestion)', () => {
    const count = expectedList(c21, 'first_decrease_steps').length;
    expectExactList(
      c21,
      'first_decrease_steps',
      decreases.slice(0, count).map((state) => state.step),
    );
  });

  it('reaches the listed states after steps 11, 12 and 200', () => {
    expectExactList(c21, 'state_after_step_11', trajectory[11].rates);
    expectExactList(c21, 'state_after_step_12', trajectory[12].rates);
    expectExactList(c21, 'state_after_step_200', trajectory[200].rates);
  });

  it('halves the difference between the users at each decrease and keeps it while increasing', () => {
    const count = expectedList(c21, 'difference_after_each_decrease').length;
    const differences = decreases.slice(0, count).map((state) => state.rates[1] - state.rates[0]);
    expectExactList(c21, 'difference_after_each_decrease', differences);
    for (let step = 1; step < trajectory.length; step++) {
      const { rates, decreased } = trajectory[step];
      const previous = trajectory[step - 1].rates;
      if (!decreased) expect(rates[1] - rates[0]).toBe(previous[1] - previous[0]);
    }
  });

  it("raises Jain's index toward 1 (steps 0, 12, 50, 200)", () => {
    for (const step of [0, 12, 50, 200]) {
      expectExact(c21, `jain_index_step_${step}`, jainFairnessIndex(trajectory[step].rates));
    }
  });

  it('AIAD keeps the initial difference for ever', () => {
    const aiad = play({ kind: 'additive', amount: aiadDecrement() }, 200);
    const final = aiad[200].rates;
    expectExact(c21, 'aiad_difference_after_200_steps', final[1] - final[0]);
    expect(aiad.some((state) => state.decreased)).toBe(true);
  });
});

describe('aimdRounds', () => {
  it('never lets an additive decrease take a rate below zero', () => {
    const trajectory = aimdRounds({
      capacity: 10,
      initialRates: [1, 15],
      increase: 1,
      decrease: { kind: 'additive', amount: 5 },
      rounds: 1,
    });
    expect(trajectory[1]).toEqual({ step: 1, rates: [0, 10], decreased: true });
  });

  it('refuses a negative number of rounds', () => {
    expect(() =>
      aimdRounds({
        capacity: 1,
        initialRates: [0],
        increase: 1,
        decrease: { kind: 'additive', amount: 1 },
        rounds: -1,
      }),
    ).toThrow(RangeError);
  });
});
