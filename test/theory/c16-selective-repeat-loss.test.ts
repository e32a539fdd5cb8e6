import { expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';
import { describeTheory, expected, expectStatistical, input, theoryCase } from '../helpers/theory-cases.js';

describeTheory(
  'C16 selective repeat with Bernoulli frame loss and W = 64: goodput (1-p)R (statistical)',
  () => {
    const c16 = theoryCase('C16');

    const frames = input(c16, 'n_delivered');
    const { summary } = run({
      name: 'c16',
      seed: 16,
      nodes: [{ id: 's' }, { id: 'r' }],
      links: [
        {
          between: ['s', 'r'],
          bandwidth: input(c16, 'link_rate'),
          delay: input(c16, 'prop_delay_one_way'),
          loss: { forward: input(c16, 'data_loss_prob'), reverse: 0 },
        },
      ],
      flows: [
        {
          id: 'f',
          from: 's',
          to: 'r',
          transport: {
            protocol: 'selective-repeat',
            window: input(c16, 'window'),
            // Per-frame timers, fixed, from the start of each frame's latest transmission.
            timeout: input(c16, 'timeout'),
            ackSize: 0,
            retries: 1000,
          },
          workload: { messages: frames, size: input(c16, 'frame_size') },
        },
      ],
    });
    const counts = summary.counts;

    it('delivers every frame exactly once, in order, and resends only lost ones', () => {
      expect(counts.delivered).toBe(frames);
      expect(counts.failed).toBe(0);
      expect(counts.duplicates).toBe(0);
      expect(counts.misdelivered).toBe(0);
      expect(counts.inFlight).toBe(0);
      // ACKs are lossless, so every retransmission replaces a lost copy.
      expect(counts.retransmissions).toBe(counts.packets.lost.linkLoss);
    });

    it('keeps the link busy: goodput (1-p)R = 9.5 Mbit/s, wire throughput R', () => {
      expectStatistical(c16, 'goodput_bps', summary.throughput.goodputBitsPerSecond!);
      expectStatistical(c16, 'wire_throughput_bps', summary.throughput.wireBitsPerSecond!);
    });

    it("states the selective repeat prediction beside the results (the run's own theory entry)", () => {
      const theory = summary.theory['selective-repeat:f'].values;
      const exact = (value: number, metric: string) =>
        expect(Math.abs(value - expected(c16, metric)), metric).toBeLessThan(1e-9 * expected(c16, metric));
      exact(theory.goodputBitsPerSecond, 'goodput_bps');
      exact(theory.linkBusyFraction * input(c16, 'link_rate'), 'wire_throughput_bps');
      exact(theory.transmissionsPerMessage, 'transmissions_per_delivered');
      // The window (64 frames, 54 ms of slack) stalls only after 5 losses of one frame in a row.
      expect(theory.stallProbabilityPerFrame).toBeCloseTo(0.05 ** 5, 15);
    });

    it('needs 1/(1-p) transmissions per frame', () => {
      expectStatistical(
        c16,
        'transmissions_per_delivered',
        (counts.delivered + counts.retransmissions) / counts.delivered,
      );
    });
  },
);
