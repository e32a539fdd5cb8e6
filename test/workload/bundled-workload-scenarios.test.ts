import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/scenario/build-simulation.js';
import { loadScenario } from '../../src/scenario/load.js';
import { flowTheory } from '../helpers/flow-theory.js';

describe('the bundled workload scenarios teach what their descriptions say', () => {
  it('bursts: the same 500/s, 0.5 ms of Poisson queueing (M/D/1) against 19.6 ms in bursts', () => {
    const { summary } = simulate(loadScenario('scenarios/bursts.yaml'));
    const smooth = summary.flows.smooth;
    const bursty = summary.flows.bursty;
    // 600 bursts of 50 messages over [0, 60 s); message k of a burst waits 0.8·k ms.
    expect(bursty.throughput.delivered).toBe(30_000);
    expect(bursty.latency.components.queue.mean).toBeCloseTo(0.0008 * 24.5, 9);
    expect(bursty.latency.components.queue.max).toBeCloseTo(0.0008 * 49, 9);
    expect(bursty.latency.mean).toBeCloseTo(0.0196 + 0.001 + 0.001, 9);
    // Poisson: about 30,000 over 60 s (5σ = 866), the M/D/1 wait within 10% (its sample mean
    // over 30,000 correlated waits has a standard error of about 2%).
    expect(Math.abs(smooth.throughput.delivered - 30_000)).toBeLessThan(5 * Math.sqrt(30_000));
    const theory = summary.theory['link-queue:smooth'].values;
    expect(theory.meanQueueingSeconds).toBeCloseTo(0.5 / (2 * 1000 * 0.5), 12);
    expect(Math.abs(smooth.latency.components.queue.mean! / theory.meanQueueingSeconds - 1)).toBeLessThan(
      0.1,
    );
    // Bursts get no Poisson formula.
    expect(Object.keys(flowTheory(summary.theory))).toEqual(['link-queue:smooth']);
  });

  it('trace-video: an I-frame every 10th frame makes the next two wait 56 and 28 ms; mean latency 33.8 ms', () => {
    const { summary } = simulate(loadScenario('scenarios/trace-video.yaml'));
    const frames = summary.flows.frames;
    expect(frames.throughput.delivered).toBe(50);
    expect(frames.latency.components.queue.mean).toBeCloseTo((0.056 + 0.028) / 10, 9);
    expect(frames.latency.components.queue.max).toBeCloseTo(0.056, 9);
    expect(frames.latency.components.trans.mean).toBeCloseTo((0.096 + 9 * 0.012) / 10, 9);
    expect(frames.latency.mean).toBeCloseTo(0.0338, 9);
    expect(frames.latency.max).toBeCloseTo(0.096 + 0.005, 9);
    // 5 groups of one 12000-byte and nine 1500-byte frames, the last sent at 1.96 s and
    // delivered 12 + 5 ms later.
    expect(frames.throughput.goodputBitsPerSecond).toBeCloseTo((5 * (12_000 + 9 * 1500) * 8) / 1.977, 6);
    expect(flowTheory(summary.theory)).toEqual({});
  });

  it('trace-video: --set messages=10 replays the first group of pictures alone', () => {
    const scenario = loadScenario('scenarios/trace-video.yaml', {
      overrides: ['flows[0].workload.messages=10'],
    });
    const { summary } = simulate(scenario);
    expect(summary.flows.frames.throughput.delivered).toBe(10);
    expect(summary.flows.frames.latency.components.queue.mean).toBeCloseTo((0.056 + 0.028) / 10, 9);
  });
});
