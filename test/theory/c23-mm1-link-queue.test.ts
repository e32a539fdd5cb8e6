import { expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';
import { describeTheory, expectStatistical, input, theoryCase } from '../helpers/theory-cases.js';

describeTheory('C23 M/M/1 output link: Poisson packets with exponential sizes (statistical)', () => {
  const c23 = theoryCase('C23');

  const lambda = input(c23, 'arrival_rate');
  const warmupPackets = input(c23, 'warmup');
  const measuredPackets = input(c23, 'n_measured');
  const warmup = warmupPackets / lambda;
  const { summary } = run({
    name: 'c23',
    seed: 23,
    warmup,
    duration: warmup + measuredPackets / lambda,
    nodes: [{ id: 'source' }, { id: 'sink' }],
    links: [{ between: ['source', 'sink'], bandwidth: input(c23, 'link_rate'), delay: 0 }],
    flows: [
      {
        id: 'packets',
        from: 'source',
        to: 'sink',
        transport: { protocol: 'datagram' },
        workload: {
          rate: lambda,
          arrivals: 'poisson',
          size: { dist: 'exponential', mean: input(c23, 'mean_packet_size') },
        },
      },
    ],
  });
  const latency = summary.latency;
  const throughput = summary.throughput.messagesPerSecond!;

  it('matches mean delay and mean queueing delay', () => {
    expectStatistical(c23, 'mean_delay_s', latency.mean!);
    expectStatistical(c23, 'mean_queueing_delay_s', latency.components.queue.mean!);
  });

  it('matches the delay percentiles', () => {
    expectStatistical(c23, 'median_delay_s', latency.p50!);
    expectStatistical(c23, 'p95_delay_s', latency.p95!);
    expectStatistical(c23, 'p99_delay_s', latency.p99!);
  });

  it('matches P(no wait), and the numbers in system and queue by Little', () => {
    expectStatistical(c23, 'prob_no_wait', latency.noQueueFraction!);
    expectStatistical(c23, 'mean_number_in_system', throughput * latency.mean!);
    expectStatistical(c23, 'mean_number_in_queue', throughput * latency.components.queue.mean!);
  });

  it("measures the link's own backlog and wait: L_q = ρ²/(1-ρ) = 3.2 packets, W_q = 4 ms", () => {
    const queue = summary.links['source-sink'].directions[0].queue;
    expectStatistical(c23, 'mean_number_in_queue', queue.meanPacketsWaiting!);
    expectStatistical(c23, 'mean_queueing_delay_s', queue.meanWaitSeconds!);
    // Every message crosses this one link, so its wait there is the messages' queueing delay; the
    // two differ only at the edges (the link counts packets that start after the warm-up, the
    // latency messages created after it and delivered before the end): a few packets in 10^6.
    expect(Math.abs(queue.meanWaitSeconds! / latency.components.queue.mean! - 1)).toBeLessThan(1e-4);
  });

  it('matches link utilisation and throughput', () => {
    expectStatistical(c23, 'utilisation', summary.links['source-sink'].directions[0].utilisation!);
    expectStatistical(c23, 'throughput_bps', summary.throughput.goodputBitsPerSecond!);
  });

  it("agrees with the run's own M/M/1 prediction", () => {
    const theory = summary.theory['link-queue:packets'].values;
    expectStatistical(c23, 'mean_delay_s', theory.meanLatencySeconds);
    expectStatistical(c23, 'prob_no_wait', theory.probabilityNoWait);
  });
});
