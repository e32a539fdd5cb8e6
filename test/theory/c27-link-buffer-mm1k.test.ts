import { expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { describeTheory, expected, expectStatistical, input, theoryCase } from '../helpers/theory-cases.js';

describeTheory('C27 M/M/1/K: a link whose buffer holds K - 1 packets (statistical)', () => {
  const c27 = theoryCase('C27');

  /**
   * M/M/1/K as one link: Poisson datagrams at lambda, exponential sizes whose mean takes 1/mu to
   * transmit (1250 B at 10 Mbit/s: 1 ms), no propagation delay. The buffer holds the packets
   * waiting behind the one in transmission, so K (which counts the one in service) is the
   * buffer plus one. Arrivals finding it full are dropped (dropped.linkBuffer).
   */
  const lambda = input(c27, 'arrival_rate');
  const mu = input(c27, 'service_rate');
  const capacity = input(c27, 'capacity_in_system');
  const warmup = 1e4 / lambda;
  const measured = 3e5;
  const bandwidth = 10e6;
  const scenario = (buffer: number | string): ScenarioInput => ({
    name: 'c27-link',
    seed: 27,
    warmup,
    nodes: [{ id: 'source' }, { id: 'sink' }],
    links: [{ between: ['source', 'sink'], bandwidth, delay: 0, buffer }],
    flows: [
      {
        id: 'packets',
        from: 'source',
        to: 'sink',
        workload: {
          rate: lambda,
          arrivals: 'poisson',
          messages: 1e4 + measured,
          size: { dist: 'exponential', mean: bandwidth / 8 / mu },
        },
      },
    ],
  });
  const { summary } = run(scenario(capacity - 1));

  it('drops the fraction of arrivals that find K packets in the link', () => {
    expectStatistical(
      c27,
      'blocking_probability',
      (summary.counts.dropped.linkBuffer ?? 0) / summary.counts.sent,
    );
  });

  it('matches the throughput, the mean delay of accepted packets and (by Little) the number in system', () => {
    const throughput = summary.throughput.messagesPerSecond!;
    expectStatistical(c27, 'throughput_msg_per_s', throughput);
    expectStatistical(c27, 'mean_delay_accepted_s', summary.latency.mean!);
    expectStatistical(c27, 'mean_number_in_system', throughput * summary.latency.mean!);
  });

  it("states the M/M/1/K prediction (not M/M/1's) for a buffer that drops: the run's own theory entry", () => {
    const entry = summary.theory['link-queue:packets'];
    expect(entry.formula).toMatch(/^M\/M\/1\/K/);
    for (const [value, metric] of [
      [entry.values.blockingProbability, 'blocking_probability'],
      [entry.values.throughputMessagesPerSecond, 'throughput_msg_per_s'],
      [entry.values.meanNumberInSystem, 'mean_number_in_system'],
      [entry.values.meanSojournSeconds, 'mean_delay_accepted_s'],
      [entry.values.meanLatencySeconds, 'mean_delay_accepted_s'],
    ] as const) {
      expect(Math.abs(value - expected(c27, metric)), metric).toBeLessThan(1e-9 * expected(c27, metric));
    }
  });
});
