import type { TheoryPrediction } from './summary.js';

/**
 * M/M/c (Erlang C): Poisson arrivals at `arrivalsPerSecond` to one FIFO queue served by
 * `servers` servers with exponential service of mean `serviceSeconds` (Kleinrock Vol. 1 §3.5).
 * Null when the queue is unstable (ρ = λ/(cμ) ≥ 1).
 */
export function erlangCTheory(
  arrivalsPerSecond: number,
  serviceSeconds: number,
  servers: number,
  /** Which queue this is, in the formula's words (e.g. what the times leave out). */
  note?: string,
): TheoryPrediction | null {
  const offered = arrivalsPerSecond * serviceSeconds;
  const utilisation = offered / servers;
  if (!(utilisation < 1)) return null;
  // Σ_{k<c} a^k/k! and a^c/c!, built term by term (no factorials of large numbers).
  let term = 1;
  let below = 0;
  for (let k = 0; k < servers; k++) {
    below += term;
    term *= offered / (k + 1);
  }
  const tail = term / (1 - utilisation);
  const waitProbability = tail / (below + tail);
  const meanWait = (waitProbability * serviceSeconds) / (servers * (1 - utilisation));
  return {
    formula:
      'M/M/c: a = λ/μ, ρ = a/c; C(c,a) = (a^c/c!)/(1-ρ) / (Σ_{k<c} a^k/k! + (a^c/c!)/(1-ρ)); ' +
      `W_q = C/(cμ - λ); W = W_q + 1/μ; L_q = λW_q; L = λW${note ? ` (${note})` : ''}`,
    values: {
      utilisation,
      probabilityOfWaiting: waitProbability,
      meanQueueingSeconds: meanWait,
      meanSojournSeconds: meanWait + serviceSeconds,
      meanNumberInQueue: arrivalsPerSecond * meanWait,
      meanNumberInSystem: arrivalsPerSecond * (meanWait + serviceSeconds),
    },
  };
}

/**
 * M/M/1/K: Poisson arrivals, one exponential server, room for `capacity` messages including
 * the one in service; arrivals finding it full are refused (Kleinrock Vol. 1 §3.6; by PASTA
 * the blocking probability is p_K).
 */
export function mm1kTheory(
  arrivalsPerSecond: number,
  serviceSeconds: number,
  capacity: number,
  /** Which queue this is, in the formula's words (e.g. what the times leave out). */
  note?: string,
): TheoryPrediction {
  const rho = arrivalsPerSecond * serviceSeconds;
  const { blocking, inSystem } =
    capacity <= SUMMED_CAPACITY ? mm1kBySum(rho, capacity) : mm1kClosedForm(rho, capacity);
  const throughput = arrivalsPerSecond * (1 - blocking);
  return {
    formula:
      'M/M/1/K: p_n = (1-ρ)ρ^n/(1-ρ^(K+1)); P_block = p_K; T = λ(1 - P_block); L = Σ n·p_n; ' +
      `W = L/T${note ? ` (${note})` : ''}`,
    values: {
      utilisation: rho,
      blockingProbability: blocking,
      throughputMessagesPerSecond: throughput,
      meanNumberInSystem: inSystem,
      meanSojournSeconds: inSystem / throughput,
    },
  };
}

/**
 * Capacities up to which p_n is summed term by term (exact to rounding even near ρ = 1);
 * beyond, the closed form is used, so that a capacity such as 1e12 costs nothing.
 */
const SUMMED_CAPACITY = 100_000;

/** p_n ∝ ρ^n, n = 0..K, as weights scaled so that the largest is 1 (no overflow above ρ = 1). */
function mm1kBySum(rho: number, capacity: number): { blocking: number; inSystem: number } {
  let total = 0;
  let weighted = 0;
  let weight = 1;
  if (rho <= 1) {
    let last = 1;
    for (let n = 0; n <= capacity; n++, weight *= rho) {
      total += weight;
      weighted += n * weight;
      last = weight;
    }
    return { blocking: last / total, inSystem: weighted / total };
  }
  for (let n = capacity; n >= 0; n--, weight /= rho) {
    total += weight;
    weighted += n * weight;
  }
  return { blocking: 1 / total, inSystem: weighted / total };
}

/**
 * The closed forms: P_K = (1-ρ)ρ^K/(1-ρ^(K+1)), L = ρ/(1-ρ) - (K+1)ρ^(K+1)/(1-ρ^(K+1)), written
 * with r = 1/ρ above ρ = 1 (P_K = (1-r)/(1-r^(K+1)), L = ρ/(1-ρ) + (K+1)/(1-r^(K+1))).
 */
function mm1kClosedForm(rho: number, capacity: number): { blocking: number; inSystem: number } {
  const k = capacity;
  if (rho === 1) return { blocking: 1 / (k + 1), inSystem: k / 2 };
  if (rho < 1) {
    const power = rho ** (k + 1);
    return {
      blocking: ((1 - rho) * rho ** k) / (1 - power),
      inSystem: rho / (1 - rho) - ((k + 1) * power) / (1 - power),
    };
  }
  const inversePower = (1 / rho) ** (k + 1);
  return {
    blocking: (1 - 1 / rho) / (1 - inversePower),
    inSystem: rho / (1 - rho) + (k + 1) / (1 - inversePower),
  };
}
