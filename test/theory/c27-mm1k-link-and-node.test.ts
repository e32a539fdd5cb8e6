import { expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { describeTheory, expected, expectStatistical, input, theoryCase } from '../helpers/theory-cases.js';

describeTheory(
  'C27 M/M/1/K: a bounded link buffer and a bounded node queue, their entries (statistical)',
  () => {
    const c27 = theoryCase('C27');

    const lambda = input(c27, 'arrival_rate');
    const serviceSeconds = 1 / input(c27, 'service_rate');
    const capacity = input(c27, 'capacity_in_system');
    const warmup = 1e4 / lambda;
    const measured = 3e5;
    const workload = (size: string | Record<string, unknown>) => ({
      rate: lambda,
      arrivals: 'poisson',
      messages: 1e4 + measured,
      size,
    });
    /** The link's buffer or the node's queue counts the messages that wait: K - 1 of them. */
    const waitingPlaces = capacity - 1;
    const bandwidth = 10e6;

    const scenarios: Array<[string, string, ScenarioInput, string]> = [
      [
        // Exponential sizes of mean 1250 B at 10 Mbit/s: 1 ms per packet on the link.
        'link-queue',
        'a link direction with a buffer of K - 1 packets (dropped.linkBuffer)',
        {
          name: 'c27-link',
          seed: 27,
          warmup,
          nodes: [{ id: 's' }, { id: 'r' }],
          links: [{ between: ['s', 'r'], bandwidth, buffer: waitingPlaces }],
          flows: [
            {
              id: 'f',
              from: 's',
              to: 'r',
              workload: workload({ dist: 'exponential', mean: (serviceSeconds * bandwidth) / 8 }),
            },
          ],
        },
        'linkBuffer',
      ],
      [
        // 0-byte messages take no time on the link: the node sees the Poisson arrivals.
        'node-queue',
        'a node with one server and a queue of K - 1 messages (dropped.nodeQueue)',
        {
          name: 'c27-node',
          seed: 27,
          warmup,
          nodes: [
            { id: 's' },
            { id: 'r', processing: { dist: 'exponential', mean: serviceSeconds }, queue: waitingPlaces },
          ],
          links: [{ between: ['s', 'r'], bandwidth }],
          flows: [{ id: 'f', from: 's', to: 'r', workload: workload('0B') }],
        },
        'nodeQueue',
      ],
    ];

    for (const [model, what, scenario, dropReason] of scenarios) {
      const { summary } = run(scenario);
      const theory = summary.theory[`${model}:f`].values;

      it(`${model}: ${what} gives the M/M/1/K values of the case`, () => {
        for (const [value, metric] of [
          [theory.blockingProbability, 'blocking_probability'],
          [theory.throughputMessagesPerSecond, 'throughput_msg_per_s'],
          [theory.meanNumberInSystem, 'mean_number_in_system'],
          [theory.meanSojournSeconds, 'mean_delay_accepted_s'],
          [theory.meanLatencySeconds, 'mean_delay_accepted_s'],
        ] as const) {
          expect(Math.abs(value - expected(c27, metric)), metric).toBeLessThan(1e-9 * expected(c27, metric));
        }
      });

      it(`${model}: the run measures them: blocking, throughput, mean delay, number in system`, () => {
        const dropped = summary.counts.dropped[dropReason] ?? 0;
        expectStatistical(c27, 'blocking_probability', dropped / summary.counts.sent);
        expectStatistical(c27, 'throughput_msg_per_s', summary.throughput.messagesPerSecond);
        expectStatistical(c27, 'mean_delay_accepted_s', summary.latency.mean!);
        // Little's law on the measured figures: L = T·W.
        expectStatistical(
          c27,
          'mean_number_in_system',
          summary.throughput.messagesPerSecond * summary.latency.mean!,
        );
      });
    }
  },
);
