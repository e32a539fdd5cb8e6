/**
 * The idealised model of Chiu & Jain (1989) behind the TCP sawtooth: n users share a resource of
 * capacity C in synchronous rounds. After each round every user gets the same binary feedback,
 * y = 1 (congested) iff the total rate exceeds C strictly, and applies the same rule: increase
 * additively when y = 0, decrease (multiplicatively or additively) when y = 1. AIMD converges to
 * fairness; AIAD keeps the initial differences forever.
 */

/** How users cut their rates on congestion: x * factor, or x - amount (never below 0). */
export type RateDecrease = { kind: 'multiplicative'; factor: number } | { kind: 'additive'; amount: number };

export interface AimdRoundsOptions {
  /** Capacity C, in the rates' unit (e.g. packets per RTT). */
  capacity: number;
  /** Each user's rate before the first round. */
  initialRates: readonly number[];
  /** Added to each rate after an uncongested round. */
  increase: number;
  decrease: RateDecrease;
  /** Number of rounds to play. */
  rounds: number;
}

/** The state after one round (step 0 is the initial state). */
export interface AimdState {
  step: number;
  rates: readonly number[];
  /** Whether the feedback that produced this state said congested (false for step 0). */
  decreased: boolean;
}

/**
 * Plays `rounds` synchronous rounds and returns the trajectory, `rounds + 1` states long; state k
 * results from the feedback on state k - 1. @throws RangeError on a negative round count.
 */
export function aimdRounds(options: AimdRoundsOptions): AimdState[] {
  if (!Number.isInteger(options.rounds) || options.rounds < 0) {
    throw new RangeError(`rounds must be a non-negative integer, got ${options.rounds}`);
  }
  const trajectory: AimdState[] = [{ step: 0, rates: [...options.initialRates], decreased: false }];
  let rates = [...options.initialRates];
  for (let step = 1; step <= options.rounds; step++) {
    const total = rates.reduce((sum, rate) => sum + rate, 0);
    // Strictly greater: a load of exactly C is not congestion.
    const congested = total > options.capacity;
    rates = rates.map((rate) => (congested ? decreaseRate(rate, options.decrease) : rate + options.increase));
    trajectory.push({ step, rates, decreased: congested });
  }
  return trajectory;
}

function decreaseRate(rate: number, decrease: RateDecrease): number {
  // A rate cannot be negative; the clamp is what stops additive decrease below zero.
  return decrease.kind === 'multiplicative' ? rate * decrease.factor : Math.max(rate - decrease.amount, 0);
}
