import { expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';
import { describeTheory, expectExact, input, theoryCase } from '../helpers/theory-cases.js';
import { recordingProbe } from '../net/recording-probe.js';

describeTheory('C01 stop-and-wait utilisation on a 1 Gbps, 30 ms RTT path (exact)', () => {
  const c01 = theoryCase('C01');

  const packetBytes = input(c01, 'packet_size');
  const recorder = recordingProbe();
  const result = run(
    {
      name: 'c01',
      nodes: [{ id: 'sender' }, { id: 'receiver' }],
      links: [
        {
          between: ['sender', 'receiver'],
          bandwidth: input(c01, 'link_rate'),
          delay: input(c01, 'prop_delay_one_way'),
          loss: input(c01, 'loss_prob'),
        },
      ],
      flows: [
        {
          id: 'f',
          from: 'sender',
          to: 'receiver',
          transport: { protocol: 'stop-and-wait', timeout: 1, ackSize: input(c01, 'ack_size') },
          workload: { messages: input(c01, 'n_packets'), size: packetBytes },
        },
      ],
    },
    { probes: [recorder.probe] },
  );
  const { summary } = result;
  const flow = summary.flows.f;

  it('transmits a packet in L/R and delivers the first one after L/R + d', () => {
    expectExact(c01, 't_trans_s', summary.latency.components.trans.mean!);
    const first = recorder.resolved.find((message) => message.id === 0)!;
    expectExact(c01, 'first_packet_last_bit_at_receiver_s', first.deliveredAt - first.createdAt);
  });

  it('completes N packets at N·(RTT + L/R), measured first send to last ACK', () => {
    expect(summary.interval.from).toBe(0);
    expectExact(c01, 'completion_time_N_s', summary.interval.to);
    expectExact(c01, 'completion_time_N_s', flow.completedAt!);
  });

  it('gives T = 33.32 messages/s, 266.6 kbit/s and U = 0.000267', () => {
    expectExact(c01, 'throughput_packets_per_s', summary.throughput.messagesPerSecond!);
    expectExact(c01, 'throughput_bps', summary.throughput.goodputBitsPerSecond!);
    expectExact(c01, 'utilisation', flow.senderUtilisation!);
    expectExact(c01, 'utilisation', summary.links['sender-receiver'].directions[0].utilisation!);
  });

  it('reports the matching closed-form prediction', () => {
    const theory = summary.theory['stop-and-wait:f'].values;
    expectExact(c01, 'utilisation', theory.utilisation);
    expectExact(c01, 'throughput_packets_per_s', theory.messagesPerSecond);
    expectExact(c01, 'first_ack_arrival_s', theory.cycleSeconds);
  });

  it('needs no retransmission and loses nothing', () => {
    expect(summary.counts).toMatchObject({
      sent: 1000,
      delivered: 1000,
      retransmissions: 0,
      failed: 0,
      inFlight: 0,
    });
  });
});
