import { describe, expect, it } from 'vitest';
import { mm1kTheory } from '../../src/metrics/broker-queue-theory.js';
import { requestReplyTheory } from '../../src/metrics/request-reply-theory.js';
import type { Summary, TheoryPrediction } from '../../src/metrics/summary.js';
import { numericAxis, sweepFromRuns, THEORY_VALUES_OF_MEASURE } from '../../src/metrics/sweep.js';
import { linkQueueTheory, stopAndWaitTheory } from '../../src/metrics/theory.js';
import { smallRunResult } from '../report/fake-run-results.js';

/** A one-flow summary (flow f1) with throughput `throughput` and the given theory entries. */
function summaryWith(throughput: number, theory: Record<string, TheoryPrediction>): Summary {
  const summary = structuredClone(smallRunResult().summary);
  summary.throughput.messagesPerSecond = throughput;
  summary.throughput.goodputBitsPerSecond = throughput * 8000;
  summary.theory = theory;
  return summary;
}

const stopAndWait = (messagesPerSecond: number): Record<string, TheoryPrediction> => ({
  'stop-and-wait:f1': {
    formula: 'T = 1/E[t]',
    values: { messagesPerSecond, goodputBitsPerSecond: messagesPerSecond * 8000, utilisation: 0.5 },
  },
});

const parameter = { path: 'links[0].loss', name: 'loss', values: ['0', '0.1', '0.2'] };
const variants = parameter.values.map((value) => ({
  label: `loss=${value}`,
  settings: [{ path: parameter.path, name: parameter.name, value }],
}));

describe('sweepFromRuns', () => {
  it('puts the prediction of each point beside its mean, with the ratio, and leaves a gap where there is none', () => {
    const summaries = [
      [summaryWith(10, stopAndWait(10)), summaryWith(12, stopAndWait(10))],
      [summaryWith(8, stopAndWait(9)), summaryWith(10, stopAndWait(9))],
      // The formula does not apply here: no entry, or one of another flow.
      [summaryWith(5, { 'stop-and-wait:other': stopAndWait(4)['stop-and-wait:f1'] }), summaryWith(7, {})],
    ];
    const sweep = sweepFromRuns('demo', { parameter, series: null, variants }, summaries);
    expect(sweep.parameter).toEqual({ ...parameter, axis: { kind: 'numeric', unit: null } });
    expect(sweep.points.map((point) => [point.value, point.x, point.series])).toEqual([
      ['0', 0, null],
      ['0.1', 0.1, null],
      ['0.2', 0.2, null],
    ]);
    const [first, second, third] = sweep.points;
    expect(first.estimates.throughput?.mean).toBe(11);
    expect(first.theory.throughput).toEqual({
      model: 'stop-and-wait:f1',
      formula: 'T = 1/E[t]',
      value: 10,
      ratio: 1.1,
    });
    expect(first.theory.goodput).toMatchObject({ value: 80_000, ratio: 1.1 });
    expect(second.theory.throughput).toMatchObject({ value: 9, ratio: 1 });
    // Utilisation is a prediction, but of no compared measure; latency has none here.
    expect(Object.keys(first.theory)).toEqual(['throughput', 'goodput']);
    expect(third.theory).toEqual({});
  });

  it('gives no prediction beside the measures of a scenario with several flows', () => {
    const twoFlows = summaryWith(10, stopAndWait(10));
    twoFlows.flows.f2 = structuredClone(twoFlows.flows.f1);
    const sweep = sweepFromRuns(
      'demo',
      { parameter: { ...parameter, values: ['0'] }, series: null, variants: variants.slice(0, 1) },
      [[twoFlows]],
    );
    expect(sweep.points[0].theory).toEqual({});
    // ... and says which it left out, and why.
    expect(sweep.theoryWithheld).toEqual({
      reason: 'needs a scenario with one flow',
      models: ['stop-and-wait:f1'],
      measures: ['throughput', 'goodput'],
    });
  });

  it('withholds nothing when the scenario has one flow, or its summaries predict none of the measures', () => {
    const oneFlow = sweepFromRuns('demo', { parameter, series: null, variants }, [
      [summaryWith(10, stopAndWait(10))],
      [summaryWith(10, {})],
      [summaryWith(10, {})],
    ]);
    expect(oneFlow.theoryWithheld).toBeNull();
    // Utilisation alone predicts no compared measure.
    const twoFlows = summaryWith(10, { 'stop-and-wait:f1': { formula: 'U', values: { utilisation: 0.5 } } });
    twoFlows.flows.f2 = structuredClone(twoFlows.flows.f1);
    const sweep = sweepFromRuns(
      'demo',
      { parameter: { ...parameter, values: ['0'] }, series: null, variants: variants.slice(0, 1) },
      [[twoFlows]],
    );
    expect(sweep.theoryWithheld).toBeNull();
  });

  it("groups the points by their summaries' flows without a prediction and the reasons, in point order", () => {
    const withNoTheory = (noTheory: Record<string, string> | undefined) => {
      const summary = summaryWith(10, {});
      if (noTheory === undefined) delete summary.noTheory;
      else summary.noTheory = noTheory;
      return summary;
    };
    const shares = { f1: 'its link also carries flow h', f2: 'its link also carries flow h' };
    const four = { ...parameter, values: ['0', '0.1', '0.2', '0.3'] };
    const sweep = sweepFromRuns(
      'demo',
      {
        parameter: four,
        series: null,
        variants: four.values.map((value) => ({
          label: `loss=${value}`,
          settings: [{ path: four.path, name: four.name, value }],
        })),
      },
      [
        [withNoTheory(shares), withNoTheory({})],
        [withNoTheory({ f1: 'its link duplicates packets' })],
        [withNoTheory(shares)],
        // Older summaries have no noTheory; a summary naming no flow is in no group.
        [withNoTheory(undefined)],
      ],
    );
    expect(sweep.noTheory).toEqual([
      { points: ['loss=0', 'loss=0.2'], flows: shares },
      { points: ['loss=0.1'], flows: { f1: 'its link duplicates packets' } },
    ]);
    expect(
      sweepFromRuns('demo', { parameter, series: null, variants }, [
        [withNoTheory({})],
        [withNoTheory({})],
        [withNoTheory({})],
      ]).noTheory,
    ).toEqual([]);
  });

  it("maps each predicted measure to values the closed forms give, in the measure's SI unit", () => {
    const predicted = (values: Record<string, number>, key: keyof typeof THEORY_VALUES_OF_MEASURE) =>
      values[THEORY_VALUES_OF_MEASURE[key]!.find((name) => name in values)!];
    // Kurose & Ross' path: 1000-byte frames at 1 Mbit/s (8 ms), 10 ms each way, no loss: T = 1/28 ms.
    const stopAndWaitValues = stopAndWaitTheory({
      dataBytes: 1000,
      ackBytes: 0,
      bandwidthBitsPerSecond: 1e6,
      propagationSeconds: 0.01,
      dataLossProbability: 0,
      ackLossProbability: 0,
      timeoutSeconds: 0.05,
    })!.values;
    expect(predicted(stopAndWaitValues, 'throughput')).toBeCloseTo(1 / 0.028, 12);
    expect(predicted(stopAndWaitValues, 'goodput')).toBeCloseTo(8000 / 0.028, 9);
    // M/D/1 at ρ = 0.5 with 8 ms service: W = W_q + 1/μ = 4 + 8 ms, latency adds the 10 ms; the
    // link carries all 62.5 messages/s of 8000 bits.
    const queueValues = linkQueueTheory({
      arrivalsPerSecond: 62.5,
      meanSizeBytes: 1000,
      bandwidthBitsPerSecond: 1e6,
      sizes: 'constant',
      propagationSeconds: 0.01,
    })!.values;
    expect(predicted(queueValues, 'latencyMean')).toBeCloseTo(0.022, 12);
    expect(predicted(queueValues, 'goodput')).toBe(500_000);
    // M/M/1/K with K = 1 at ρ = 1: half the arrivals find the server busy, T = λ/2.
    expect(predicted(mm1kTheory(4, 0.25, 1).values, 'throughput')).toBeCloseTo(2, 12);
    // Sync request-reply: C = 8 + 10 + 0 + 8 + 10 + 0 ms, no think time.
    const requestValues = requestReplyTheory({
      mode: 'sync',
      requestBytes: 1000,
      replyBytes: 1000,
      bandwidthBitsPerSecond: 1e6,
      propagationSeconds: 0.01,
      serverSeconds: 0,
      serverWorkers: 1,
      clientSeconds: 0,
      clientWorkers: 1,
      thinkSeconds: 0,
      maxOutstanding: 1,
      offeredPerSecond: Number.POSITIVE_INFINITY,
    }).values;
    expect(predicted(requestValues, 'requestThroughput')).toBeCloseTo(1 / 0.036, 12);
    expect(Object.keys(THEORY_VALUES_OF_MEASURE)).toEqual([
      'throughput',
      'goodput',
      'latencyMean',
      'requestThroughput',
    ]);
  });
});

describe('numericAxis', () => {
  it('reads numbers, and quantities of one dimension in SI units', () => {
    expect(numericAxis(['0', '0.05', '1e-1'])).toEqual({ values: [0, 0.05, 0.1], unit: null });
    expect(numericAxis(['0', '10ms', '1.5s'])).toEqual({ values: [0, 0.01, 1.5], unit: 's' });
    expect(numericAxis(['1Mbps', '10Mbit/s'])).toEqual({ values: [1e6, 1e7], unit: 'bit/s' });
    expect(numericAxis(['500B', '1KiB'])).toEqual({ values: [500, 1024], unit: 'B' });
  });

  it('gives bare numbers the unit of the dimension the scenario reads them in, when known', () => {
    expect(numericAxis(['0.1', '0.2', '0.3'], 'time')).toEqual({ values: [0.1, 0.2, 0.3], unit: 's' });
    expect(numericAxis(['1000000', '2Mbps'], 'bandwidth')).toEqual({ values: [1e6, 2e6], unit: 'bit/s' });
    // A quantity of another dimension is no point on that axis.
    expect(numericAxis(['0.1', '1Mbps'], 'time')).toBeUndefined();
    expect(numericAxis(['a', 'b'], 'time')).toBeUndefined();
  });

  it('is categorical for names, objects, quoted numbers and mixed dimensions', () => {
    expect(numericAxis(['go-back-n', 'selective-repeat'])).toBeUndefined();
    expect(numericAxis(['{dist: exponential, mean: 1ms}', '1ms'])).toBeUndefined();
    expect(numericAxis(['"1"', '2'])).toBeUndefined();
    expect(numericAxis(['10ms', '1Mbps'])).toBeUndefined();
    expect(numericAxis(['10xx'])).toBeUndefined();
  });
});
