import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HISTOGRAM_RELATIVE_ERROR } from '../../src/metrics/log-histogram.js';
import type { LatencySummary, RunResult, Stats } from '../../src/metrics/summary.js';
import { simulate } from '../../src/scenario/build-simulation.js';
import { loadScenario } from '../../src/scenario/load.js';
import { run } from '../helpers/scenario.js';

const BOUND = HISTOGRAM_RELATIVE_ERROR * (1 + 1e-9);

function expectStatsWithinBound(approximate: Stats, exact: Stats): void {
  expect(approximate.count).toBe(exact.count);
  expect(approximate.max).toBe(exact.max);
  expect(approximate.mean!).toBeCloseTo(exact.mean!, 12);
  for (const p of ['p50', 'p95', 'p99'] as const) {
    expect(Math.abs(approximate[p]! - exact[p]!)).toBeLessThanOrEqual(BOUND * Math.abs(exact[p]!));
  }
}

function expectLatencyWithinBound(approximate: LatencySummary, exact: LatencySummary): void {
  expect(exact.percentiles).toBeUndefined();
  expect(approximate.percentiles).toBe('histogram (relative error <= 0.5%)');
  expectStatsWithinBound(approximate, exact);
  for (const component of Object.keys(exact.components) as (keyof LatencySummary['components'])[]) {
    expectStatsWithinBound(approximate.components[component], exact.components[component]);
  }
  expect(approximate.noQueueFraction).toBe(exact.noQueueFraction);
}

/** The same run kept exact and folded into streams after `cap` deliveries. */
function bothWays(runWith: (options: { exactRecordCap?: number }) => RunResult, cap: number) {
  return { exact: runWith({}), streamed: runWith({ exactRecordCap: cap }) };
}

describe('a run past the exact-record cap', () => {
  // Two Poisson flows with exponential sizes share a 2 Mbit/s link (load 0.8): latencies spread
  // over decades; the 2 s warm-up leaves out messages created before it.
  const { exact, streamed } = bothWays(
    (options) =>
      run(
        {
          name: 'shared-poisson',
          seed: 7,
          warmup: '2s',
          duration: '40s',
          nodes: [{ id: 'a' }, { id: 'b' }, { id: 'r' }, { id: 'c' }],
          links: [
            { between: ['a', 'r'], bandwidth: '100Mbps', delay: '1ms' },
            { between: ['b', 'r'], bandwidth: '100Mbps', delay: '2ms' },
            { between: ['r', 'c'], bandwidth: '2Mbps', delay: '5ms' },
          ],
          flows: [
            {
              id: 'f1',
              from: 'a',
              to: 'c',
              workload: { rate: 100, arrivals: 'poisson', size: { dist: 'exponential', mean: '1000B' } },
            },
            {
              id: 'f2',
              from: 'b',
              to: 'c',
              workload: { rate: 100, arrivals: 'poisson', size: { dist: 'exponential', mean: '1000B' } },
            },
          ],
        },
        options,
      ),
    1000,
  );

  it('has enough deliveries to pass the cap', () => {
    expect(exact.summary.latency.count).toBeGreaterThan(5000);
  });

  it('reports approximate percentiles within the bound of the exact ones, exact counts, means and maxima', () => {
    expectLatencyWithinBound(streamed.summary.latency, exact.summary.latency);
    for (const id of ['f1', 'f2']) {
      expectLatencyWithinBound(streamed.summary.flows[id].latency, exact.summary.flows[id].latency);
    }
  });

  it('keeps throughput and counts exact (goodput up to the order of summation)', () => {
    expect(streamed.summary.counts).toEqual(exact.summary.counts);
    const flows = [streamed.summary, ...['f1', 'f2'].map((id) => streamed.summary.flows[id])];
    const exactFlows = [exact.summary, ...['f1', 'f2'].map((id) => exact.summary.flows[id])];
    flows.forEach(({ throughput }, i) => {
      const { goodputBitsPerSecond, ...rest } = exactFlows[i].throughput;
      expect(throughput).toMatchObject(rest);
      expect(throughput.goodputBitsPerSecond! / goodputBitsPerSecond!).toBeCloseTo(1, 12);
    });
  });

  it('bins the time series from finer bins: same totals, each bin off by at most an edge bin', () => {
    const total = (result: RunResult) => result.timeseries.reduce((sum, row) => sum + row.delivered, 0);
    expect(total(streamed)).toBe(total(exact));
    expect(streamed.timeseries.map((row) => row.start)).toEqual(exact.timeseries.map((row) => row.start));
    // 200 deliveries/s over 38 s in 65,536 fine bins of at most 2^-10 s: a fine bin straddling a
    // bin edge holds a message or two.
    streamed.timeseries.forEach((row, bin) => {
      expect(Math.abs(row.delivered - exact.timeseries[bin].delivered)).toBeLessThanOrEqual(4);
    });
  });

  it('samples the latencies for the report (all of them while fewer than the sample size)', () => {
    expect(streamed.latencySampleStride).toBeUndefined();
    expect(streamed.latencies).toEqual(exact.latencies);
  });
});

describe('a broadcast past the cap', () => {
  const scenario = loadScenario(path.resolve('scenarios/broadcast-ring-vs-star.yaml'));
  const { exact, streamed } = bothWays((options) => simulate(scenario, options), 0);

  it('gives per-recipient latencies within the bound and exact delivery counts', () => {
    for (const [id, flow] of Object.entries(exact.summary.flows)) {
      const approximate = streamed.summary.flows[id].broadcast!;
      for (const [recipient, figures] of Object.entries(flow.broadcast!.perRecipient)) {
        expect(approximate.perRecipient[recipient].delivered).toBe(figures.delivered);
        expectStatsWithinBound(approximate.perRecipient[recipient].latency, figures.latency);
      }
      expect(streamed.summary.flows[id].throughput).toEqual(flow.throughput);
    }
  });
});

describe('request-reply flows past the cap', () => {
  const scenario = loadScenario(path.resolve('scenarios/request-reply-sync-vs-async.yaml'));
  const { exact, streamed } = bothWays((options) => simulate(scenario, options), 10);

  it('give request latencies within the bound and exact completed counts', () => {
    const ids = Object.keys(exact.summary.flows).filter((id) => exact.summary.flows[id].requests);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const approximate = streamed.summary.flows[id].requests!;
      const precise = exact.summary.flows[id].requests!;
      expect(precise.latency.count).toBeGreaterThan(10);
      expectLatencyWithinBound(approximate.latency, precise.latency);
      expect(approximate.throughput).toEqual(precise.throughput);
    }
  });
});
