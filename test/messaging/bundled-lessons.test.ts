import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/scenario/build-simulation.js';
import { loadScenario } from '../../src/scenario/load.js';

describe('the lessons of the bundled messaging scenarios', () => {
  it('request-reply-sync-vs-async: sync at 1/C = 9.43/s, async near 16/C, 15 times more', () => {
    const { summary } = simulate(loadScenario('scenarios/request-reply-sync-vs-async.yaml'));
    const sync = summary.flows.sync.requests!;
    const async = summary.flows.async.requests!;
    const C = 0.0008 + 0.05 + 0.002 + 0.0032 + 0.05;
    expect(sync.throughput.requestsPerSecond).toBeCloseTo(1 / C, 9);
    expect(summary.theory['request-reply:sync'].values.requestsPerSecond).toBeCloseTo(1 / C, 12);
    const bound = summary.theory['request-reply:async'].values.requestsPerSecondBound;
    expect(bound).toBeCloseTo(16 / C, 9);
    expect(async.throughput.requestsPerSecond).toBeLessThanOrEqual(bound);
    expect(async.throughput.requestsPerSecond).toBeCloseTo(142.8, 1);
    expect(async.throughput.requestsPerSecond! / sync.throughput.requestsPerSecond!).toBeGreaterThan(15);
    expect(async.latency.p50).toBeCloseTo(C, 9);
  });

  it('broadcast-ring-vs-star: more hops on the ring, a longer queue on the star leaf', () => {
    const { summary } = simulate(loadScenario('scenarios/broadcast-ring-vs-star.yaml'));
    const ring = summary.flows['on-ring'].broadcast!;
    const star = summary.flows['on-star'].broadcast!;
    expect(ring.meanHops).toBeCloseTo(16 / 7, 12);
    expect(star.meanHops).toBeCloseTo(13 / 7, 12);
    expect(ring.perRecipient.r5).toMatchObject({ delivered: 50, hops: 4 });
    expect(ring.slowestMeanLatency).toBeCloseTo(4 * 0.0058 + 3 * 0.0008, 12);
    expect(star.slowestMeanLatency).toBeCloseTo(2 * 0.0058 + 6 * 0.0008, 12);
    expect(summary.flows['on-ring'].throughput.delivered).toBe(350);
    expect(summary.flows['on-star'].latency.mean).toBeLessThan(summary.flows['on-ring'].latency.mean!);
  });

  describe('gbn-vs-sr: the goodput its description quotes, at p = 1%, 5%, 10%', () => {
    // One replication each (20,000 frames): a Go-Back-N run's goodput varies by about 1.3% (its
    // failures come in bursts of K frame times), selective repeat's by about 0.15%; the bounds
    // are some four standard deviations.
    const R = 10e6;
    const K = 12;
    const quoted = { 'go-back-n': [0.89, 0.61, 0.43], 'selective-repeat': [0.99, 0.95, 0.9] };
    const formula = {
      'go-back-n': (p: number) => (1 - p) / (1 + (K - 1) * p),
      'selective-repeat': (p: number) => 1 - p,
    };
    const tolerance = { 'go-back-n': 0.05, 'selective-repeat': 0.006 };
    for (const protocol of ['go-back-n', 'selective-repeat'] as const) {
      [0.01, 0.05, 0.1].forEach((p, index) => {
        it(`${protocol} at p = ${p}: ${Math.round(quoted[protocol][index] * 100)}% of R`, () => {
          const scenario = loadScenario('scenarios/gbn-vs-sr.yaml', {
            overrides: [`flows[0].transport.protocol=${protocol}`, `links[0].loss.forward=${p}`],
          });
          const { summary } = simulate(scenario);
          expect(summary.counts.delivered).toBe(20_000);
          // The quoted figure is the formula's, rounded.
          expect(formula[protocol](p)).toBeCloseTo(quoted[protocol][index], 2);
          if (protocol === 'go-back-n') {
            // Each expiry costs K frame times, the lost frame and the K - 1 sent after it, but
            // near the end of the transfer, where fewer than K - 1 frames are left to send after
            // it: those expiries (fewer than K of them) fall short by fewer than K - 1 each.
            const { packets, delivered, retransmissionTimeouts } = summary.counts;
            const shortfall = K * retransmissionTimeouts - (packets.data - delivered);
            expect(shortfall).toBeGreaterThanOrEqual(0);
            expect(shortfall).toBeLessThan(K * (K - 1));
          }
          const fraction = summary.flows.transfer.throughput.goodputBitsPerSecond! / R;
          expect(Math.abs(fraction / formula[protocol](p) - 1)).toBeLessThan(tolerance[protocol]);
        });
      });
    }
  });

  describe('bursty-loss: bursts cost Go-Back-N one go-back each, selective repeat nothing extra', () => {
    const R = 10e6;
    const bernoulli = 'links[0].loss.forward=0.05';
    const goodput = (overrides: string[]) => {
      const { summary } = simulate(loadScenario('scenarios/bursty-loss.yaml', { overrides }));
      expect(summary.counts.delivered).toBe(20_000);
      return { fraction: summary.throughput.goodputBitsPerSecond! / R, counts: summary.counts };
    };

    it('go-back-n: about 1/(1 + 12 p r/(p+r)) = 87% of R in bursts, (1-p)/(1+11p) = 61% without', () => {
      const bursts = goodput([]);
      const independent = goodput([bernoulli]);
      // A go-back now and then starts inside a burst's tail: a little under the estimate.
      const p = 0.0131578947368421;
      const r = 0.25;
      const estimate = 1 / (1 + (12 * p * r) / (p + r));
      expect(estimate).toBeCloseTo(0.8696, 4);
      expect(bursts.fraction).toBeGreaterThan(estimate - 0.04);
      expect(bursts.fraction).toBeLessThan(estimate);
      expect(Math.abs(independent.fraction / (0.95 / 1.55) - 1)).toBeLessThan(0.05);
      // Both lose about 5% of what they send; the bursts cost far fewer timeouts.
      for (const { counts } of [bursts, independent]) {
        const lost = counts.packets.lost.linkLoss ?? 0;
        expect(Math.abs(lost / counts.packets.data / 0.05 - 1)).toBeLessThan(0.15);
      }
      expect(bursts.counts.retransmissionTimeouts).toBeLessThan(
        independent.counts.retransmissionTimeouts / 2.5,
      );
    });

    it('selective-repeat: (1-p) = 95% of R either way', () => {
      for (const overrides of [[], [bernoulli]]) {
        const { fraction } = goodput(['flows[0].transport.protocol=selective-repeat', ...overrides]);
        expect(Math.abs(fraction / 0.95 - 1)).toBeLessThan(0.03);
      }
    });
  });
});
