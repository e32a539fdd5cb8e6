import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { parseScenarioText } from '../../src/scenario/load.js';
import { arrivalProcess, timesBefore } from '../helpers/arrivals.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

const onOff = (on: unknown, off: unknown, within?: string) => ({
  'on-off': { on, off, ...(within && { within }) },
});

/** Creation times in a run of one datagram flow `f` with this workload, and of `others`. */
function createdIn(workload: Record<string, unknown>, others: Array<Record<string, unknown>> = []) {
  const recorder = recordingProbe();
  run(
    {
      name: 'on-off',
      seed: 7,
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      links: [
        { between: ['a', 'b'], bandwidth: '1Gbps', delay: '1ms' },
        { between: ['a', 'c'], bandwidth: '1Gbps', delay: '1ms' },
      ],
      flows: [
        ...others.map((other, index) => ({ id: `other-${index}`, from: 'a', to: 'c', workload: other })),
        { id: 'f', from: 'a', to: 'b', workload },
      ],
    },
    { probes: [recorder.probe] },
  );
  const flow = others.length;
  return recorder.created.filter((message) => message.flowIndex === flow).map((message) => message.createdAt);
}

describe('on-off arrivals', () => {
  it('constant on 10ms, off 90ms at 1000/s: burst b has message k at b·100ms + k ms, 100 before a stop at 1 s', () => {
    const created = createdIn({ rate: 1000, arrivals: onOff('10ms', '90ms'), stop: '1s' });
    // Hand-computed: 10 bursts (at 0, 0.1, ..., 0.9 s) of 10 messages 1 ms apart, the first at
    // the burst's start; the eleventh burst would start at the stop.
    const expected = Array.from(
      { length: 100 },
      (_, index) => Math.floor(index / 10) / 10 + (index % 10) / 1000,
    );
    expect(created).toEqual(expected);
  });

  it('a message due exactly at the end of an on period is created at the start of the next one', () => {
    // 10 ms at 1000/s: the eleventh message is due at 10 ms, the end of the period: it is out
    // (on periods are [begin, end)) and comes at the next begin, 100 ms.
    const ten = timesBefore(arrivalProcess(onOff('10ms', '90ms'), 1000), 0.2);
    expect(ten.slice(9, 12)).toEqual([0.009, 0.1, 0.101]);
    // 2.5 ms at 1000/s holds 2.5 messages: the clock carries its phase over the off period.
    // Burst 0: 0, 1, 2 ms (3 is past the end: 0.5 ms into the next); burst 1 at 100 ms: 100.5,
    // 101.5 (102.5 is due exactly at its end: out); burst 2 at 200 ms starts with that message.
    const half = timesBefore(arrivalProcess(onOff('2.5ms', '97.5ms'), 1000), 0.4);
    const expected = [0, 1, 2, 100.5, 101.5, 200, 201, 202, 300.5, 301.5].map((ms) => ms / 1000);
    expect(half).toHaveLength(expected.length);
    half.forEach((time, index) => {
      expect(time).toBeCloseTo(expected[index], 12);
    });
  });

  it('off periods of length 0 are invisible: a constant rate across period ends, a Poisson count', () => {
    const constant = timesBefore(arrivalProcess(onOff('0.3s', 0), 10), 3);
    expect(constant).toHaveLength(30);
    constant.forEach((time, k) => {
      expect(time).toBeCloseTo(k / 10, 12);
    });
    const poisson = timesBefore(arrivalProcess(onOff('0.3s', 0, 'poisson'), 100, { seed: 4 }), 100);
    expect(Math.abs(poisson.length - 10_000)).toBeLessThanOrEqual(5 * Math.sqrt(10_000));
  });

  describe('long-run rate: rate·E[on]/(E[on] + E[off])', () => {
    // on ~ Exp(10 ms), off ~ Exp(90 ms), 1000/s while on: λ = 1000·0.01/0.1 = 100/s. By the
    // renewal-reward CLT, Var N(T) ≈ (T/E[L])·Var(C − λL) per cycle, C the messages of a cycle:
    // (r−λ)²E[on]² + λ²E[off]² = 81 + 81 (C = r·on, the clock's phase carried over), plus r·E[on]
    // = 10 for Poisson messages. Over T = 5000 s (50,000 cycles) σ(N/T) ≈ 0.57/s (0.57%); the
    // bound is 4σ. (A clock restarted with each burst would add 0.5 messages a cycle: +5%.)
    const rate = 1000;
    const meanOn = 0.01;
    const meanOff = 0.09;
    const horizon = 5000;
    const cycle = meanOn + meanOff;
    const lambda = (rate * meanOn) / cycle;
    for (const within of ['constant', 'poisson'] as const) {
      const perCycle =
        (rate - lambda) ** 2 * meanOn ** 2 +
        lambda ** 2 * meanOff ** 2 +
        (within === 'poisson' ? rate * meanOn : 0);
      const sigma = Math.sqrt((horizon / cycle) * perCycle) / horizon;
      for (const seed of [1, 2]) {
        it(`within ${within}, seed ${seed}: within 4σ = ${(4 * sigma).toFixed(2)}/s of ${lambda.toFixed(0)}/s`, () => {
          const arrivals = onOff(
            { dist: 'exponential', mean: meanOn },
            { dist: 'exponential', mean: meanOff },
            within,
          );
          const times = timesBefore(arrivalProcess(arrivals, rate, { seed }), horizon);
          expect(Math.abs(times.length / horizon - lambda)).toBeLessThan(4 * sigma);
          expect(times.every((time, index) => index === 0 || time >= times[index - 1])).toBe(true);
        });
      }
    }
  });

  it('draws on and off periods from streams of their own: the same periods for constant and Poisson messages', () => {
    const drawn = (within: string) => {
      const draws: Record<string, number[]> = { on: [], off: [], gaps: [] };
      const arrivals = onOff(
        { dist: 'exponential', mean: 0.01 },
        { dist: 'exponential', mean: 0.09 },
        within,
      );
      const process = arrivalProcess(arrivals, 1000, {
        seed: 3,
        watch: (part, stream) => () => {
          const value = stream();
          draws[part ?? 'gaps'].push(value);
          return value;
        },
      });
      timesBefore(process, 10);
      return draws;
    };
    const constant = drawn('constant');
    const poisson = drawn('poisson');
    expect(constant.gaps).toEqual([]);
    expect(poisson.gaps.length).toBeGreaterThan(900);
    // The periods up to 10 s do not depend on the messages within them.
    const periods = Math.min(constant.on.length, poisson.on.length);
    expect(periods).toBeGreaterThan(90);
    expect(poisson.on.slice(0, periods)).toEqual(constant.on.slice(0, periods));
    expect(poisson.off.slice(0, periods - 1)).toEqual(constant.off.slice(0, periods - 1));
  });

  it('reproducible per seed, and another flow leaves its times alone', () => {
    const workload = {
      rate: 500,
      arrivals: onOff(
        { dist: 'exponential', mean: '20ms' },
        { dist: 'exponential', mean: '80ms' },
        'poisson',
      ),
      stop: '5s',
    };
    const alone = createdIn(workload);
    expect(alone.length).toBeGreaterThan(300);
    expect(createdIn(workload)).toEqual(alone);
    const withOther = createdIn(workload, [{ rate: 300, arrivals: 'poisson', stop: '5s' }]);
    expect(withOther).toEqual(alone);
  });
});

describe('on-off periods far shorter than the gaps between messages', () => {
  it('passes constant ones over at once: 1 s of on-time in 1 ns periods every 1 ms is 10^9 cycles', () => {
    const created = createdIn({ messages: 2, rate: 1, arrivals: onOff('1ns', '1ms') });
    expect(created[0]).toBe(0);
    // The second is due when 10^9 on periods of 1 ns have passed: at 10^9 · 1.000001 ms, give
    // or take the one period the rounding of its due time may put it in.
    expect(Math.abs(created[1] - 1_000_001)).toBeLessThanOrEqual(0.001000001);
  });

  it('stops random ones with a message rather than passing them one by one for minutes', () => {
    expect(() =>
      createdIn({ messages: 2, rate: 1, arrivals: onOff({ dist: 'exponential', mean: '1ns' }, '1ms') }),
    ).toThrow(
      /passed more than 1,000,000 on periods before its next message, at t=[\d.]+ s: its on periods are far shorter/,
    );
  });
});

describe('on-off validation', () => {
  const issuesOf = (workload: string) => {
    try {
      parseScenarioText(
        `name: v
nodes: [{ id: a }, { id: b }]
links: [{ between: [a, b], bandwidth: 1Gbps }]
flows:
  - { from: a, to: b, workload: ${workload} }
`,
        'v.yaml',
      );
    } catch (error) {
      if (error instanceof ScenarioError)
        return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
      throw error;
    }
    return [];
  };

  it('needs a rate, a positive mean on period, a known within; the name alone says to give parameters', () => {
    expect(issuesOf('{ messages: 5, arrivals: { on-off: { on: 1ms, off: 1ms } } }')).toEqual([
      "flows[0].workload.rate: arrivals 'on-off' need a rate (messages per second)",
    ]);
    // On periods of 0 and below are refused alike; so is a distribution of them with a mean of 0.
    expect(issuesOf('{ rate: 5, arrivals: { on-off: { on: 0s, off: 1ms } }, stop: 1s }')).toEqual([
      'flows[0].workload.arrivals.on-off.on: expected a time greater than 0, got 0s',
    ]);
    expect(issuesOf('{ rate: 5, arrivals: { on-off: { on: -1ms, off: 1ms } }, stop: 1s }')).toEqual([
      'flows[0].workload.arrivals.on-off.on: expected a time greater than 0, got -1ms',
    ]);
    expect(
      issuesOf(
        '{ rate: 5, arrivals: { on-off: { on: { dist: uniform, min: 0, max: 0 }, off: 1ms } }, stop: 1s }',
      ),
    ).toEqual([
      "flows[0].workload.arrivals.on-off.on: expected a distribution with a mean above 0 (this one's mean is 0 s)",
    ]);
    expect(
      issuesOf('{ rate: 5, arrivals: { on-off: { on: 1ms, off: 1ms, within: burst } }, stop: 1s }'),
    ).toEqual([
      "flows[0].workload.arrivals.on-off.within: expected one of: constant, poisson, got string 'burst'",
    ]);
    expect(issuesOf('{ rate: 5, arrivals: on-off, stop: 1s }')).toEqual([
      "flows[0].workload.arrivals: arrivals 'on-off' take parameters: write { on-off: ... } (see the README)",
    ]);
    expect(issuesOf('{ rate: 5, arrivals: { onoff: { on: 1ms, off: 1ms } }, stop: 1s }')).toEqual([
      "flows[0].workload.arrivals.onoff: unknown key 'onoff'; did you mean 'on-off'? (expected one of: on-off, trace)",
    ]);
    expect(issuesOf('{ rate: 5, arrivals: { on-off: { on: 1ms } }, stop: 1s }')[0]).toMatch(
      /^flows\[0\]\.workload\.arrivals\.on-off\.off: missing required key 'off'/,
    );
  });
});
