import { describe, expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';

describe('a transmission whose end completes the last flow', () => {
  it('counts once in its link direction, not again as under way when the measurement closes', () => {
    // One 1 B message: n0 → n1 at 14 Mbit/s (8/14 µs), n1 → n2 at 3 Mbit/s (8/3 µs), no delay;
    // n1 → n2 loses every packet as it finishes, which resolves the message and completes the
    // flow in that very event. n1 → n2 was busy 8/3 of the 8/14 + 8/3 µs: 14/17.
    const { summary } = run({
      name: 'one-lost',
      nodes: [{ id: 'n0' }, { id: 'n1' }, { id: 'n2' }],
      links: [
        { between: ['n0', 'n1'], bandwidth: '14Mbps', delay: 0 },
        { between: ['n1', 'n2'], bandwidth: '3Mbps', delay: 0, loss: 1 },
      ],
      flows: [{ id: 'f', from: 'n0', to: 'n2', workload: { messages: 1, size: 1 } }],
    });
    expect(summary.interval.to).toBeCloseTo(8 / 14e6 + 8 / 3e6, 18);
    const [down] = summary.links['n1-n2'].directions;
    expect(down.utilisation).toBeCloseTo(14 / 17, 12);
    expect(summary.links['n0-n1'].directions[0].utilisation).toBeCloseTo(3 / 17, 12);
  });
});
