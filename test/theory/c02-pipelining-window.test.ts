import { describe, expect, it } from 'vitest';
import { goBackNTheory, selectiveRepeatTheory } from '../../src/metrics/window-theory.js';
import { simulate } from '../../src/scenario/build-simulation.js';
import { loadScenario } from '../../src/scenario/load.js';
import { describeTheory, expectExact, expected, input, theoryCase } from '../helpers/theory-cases.js';
import { measureSteadyState } from './window-steady-state.js';

describeTheory('C02 pipelining: window W over a 1 Gbps, 30 ms RTT path (exact)', () => {
  const c02 = theoryCase('C02');
  const bandwidthBitsPerSecond = input(c02, 'link_rate');
  const delaySeconds = input(c02, 'rtt') / 2;

  describe.each(['go-back-n', 'selective-repeat'] as const)('%s', (protocol) => {
    it('(a) W = 3 of 1000 B: each cycle is RTT + L/R, U = 3·(L/R)/(RTT + L/R) = 0.0008', () => {
      const packetBytes = input(c02, 'packet_size_a');
      const steady = measureSteadyState({
        protocol,
        window: input(c02, 'window_a'),
        packetBytes,
        bandwidthBitsPerSecond,
        delaySeconds,
      });
      const transmissionSeconds = (packetBytes * 8) / bandwidthBitsPerSecond;
      expect(steady.cycleSeconds).toBeCloseTo(input(c02, 'rtt') + transmissionSeconds, 15);
      expectExact(c02, 'utilisation_a_W3', steady.utilisation);
      expectExact(c02, 'throughput_a_bps', steady.throughputBitsPerSecond);
    });

    it('(b) 1500 B: U(2451) = 0.980008 > 0.98 >= U(2450) = 0.979608, so 2451 is the smallest window', () => {
      const packetBytes = input(c02, 'packet_size_b');
      const target = input(c02, 'target_utilisation_b');
      const smallest = expected(c02, 'min_window_b_packets');
      const [below, at] = [smallest - 1, smallest].map((window) =>
        measureSteadyState({
          protocol,
          window,
          packetBytes,
          bandwidthBitsPerSecond,
          delaySeconds,
          cycles: 3,
        }),
      );
      expectExact(c02, 'utilisation_b_at_min_window_minus_1', below.utilisation);
      expectExact(c02, 'utilisation_b_at_min_window', at.utilisation);
      // The cycle does not depend on W while the window limits the sender, so U grows with W:
      // the first simulated window above the target is the smallest one.
      expect(at.cycleSeconds).toBeCloseTo(below.cycleSeconds, 15);
      expect(below.utilisation).toBeLessThanOrEqual(target);
      expect(at.utilisation).toBeGreaterThan(target);
      // U(W) = W / 2501 exactly with 1500-byte packets.
      expect(at.utilisation).toBeCloseTo(smallest / 2501, 12);
    });
  });
});

describeTheory('C02 as summary.json predicts it: the window-limited entry of a window transport', () => {
  const c02 = theoryCase('C02');
  const path = (packetBytes: number, window: number) => ({
    frameBytes: packetBytes,
    payloadBytes: packetBytes,
    ackBytes: 0,
    bandwidthBitsPerSecond: input(c02, 'link_rate'),
    propagationSeconds: input(c02, 'rtt') / 2,
    window,
    timeoutSeconds: 1,
    lossProbability: 0,
  });

  it.each([
    ['go-back-n', goBackNTheory],
    ['selective-repeat', selectiveRepeatTheory],
  ] as const)('%s: U = W·(L/R)/(RTT + L/R) and the data rate, exactly', (_, theory) => {
    const a = theory(path(input(c02, 'packet_size_a'), input(c02, 'window_a')))!;
    expectExact(c02, 'utilisation_a_W3', a.values.linkBusyFraction);
    expectExact(c02, 'throughput_a_bps', a.values.goodputBitsPerSecond);
    const smallest = expected(c02, 'min_window_b_packets');
    const packetBytes = input(c02, 'packet_size_b');
    expectExact(
      c02,
      'utilisation_b_at_min_window',
      theory(path(packetBytes, smallest))!.values.linkBusyFraction,
    );
    expectExact(
      c02,
      'utilisation_b_at_min_window_minus_1',
      theory(path(packetBytes, smallest - 1))!.values.linkBusyFraction,
    );
  });

  it('the bundled pipelining scenario runs at the predicted rate (one unfinished cycle of 1000 apart)', () => {
    const { summary } = simulate(loadScenario('scenarios/pipelining.yaml'));
    const prediction = summary.theory['go-back-n:transfer'];
    expect(prediction.formula).toMatch(/window-limited/);
    expectExact(c02, 'utilisation_a_W3', prediction.values.linkBusyFraction);
    // 3000 messages in 1000 cycles, the last ACK 2·L/R after the 1000th: T = 3000/(1000·cycle + 2·L/R).
    const cycle = prediction.values.cycleSeconds;
    const frame = prediction.values.frameSeconds;
    expect(summary.throughput.messagesPerSecond).toBeCloseTo(3000 / (1000 * cycle + 2 * frame), 9);
    expect(summary.noTheory).toEqual({});
  });
});
