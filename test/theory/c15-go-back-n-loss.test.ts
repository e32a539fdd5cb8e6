import { expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';
import { describeTheory, expectStatistical, input, theoryCase } from '../helpers/theory-cases.js';

describeTheory('C15 Go-Back-N with Bernoulli frame loss: goodput vs wire throughput (statistical)', () => {
  const c15 = theoryCase('C15');

  const frames = input(c15, 'n_delivered');
  const linkRate = input(c15, 'link_rate');
  const { summary } = run({
    name: 'c15',
    seed: 15,
    nodes: [{ id: 's' }, { id: 'r' }],
    links: [
      {
        between: ['s', 'r'],
        bandwidth: linkRate,
        delay: input(c15, 'prop_delay_one_way'),
        loss: { forward: input(c15, 'data_loss_prob'), reverse: 0 },
      },
    ],
    flows: [
      {
        id: 'f',
        from: 's',
        to: 'r',
        transport: {
          protocol: 'go-back-n',
          window: input(c15, 'window'),
          // Fixed, from the start of the frame's latest transmission; duplicate ACKs leave it alone.
          timeout: input(c15, 'timeout'),
          ackSize: 0,
          retries: 1000,
        },
        workload: { messages: frames, size: input(c15, 'frame_size') },
      },
    ],
  });
  const counts = summary.counts;

  it('delivers every frame exactly once, in order', () => {
    expect(counts.delivered).toBe(frames);
    expect(counts.failed).toBe(0);
    expect(counts.duplicates).toBe(0);
    expect(counts.misdelivered).toBe(0);
    expect(counts.inFlight).toBe(0);
  });

  it('has goodput (1-p)/(1+(K-1)p)·R = 6.13 Mbit/s, not the 9.35 Mbit/s put on the wire', () => {
    expectStatistical(c15, 'goodput_bps', summary.throughput.goodputBitsPerSecond);
    expectStatistical(c15, 'goodput_fraction', summary.throughput.goodputBitsPerSecond / linkRate);
    expectStatistical(c15, 'wire_throughput_bps', summary.throughput.wireBitsPerSecond);
  });

  it('sends W frames per failed head attempt: 1.526 transmissions per frame, link busy 93.5%', () => {
    expectStatistical(
      c15,
      'transmissions_per_delivered',
      (counts.delivered + counts.retransmissions) / counts.delivered,
    );
    expect(counts.packets.data).toBe(counts.delivered + counts.retransmissions);
    expectStatistical(c15, 'link_busy_fraction', summary.links['s-r'].directions[0].utilisation);
  });
});
