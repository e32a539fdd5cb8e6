import type { TheoryPrediction } from './summary.js';

/** A stop-and-wait flow over one link, everything constant. */
export interface StopAndWaitPath {
  dataBytes: number;
  ackBytes: number;
  bandwidthBitsPerSecond: number;
  /** One-way propagation (s). */
  propagationSeconds: number;
  dataLossProbability: number;
  ackLossProbability: number;
  /** A fixed retransmission timeout (s); NaN (no prediction) when the timeout is not fixed. */
  timeoutSeconds: number;
}

/**
 * Stop-and-wait on one link (Kurose & Ross §3.4; Bertsekas & Gallager §2.4.1): a cycle is
 * t_trans + RTT + t_ack; each attempt succeeds with s = (1-p)(1-q); with a timeout T_o no
 * shorter than the cycle, E[time per message] = cycle + (1-s)/s · T_o.
 */
export function stopAndWaitTheory(path: StopAndWaitPath): TheoryPrediction | null {
  const transmission = (path.dataBytes * 8) / path.bandwidthBitsPerSecond;
  const ackTransmission = (path.ackBytes * 8) / path.bandwidthBitsPerSecond;
  const cycle = transmission + 2 * path.propagationSeconds + ackTransmission;
  const success = (1 - path.dataLossProbability) * (1 - path.ackLossProbability);
  if (success <= 0) return null;
  const lossless = success === 1;
  // A timeout shorter than the cycle resends copies that were not lost: the formula no longer holds.
  if (!(path.timeoutSeconds >= cycle)) return null;
  const timePerMessage = cycle + ((1 - success) / success) * path.timeoutSeconds;
  return {
    formula: lossless
      ? 'cycle = L/R + 2·d + A/R; U = (L/R)/cycle; T = 1/cycle'
      : 'E[t] = cycle + ((1-s)/s)·T_o with s = (1-p)(1-q); U = (L/R)/E[t]; T = 1/E[t]',
    values: {
      transmissionSeconds: transmission,
      cycleSeconds: cycle,
      meanTimePerMessageSeconds: timePerMessage,
      utilisation: transmission / timePerMessage,
      messagesPerSecond: 1 / timePerMessage,
      goodputBitsPerSecond: (path.dataBytes * 8) / timePerMessage,
      transmissionsPerMessage: 1 / success,
    },
  };
}

/** Poisson messages over one link into an unbounded FIFO buffer. */
export interface PoissonLinkQueue {
  arrivalsPerSecond: number;
  meanSizeBytes: number;
  bandwidthBitsPerSecond: number;
  /** 'exponential' sizes give M/M/1, 'constant' sizes give M/D/1. */
  sizes: 'exponential' | 'constant';
  propagationSeconds: number;
}

/**
 * M/M/1 (Kleinrock vol. 1 ch. 3) or M/D/1 (Pollaczek–Khinchine) for a link fed by Poisson
 * arrivals: ρ = λ/μ, W_q = ρ/(μ-λ) (M/M/1) or ρ/(2μ(1-ρ)) (M/D/1); null when ρ ≥ 1.
 */
export function linkQueueTheory(queue: PoissonLinkQueue): TheoryPrediction | null {
  const serviceRate = queue.bandwidthBitsPerSecond / (queue.meanSizeBytes * 8);
  const rho = queue.arrivalsPerSecond / serviceRate;
  if (!(rho < 1)) return null;
  const waiting =
    queue.sizes === 'exponential'
      ? rho / (serviceRate - queue.arrivalsPerSecond)
      : rho / (2 * serviceRate * (1 - rho));
  const system = waiting + 1 / serviceRate;
  return {
    formula:
      queue.sizes === 'exponential'
        ? 'M/M/1: ρ = λ/μ; W_q = ρ/(μ-λ); W = 1/(μ-λ); L = W + d_prop'
        : 'M/D/1: ρ = λ/μ; W_q = ρ/(2μ(1-ρ)); W = W_q + 1/μ; L = W + d_prop',
    values: {
      utilisation: rho,
      meanQueueingSeconds: waiting,
      meanSojournSeconds: system,
      meanLatencySeconds: system + queue.propagationSeconds,
      meanNumberInSystem: queue.arrivalsPerSecond * system,
      probabilityNoWait: 1 - rho,
      throughputBitsPerSecond: queue.arrivalsPerSecond * queue.meanSizeBytes * 8,
    },
  };
}
