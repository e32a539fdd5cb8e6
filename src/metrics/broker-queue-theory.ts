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
      'W_q = C/(cμ - λ); W = W_q + 1/μ; L_q = λW_q; L = λW (broker hops not included)',
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
): TheoryPrediction {
  const rho = arrivalsPerSecond * serviceSeconds;
  const probability = (n: number) =>
    rho === 1 ? 1 / (capacity + 1) : ((1 - rho) * rho ** n) / (1 - rho ** (capacity + 1));
  let inSystem = 0;
  for (let n = 1; n <= capacity; n++) inSystem += n * probability(n);
  const blocking = probability(capacity);
  const throughput = arrivalsPerSecond * (1 - blocking);
  return {
    formula:
      'M/M/1/K: p_n = (1-ρ)ρ^n/(1-ρ^(K+1)); P_block = p_K; T = λ(1 - P_block); L = Σ n·p_n; ' +
      'W = L/T (broker hops not included)',
    values: {
      utilisation: rho,
      blockingProbability: blocking,
      throughputMessagesPerSecond: throughput,
      meanNumberInSystem: inSystem,
      meanSojournSeconds: inSystem / throughput,
    },
  };
}
