import type { Registry } from '../engine/registry.js';
import { erlangCTheory, mm1kTheory } from '../metrics/broker-queue-theory.js';
import type { TheoryPrediction } from '../metrics/summary.js';
import type { ArrivalDefinition } from '../workload/arrival-pattern.js';
import type { Scenario } from './schema.js';

/** A round trip to a consumer at most this share of its mean service time counts as negligible. */
const NEGLIGIBLE_ROUND_TRIP = 0.01;

/**
 * Queueing predictions for broker queues, named `broker-queue:<broker>/<queue>`: where one
 * Poisson publisher feeds the queue directly and its consumers (prefetch 1, one worker each,
 * the same exponential processing, no failures) are a textbook server pool — M/M/c when the
 * queue is unbounded, M/M/1/K (K = capacity + 1) for one consumer of a rejecting queue. Only
 * when the round trip to each consumer is negligible beside the service time: with prefetch 1
 * a consumer waits for its next message a round trip, which the formulas do not know.
 */
export function brokerQueueTheory(
  scenario: Scenario,
  arrivalPatterns: Registry<ArrivalDefinition>,
): Record<string, TheoryPrediction> {
  const predictions: Record<string, TheoryPrediction> = {};
  const nodes = new Map(scenario.nodes.map((node) => [node.id, node]));
  const scripted = new Set(
    scenario.faults.flatMap((fault) =>
      'crash' in fault ? [fault.crash] : 'recover' in fault ? [fault.recover] : [],
    ),
  );
  const up = (id: string) => nodes.get(id)?.failure === undefined && !scripted.has(id);
  for (const broker of scenario.brokers) {
    if (!up(broker.node)) continue;
    for (const queue of broker.queues) {
      const publishers = scenario.flows.filter(
        (flow) => flow.to === broker.node && flow.publish?.queue === queue.name,
      );
      const routedElsewhere = scenario.flows.some(
        (flow) => flow.to === broker.node && flow.publish?.exchange !== undefined,
      );
      const consumers = broker.consumers.filter((consumer) => consumer.queue === queue.name);
      if (publishers.length !== 1 || routedElsewhere || consumers.length === 0) continue;
      const [publisher] = publishers;
      // Arrivals stay Poisson only without a sender that waits (datagram) and without a queue
      // at the broker node in front of the broker's queue (no processing there).
      const brokerProcessing = nodes.get(broker.node)!.processing;
      if (
        arrivalPatterns.get(publisher.workload.arrivals).closedForm !== 'poisson' ||
        publisher.transport.protocol !== 'datagram' ||
        !up(publisher.from) ||
        !(brokerProcessing.isConstant && brokerProcessing.mean === 0)
      )
        continue;
      const service = consumers.map((consumer) => nodes.get(consumer.node)!);
      const mean = service[0].processing.mean;
      const poolLike = consumers.every(
        (consumer, i) =>
          consumer.prefetch === 1 &&
          up(consumer.node) &&
          service[i].servers === 1 &&
          service[i].processing.family === 'exponential' &&
          service[i].processing.mean === mean &&
          new Set(consumers.map((c) => c.node)).size === consumers.length,
      );
      if (!poolLike || !roundTripsNegligible(scenario, broker.node, consumers, mean)) continue;
      const lambda = publisher.workload.rate ?? 0;
      const name = `broker-queue:${broker.node}/${queue.name}`;
      if (queue.capacity === undefined) {
        const prediction = erlangCTheory(lambda, mean, consumers.length);
        if (prediction) predictions[name] = prediction;
      } else if (consumers.length === 1 && queue.overflow === 'reject') {
        predictions[name] = mm1kTheory(lambda, mean, queue.capacity + 1);
      }
    }
  }
  return predictions;
}

function roundTripsNegligible(
  scenario: Scenario,
  brokerNode: string,
  consumers: ReadonlyArray<{ node: string }>,
  serviceSeconds: number,
): boolean {
  return consumers.every((consumer) => {
    const link = scenario.links.find(
      (candidate) => candidate.between.includes(brokerNode) && candidate.between.includes(consumer.node),
    );
    if (link === undefined || link.failure !== undefined) return false;
    // Two hops of a full-size packet (1500 B) and their delays: a generous bound of the round trip.
    const roundTrip = 2 * link.delay.mean + (2 * 1500 * 8) / link.bandwidth;
    return roundTrip <= NEGLIGIBLE_ROUND_TRIP * serviceSeconds;
  });
}
