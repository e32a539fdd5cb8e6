import type { TheoryPrediction } from './summary.js';

/** A request-reply flow over one lossless link, everything constant, datagram transport. */
export interface RequestReplyPath {
  mode: 'sync' | 'async';
  /** Request and reply sizes on the wire (payload plus header). */
  requestBytes: number;
  replyBytes: number;
  bandwidthBitsPerSecond: number;
  /** One-way propagation (s). */
  propagationSeconds: number;
  /** Processing per message at the server and at the caller (s), and their workers. */
  serverSeconds: number;
  serverWorkers: number;
  clientSeconds: number;
  clientWorkers: number;
  /** Sync: think time between requests (s). */
  thinkSeconds: number;
  /** Async: requests outstanding at most (Infinity: open loop). */
  maxOutstanding: number;
  /** Async open loop: requests offered per second (Infinity for all at once). */
  offeredPerSecond: number;
}

/**
 * Request-reply on one link: a request's round trip is C = Lq/R + d + t_s + Lr/R + d + t_c.
 * A sync caller completes one request per C + Z, so T = 1/(C + Z) (for N requests exactly
 * N/(N·C + (N-1)·Z)); an async caller with M outstanding is held to T <= min(M/C, μ), where μ
 * is the slowest stage's rate (each link direction R/Lq, R/Lr; each node k/t_proc), and open
 * loop to min(λ, μ) — Little's law with M requests in the loop.
 */
export function requestReplyTheory(path: RequestReplyPath): TheoryPrediction {
  const requestSeconds = (path.requestBytes * 8) / path.bandwidthBitsPerSecond;
  const replySeconds = (path.replyBytes * 8) / path.bandwidthBitsPerSecond;
  const roundTrip =
    requestSeconds + replySeconds + 2 * path.propagationSeconds + path.serverSeconds + path.clientSeconds;
  if (path.mode === 'sync') {
    return {
      formula: 'C = Lq/R + d + t_s + Lr/R + d + t_c; sync: T = 1/(C + Z)',
      values: {
        roundTripSeconds: roundTrip,
        thinkSeconds: path.thinkSeconds,
        requestsPerSecond: 1 / (roundTrip + path.thinkSeconds),
      },
    };
  }
  const stageRates = [
    1 / requestSeconds,
    1 / replySeconds,
    path.serverWorkers / path.serverSeconds,
    path.clientWorkers / path.clientSeconds,
  ];
  const capacity = Math.min(...stageRates);
  const windowBound = path.maxOutstanding / roundTrip;
  const bound = Math.min(windowBound, capacity, path.offeredPerSecond);
  const values: Record<string, number> = { roundTripSeconds: roundTrip, capacityPerSecond: capacity };
  if (Number.isFinite(path.maxOutstanding)) {
    values.maxOutstanding = path.maxOutstanding;
    values.windowBoundPerSecond = windowBound;
  }
  if (Number.isFinite(path.offeredPerSecond)) values.offeredPerSecond = path.offeredPerSecond;
  values.requestsPerSecondBound = bound;
  return {
    formula: Number.isFinite(path.maxOutstanding)
      ? 'C = Lq/R + d + t_s + Lr/R + d + t_c; async: T <= min(M/C, μ), μ = slowest stage rate'
      : 'C = Lq/R + d + t_s + Lr/R + d + t_c; async open loop: T <= min(λ, μ), μ = slowest stage rate',
    values,
  };
}

/**
 * The longest a request of `path` can take from its hand-off to its reply while at most
 * `inLoop` requests are at any one stage at once (s): C, plus at each of the four stages (the
 * request and reply transmissions, server and caller processing, everything constant) a wait
 * behind the other inLoop - 1 at most. Infinite when inLoop is. A longer timeout never fires.
 */
export function longestResponseSeconds(path: RequestReplyPath, inLoop: number): number {
  if (!Number.isFinite(inLoop)) return Number.POSITIVE_INFINITY;
  const requestSeconds = (path.requestBytes * 8) / path.bandwidthBitsPerSecond;
  const replySeconds = (path.replyBytes * 8) / path.bandwidthBitsPerSecond;
  const stages = requestSeconds + replySeconds + path.serverSeconds + path.clientSeconds;
  return stages + 2 * path.propagationSeconds + (inLoop - 1) * stages;
}
