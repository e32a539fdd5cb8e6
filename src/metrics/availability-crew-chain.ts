/**
 * Steady state of components sharing one repair crew (repaired one at a time, first failed
 * first repaired), with exponential times to failure and repair: a continuous-time Markov chain.
 */
import { binomialCoefficient } from './availability-theory.js';

/** Means of one crew member's failure process (s). */
export interface CrewMember {
  mttf: number;
  mttr: number;
}

/** The stationary distribution of which members are down. */
export interface CrewSolution {
  /** Probability of each set of down members (bit i set: member i is down). */
  states: Array<{ downMask: number; probability: number }>;
  /** How it was solved, for the summary. */
  method: string;
}

/** Members of different means the ordered chain is solved for (326 states at 5). */
export const MAX_HETEROGENEOUS_CREW = 5;
/** Members whose down sets are listed one by one (2^n sets). */
export const MAX_CREW_MEMBERS = 16;

/**
 * Solves the crew's chain, or returns null when it is too large to list. Identical members give
 * the birth–death chain on the number down, π_j ∝ n!/(n-j)! (MTTR/MTTF)^j, each set of j down
 * members equally likely; members with different means give the chain whose state is the queue
 * of failed members in failure order (the head is under repair).
 */
export function solveCrewChain(members: readonly CrewMember[]): CrewSolution | null {
  if (members.length === 0 || members.length > MAX_CREW_MEMBERS) return null;
  const first = members[0];
  const identical = members.every(
    (member) =>
      Math.abs(member.mttf - first.mttf) <= 1e-12 * first.mttf &&
      Math.abs(member.mttr - first.mttr) <= 1e-12 * first.mttr,
  );
  if (identical) return birthDeath(members.length, first);
  if (members.length > MAX_HETEROGENEOUS_CREW) return null;
  return orderedQueueChain(members);
}

/** The number down is a birth–death chain: up (n-j)λ, down μ (one crew). */
function birthDeath(n: number, member: CrewMember): CrewSolution {
  const rho = member.mttr / member.mttf;
  const weights: number[] = [1];
  for (let j = 1; j <= n; j++) weights.push(weights[j - 1] * (n - j + 1) * rho);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const states: CrewSolution['states'] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    const down = popcount(mask);
    states.push({ downMask: mask, probability: weights[down] / total / binomialCoefficient(n, down) });
  }
  return {
    states,
    method: `birth–death chain of one crew: π_j ∝ n!/(n-j)! (MTTR/MTTF)^j, n = ${n}`,
  };
}

/** State: the failed members in failure order; the head is being repaired. */
function orderedQueueChain(members: readonly CrewMember[]): CrewSolution {
  const n = members.length;
  const queues: number[][] = [[]];
  const indexOf = new Map<string, number>([['', 0]]);
  for (let at = 0; at < queues.length; at++) {
    const queue = queues[at];
    for (let member = 0; member < n; member++) {
      if (queue.includes(member)) continue;
      const next = [...queue, member];
      const key = next.join(',');
      if (!indexOf.has(key)) {
        indexOf.set(key, queues.length);
        queues.push(next);
      }
    }
  }
  const size = queues.length;
  // Balance equations πQ = 0 as Qᵀπ = 0, with the last one replaced by Σπ = 1.
  const matrix = Array.from({ length: size }, () => new Float64Array(size));
  const scale = Math.max(...members.map((member) => 1 / Math.min(member.mttf, member.mttr)));
  queues.forEach((queue, from) => {
    const transition = (to: number, rate: number) => {
      matrix[to][from] += rate / scale;
      matrix[from][from] -= rate / scale;
    };
    for (let member = 0; member < n; member++) {
      if (!queue.includes(member)) {
        transition(indexOf.get([...queue, member].join(','))!, 1 / members[member].mttf);
      }
    }
    if (queue.length > 0) transition(indexOf.get(queue.slice(1).join(','))!, 1 / members[queue[0]].mttr);
  });
  matrix[size - 1].fill(1);
  const rhs = new Float64Array(size);
  rhs[size - 1] = 1;
  const pi = solveLinear(matrix, rhs);
  const byMask = new Map<number, number>();
  queues.forEach((queue, state) => {
    const mask = queue.reduce((bits, member) => bits | (1 << member), 0);
    byMask.set(mask, (byMask.get(mask) ?? 0) + pi[state]);
  });
  return {
    states: [...byMask].map(([downMask, probability]) => ({ downMask, probability })),
    method: `Markov chain of one FIFO crew over the queue of failed members (${size} states)`,
  };
}

/** Gaussian elimination with partial pivoting; `matrix` and `rhs` are overwritten. */
function solveLinear(matrix: Float64Array[], rhs: Float64Array): Float64Array {
  const size = rhs.length;
  for (let column = 0; column < size; column++) {
    let pivot = column;
    for (let row = column + 1; row < size; row++) {
      if (Math.abs(matrix[row][column]) > Math.abs(matrix[pivot][column])) pivot = row;
    }
    [matrix[column], matrix[pivot]] = [matrix[pivot], matrix[column]];
    [rhs[column], rhs[pivot]] = [rhs[pivot], rhs[column]];
    const head = matrix[column];
    for (let row = column + 1; row < size; row++) {
      const factor = matrix[row][column] / head[column];
      if (factor === 0) continue;
      const target = matrix[row];
      for (let k = column; k < size; k++) target[k] -= factor * head[k];
      rhs[row] -= factor * rhs[column];
    }
  }
  const solution = new Float64Array(size);
  for (let row = size - 1; row >= 0; row--) {
    let sum = rhs[row];
    for (let k = row + 1; k < size; k++) sum -= matrix[row][k] * solution[k];
    solution[row] = sum / matrix[row][row];
  }
  return solution;
}

function popcount(mask: number): number {
  let count = 0;
  for (let bits = mask; bits !== 0; bits &= bits - 1) count++;
  return count;
}
