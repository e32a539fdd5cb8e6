import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';

const constantFailure = (initially?: 'up' | 'down') => ({
  ttf: { dist: 'constant', value: '10s' },
  ttr: { dist: 'constant', value: '2s' },
  ...(initially ? { initially } : {}),
});

function failing(duration: number, initially?: 'up' | 'down'): ScenarioInput {
  return { name: 'avail', duration, nodes: [{ id: 'n', failure: constantFailure(initially) }, { id: 'm' }] };
}

describe('failure process with constant ttf = 10 s, ttr = 2 s', () => {
  it('over 120 s: 10 cycles, up 100 s, down 20 s, A = 5/6, MTTF 10, MTTR 2', () => {
    // Down over [10,12), [22,24), ..., [118,120); the repair at exactly t = 120 runs.
    const { summary, nodeTimelines } = run(failing(120));
    const n = summary.availability.nodes.n;
    expect(n.analytic).toBe(10 / 12);
    expect(n.measured).toBe(100 / 120);
    expect(n.upSeconds).toBe(100);
    expect(n.downSeconds).toBe(20);
    expect(n.cycles).toBe(10);
    expect(n.observedMttf).toBe(10);
    expect(n.observedMttr).toBe(2);
    expect(n.observedMttfCi95).toEqual([10, 10]);
    expect(n.observedMttrCi95).toEqual([2, 2]);
    const down = nodeTimelines[0].periods.filter((p) => !p.up);
    expect(down.map((p) => [p.start, p.end])).toEqual(
      Array.from({ length: 10 }, (_, k) => [10 + 12 * k, 12 + 12 * k]),
    );
    // A node without a failure process is up throughout.
    expect(summary.availability.nodes.m).toMatchObject({ analytic: null, measured: 1, cycles: 0 });
  });

  it('over 115 s: the open up period counts towards up time but not towards MTTF', () => {
    // 9 failures (10 ... 106), 9 repairs (12 ... 108), up again over [108, 115).
    const n = run(failing(115)).summary.availability.nodes.n;
    expect(n.cycles).toBe(9);
    expect(n.upSeconds).toBe(97);
    expect(n.downSeconds).toBe(18);
    expect(n.measured).toBe(97 / 115);
    expect(n.observedMttf).toBe(10);
    expect(n.observedMttr).toBe(2);
  });

  it('initially down: down over [0, 2), [12, 14), ...; up time and cycles over 119 s', () => {
    // Failures at 0, 12, ..., 108 (10), repairs at 2, 14, ..., 110; up over [110, 119) at the end.
    const { summary, nodeTimelines } = run(failing(119, 'down'));
    const n = summary.availability.nodes.n;
    expect(n.upSeconds).toBe(99);
    expect(n.downSeconds).toBe(20);
    expect(n.measured).toBe(99 / 119);
    // A cycle is an up period and the repair that ends it: the first down period follows none.
    expect(n.cycles).toBe(9);
    expect(n.observedMttr).toBe(2);
    const down = nodeTimelines[0].periods.filter((p) => !p.up && p.end > p.start);
    expect(down[0]).toEqual({ start: 0, end: 2, up: false });
    expect(down).toHaveLength(10);
  });
});
