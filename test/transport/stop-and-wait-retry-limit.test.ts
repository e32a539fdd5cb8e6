import { describe, expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';

/**
 * Stop-and-wait with a retry limit that matters: p = 0.5 and `retries: 2` (3 attempts), so a
 * message fails with probability q³ = 1/8. Every attempt is the same Bernoulli trial whatever
 * message it carries, costing the cycle c when it succeeds and the timeout T_o when it does not;
 * so by renewal-reward the delivered rate is s/(s·c + q·T_o) = 1/(c + (q/s)·T_o), the formula
 * without a limit, and the run's theory entry still holds. (The mean time per message counts
 * the given-up ones too: E = (1 - q³)·(c + (q/s)·T_o) per message created.)
 */
describe('stop-and-wait whose retry limit gives up one message in eight', () => {
  const messages = 20_000;
  const p = 0.5;
  const cycle = 0.008 + 2 * 0.01; // 1000 B at 1 Mbit/s, 10 ms each way, 0-byte ACKs
  const timeout = 0.05;
  const { summary } = run({
    name: 'retry-limit',
    seed: 7,
    nodes: [{ id: 's' }, { id: 'r' }],
    links: [{ between: ['s', 'r'], bandwidth: '1Mbps', delay: '10ms', loss: { forward: p, reverse: 0 } }],
    flows: [
      {
        id: 'f',
        from: 's',
        to: 'r',
        transport: { protocol: 'stop-and-wait', timeout, ackSize: 0, retries: 2 },
        workload: { messages, size: '1000B' },
      },
    ],
  });
  const s = 1 - p;
  const q = p;
  const attempts = 3;

  it('gives up q³ = 12.5% of the messages', () => {
    const failedShare = summary.counts.failed / messages;
    // Binomial: sd = sqrt(q³(1 - q³)/n) = 0.23%; four of them.
    expect(Math.abs(failedShare - q ** attempts)).toBeLessThan(
      4 * Math.sqrt((q ** 3 * (1 - q ** 3)) / messages),
    );
    expect(summary.counts.delivered + summary.counts.failed).toBe(messages);
  });

  it('delivers at 1/(c + (q/s)·T_o) = 12.82 messages/s, as the theory entry says', () => {
    const rate = 1 / (cycle + (q / s) * timeout);
    expect(summary.theory['stop-and-wait:f'].values.messagesPerSecond).toBeCloseTo(rate, 12);
    // The rate is a function of the share of successful attempts, ŝ, over n ≈ 35,000 attempts:
    // d(ln T)/dŝ = T_o/(ŝ·(c·ŝ + T_o·(1 - ŝ))) = 2.56, sd(ŝ) = sqrt(s·q/n) = 0.27%: 0.68% for T.
    const n = (messages * (1 - q ** attempts)) / s;
    const relativeSd = (timeout / (s * (cycle * s + timeout * q))) * Math.sqrt((s * q) / n);
    expect(Math.abs(summary.throughput.messagesPerSecond! / rate - 1)).toBeLessThan(4 * relativeSd);
  });

  it('sends 1/s = 2 copies per delivered message, the copies of given-up messages included', () => {
    const copies = summary.counts.packets.data / summary.counts.delivered;
    // Attempts per message created: (1 - q³)/s = 1.75, so 1.75/(1 - q³) = 2 per delivered one;
    // copies / delivered is 1/ŝ, whose sd is sd(ŝ)/s² = 1.1%.
    const n = (messages * (1 - q ** attempts)) / s;
    expect(Math.abs(copies - 1 / s)).toBeLessThan((4 * Math.sqrt((s * q) / n)) / s ** 2);
    expect(summary.counts.packets.data).toBe(summary.counts.sent + summary.counts.retransmissions);
  });
});
