import { expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';
import { describeTheory, expected, expectStatistical, input, theoryCase } from '../helpers/theory-cases.js';

describeTheory('C26 M/M/2 (Erlang C): a node with two servers, its `node-queue` entry (statistical)', () => {
  const c26 = theoryCase('C26');

  /**
   * M/M/2 as a node's processing stage: `servers: 2` workers fed by one FIFO queue, exponential
   * processing of mean size/rate = 10 ms (the two lines of the case). The messages take no time
   * on the link (0 B, no header), so the node sees the Poisson arrivals themselves, and the
   * run's theory entry applies exactly.
   */
  const lambda = input(c26, 'arrival_rate');
  const serviceSeconds = input(c26, 'mean_packet_size') / input(c26, 'link_rate');
  const warmup = 1e4 / lambda;
  const measured = 2e5;
  const { summary } = run({
    name: 'c26-node',
    seed: 26,
    warmup,
    nodes: [
      { id: 'source' },
      {
        id: 'lines',
        servers: input(c26, 'n_servers'),
        processing: { dist: 'exponential', mean: serviceSeconds },
      },
    ],
    links: [{ between: ['source', 'lines'], bandwidth: '1Mbps' }],
    flows: [
      {
        id: 'packets',
        from: 'source',
        to: 'lines',
        workload: { rate: lambda, arrivals: 'poisson', messages: 1e4 + measured, size: '0B' },
      },
    ],
  });
  const theory = summary.theory['node-queue:packets'].values;

  it('gives the Erlang C values of the case', () => {
    for (const [value, metric] of [
      [theory.probabilityOfWaiting, 'prob_wait'],
      [theory.meanQueueingSeconds, 'mean_queueing_delay_s'],
      [theory.meanSojournSeconds, 'mean_delay_s'],
      [theory.meanLatencySeconds, 'mean_delay_s'],
      [theory.meanNumberInQueue, 'mean_number_in_queue'],
      [theory.meanNumberInSystem, 'mean_number_in_system'],
      [theory.utilisation, 'per_link_utilisation'],
    ] as const) {
      expect(Math.abs(value - expected(c26, metric)), metric).toBeLessThan(1e-9 * expected(c26, metric));
    }
  });

  it('is what the run measures: P(wait), the mean wait and the mean delay', () => {
    expectStatistical(c26, 'prob_wait', 1 - summary.latency.noQueueFraction!);
    expectStatistical(c26, 'mean_queueing_delay_s', summary.latency.components.queue.mean!);
    expectStatistical(c26, 'mean_delay_s', summary.latency.mean!);
    // Little's law on the measured figures: L = λW, L_q = λW_q.
    const rate = summary.throughput.messagesPerSecond!;
    expectStatistical(c26, 'mean_number_in_system', rate * summary.latency.mean!);
    expectStatistical(c26, 'mean_number_in_queue', rate * summary.latency.components.queue.mean!);
  });
});
