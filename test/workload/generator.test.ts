import { describe, expect, it } from 'vitest';
import { constantDistribution } from '../../src/engine/distributions.js';
import { RandomStreams } from '../../src/engine/random.js';
import { Simulator } from '../../src/engine/simulator.js';
import { createArrivalRegistry } from '../../src/workload/arrivals.js';
import { WorkloadGenerator, type WorkloadPlan } from '../../src/workload/generator.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

const arrivals = createArrivalRegistry();

/** Runs a generator alone and returns creation times and when it said it was done. */
function generate(pattern: string, rate: number, plan: Partial<WorkloadPlan>, seed = 1) {
  const simulator = new Simulator();
  const created: number[] = [];
  let finishedAt = Number.NaN;
  const definition = arrivals.get(pattern);
  new WorkloadGenerator(
    simulator,
    {
      messages: Number.POSITIVE_INFINITY,
      start: 0,
      stop: Number.POSITIVE_INFINITY,
      horizon: Number.POSITIVE_INFINITY,
      bulk: definition.allAtOnce,
      ...plan,
    },
    definition.create({
      rateMessagesPerSecond: rate,
      parameters: undefined,
      random: () => new RandomStreams(seed).stream('flow/f/arrivals'),
    }),
    constantDistribution(100),
    () => 0,
    {
      createMessage: () => created.push(simulator.now),
      createBulk: (count: number, size: () => number) => {
        for (let i = 0; i < count; i++) {
          size();
          created.push(simulator.now);
        }
      },
      finishWorkload: () => {
        finishedAt = simulator.now;
      },
    },
  ).begin();
  simulator.run();
  return { created, finishedAt };
}

describe('WorkloadGenerator', () => {
  it('constant rate: message k at start + k/rate, N messages', () => {
    const { created, finishedAt } = generate('constant', 4, { messages: 6, start: 1.5 });
    expect(created).toEqual([1.5, 1.75, 2, 2.25, 2.5, 2.75]);
    expect(finishedAt).toBe(2.75);
  });

  it('constant rate with a gap that is not a binary fraction stays within rounding of k/rate', () => {
    const { created } = generate('constant', 3, { messages: 30, start: 2 });
    expect(created).toHaveLength(30);
    created.forEach((t, k) => {
      expect(t).toBeCloseTo(2 + k / 3, 12);
    });
  });

  it('stop ends creation: messages over [start, stop), rate × (stop − start) of them', () => {
    const { created, finishedAt } = generate('constant', 4, { start: 0, stop: 1 });
    expect(created).toEqual([0, 0.25, 0.5, 0.75]);
    expect(finishedAt).toBe(0.75);
    // Times are start + k/rate, not summed gaps (ten sums of 0.1 s fall short of 1 s).
    expect(generate('constant', 10, { start: 0, stop: 1 }).created).toHaveLength(10);
    expect(generate('constant', 10, { start: 1, stop: 2 }).created).toHaveLength(10);
    expect(generate('constant', 10, { start: 0, stop: 1 }).created[7]).toBe(0.7);
    expect(generate('constant', 1, { start: 0, stop: 4 }).created).toEqual([0, 1, 2, 3]);
  });

  it('a start after stop creates nothing and finishes at start', () => {
    const { created, finishedAt } = generate('constant', 4, { start: 3, stop: 2 });
    expect(created).toEqual([]);
    expect(finishedAt).toBe(3);
  });

  it('bulk creates every message at start', () => {
    const { created, finishedAt } = generate('bulk', 0, { messages: 5, start: 2 });
    expect(created).toEqual([2, 2, 2, 2, 2]);
    expect(finishedAt).toBe(2);
  });

  it('poisson: the count over a long window is within 5 sigma of rate·t', () => {
    const rate = 200;
    const window = 100;
    for (const seed of [1, 2, 3]) {
      const { created } = generate('poisson', rate, { stop: window }, seed);
      const expected = rate * window;
      expect(Math.abs(created.length - expected)).toBeLessThanOrEqual(5 * Math.sqrt(expected));
      expect(created.every((t) => t > 0 && t <= window)).toBe(true);
      expect(created.every((t, i) => i === 0 || t >= created[i - 1])).toBe(true);
    }
  });

  it('poisson: the gaps have mean 1/rate and the variance of an exponential', () => {
    const rate = 50;
    const { created } = generate('poisson', rate, { messages: 20_000 }, 9);
    const gaps = created.map((t, i) => t - (i === 0 ? 0 : created[i - 1]));
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const variance = gaps.reduce((a, b) => a + (b - mean) ** 2, 0) / (gaps.length - 1);
    // Standard error of the mean: (1/rate)/sqrt(n) = 0.02/141.4 ≈ 1.4e-4; allow 5 of them.
    expect(Math.abs(mean - 1 / rate)).toBeLessThanOrEqual((5 * (1 / rate)) / Math.sqrt(gaps.length));
    expect(variance * rate * rate).toBeGreaterThan(0.9);
    expect(variance * rate * rate).toBeLessThan(1.1);
  });
});

describe('workloads in a scenario', () => {
  const base = {
    name: 'workload',
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [{ between: ['a', 'b'] as [string, string], bandwidth: '1Gbps', delay: '1ms' }],
  };

  it('constant rate: creation times start + k/rate; the flow sees exactly N messages', () => {
    const recorder = recordingProbe();
    const { summary } = run(
      {
        ...base,
        flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 8, rate: 16, start: '0.5s' } }],
      },
      { probes: [recorder.probe] },
    );
    expect(recorder.created.map((m) => m.createdAt)).toEqual(
      Array.from({ length: 8 }, (_, k) => 0.5 + k / 16),
    );
    expect(summary.counts.sent).toBe(8);
    expect(summary.interval.from).toBe(0.5);
  });

  it('stop ends creation before the message count is reached', () => {
    const recorder = recordingProbe();
    run(
      {
        ...base,
        flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 100, rate: 8, stop: '1s' } }],
      },
      { probes: [recorder.probe] },
    );
    expect(recorder.created.map((m) => m.createdAt)).toEqual([
      0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875,
    ]);
  });

  it('a duration stops an unbounded workload', () => {
    const recorder = recordingProbe();
    run(
      { ...base, duration: '2s', flows: [{ id: 'f', from: 'a', to: 'b', workload: { rate: 4 } }] },
      { probes: [recorder.probe] },
    );
    expect(recorder.created).toHaveLength(9); // 0, 0.25, ..., 2
  });

  it('bulk: all N created at start, payload size from the workload', () => {
    const recorder = recordingProbe();
    run(
      {
        ...base,
        flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 4, start: '3s', size: '2KiB' } }],
      },
      { probes: [recorder.probe] },
    );
    expect(recorder.created.map((m) => [m.createdAt, m.payloadBytes])).toEqual([
      [3, 2048],
      [3, 2048],
      [3, 2048],
      [3, 2048],
    ]);
  });

  it('poisson in a scenario: count over 50 s within 5 sigma of rate·t', () => {
    const recorder = recordingProbe();
    run(
      {
        ...base,
        seed: 5,
        duration: '50s',
        flows: [{ id: 'f', from: 'a', to: 'b', workload: { rate: 100, arrivals: 'poisson', size: 0 } }],
      },
      { probes: [recorder.probe] },
    );
    expect(Math.abs(recorder.created.length - 5000)).toBeLessThanOrEqual(5 * Math.sqrt(5000));
  });
});
