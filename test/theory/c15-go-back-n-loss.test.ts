import { expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';
import { describeTheory, expected, expectStatistical, input, theoryCase } from '../helpers/theory-cases.js';

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
    expectStatistical(c15, 'goodput_bps', summary.throughput.goodputBitsPerSecond!);
    expectStatistical(c15, 'goodput_fraction', summary.throughput.goodputBitsPerSecond! / linkRate);
    expectStatistical(c15, 'wire_throughput_bps', summary.throughput.wireBitsPerSecond!);
  });

  it('sends W frames per failed head attempt: 1.526 transmissions per frame, link busy 93.5%', () => {
    expectStatistical(
      c15,
      'transmissions_per_delivered',
      (counts.delivered + counts.retransmissions) / counts.delivered,
    );
    expect(counts.packets.data).toBe(counts.delivered + counts.retransmissions);
    expectStatistical(c15, 'link_busy_fraction', summary.links['s-r'].directions[0].utilisation!);
  });

  it("states the Go-Back-N prediction beside the results (the run's own theory entry)", () => {
    const theory = summary.theory['go-back-n:f'].values;
    const exact = (value: number, metric: string) =>
      expect(Math.abs(value - expected(c15, metric)), metric).toBeLessThan(1e-9 * expected(c15, metric));
    exact(theory.goodputBitsPerSecond, 'goodput_bps');
    exact(theory.goodputBitsPerSecond / linkRate, 'goodput_fraction');
    exact(theory.transmissionsPerMessage, 'transmissions_per_delivered');
    exact(theory.linkBusyFraction, 'link_busy_fraction');
    exact(theory.linkBusyFraction * linkRate, 'wire_throughput_bps');
    expect(theory.timeoutFrames).toBeCloseTo(12, 12);
  });
});

describeTheory('Go-Back-N whose window outlasts the timer: each loss costs ceil(T_o/t_f) frames', () => {
  // C15's path with W = 64 and T_o = 12.5 ms: the timer of a lost frame fires while the window
  // still sends, and its copy follows the frame in transmission, 13 frame times after it.
  const frames = 5e5;
  const { summary } = run({
    name: 'gbn-long-window',
    seed: 15,
    nodes: [{ id: 's' }, { id: 'r' }],
    links: [
      { between: ['s', 'r'], bandwidth: '10Mbps', delay: '4.5ms', loss: { forward: 0.05, reverse: 0 } },
    ],
    flows: [
      {
        id: 'f',
        from: 's',
        to: 'r',
        transport: { protocol: 'go-back-n', window: 64, timeout: '12.5ms', ackSize: 0, retries: 1000 },
        workload: { messages: frames, size: '1250B' },
      },
    ],
  });
  const theory = summary.theory['go-back-n:f'].values;

  it('predicts (1-p)/(1+12p)·R = 5.94 Mbit/s and 1 + 13·p/(1-p) copies, the link never idle', () => {
    expect(theory.timeoutFrames).toBe(13);
    expect(theory.goodputBitsPerSecond).toBeCloseTo((0.95 / 1.6) * 1e7, 3);
    expect(theory.transmissionsPerMessage).toBeCloseTo(1 + (13 * 0.05) / 0.95, 12);
  });

  it('is what the run measures, within 5 standard errors (1.25%)', () => {
    // Failures per success are geometric: over N frames the relative SE of the time is about
    // K·sqrt(p/N)/(1 + K·p/(1-p)) = 0.25%; 1.25% is 5 of them.
    const near = (measured: number, predicted: number) =>
      expect(Math.abs(measured / predicted - 1)).toBeLessThan(0.0125);
    near(summary.throughput.goodputBitsPerSecond!, theory.goodputBitsPerSecond);
    const copies = (summary.counts.delivered + summary.counts.retransmissions) / summary.counts.delivered;
    near(copies, theory.transmissionsPerMessage);
    near(summary.links['s-r'].directions[0].utilisation!, theory.linkBusyFraction);
  });
});
