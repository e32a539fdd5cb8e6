import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { simulate } from '../../../src/scenario/build-simulation.js';
import { createRegistries } from '../../../src/scenario/registries.js';
import { createScenarioSchema, type ScenarioInput } from '../../../src/scenario/schema.js';
import { AdaptiveTimeout, adaptiveRto } from '../../../src/transport/rto/adaptive.js';
import type { RtoConfigBase, RtoStrategyDefinition } from '../../../src/transport/rto/rto-strategy.js';
import { run } from '../../helpers/scenario.js';
import {
  STOP_AND_WAIT_CYCLE as CYCLE,
  stopAndWaitScenario as stopAndWait,
} from '../../helpers/stop-and-wait-scenario.js';
import { itTheory, theoryCase } from '../../helpers/theory-cases.js';
import { recordingProbe } from '../../net/recording-probe.js';
import { expectExactAt, expectedList } from './rto-cases.js';

const DIGITS = 12;

/**
 * Registries with one more RTO strategy, `spy`: an adaptive estimator (built from `adaptive`)
 * that records every sample and expiry the sender gives it and its state at the end.
 */
function spyRegistries(adaptiveParams: Record<string, unknown>) {
  const registries = createRegistries();
  const samples: number[] = [];
  const estimators: AdaptiveTimeout[] = [];
  let expiries = 0;
  const spy: RtoStrategyDefinition = {
    id: 'spy',
    description: 'adaptive, recording its inputs',
    schema: z.strictObject({ strategy: z.literal('spy') }),
    create: () => {
      const inner = new AdaptiveTimeout(
        adaptiveRto.schema.parse({ strategy: 'adaptive', ...adaptiveParams }),
      );
      estimators.push(inner);
      return {
        get rto() {
          return inner.rto;
        },
        get srtt() {
          return inner.srtt;
        },
        get rttvar() {
          return inner.rttvar;
        },
        isConstant: inner.isConstant,
        onRttSample: (seconds: number) => {
          samples.push(seconds);
          inner.onRttSample(seconds);
        },
        onExpiry: () => {
          expiries++;
          inner.onExpiry();
        },
      };
    },
  };
  registries.rto.register(spy as RtoStrategyDefinition<RtoConfigBase>);
  const runSpied = (input: ScenarioInput, probes = recordingProbe()) => ({
    ...simulate(createScenarioSchema(registries).parse(input), { registries, probes: [probes.probe] }),
    recorder: probes,
  });
  return { run: runSpied, samples, estimators, expiries: () => expiries };
}

describe('stop-and-wait with an RTO strategy', () => {
  itTheory.each([
    ['adaptive (RFC 6298 defaults)', { strategy: 'adaptive' }],
    [
      'exponential-backoff 1 s ×2 up to 60 s',
      { strategy: 'exponential-backoff', initial: '1s', factor: 2, max: '60s' },
    ],
  ])('C10 end to end, %s: every copy lost, resent at 1, 3, 7, 15, 31, 63, 123, 183 s', (_, timeout) => {
    const c10 = theoryCase('C10');
    const recorder = recordingProbe();
    const { summary } = run(stopAndWait({ timeout, messages: 1, loss: 1, duration: 200 }), {
      probes: [recorder.probe],
    });
    const data = recorder.sent.filter((sent) => sent.packet.kind === 'data');
    const expectedTimes = expectedList(c10, 'retransmission_times_s');
    // The first copy at 0, then the eight retransmissions; the ninth would be at 243 s.
    expect(data).toHaveLength(1 + expectedTimes.length);
    expect(data[0].at).toBe(0);
    expect(data.map((sent) => sent.packet.isRetransmission)).toEqual([
      false,
      ...expectedTimes.map(() => true),
    ]);
    data.slice(1).forEach((sent, i) => {
      expectExactAt(c10, 'retransmission_times_s', i, sent.at);
    });
    expect(summary.counts.retransmissions).toBe(expectedTimes.length);
    expect(summary.counts.delivered).toBe(0);
  });

  it('lossless with an adaptive timeout: no retransmission, one cycle per message, SRTT = the cycle', () => {
    const spied = spyRegistries({ min: '1ms' });
    const { summary, recorder } = spied.run(stopAndWait({ timeout: { strategy: 'spy' }, messages: 40 }));
    expect(summary.counts.retransmissions).toBe(0);
    expect(summary.counts.duplicates).toBe(0);
    expect(summary.counts.delivered).toBe(40);
    expect(spied.expiries()).toBe(0);
    expect(spied.samples).toHaveLength(40);
    for (const sample of spied.samples) expect(sample).toBeCloseTo(CYCLE, DIGITS);
    const [estimator] = spied.estimators;
    expect(estimator.srtt).toBeCloseTo(CYCLE, DIGITS);
    // RTTVAR has decayed from CYCLE/2 by (3/4)^39: the RTO is SRTT + G.
    expect(estimator.rttvar).toBeCloseTo((CYCLE / 2) * 0.75 ** 39, DIGITS);
    expect(estimator.rto).toBeCloseTo(CYCLE + 0.001, DIGITS);
    recorder.sent
      .filter((sent) => sent.packet.kind === 'data')
      .forEach((sent, i) => {
        expect(sent.at).toBeCloseTo(i * CYCLE, DIGITS);
      });
    expect(summary.interval.to).toBeCloseTo(40 * CYCLE, DIGITS);
  });

  it("Karn's rule: only ACKs of messages sent once give RTT samples, each exactly one cycle", () => {
    // initial 20 ms < the 28.32 ms cycle: message 0 is resent spuriously, and its ACK (of the first
    // copy) must not count. Lost data costs timeouts; a sample taken from a resent message would
    // span at least one RTO plus a cycle.
    const spied = spyRegistries({ initial: '20ms', min: '1ms' });
    const { summary, recorder } = spied.run(
      stopAndWait({
        timeout: { strategy: 'spy' },
        messages: 40,
        loss: { forward: 0.3, reverse: 0 },
        seed: 3,
      }),
    );
    expect(summary.counts.delivered).toBe(40);
    const resent = new Set(
      recorder.sent
        .filter((sent) => sent.packet.kind === 'data' && sent.packet.isRetransmission)
        .map((sent) => sent.packet.message!.id),
    );
    expect(resent.has(0)).toBe(true);
    expect(resent.size).toBeGreaterThan(5);
    expect(spied.samples).toHaveLength(40 - resent.size);
    for (const sample of spied.samples) expect(sample).toBeCloseTo(CYCLE, DIGITS);
    expect(spied.expiries()).toBe(summary.counts.retransmissions + summary.counts.failed);
  });

  it("Karn's rule across a crash: the copy resent on recovery gives no sample; a volatile estimate restarts", () => {
    // Messages 0-2 are acknowledged at 1, 2, 3 cycles; s crashes at 90 ms while sending message 3
    // and recovers at 200 ms. Persistent: message 3 is resent then, the other nine are sampled.
    const crashing = (persistent: boolean): ScenarioInput => ({
      ...stopAndWait({ timeout: { strategy: 'spy' }, messages: 10 }),
      nodes: [{ id: 's', persistent }, { id: 'r' }],
      faults: [
        { at: '90ms', crash: 's' },
        { at: '200ms', recover: 's' },
      ],
    });
    const persistent = spyRegistries({ min: '1ms' });
    expect(persistent.run(crashing(true)).summary.counts.delivered).toBe(10);
    expect(persistent.samples).toHaveLength(9);
    for (const sample of persistent.samples) expect(sample).toBeCloseTo(CYCLE, DIGITS);
    expect(persistent.estimators).toHaveLength(1);

    const volatile = spyRegistries({ min: '1ms' });
    expect(volatile.run(crashing(false)).summary.counts.delivered).toBe(3);
    expect(volatile.samples).toHaveLength(3);
    expect(volatile.estimators).toHaveLength(2);
    expect(volatile.estimators[0].srtt).toBeCloseTo(CYCLE, DIGITS);
    expect(volatile.estimators[1].srtt).toBeNaN();
  });

  it('a fixed timeout written as { strategy: fixed, value } runs exactly like the plain time', () => {
    const lossy = { forward: 0.2, reverse: 0.1 };
    const plain = run(stopAndWait({ timeout: '50ms', messages: 50, loss: lossy, seed: 5 })).summary;
    const named = run(
      stopAndWait({ timeout: { strategy: 'fixed', value: '50ms' }, messages: 50, loss: lossy, seed: 5 }),
    ).summary;
    expect(named).toEqual(plain);
    expect(plain.counts.retransmissions).toBeGreaterThan(0);
  });

  it('offers the stop-and-wait closed form for a fixed timeout only', () => {
    const fixed = run(stopAndWait({ timeout: '50ms', messages: 5 })).summary;
    expect(fixed.theory['stop-and-wait:f']).toBeDefined();
    for (const timeout of [{ strategy: 'adaptive' }, { strategy: 'exponential-backoff' }]) {
      expect(run(stopAndWait({ timeout, messages: 5 })).summary.theory['stop-and-wait:f']).toBeUndefined();
    }
  });
});
