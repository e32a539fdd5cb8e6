import { describe, expect, it } from 'vitest';
import { cubicK, cubicWindow, renoFriendlyAlpha } from '../../src/congestion/cubic.js';
import { createControl, ToySender } from './toy-sender.js';

// Hand-computed from RFC 9438 figures 1 and 2 with C = 0.4, beta = 0.7 (Python, float64).
const K_AFTER_LOSS_AT_100 = 4.217163326508746; // cbrt(100 * 0.3 / 0.4) = cbrt(75)

/**
 * Fast retransmit and NewReno recovery (RFC 6582) for a single loss: the first outstanding
 * segment of a flight F is lost, the other F - 1 each draw a duplicate ACK, the window those
 * inflate (ssthresh + F - 1) lets new segments out, and the retransmission's ACK, at `now`,
 * covers all F: a full ACK. With ssthresh = beta * F a whole number, floor(cwnd) - F =
 * beta * F - 1 new segments are still in flight after it, so recovery ends with
 * cwnd = min(ssthresh, (beta * F - 1) + 1) = beta * F, as in Reno.
 */
function recoverFromOneLoss(sender: ToySender, now: number): void {
  const flight = sender.flightSize;
  const actions = sender.duplicates(1, flight - 1);
  expect(actions.slice(0, 3)).toEqual(['none', 'none', 'retransmit']);
  expect(actions.slice(3).every((action) => action === 'none')).toBe(true);
  sender.fillWindow();
  expect(sender.ack(flight, now)).toBe('none');
  expect(sender.control.inFastRecovery).toBe(false);
}

/** A CUBIC sender whose window was `window` when a loss was detected; recovery ends at t = 0. */
function afterLoss(window: number, parameters: Record<string, unknown> = {}): ToySender {
  const sender = new ToySender(createControl('cubic', { initialWindow: window, ...parameters }));
  sender.fillWindow();
  recoverFromOneLoss(sender, 0);
  expect(sender.control.cwnd).toBeCloseTo(0.7 * window, 12);
  return sender;
}

describe('cubic formulas (RFC 9438 §4.2, §4.3)', () => {
  it('K is the time from cwnd_epoch back to W_max; W_cubic passes through both', () => {
    expect(cubicK(100, 70, 0.4)).toBeCloseTo(K_AFTER_LOSS_AT_100, 14);
    expect(cubicWindow(0, K_AFTER_LOSS_AT_100, 100, 0.4)).toBeCloseTo(70, 12);
    expect(cubicWindow(K_AFTER_LOSS_AT_100, K_AFTER_LOSS_AT_100, 100, 0.4)).toBe(100);
    // Point-symmetric about (K, W_max): 30 below at t = 0, 30 above at t = 2K.
    expect(cubicWindow(2 * K_AFTER_LOSS_AT_100, K_AFTER_LOSS_AT_100, 100, 0.4)).toBeCloseTo(130, 12);
    expect(cubicWindow(1, 0, 35, 0.4)).toBeCloseTo(35.4, 14);
  });

  it("alpha_cubic = 3(1 - beta)/(1 + beta) = 9/17 for beta = 0.7, and 1 for Reno's 0.5", () => {
    expect(renoFriendlyAlpha(0.7)).toBeCloseTo(9 / 17, 15);
    expect(renoFriendlyAlpha(0.5)).toBe(1);
  });
});

describe('cubic multiplicative decrease (RFC 9438 §4.6)', () => {
  it('retransmits on the third duplicate only and keeps beta * W after recovery', () => {
    const sender = new ToySender(createControl('cubic', { initialWindow: 100 }));
    sender.fillWindow();
    expect(sender.duplicates(1, 2)).toEqual(['none', 'none']);
    expect(sender.control.cwnd).toBe(100);
    expect(sender.duplicates(3, 3)).toEqual(['retransmit']);
    expect(sender.control.ssthresh).toBeCloseTo(70, 12);
    // Standard fast recovery: inflated by the three duplicates, then one more per duplicate.
    expect(sender.control.cwnd).toBeCloseTo(73, 12);
    expect(sender.duplicates(4, 10)).toEqual(Array(7).fill('none'));
    expect(sender.control.cwnd).toBeCloseTo(80, 12);
    // Segments 1..99 all arrived: 99 duplicates inflate cwnd to 70 + 99 = 169, letting 69 new
    // segments (100..168) out beside the 100 outstanding.
    expect(sender.duplicates(11, 99)).toEqual(Array(89).fill('none'));
    expect(sender.control.cwnd).toBeCloseTo(169, 12);
    sender.fillWindow();
    expect(sender.nextSequence).toBe(169);
    // The full ACK (through 99 = recover) ends recovery: min(70, 69 left in flight + 1) = 70.
    expect(sender.ack(100)).toBe('none');
    expect(sender.control.inFastRecovery).toBe(false);
    expect(sender.control.cwnd).toBeCloseTo(70, 12);
    expect(sender.control.ssthresh).toBeCloseTo(70, 12);
  });

  it('ends recovery at flight + 1 when a full ACK leaves little outstanding, then slow-starts', () => {
    const sender = new ToySender(createControl('cubic', { initialWindow: 100 }));
    sender.fillWindow();
    sender.duplicates(1, 3);
    // Nothing new went out (cwnd 73 < flight 100): min(70, max(0, 1) + 1) = 2, no burst of 70.
    expect(sender.ack(100)).toBe('none');
    expect(sender.control.inFastRecovery).toBe(false);
    expect(sender.control.cwnd).toBe(2);
    expect(sender.control.ssthresh).toBeCloseTo(70, 12);
    sender.fillWindow();
    sender.ack(2);
    // Below ssthresh: one segment per segment acknowledged, 2 + 2.
    expect(sender.control.cwnd).toBe(4);
  });

  it('never sets ssthresh below two segments', () => {
    const sender = new ToySender(createControl('cubic', { initialWindow: 2 }));
    sender.fillWindow();
    sender.duplicates(1, 3);
    expect(sender.control.ssthresh).toBe(2);
  });
});

describe('cubic fast recovery (RFC 9438 §4.2 keeps RFC 6582 NewReno recovery)', () => {
  it('retransmits on each partial ACK and stays in recovery: three losses in a window, one reduction', () => {
    const sender = new ToySender(createControl('cubic', { initialWindow: 100 }));
    sender.srtt = 0.1;
    sender.fillWindow(); // segments 0..99; 0, 30 and 60 are lost
    // The other 97 each draw a duplicate of ACK 0: one fast retransmit, ssthresh = 0.7 * 100,
    // cwnd = 70 + 97 = 167, and recover = 99.
    expect(sender.duplicates(1, 97)).toEqual(['none', 'none', 'retransmit', ...Array(94).fill('none')]);
    expect(sender.control.ssthresh).toBeCloseTo(70, 12);
    expect(sender.control.cwnd).toBeCloseTo(167, 12);
    sender.fillWindow(); // 67 new segments, 100..166
    expect(sender.nextSequence).toBe(167);

    // t = 0.1: 0's retransmission arrives and the ACK stops at 30 <= recover: partial. Deflate by
    // the 30 acknowledged, add back the retransmission of 30: 167 - 30 + 1 = 138.
    expect(sender.ack(30, 0.1)).toBe('retransmit');
    expect(sender.control.inFastRecovery).toBe(true);
    expect(sender.control.cwnd).toBeCloseTo(138, 12);
    // 100..166 each draw a duplicate of ACK 30; their third starts no second fast retransmit and
    // cuts nothing (30 <= recover), it only inflates: 138 + 67 = 205, letting 68 new out (167..234).
    expect(sender.duplicates(1, 67, 0.15)).toEqual(Array(67).fill('none'));
    expect(sender.control.cwnd).toBeCloseTo(205, 12);
    expect(sender.control.ssthresh).toBeCloseTo(70, 12);
    sender.fillWindow();
    expect(sender.nextSequence).toBe(235);

    // t = 0.2: 30's retransmission, ACK 60, partial again: 205 - 30 + 1 = 176.
    expect(sender.ack(30, 0.2)).toBe('retransmit');
    expect(sender.control.inFastRecovery).toBe(true);
    expect(sender.control.cwnd).toBeCloseTo(176, 12);

    // t = 0.3: 60's retransmission, ACK 100 > recover: full. 235 - 100 = 135 stay in flight, so
    // cwnd = min(70, 135 + 1) = 70.
    expect(sender.ack(40, 0.3)).toBe('none');
    expect(sender.control.inFastRecovery).toBe(false);
    expect(sender.control.cwnd).toBeCloseTo(70, 12);
    expect(sender.control.ssthresh).toBeCloseTo(70, 12);

    // One reduction: W_max = 100, K = cbrt(75), and the epoch began at the full ACK, so at 1.3
    // t = 1 and the step is the single-loss one, 70 + (W_cubic(1.1) - 70)/70 (see the window
    // growth tests). An epoch from the first partial ACK would give t = 1.2 (70.2867...); a second
    // fast retransmit would have moved ssthresh (held at 70 above) and W_max.
    sender.ack(1, 1.3);
    expect(sender.control.cwnd).toBeCloseTo(70.25549392370776, 12);
  });
});

describe('cubic window growth (RFC 9438 §4.2-§4.5)', () => {
  it('steps toward W_cubic(t + RTT) by (target - cwnd)/cwnd per ACK', () => {
    const sender = afterLoss(100);
    sender.srtt = 0.1;
    sender.fillWindow();
    sender.ack(1, 1);
    // 70 + (W_cubic(1.1) - 70)/70, W_cubic(1.1) = 0.4 (1.1 - K)^3 + 100 = 87.88457465954372.
    expect(sender.control.cwnd).toBeCloseTo(70.25549392370776, 12);
  });

  it('looks ahead by the minimum RTT before any smoothed RTT, and not at all without samples', () => {
    const withMinRtt = afterLoss(100);
    withMinRtt.minRtt = 0.1;
    withMinRtt.fillWindow();
    withMinRtt.ack(1, 1);
    expect(withMinRtt.control.cwnd).toBeCloseTo(70.25549392370776, 12);
    const withoutSamples = afterLoss(100);
    withoutSamples.fillWindow();
    withoutSamples.ack(1, 1);
    // 70 + (W_cubic(1) - 70)/70.
    expect(withoutSamples.control.cwnd).toBeCloseTo(70.23829662621614, 12);
  });

  it('is concave below W_max and convex above it, following W_cubic(t) and crossing W_max at K', () => {
    const wMax = 1000;
    const k = cubicK(wMax, 700, 0.4);
    const rtt = 0.1;
    const sender = afterLoss(wMax);
    sender.srtt = rtt;
    const growth: number[] = [];
    for (let round = 0; round < 180; round++) {
      const before = sender.control.cwnd;
      sender.round(round * rtt, rtt);
      growth.push(sender.control.cwnd - before);
      const t = (round + 1) * rtt;
      expect(Math.abs(sender.control.cwnd - cubicWindow(t, k, wMax, 0.4))).toBeLessThan(0.5);
      // Below W_max before K, above after (cwnd lags the curve by a hair right at K).
      if (Math.abs(t - k) > rtt) expect(sender.control.cwnd < wMax).toBe(t < k);
    }
    const slowest = growth.indexOf(Math.min(...growth));
    expect(Math.abs((slowest + 1) * rtt - k)).toBeLessThanOrEqual(2 * rtt);
    for (let round = 1; round < growth.length; round++) {
      if (round <= slowest) expect(growth[round]).toBeLessThan(growth[round - 1]);
      else expect(growth[round]).toBeGreaterThan(growth[round - 1]);
    }
  });

  it('grows like Reno with alpha_cubic when the RTT is short (Reno-friendly region), then alpha = 1', () => {
    const rtt = 0.001;
    const sender = afterLoss(100);
    sender.srtt = rtt;
    let round = 0;
    for (; round < 20; round++) sender.round(round * rtt, rtt);
    const cubicAlone = cubicWindow(round * rtt, K_AFTER_LOSS_AT_100, 100, 0.4);
    expect(cubicAlone).toBeLessThan(71);
    // About alpha_cubic = 9/17 per round trip (a little less: floor(cwnd) ACKs of alpha/cwnd).
    expect(sender.control.cwnd).toBeGreaterThan(70 + 20 * (9 / 17) * 0.98);
    expect(sender.control.cwnd).toBeLessThanOrEqual(70 + 20 * (9 / 17));
    while (sender.control.cwnd < 100) sender.round(round++ * rtt, rtt);
    // Past cwnd_prior (100), W_est grows by one segment per round trip, as Reno does.
    for (let extra = 0; extra < 5; extra++) {
      const before = sender.control.cwnd;
      sender.round(round++ * rtt, rtt);
      expect(sender.control.cwnd - before).toBeGreaterThan(0.98);
      expect(sender.control.cwnd - before).toBeLessThanOrEqual(1);
    }
  });

  it('lowers W_max to cwnd (1 + beta)/2 for a loss below the previous W_max (fast convergence)', () => {
    for (const [fastConvergence, expected] of [
      // Second loss at 70 after W_max = 100: W_max = 59.5, K = cbrt(26.25) = 2.9719609763815646.
      [true, 49.160736354323916],
      // Without fast convergence W_max = 70, K = cbrt(52.5) = 3.7444361936092534.
      [false, 49.27761097602967],
    ] as const) {
      const sender = afterLoss(100, { fastConvergence });
      sender.srtt = 0.1;
      // Flight 70 (segments 100..169), the first lost: ssthresh = 0.7 * 70 = 49, and the full
      // ACK leaves 0.7 * 70 - 1 = 48 new segments in flight, so cwnd = min(49, 48 + 1) = 49.
      sender.fillWindow();
      expect(sender.flightSize).toBe(70);
      recoverFromOneLoss(sender, 0);
      expect(sender.control.ssthresh).toBeCloseTo(49, 12);
      expect(sender.control.cwnd).toBeCloseTo(49, 12);
      sender.fillWindow();
      sender.ack(1, 1);
      expect(sender.control.cwnd).toBeCloseTo(expected, 12);
    }
  });

  it('never more than 1.5 cwnd for a target far above the window', () => {
    const sender = afterLoss(100);
    sender.srtt = 0.1;
    sender.fillWindow();
    sender.ack(1, 100);
    expect(sender.control.cwnd).toBeCloseTo(70.5, 12);
  });

  it('probes from the window it has when slow start ends without a loss (K = 0)', () => {
    const sender = new ToySender(createControl('cubic', { initialSsthresh: 20 }));
    sender.srtt = 0.1;
    sender.nextSequence = 40;
    sender.ack(19, 0);
    expect(sender.control.cwnd).toBe(20);
    // First ACK in avoidance starts the epoch; cwnd_prior = 20 so alpha is already 1.
    sender.ack(1, 1);
    expect(sender.control.cwnd).toBeCloseTo(20.05, 12);
    // 20.05 + (W_cubic(2.1) - 20.05)/20.05 with W_max = 20, K = 0.
    sender.ack(1, 3);
    expect(sender.control.cwnd).toBeCloseTo(20.23226433915212, 12);
  });
});

describe('cubic retransmission timeout (RFC 9438 §4.8)', () => {
  it('drops to one segment with ssthresh = beta * flight, slow-starts, then probes with K = 0', () => {
    const sender = new ToySender(createControl('cubic', { initialWindow: 50 }));
    sender.srtt = 0.1;
    sender.fillWindow();
    sender.timeout(5);
    expect(sender.control.cwnd).toBe(1);
    expect(sender.control.ssthresh).toBeCloseTo(35, 12);
    sender.ack(34, 10);
    expect(sender.control.cwnd).toBeCloseTo(35, 12);
    // Epoch starts at 10.5 with W_max = 35: W_cubic(0) = 35 < W_est = 35 + alpha/35.
    sender.ack(1, 10.5);
    expect(sender.control.cwnd).toBeCloseTo(35.01512605042017, 12);
    // t = 2: c + (W_cubic(2.1) - c)/c with W_cubic(2.1) = 35 + 0.4 * 2.1^3.
    sender.ack(1, 12.5);
    expect(sender.control.cwnd).toBeCloseTo(35.12048834282682, 12);
  });

  it('starts no fast retransmit for duplicates of data sent before the timeout (RFC 6582 step 1)', () => {
    const sender = new ToySender(createControl('cubic', { initialWindow: 50 }));
    sender.fillWindow();
    sender.timeout(); // recover = 49
    sender.ack(2); // slow start: 1 + 2
    // Duplicates of ACK 2 <= recover: the loss was dealt with; a new cut would be 0.7 * 48 = 33.6.
    expect(sender.duplicates(1, 3)).toEqual(['none', 'none', 'none']);
    expect(sender.control.inFastRecovery).toBe(false);
    expect(sender.control.ssthresh).toBeCloseTo(35, 12);
    expect(sender.control.cwnd).toBe(3);
  });

  it('holds ssthresh when the same segment times out again', () => {
    const sender = new ToySender(createControl('cubic', { initialWindow: 50 }));
    sender.fillWindow();
    sender.timeout();
    sender.timeout();
    expect(sender.control.ssthresh).toBeCloseTo(35, 12);
  });
});
