import { pickTimeUnit } from '../engine/display-units.js';
import type { TheoryPrediction } from './summary.js';

/**
 * Two times this close (relative) may be one instant in the run, whose sums of delays round
 * differently from the formula's: a timer that close to its ACK may fire first.
 */
export const SAME_INSTANT = 1e-9;

/** A time for a reason in words: "20 ms", "28.32 ms" (6 significant digits at most). */
export function timeInWords(seconds: number): string {
  const unit = pickTimeUnit(seconds);
  return `${Number((seconds / unit.factor).toPrecision(6))} ${unit.symbol}`;
}

/** A stop-and-wait flow over one link, everything constant. */
export interface StopAndWaitPath {
  /** Bytes of each data packet on the wire (payload and header), and of the payload alone (absent: the same). */
  dataBytes: number;
  payloadBytes?: number;
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
 * t_trans + RTT + t_ack; each attempt succeeds with s = (1-p)(1-q); with a timeout T_o
 * longer than the cycle, E[time per message] = cycle + (1-s)/s · T_o.
 */
export function stopAndWaitTheory(path: StopAndWaitPath): TheoryPrediction | null {
  if (stopAndWaitObstacle(path) !== null) return null;
  const { transmission, cycle, success } = stopAndWaitTiming(path);
  const lossless = success === 1;
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
      // Goodput counts what the application gets: the payload, not the header.
      goodputBitsPerSecond: ((path.payloadBytes ?? path.dataBytes) * 8) / timePerMessage,
      transmissionsPerMessage: 1 / success,
    },
  };
}

function stopAndWaitTiming(path: StopAndWaitPath) {
  const transmission = (path.dataBytes * 8) / path.bandwidthBitsPerSecond;
  const ackTransmission = (path.ackBytes * 8) / path.bandwidthBitsPerSecond;
  const cycle = transmission + 2 * path.propagationSeconds + ackTransmission;
  const success = (1 - path.dataLossProbability) * (1 - path.ackLossProbability);
  return { transmission, cycle, success };
}

/** Why stopAndWaitTheory gives no prediction for `path`, in words; null when it gives one. */
export function stopAndWaitObstacle(path: StopAndWaitPath): string | null {
  const { cycle, success } = stopAndWaitTiming(path);
  if (success <= 0) return 'every copy or every ACK is lost: no message ever gets through';
  if (Number.isNaN(path.timeoutSeconds))
    return 'the timeout is not fixed (the formula charges each loss one constant T_o)';
  // A timeout no longer than the cycle resends copies that were not lost: the formula no longer
  // holds. At the very instant of the ACK the timer, set first, fires first, and the run's sums
  // of delays may round either way of the formula's: it must be longer by more than that.
  if (!(path.timeoutSeconds > cycle * (1 + SAME_INSTANT))) {
    return (
      `the timeout (${timeInWords(path.timeoutSeconds)}) is not longer than the cycle L/R + 2·d + A/R ` +
      `(${timeInWords(cycle)}): copies are resent before their ACKs can arrive`
    );
  }
  return null;
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
  if (overloadObstacle(rho) !== null) return null;
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

/**
 * Why a queue of `servers` servers with load `rho` = λ/(cμ) has no steady state to predict, in
 * words; null when it has one.
 */
export function overloadObstacle(rho: number, servers = 1): string | null {
  const load =
    servers === 1
      ? `ρ = λ/μ = ${Number(rho.toPrecision(4))}`
      : `ρ = λ/(cμ) = ${Number(rho.toPrecision(4))} (c = ${servers} servers)`;
  return rho < 1 ? null : `the load ${load} is at least 1: the queue grows without end, with no steady state`;
}

/**
 * The bandwidth-delay product of one link direction of constant delay (Kurose & Ross §1.4, P25):
 * the bits its wire holds when the transmitter never pauses, R·d, the most that are ever on it;
 * a message of L bits shorter than that fills it to L at most. Bit width on the wire: s/R.
 */
export function bandwidthDelayTheory(
  bandwidthBitsPerSecond: number,
  propagationSeconds: number,
): TheoryPrediction {
  return {
    formula: 'BDP = R·d: the most bits on the wire at once (a message of L < R·d bits: at most L)',
    values: {
      bandwidthDelayBits: bandwidthBitsPerSecond * propagationSeconds,
      bandwidthBitsPerSecond,
      propagationSeconds,
    },
  };
}
