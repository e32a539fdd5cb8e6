import type { TheoryPrediction } from './summary.js';
import { SAME_INSTANT, timeInWords } from './theory.js';

/** A saturated window flow over one link: constant frames, a fixed timeout, Bernoulli data loss. */
export interface WindowPath {
  /** Bytes of each data frame on the wire (payload and header), and of the payload alone. */
  frameBytes: number;
  payloadBytes: number;
  ackBytes: number;
  bandwidthBitsPerSecond: number;
  /** One-way propagation (s). */
  propagationSeconds: number;
  /** Frames sent and not yet acknowledged, at most. */
  window: number;
  /** The retransmission timeout (s), from the start of a copy's transmission; NaN if not fixed. */
  timeoutSeconds: number;
  /** Each data frame is lost independently with this probability; ACKs are never lost. */
  lossProbability: number;
}

/** A selective repeat stall more likely than this per frame could show in its goodput. */
const NEGLIGIBLE_STALL_PER_FRAME = 1e-6;

/** t_f, the ACK cycle t_f + 2d + t_a, and K = T_o / t_f of a window path. */
function timing(path: WindowPath) {
  const frameSeconds = (path.frameBytes * 8) / path.bandwidthBitsPerSecond;
  const cycleSeconds =
    frameSeconds + 2 * path.propagationSeconds + (path.ackBytes * 8) / path.bandwidthBitsPerSecond;
  return { frameSeconds, cycleSeconds, timeoutFrames: path.timeoutSeconds / frameSeconds };
}

/**
 * Why no window formula applies to the path, whatever the protocol, in words (null: nothing
 * amiss). They all assume that the timer outlasts the ACK cycle (no copy is resent while its ACK
 * is on the way: an ACK at the instant of expiry comes after it), that an ACK never waits behind
 * another on the reverse link (t_a < t_f) and that some frame gets through (p < 1); the formulas
 * with losses also that the window fills the pipe (W·t_f >= cycle: the link never idles for it).
 */
function windowPathObstacle(path: WindowPath): string | null {
  const { frameSeconds, cycleSeconds } = timing(path);
  if (Number.isNaN(path.timeoutSeconds))
    return 'the timeout is not fixed (the formulas charge each loss one constant T_o)';
  if (!(path.timeoutSeconds > cycleSeconds * (1 + SAME_INSTANT))) {
    return (
      `the timeout (${timeInWords(path.timeoutSeconds)}) is not longer than the ACK cycle t_f + 2·d + t_a ` +
      `(${timeInWords(cycleSeconds)}): copies are resent before their ACKs can arrive`
    );
  }
  if (!(path.ackBytes < path.frameBytes))
    return 'an ACK is no shorter than a data frame: ACKs would wait behind one another';
  if (!(path.window * frameSeconds >= cycleSeconds) && path.lossProbability > 0) {
    return (
      `the window (${path.window} frames of ${timeInWords(frameSeconds)}) does not fill the pipe ` +
      `(W·t_f < the ACK cycle, ${timeInWords(cycleSeconds)}) and frames are lost: the formulas with ` +
      'losses assume a full pipe (without losses, T = W/cycle applies)'
    );
  }
  if (!(path.lossProbability < 1)) return 'every frame is lost: none ever gets through';
  return null;
}

/**
 * A window that does not fill the pipe on a lossless path, W·t_f < t_f + 2d + t_a (Kurose &
 * Ross §3.4.2, reference case C02; RFC 7323's window/RTT, C07): the sender puts W frames on the
 * link back to back and waits; the first ACK comes back a cycle after the first frame started
 * and releases the next, and so on, so every cycle carries W frames (the ACKs, shorter than the
 * frames, never queue). Only where windowPathObstacle finds nothing else amiss.
 */
function windowLimitedTheory(path: WindowPath, protocol: string): TheoryPrediction | null {
  const { frameSeconds, cycleSeconds } = timing(path);
  if (path.lossProbability !== 0 || path.window * frameSeconds >= cycleSeconds) return null;
  if (windowPathObstacle(path) !== null) return null;
  const framesPerSecond = path.window / cycleSeconds;
  return {
    formula: `${protocol}, window-limited (W·t_f < cycle, no losses): cycle = t_f + 2·d + t_a; T = W/cycle; U = W·t_f/cycle`,
    values: {
      frameSeconds,
      cycleSeconds,
      messagesPerSecond: framesPerSecond,
      goodputBitsPerSecond: framesPerSecond * path.payloadBytes * 8,
      transmissionsPerMessage: 1,
      linkBusyFraction: framesPerSecond * frameSeconds,
    },
  };
}

/**
 * Why goBackNTheory or selectiveRepeatTheory gives no prediction for `path`, in words; null
 * when it gives one.
 */
export function windowObstacle(path: WindowPath, model: 'go-back-n' | 'selective-repeat'): string | null {
  if (windowLimitedTheory(path, model) !== null) return null;
  const common = windowPathObstacle(path);
  if (common !== null) return common;
  const { frameSeconds, cycleSeconds, timeoutFrames } = timing(path);
  const p = path.lossProbability;
  if (model === 'go-back-n') {
    const idlesUntilTimer = p === 0 || path.window * frameSeconds <= path.timeoutSeconds;
    const wholeFrames = Math.round(timeoutFrames);
    return !idlesUntilTimer && Math.abs(timeoutFrames - wholeFrames) <= SAME_INSTANT * timeoutFrames
      ? `the timeout is a whole number of frame times (${wholeFrames}): a timer expires just as a ` +
          'frame ends, a tie the run may resolve either way'
      : null;
  }
  const slack = path.window * frameSeconds - cycleSeconds;
  const lossesToStall = Math.floor(slack / (path.timeoutSeconds + frameSeconds)) + 1;
  const stall = p ** lossesToStall;
  return stall > NEGLIGIBLE_STALL_PER_FRAME
    ? `the window stalls too often (a frame lost ${lossesToStall === 1 ? 'once' : `${lossesToStall} times in a row`}, probability ` +
        `${Number(stall.toPrecision(3))} per frame, above ${NEGLIGIBLE_STALL_PER_FRAME}): a larger window gives a prediction`
    : null;
}

/**
 * Go-Back-N with a saturated sender (Leon-Garcia & Widjaja §5.2.2 with the loss detected by a
 * timeout; reference case C15): each attempt of the oldest frame succeeds with 1-p and costs
 * t_f, or fails and costs K frame times, K·p/(1-p) per frame. Where the whole window has left
 * by the time the timer of a lost frame fires (W·t_f <= T_o), the link idles until it fires:
 * K = T_o/t_f and the W frames sent are discarded. Where the window outlasts the timer, the
 * copy goes out once the frame in transmission ends: K = ceil(T_o/t_f), K frames discarded, the
 * link never idle; a timer that expires just as a frame ends (T_o/t_f a whole number) is a tie
 * the run may resolve either way, so no prediction then. So goodput/R = 1/(1 + K·p/(1-p)) =
 * (1-p)/(1 + (K-1)p), with 1 + wasted·p/(1-p) copies per frame. Null where an assumption fails.
 */
export function goBackNTheory(path: WindowPath): TheoryPrediction | null {
  const windowLimited = windowLimitedTheory(path, 'Go-Back-N');
  if (windowLimited !== null) return windowLimited;
  if (windowObstacle(path, 'go-back-n') !== null) return null;
  const { frameSeconds, timeoutFrames } = timing(path);
  const p = path.lossProbability;
  const idlesUntilTimer = p === 0 || path.window * frameSeconds <= path.timeoutSeconds;
  const lostFrames = idlesUntilTimer ? timeoutFrames : Math.ceil(timeoutFrames);
  const wastedCopies = idlesUntilTimer ? path.window : lostFrames;
  const odds = p / (1 - p);
  const framesPerSecond = 1 / (frameSeconds * (1 + lostFrames * odds));
  const copiesPerFrame = 1 + wastedCopies * odds;
  return {
    formula:
      'Go-Back-N: K = T_o/t_f (rounded up where W·t_f > T_o); goodput = (1-p)/(1 + (K-1)p)·R ' +
      '(payload share); copies per message = 1 + min(W, K)·p/(1-p); link busy = copies·goodput/R',
    values: {
      frameSeconds,
      timeoutFrames: lostFrames,
      messagesPerSecond: framesPerSecond,
      goodputBitsPerSecond: framesPerSecond * path.payloadBytes * 8,
      transmissionsPerMessage: copiesPerFrame,
      linkBusyFraction: framesPerSecond * copiesPerFrame * frameSeconds,
    },
  };
}

/**
 * Selective repeat with a saturated sender (Bertsekas & Gallager §2.4.3; reference case C16):
 * only lost frames are sent again, so while the window never stalls the link is always busy and
 * goodput = (1-p)·R (payload share), 1/(1-p) copies per frame. A frame blocks the window only
 * when it is lost m times in a row, m the fewest losses whose resends (each T_o + t_f at most)
 * outlast the window's slack W·t_f - cycle; the prediction is given only where that has a
 * probability p^m of at most 1e-6 per frame (stated as `stallProbabilityPerFrame`).
 * Null where an assumption fails.
 */
export function selectiveRepeatTheory(path: WindowPath): TheoryPrediction | null {
  const windowLimited = windowLimitedTheory(path, 'selective repeat');
  if (windowLimited !== null) return windowLimited;
  if (windowObstacle(path, 'selective-repeat') !== null) return null;
  const { frameSeconds, cycleSeconds } = timing(path);
  const p = path.lossProbability;
  const slack = path.window * frameSeconds - cycleSeconds;
  const lossesToStall = Math.floor(slack / (path.timeoutSeconds + frameSeconds)) + 1;
  const stall = p ** lossesToStall;
  const framesPerSecond = (1 - p) / frameSeconds;
  return {
    formula:
      'selective repeat, window never stalls: goodput = (1-p)·R (payload share); copies per message = 1/(1-p)',
    values: {
      frameSeconds,
      stallProbabilityPerFrame: stall,
      messagesPerSecond: framesPerSecond,
      goodputBitsPerSecond: framesPerSecond * path.payloadBytes * 8,
      transmissionsPerMessage: 1 / (1 - p),
      linkBusyFraction: 1,
    },
  };
}
