import { describe, expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';

const constant = (ttf: number, ttr: number) => ({
  ttf: { dist: 'constant', value: ttf },
  ttr: { dist: 'constant', value: ttr },
});

describe('a 2-of-3 service with constant times (exact)', () => {
  // r1 is down [10,12) every 12 s, r2 [4,6) every 6 s, r3 [3,6) every 6 s. Two or more are down
  // over [4,6) and [10,12) of every 12 s: the service is up 2/3 of the time, in 20 cycles of
  // 4 s up and 2 s down over 120 s.
  const { summary, serviceTimelines, serviceCurves } = run({
    name: 'quorum-constant',
    duration: 120,
    nodes: [
      { id: 'r1', failure: constant(10, 2) },
      { id: 'r2', failure: constant(4, 2) },
      { id: 'r3', failure: constant(3, 3) },
    ],
    services: [{ id: 'q', members: ['r1', 'r2', 'r3'], needs: 2 }],
  });
  const q = summary.availability.services!.q;

  it('measures the exact up time, cycles, MTTF and MTTR', () => {
    expect(q.measured).toBeCloseTo(2 / 3, 12);
    expect(q.downSeconds).toBeCloseTo(40, 9);
    expect(q.cycles).toBe(20);
    expect(q.observedMttf).toBeCloseTo(4, 12);
    expect(q.observedMttr).toBeCloseTo(2, 12);
    expect(q.members).toEqual(['r1', 'r2', 'r3']);
    expect(q.needs).toBe(2);
    expect(serviceTimelines![0].periods.slice(0, 3)).toEqual([
      { start: 0, end: 4, up: true },
      { start: 4, end: 6, up: false },
      { start: 6, end: 10, up: true },
    ]);
  });

  it('states the analytic value for independent random phases, which these lock-step phases miss', () => {
    // A1 = 5/6, A2 = 2/3, A3 = 1/2: P(at least 2 up) = 27/36.
    expect(q.analytic).toBeCloseTo(27 / 36, 14);
    expect(q.analyticMethod).toMatch(/2 of 3/);
  });

  it('draws the running availability down to 2/3 at the end', () => {
    const points = serviceCurves![0].points;
    expect(points.at(-1)).toEqual({ time: 120, availability: expect.closeTo(2 / 3, 12) });
    expect(points[0]).toEqual({ time: 4, availability: 1 });
    expect(serviceCurves![0].analytic).toBeCloseTo(0.75, 14);
  });
});

describe('requests to a replicated service', () => {
  it('fail with serviceDown when delivered while fewer than k members are up', () => {
    // c sends 10 requests/s to r1 over 5 s; r2 is down from 1 s and r3 over [2, 3): the 2-of-3
    // service is down over [2, 3), when requests created at 2.0 ... 2.9 s are delivered.
    const { summary } = run({
      name: 'requests',
      duration: 5,
      nodes: [{ id: 'c' }, { id: 'r1' }, { id: 'r2' }, { id: 'r3' }],
      links: [{ between: ['c', 'r1'], bandwidth: '10Mbps', delay: '1ms' }],
      flows: [{ id: 'req', from: 'c', to: 'r1', workload: { messages: 50, rate: 10, size: '100B' } }],
      services: [{ id: 'q', members: ['r1', 'r2', 'r3'], needs: 2 }],
      faults: [
        { at: 1, crash: 'r2' },
        { at: 2, crash: 'r3' },
        { at: 3, recover: 'r3' },
      ],
    });
    const q = summary.availability.services!.q;
    expect(q.requests).toEqual({
      flows: ['req'],
      requests: 50,
      succeeded: 40,
      failed: { serviceDown: 10 },
      successRatio: 0.8,
    });
    expect(q.measured).toBeCloseTo(0.8, 12);
    expect(summary.counts.delivered).toBe(50);
  });

  it('count a lost request with its message reason', () => {
    const { summary } = run({
      name: 'requests-lost',
      duration: 5,
      nodes: [{ id: 'c' }, { id: 'r1' }, { id: 'r2' }],
      links: [{ between: ['c', 'r1'], bandwidth: '10Mbps', delay: '1ms' }],
      flows: [{ id: 'req', from: 'c', to: 'r1', workload: { messages: 20, rate: 10, size: '100B' } }],
      services: [{ id: 'pair', members: ['r1', 'r2'], needs: 1 }],
      faults: [
        { at: 0.95, crash: 'r1' },
        { at: 1.25, recover: 'r1' },
      ],
    });
    // Requests created at 1.0, 1.1 and 1.2 s reach r1 while it is down; the service (r2) is up.
    expect(summary.availability.services!.pair.requests).toMatchObject({
      requests: 20,
      succeeded: 17,
      failed: { nodeDown: 3 },
    });
    expect(summary.availability.services!.pair.measured).toBe(1);
  });
});
