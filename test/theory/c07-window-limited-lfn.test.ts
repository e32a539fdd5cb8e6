import { expect, it } from 'vitest';
import { describeTheory, expectExact, expected, input, theoryCase } from '../helpers/theory-cases.js';
import { measureSteadyState, type WindowPath } from './window-steady-state.js';

describeTheory(
  'C07 window-limited throughput on a long fat network: W = 44 × 1460 B, 1 Gbps, RTT 100 ms (exact)',
  () => {
    const c07 = theoryCase('C07');
    const window = input(c07, 'window');
    const segmentBytes = input(c07, 'segment_size');
    const rttSeconds = input(c07, 'rtt');
    const linkRate = input(c07, 'link_rate');

    const path = (bandwidthBitsPerSecond: number, segments = window): WindowPath => ({
      protocol: 'go-back-n',
      window: segments,
      packetBytes: segmentBytes,
      bandwidthBitsPerSecond,
      delaySeconds: rttSeconds / 2,
      cycles: 4,
    });

    /** The packet-level window-limited rate: W segments per RTT + t_seg. */
    const windowLimited = (bandwidthBitsPerSecond: number) =>
      (window * segmentBytes * 8) / (rttSeconds + (segmentBytes * 8) / bandwidthBitsPerSecond);

    it('carries W segments per RTT + t_seg: 5.1386 Mbit/s, 0.51% of the link', () => {
      const steady = measureSteadyState(path(linkRate));
      expectExact(c07, 'throughput_bps', steady.throughputBitsPerSecond);
      expectExact(c07, 'link_utilisation', steady.utilisation);
      // Below the familiar window/RTT bound by the first ACK's extra t_seg.
      expect(steady.throughputBitsPerSecond).toBeLessThan(expected(c07, 'window_over_rtt_bound_bps'));
    });

    it('stays window-limited on a faster link: only t_seg shrinks, never above window/RTT', () => {
      // Raising the link rate 10× and 100× changes the throughput by t_seg/RTT (1.2e-4) at most,
      // approaching window/RTT from below, while the link's utilisation falls tenfold each time.
      const bound = expected(c07, 'window_over_rtt_bound_bps');
      const slow = measureSteadyState(path(linkRate));
      for (const factor of [10, 100]) {
        const fast = measureSteadyState(path(factor * linkRate));
        expect(Math.abs(fast.throughputBitsPerSecond / windowLimited(factor * linkRate) - 1)).toBeLessThan(
          1e-12,
        );
        expect(fast.throughputBitsPerSecond).toBeLessThan(bound);
        expect(fast.throughputBitsPerSecond).toBeGreaterThan(slow.throughputBitsPerSecond);
        expect(fast.throughputBitsPerSecond / slow.throughputBitsPerSecond - 1).toBeLessThan(1.2e-4);
        expect(fast.utilisation / (fast.throughputBitsPerSecond / (factor * linkRate)) - 1).toBeLessThan(
          1e-12,
        );
        expect(slow.utilisation / fast.utilisation / factor - 1).toBeLessThan(1.2e-4);
      }
    });

    it('fills the pipe from W = 8563 segments on, which needs window scale shift 8 (RFC 7323)', () => {
      const smallest = expected(c07, 'min_window_full_rate_segments');
      const below = measureSteadyState({ ...path(linkRate, smallest - 1), cycles: 3 });
      const full = measureSteadyState({ ...path(linkRate, smallest), cycles: 3 });
      // One segment short, the link idles for RTT + t_seg - (W - 1)·t_seg each cycle.
      const segmentSeconds = (segmentBytes * 8) / linkRate;
      expect(below.utilisation).toBeCloseTo(
        ((smallest - 1) * segmentSeconds) / (rttSeconds + segmentSeconds),
        9,
      );
      expect(below.utilisation).toBeLessThan(1);
      expect(full.utilisation).toBeCloseTo(1, 9);
      expect(Math.abs(full.throughputBitsPerSecond / linkRate - 1)).toBeLessThan(1e-9);
      const shift = Math.ceil(Math.log2((smallest * segmentBytes) / 65535));
      expect(shift).toBe(expected(c07, 'window_scale_shift'));
    });
  },
);
