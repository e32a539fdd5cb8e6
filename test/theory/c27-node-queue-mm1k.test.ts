import { expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';
import { describeTheory, expected, expectStatistical, input, theoryCase } from '../helpers/theory-cases.js';

describeTheory(
  'C27 M/M/1/K: a node with one server and a bounded queue, its `node-queue` entry (statistical)',
  () => {
    const c27 = theoryCase('C27');

    /**
     * M/M/1/K as a node's processing stage: one server, exponential processing of mean 1/mu, and
     * a queue of K - 1 messages (the queue counts those that wait, not the one in service); an
     * arrival finding K present is refused (dropped.nodeQueue). The messages take no time on the
     * link (0 B, no header), so the node sees the Poisson arrivals themselves. The same queue as
     * a link buffer is test/theory/c27-link-buffer-mm1k.test.ts.
     */
    const lambda = input(c27, 'arrival_rate');
    const capacity = input(c27, 'capacity_in_system');
    const warmup = 1e4 / lambda;
    const measured = 3e5;
    const { summary } = run({
      name: 'c27-node',
      seed: 27,
      warmup,
      nodes: [
        { id: 's' },
        {
          id: 'r',
          processing: { dist: 'exponential', mean: 1 / input(c27, 'service_rate') },
          queue: capacity - 1,
        },
      ],
      links: [{ between: ['s', 'r'], bandwidth: '10Mbps' }],
      flows: [
        {
          id: 'f',
          from: 's',
          to: 'r',
          workload: { rate: lambda, arrivals: 'poisson', messages: 1e4 + measured, size: '0B' },
        },
      ],
    });
    const theory = summary.theory['node-queue:f'].values;

    it('gives the M/M/1/K values of the case', () => {
      for (const [value, metric] of [
        [theory.blockingProbability, 'blocking_probability'],
        [theory.throughputMessagesPerSecond, 'throughput_msg_per_s'],
        [theory.meanNumberInSystem, 'mean_number_in_system'],
        [theory.meanSojournSeconds, 'mean_delay_accepted_s'],
        [theory.meanLatencySeconds, 'mean_delay_accepted_s'],
      ] as const) {
        expect(Math.abs(value - expected(c27, metric)), metric).toBeLessThan(1e-9 * expected(c27, metric));
      }
    });

    it('is what the run measures: blocking, throughput, mean delay, number in system', () => {
      const dropped = summary.counts.dropped.nodeQueue ?? 0;
      expectStatistical(c27, 'blocking_probability', dropped / summary.counts.sent);
      expectStatistical(c27, 'throughput_msg_per_s', summary.throughput.messagesPerSecond!);
      expectStatistical(c27, 'mean_delay_accepted_s', summary.latency.mean!);
      // Little's law on the measured figures: L = T·W.
      expectStatistical(
        c27,
        'mean_number_in_system',
        summary.throughput.messagesPerSecond! * summary.latency.mean!,
      );
    });
  },
);
