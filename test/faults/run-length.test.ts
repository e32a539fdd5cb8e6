import { describe, expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';

const node = {
  id: 'n',
  failure: { ttf: { dist: 'constant', value: 10 }, ttr: { dist: 'constant', value: 2 } },
};

describe('a run length in failure cycles', () => {
  it('ends the run at the N-th repair', () => {
    const { summary } = run({ name: 'cycles', duration: { cycles: 5, of: 'n' }, nodes: [node] });
    expect(summary.simulatedSeconds).toBe(60);
    expect(summary.availability.nodes.n.cycles).toBe(5);
    expect(summary.availability.nodes.n.measured).toBe(50 / 60);
  });

  it('counts only the cycles after the warm-up, the same number its note states', () => {
    // Repairs at 12, 24, ...: after a 60 s warm-up, cycles close at 72, 84, 96 and 108 s.
    const { summary } = run({ name: 'cycles', warmup: '60s', duration: '119s', nodes: [node] });
    const n = summary.availability.nodes.n;
    expect(n.cycles).toBe(4);
    expect(n.note).toMatch(/^only 4 complete failure cycles observed/);
  });

  it('counts on the component with the longest mean cycle by default', () => {
    const slow = {
      id: 'slow',
      failure: { ttf: { dist: 'constant', value: 100 }, ttr: { dist: 'constant', value: 20 } },
    };
    const { summary } = run({ name: 'cycles', duration: { cycles: 2 }, nodes: [node, slow] });
    expect(summary.simulatedSeconds).toBe(240);
    // n is down over [238, 240): the run stops at slow's second repair, before n's 20th ends.
    expect(summary.availability.nodes.n.cycles).toBe(19);
  });

  it('takes a warm-up in mean cycles and counts the run length after it', () => {
    // Warm-up 2 × 12 s = 24 s; repairs after it at 36, 48, 60 s.
    const { summary } = run({
      name: 'cycles',
      warmup: { cycles: 2, of: 'n' },
      duration: { cycles: 3, of: 'n' },
      nodes: [node],
    });
    expect(summary.simulatedSeconds).toBe(60);
    expect(summary.availability.nodes.n.upSeconds).toBe(30);
    expect(summary.availability.nodes.n.downSeconds).toBe(6);
  });

  it('measures N whole cycles behind a warm-up that ends inside a cycle', () => {
    // The warm-up ends at 30 s, inside the cycle [24, 36): the cycles measured begin at 36, 48
    // and 60 s and end with the repairs at 48, 60 and 72 s.
    const { summary } = run({
      name: 'cycles',
      warmup: '30s',
      duration: { cycles: 3, of: 'n' },
      nodes: [node],
    });
    expect(summary.simulatedSeconds).toBe(72);
    const n = summary.availability.nodes.n;
    expect(n.cycles).toBe(3);
    // From 30 s: up [30, 34) and three whole cycles of 10 s up and 2 s down.
    expect(n.upSeconds).toBe(4 + 30);
    expect(n.downSeconds).toBe(2 + 6);
  });

  it('measures as many cycles as asked for, warm-up or not, with random times', () => {
    for (const warmup of ['0s', '7h', { cycles: 3, of: 'n' }]) {
      const { summary } = run({
        name: 'cycles-random',
        warmup,
        duration: { cycles: 200, of: 'n' },
        nodes: [{ id: 'n', failure: { mttf: '5h', mttr: '1h' } }],
      });
      expect(summary.availability.nodes.n.cycles).toBe(200);
    }
  });

  it('runs years of simulated time without ticking: 10,000 cycles of a 1000 h MTTF', () => {
    const started = performance.now();
    const { summary } = run({
      name: 'cycles-long',
      duration: { cycles: 10_000 },
      nodes: [{ id: 'n', failure: { mttf: '1000h', mttr: '10h' } }],
    });
    expect(summary.availability.nodes.n.cycles).toBe(10_000);
    expect(summary.simulatedSeconds).toBeGreaterThan(1000 * 365 * 86400);
    expect(summary.events).toBeLessThan(20_010);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
