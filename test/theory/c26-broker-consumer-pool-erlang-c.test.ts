import { expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';
import { describeTheory, expected, expectStatistical, input, theoryCase } from '../helpers/theory-cases.js';

describeTheory('C26 M/M/2 (Erlang C): a broker queue served by two consumers (statistical)', () => {
  const c26 = theoryCase('C26');

  /**
   * M/M/2 as a broker queue with a pool of two competing consumers (prefetch 1: a consumer holds
   * only the message it processes, so a message waits in the broker's queue exactly while both are
   * busy). Service is the consumers' exponential processing time of mean size/rate = 10 ms; the
   * network hops are made negligible (a terabit link, no delay).
   */
  const lambda = input(c26, 'arrival_rate');
  const serviceSeconds = input(c26, 'mean_packet_size') / input(c26, 'link_rate');
  const warmup = 1e4 / lambda;
  const measured = 2e5;
  const fast = { bandwidth: '1Tbps', delay: 0 };
  const { summary } = run({
    name: 'c26',
    seed: 26,
    warmup,
    nodes: [
      { id: 'producer' },
      { id: 'broker' },
      ...['line-1', 'line-2'].map((id) => ({
        id,
        processing: { dist: 'exponential', mean: serviceSeconds },
      })),
    ],
    links: [
      { between: ['producer', 'broker'], ...fast },
      { between: ['broker', 'line-1'], ...fast },
      { between: ['broker', 'line-2'], ...fast },
    ],
    brokers: [
      {
        node: 'broker',
        queues: [{ name: 'packets' }],
        consumers: [
          { id: 'c1', node: 'line-1', queue: 'packets', prefetch: 1 },
          { id: 'c2', node: 'line-2', queue: 'packets', prefetch: 1 },
        ],
      },
    ],
    flows: [
      {
        from: 'producer',
        to: 'broker',
        publish: { queue: 'packets' },
        workload: { rate: lambda, arrivals: 'poisson', messages: 1e4 + measured, size: '1B' },
      },
    ],
  });
  const queue = summary.brokers!.broker.subscriptions.packets;

  it('matches P(wait) and the mean time in the broker queue', () => {
    expectStatistical(c26, 'prob_wait', 1 - summary.latency.noQueueFraction!);
    expectStatistical(c26, 'mean_queueing_delay_s', summary.latency.components.queue.mean!);
  });

  it('matches the mean delay (queue plus processing)', () => {
    expectStatistical(c26, 'mean_delay_s', summary.latency.mean!);
  });

  it('matches the time-average queue depth and the number in system (consumer lag)', () => {
    expectStatistical(c26, 'mean_number_in_queue', queue.depth.mean!);
    expectStatistical(c26, 'mean_number_in_system', queue.lag.mean!);
  });

  it('keeps each consumer busy 75% of the time (lag minus depth = messages in processing)', () => {
    expectStatistical(c26, 'per_link_utilisation', (queue.lag.mean! - queue.depth.mean!) / 2);
  });

  it("states the Erlang C prediction beside the results (the run's own theory entry)", () => {
    const theory = summary.theory['broker-queue:broker/packets'].values;
    expect(Math.abs(theory.probabilityOfWaiting - expected(c26, 'prob_wait'))).toBeLessThan(1e-9);
    expect(Math.abs(theory.meanQueueingSeconds - expected(c26, 'mean_queueing_delay_s'))).toBeLessThan(1e-9);
  });
});
