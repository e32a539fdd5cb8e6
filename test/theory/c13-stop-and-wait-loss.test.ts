import { expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';
import { describeTheory, expectStatistical, input, theoryCase } from '../helpers/theory-cases.js';

describeTheory('C13 stop-and-wait with Bernoulli data loss and a fixed timeout (statistical)', () => {
  const c13 = theoryCase('C13');

  const packetBytes = input(c13, 'packet_size');
  const delivered = input(c13, 'n_delivered');
  const { summary } = run({
    name: 'c13',
    seed: 13,
    nodes: [{ id: 's' }, { id: 'r' }],
    links: [
      {
        between: ['s', 'r'],
        bandwidth: input(c13, 'link_rate'),
        delay: input(c13, 'prop_delay_one_way'),
        loss: { forward: input(c13, 'data_loss_prob'), reverse: input(c13, 'ack_loss_prob') },
      },
    ],
    flows: [
      {
        id: 'f',
        from: 's',
        to: 'r',
        transport: {
          protocol: 'stop-and-wait',
          timeout: input(c13, 'timeout'),
          ackSize: input(c13, 'ack_size'),
          retries: 100,
        },
        workload: { messages: delivered, size: packetBytes },
      },
    ],
  });
  const counts = summary.counts;

  it('delivers every packet exactly once', () => {
    expect(counts.delivered).toBe(delivered);
    expect(counts.failed).toBe(0);
    expect(counts.duplicates).toBe(0);
  });

  it('matches mean time per packet, goodput and wire throughput within tolerance', () => {
    expectStatistical(c13, 'mean_time_per_packet_s', summary.throughput.intervalSeconds / counts.delivered);
    expectStatistical(c13, 'goodput_bps', summary.throughput.goodputBitsPerSecond!);
    expectStatistical(c13, 'wire_throughput_bps', summary.throughput.wireBitsPerSecond!);
  });

  it('matches transmissions per delivered packet and the retransmitted share', () => {
    expectStatistical(c13, 'transmissions_per_delivered', counts.packets.data / counts.delivered);
    expectStatistical(c13, 'retransmission_fraction', counts.retransmissions / counts.packets.data);
  });

  it("agrees with the run's own closed-form prediction", () => {
    const theory = summary.theory['stop-and-wait:f'].values;
    expectStatistical(c13, 'mean_time_per_packet_s', theory.meanTimePerMessageSeconds);
    expectStatistical(c13, 'goodput_bps', theory.goodputBitsPerSecond);
  });
});
