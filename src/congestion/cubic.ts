import { z } from 'zod';
import type { CongestionDefinition, NewAckInfo, TimeoutInfo } from './congestion-control.js';
import { NewRenoControl } from './newreno.js';
import { MIN_SSTHRESH, type WindowSettings, windowParameters } from './window-basics.js';

const schema = z.strictObject({
  strategy: z.literal('cubic'),
  ...windowParameters,
  c: z
    .number()
    .positive()
    .default(0.4)
    .meta({ description: 'C, the aggressiveness of the cubic curve, in segments/s^3 (RFC 9438: 0.4)' }),
  beta: z
    .number()
    .gt(0)
    .lt(1)
    .default(0.7)
    .meta({ description: 'beta_cubic, the window kept after a loss (RFC 9438: 0.7)' }),
  fastConvergence: z
    .boolean()
    .default(true)
    .meta({ description: 'release bandwidth faster when losses come below the last W_max (RFC 9438 §4.7)' }),
});

export type CubicConfig = z.output<typeof schema>;

/** K (s), RFC 9438 figure 2: the time the cubic curve takes from cwnd_epoch back to W_max. */
export function cubicK(wMax: number, cwndEpoch: number, c: number): number {
  // Math.cbrt keeps the sign: K < 0 when cwnd_epoch > W_max, so that W_cubic(0) = cwnd_epoch still.
  return Math.cbrt((wMax - cwndEpoch) / c);
}

/** W_cubic(t) (segments), RFC 9438 figure 1: C (t - K)^3 + W_max, t (s) since the epoch began. */
export function cubicWindow(t: number, k: number, wMax: number, c: number): number {
  return c * (t - k) ** 3 + wMax;
}

/** alpha_cubic, RFC 9438 §4.3: the AIMD increase that matches Reno's average window with beta. */
export function renoFriendlyAlpha(beta: number): number {
  return (3 * (1 - beta)) / (1 + beta);
}

/**
 * CUBIC, RFC 9438. Slow start, fast retransmit and fast recovery are the standard ones, which
 * RFC 9438 leaves unchanged (§4.2 cites RFC 6582, and RFC 6675 for SACK, which this sender lacks;
 * §4.6 lets fast recovery carry cwnd down to the new ssthresh): NewReno's, where a partial ACK
 * retransmits and keeps recovery going, so several losses in one window cost one reduction, and
 * only a full ACK ends it, with cwnd = min(ssthresh, flight + 1). What CUBIC changes is the
 * decrease (ssthresh = beta * FlightSize, remembering W_max) and the growth in congestion
 * avoidance, which follows the cubic curve in time since the epoch began, never slower than the
 * Reno-friendly estimate W_est.
 */
class CubicControl extends NewRenoControl {
  private readonly alphaCubic: number;
  /** cwnd just before the last reduction, lowered by fast convergence; NaN before the first. */
  private wMax = Number.NaN;
  /** cwnd when ssthresh was last set (or slow start first ended); NaN before that. */
  private cwndPrior = Number.NaN;
  /** Time (s) the current congestion-avoidance epoch began; NaN outside an epoch. */
  private epochStart = Number.NaN;
  private k = 0;
  private wEst = 0;
  /** §4.8: the first epoch after a timeout starts from W_max = cwnd_epoch (K = 0). */
  private restartFromCurrentWindow = false;

  constructor(
    settings: WindowSettings,
    private readonly c: number,
    private readonly beta: number,
    private readonly fastConvergence: boolean,
  ) {
    super(settings);
    this.alphaCubic = renoFriendlyAlpha(beta);
  }

  override onTimeout(info: TimeoutInfo): void {
    super.onTimeout(info);
    this.epochStart = Number.NaN;
    this.restartFromCurrentWindow = true;
  }

  /** §4.6 and §4.7: remember W_max (lowered by fast convergence), then ssthresh = beta * flight. */
  protected override reduceThreshold(flightSize: number): void {
    const lossBelowLastMax = this.cwnd < this.wMax;
    this.wMax = this.fastConvergence && lossBelowLastMax ? (this.cwnd * (1 + this.beta)) / 2 : this.cwnd;
    this.cwndPrior = this.cwnd;
    this.ssthresh = Math.max(flightSize * this.beta, MIN_SSTHRESH);
    this.epochStart = Number.NaN;
    this.restartFromCurrentWindow = false;
  }

  /**
   * The congestion-avoidance epoch begins when a full ACK ends recovery (partial ACKs do not),
   * from NewReno's exit window: cwnd_epoch = min(ssthresh, flight + 1).
   */
  protected override exitFastRecovery(info: NewAckInfo): void {
    super.exitFastRecovery(info);
    // Below ssthresh slow start comes first; the epoch begins with congestion avoidance then
    // (from a small exit window it would leave K tiny and the curve below cwnd for long).
    if (this.cwnd >= this.ssthresh) this.beginEpoch(info.now);
    else this.epochStart = Number.NaN;
  }

  /**
   * §4.2-4.5, per new ACK in congestion avoidance. Both W_est (§4.3) and the step toward the
   * target count the segments this ACK acknowledges (RFC 9438 does so for W_est; the per-ACK
   * step is scaled alike so delayed or lost ACKs do not slow growth, and never overshoots the
   * target). The target looks one RTT ahead with the smoothed RTT, else the minimum RTT, else 0
   * before any sample.
   */
  protected override avoidCongestion(info: NewAckInfo, ackedSegments: number): void {
    if (Number.isNaN(this.epochStart)) this.beginEpoch(info.now);
    const t = info.now - this.epochStart;
    const alpha = this.wEst >= this.cwndPrior ? 1 : this.alphaCubic;
    this.wEst += (alpha * ackedSegments) / this.cwnd;
    if (cubicWindow(t, this.k, this.wMax, this.c) < this.wEst) {
      // Reno-friendly region; max() because cwnd, chasing W_cubic(t + RTT), may already be above.
      this.cwnd = Math.max(this.cwnd, this.wEst);
      return;
    }
    const lookahead = cubicWindow(t + roundTripSeconds(info), this.k, this.wMax, this.c);
    const target = Math.min(Math.max(lookahead, this.cwnd), 1.5 * this.cwnd);
    this.cwnd = Math.min(target, this.cwnd + (ackedSegments * (target - this.cwnd)) / this.cwnd);
  }

  private beginEpoch(now: number): void {
    this.epochStart = now;
    // §4.10 (slow start ended without a loss) and §4.8 (after a timeout): probe from here, K = 0.
    if (Number.isNaN(this.wMax) || this.restartFromCurrentWindow) this.wMax = this.cwnd;
    if (Number.isNaN(this.cwndPrior)) this.cwndPrior = this.cwnd;
    this.restartFromCurrentWindow = false;
    this.k = cubicK(this.wMax, this.cwnd, this.c);
    this.wEst = this.cwnd;
  }
}

function roundTripSeconds(info: NewAckInfo): number {
  if (Number.isFinite(info.srtt)) return info.srtt;
  return Number.isFinite(info.minRtt) ? info.minRtt : 0;
}

/** `cubic`: RFC 9438 window growth cubic in the time since the last loss. */
export const cubicCongestionControl: CongestionDefinition<CubicConfig> = {
  id: 'cubic',
  description: 'RFC 9438: window growth cubic in the time since the last loss, beta = 0.7, Reno-friendly',
  schema,
  create: (config) => new CubicControl(config, config.c, config.beta, config.fastConvergence),
};
