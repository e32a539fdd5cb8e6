import { expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';
import { describeTheory, expected, expectStatistical, input, theoryCase } from '../helpers/theory-cases.js';

describeTheory('C27 M/M/1/K: a bounded broker queue rejecting publishers (statistical)', () => {
  const c27 = theoryCase('C27');

  /**
   * M/M/1/K as a bounded broker queue and one consumer with prefetch 1: the queue holds K - 1
   * ready messages and the consumer the one it processes, so K counts the one in service, as the
   * case says. Arrivals finding it full are rejected (dropped.queueFull).
   */
  const lambda = input(c27, 'arrival_rate');
  const capacity = input(c27, 'capacity_in_system');
  const warmup = 1e4 / lambda;
  const measured = 3e5;
  const fast = { bandwidth: '1Tbps', delay: 0 };
  const { summary } = run({
    name: 'c27',
    seed: 27,
    warmup,
    nodes: [
      { id: 'producer' },
      { id: 'broker' },
      { id: 'server', processing: { dist: 'exponential', mean: 1 / input(c27, 'service_rate') } },
    ],
    links: [
      { between: ['producer', 'broker'], ...fast },
      { between: ['broker', 'server'], ...fast },
    ],
    brokers: [
      {
        node: 'broker',
        queues: [{ name: 'messages', capacity: capacity - 1, overflow: 'reject' }],
        consumers: [{ id: 'consumer', node: 'server', queue: 'messages', prefetch: 1 }],
      },
    ],
    flows: [
      {
        from: 'producer',
        to: 'broker',
        publish: { queue: 'messages' },
        workload: { rate: lambda, arrivals: 'poisson', messages: 1e4 + measured, size: '1B' },
      },
    ],
  });
  const queue = summary.brokers!.broker.subscriptions.messages;

  it('rejects the fraction of arrivals that find K messages present', () => {
    expectStatistical(c27, 'blocking_probability', (queue.dropped.queueFull ?? 0) / queue.routed);
    expectStatistical(
      c27,
      'blocking_probability',
      (summary.counts.dropped.queueFull ?? 0) / summary.counts.sent,
    );
  });

  it('matches the throughput and the mean delay of accepted messages', () => {
    expectStatistical(c27, 'throughput_msg_per_s', summary.throughput.messagesPerSecond!);
    expectStatistical(c27, 'mean_delay_accepted_s', summary.latency.mean!);
  });

  it('matches the time-average number in system (consumer lag)', () => {
    expectStatistical(c27, 'mean_number_in_system', queue.lag.mean!);
  });

  it("states the M/M/1/K prediction beside the results (the run's own theory entry)", () => {
    const theory = summary.theory['broker-queue:broker/messages'].values;
    expect(Math.abs(theory.blockingProbability - expected(c27, 'blocking_probability'))).toBeLessThan(1e-9);
  });
});
