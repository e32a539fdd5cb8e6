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

  it('counts on the component with the longest mean cycle by default', () => {
    const slow = {
      id: 'slow',
      failure: { ttf: { dist: 'constant', value: 100 }, ttr: { dist: 'constant', value: 20 } },
    };
    const { summary } = run({ name: 'cycles', duration: { cycles: 2 }, nodes: [node, slow] });
    expect(summary.simulatedSeconds).toBe(240);
    expect(summary.availability.nodes.n.cycles).toBe(20);
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
