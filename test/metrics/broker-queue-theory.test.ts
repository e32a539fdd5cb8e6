import { describe, it } from 'vitest';
import { erlangCTheory, mm1kTheory } from '../../src/metrics/broker-queue-theory.js';
import { expectExact, input, theoryCase } from '../helpers/theory-cases.js';

const exactly = (c: ReturnType<typeof theoryCase>) => ({ ...c, tolerance: { float_rel: 1e-9 } });

describe('broker queue formulas against the reference cases (exact)', () => {
  it('M/M/2 Erlang C gives C26: C = 9/14, W_q = 9/700 s, W = 16/700 s', () => {
    const c26 = exactly(theoryCase('C26'));
    const service = input(c26, 'mean_packet_size') / input(c26, 'link_rate');
    const { values } = erlangCTheory(input(c26, 'arrival_rate'), service, input(c26, 'n_servers'))!;
    expectExact(c26, 'prob_wait', values.probabilityOfWaiting);
    expectExact(c26, 'mean_queueing_delay_s', values.meanQueueingSeconds);
    expectExact(c26, 'mean_delay_s', values.meanSojournSeconds);
    expectExact(c26, 'mean_number_in_queue', values.meanNumberInQueue);
    expectExact(c26, 'mean_number_in_system', values.meanNumberInSystem);
    expectExact(c26, 'per_link_utilisation', values.utilisation);
  });

  it('M/M/1/K gives C27: blocking, throughput, number in system and delay of accepted messages', () => {
    const c27 = exactly(theoryCase('C27'));
    const { values } = mm1kTheory(
      input(c27, 'arrival_rate'),
      1 / input(c27, 'service_rate'),
      input(c27, 'capacity_in_system'),
    );
    expectExact(c27, 'blocking_probability', values.blockingProbability);
    expectExact(c27, 'throughput_msg_per_s', values.throughputMessagesPerSecond);
    expectExact(c27, 'mean_number_in_system', values.meanNumberInSystem);
    expectExact(c27, 'mean_delay_accepted_s', values.meanSojournSeconds);
  });
});
