import { z } from 'zod';

/**
 * Pieces every loss-based congestion control shares: its configuration keys and the textbook
 * formulas of RFC 5681 (slow start, additive increase, the threshold after a loss). All in
 * segments.
 */

/** RFC 5681 §3.1: ssthresh never falls below two segments. */
export const MIN_SSTHRESH = 2;

/** RFC 5681 §3.1: the loss window, cwnd after a retransmission timeout. */
export const LOSS_WINDOW = 1;

/**
 * Configuration keys of every loss-based strategy. The initial window defaults to one segment,
 * the classic textbook start (RFC 5681 allows up to 4, RFC 6928 10), so that slow start's
 * doubling 1, 2, 4, 8... is visible in a teaching trace.
 */
export const windowParameters = {
  initialWindow: z
    .number()
    .int()
    .min(1)
    .default(1)
    .meta({ description: 'congestion window at the start, in segments (RFC 5681 allows up to 4)' }),
  // Optional rather than defaulting to Infinity, which JSON (and so the published schema) cannot hold.
  initialSsthresh: z
    .number()
    .positive()
    .optional()
    .meta({ description: 'slow-start threshold at the start, in segments; absent means unbounded' }),
  duplicateAckThreshold: z
    .number()
    .int()
    .min(1)
    .default(3)
    .meta({ description: 'duplicate ACKs in a row that trigger a fast retransmit (RFC 5681: 3)' }),
};

/** The resolved common configuration (after defaults). */
export interface WindowSettings {
  initialWindow: number;
  initialSsthresh?: number | undefined;
  duplicateAckThreshold: number;
}

/**
 * Slow start (RFC 5681 §3.1) counting every newly acknowledged segment (RFC 3465 byte counting,
 * without its per-ACK limit, as Linux does): cwnd grows by one per segment acknowledged, so it
 * doubles once per round trip whether or not ACKs are delayed or lost, but never past ssthresh.
 * Returns the new window and the acknowledged segments left over once ssthresh is reached, which
 * count for congestion avoidance.
 */
export function slowStart(
  cwnd: number,
  ssthresh: number,
  ackedSegments: number,
): { cwnd: number; leftoverSegments: number } {
  const used = Math.min(ackedSegments, Math.max(ssthresh - cwnd, 0));
  return { cwnd: cwnd + used, leftoverSegments: ackedSegments - used };
}

/**
 * Congestion avoidance (RFC 5681 §3.1, equation 3): cwnd += 1/cwnd for every segment newly
 * acknowledged, so about one segment per window of ACKs (per round trip). A cumulative ACK that
 * covers k segments counts as k ACKs.
 */
export function additiveIncrease(cwnd: number, ackedSegments: number): number {
  return cwnd + ackedSegments / cwnd;
}

/** RFC 5681 §3.1, equation 4: ssthresh = max(FlightSize / 2, 2) after a loss. */
export function halfFlightThreshold(flightSize: number): number {
  return Math.max(flightSize / 2, MIN_SSTHRESH);
}
