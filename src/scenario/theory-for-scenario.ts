import type { Registry } from '../engine/registry.js';
import { requestReplyTheory } from '../metrics/request-reply-theory.js';
import type { TheoryPrediction } from '../metrics/summary.js';
import { linkQueueTheory, stopAndWaitTheory } from '../metrics/theory.js';
import type { LossModel } from '../net/loss/loss-model.js';
import type { ClosedFormBehaviour, TransportDefinition } from '../transport/transport.js';
import type { ArrivalClosedForm, ArrivalDefinition } from '../workload/arrival-pattern.js';
import { brokerQueueTheory } from './broker-theory-for-scenario.js';
import type { FlowConfig, LinkConfig, Scenario } from './schema.js';

/** Finds the link joining two nodes directly, in either order, in O(1) per look-up. */
function directLinks(scenario: Scenario): (flow: FlowConfig) => LinkConfig | undefined {
  const byEnds = new Map<string, LinkConfig>();
  for (const link of scenario.links) {
    byEnds.set(`${link.between[0]}\u0000${link.between[1]}`, link);
    byEnds.set(`${link.between[1]}\u0000${link.between[0]}`, link);
  }
  return (flow) => byEnds.get(`${flow.from}\u0000${flow.to}`);
}

/** The link neither loses nor corrupts anything, in either direction. */
function losesNothing(link: LinkConfig): boolean {
  return (
    link.loss.forward.lossRate === 0 &&
    link.loss.reverse.lossRate === 0 &&
    link.corrupt.forward === 0 &&
    link.corrupt.reverse === 0
  );
}

/**
 * The probability that a packet sent one way does not get through (lost on the wire, or
 * corrupted and discarded: independent draws), when each packet fares independently; undefined
 * when the loss model's losses depend on one another.
 */
function independentFailureProbability(loss: LossModel, corrupt: number): number | undefined {
  const lossProbability = loss.independentProbability;
  if (lossProbability === undefined || corrupt === 0) return lossProbability;
  return 1 - (1 - lossProbability) * (1 - corrupt);
}

/**
 * Request-reply over a lossless direct link with a datagram transport and constant sizes and
 * processing; without a timeout that could cut a round trip short (sync: shorter than C; async:
 * any, as queueing has no bound there).
 */
function requestReplyPrediction(
  flow: FlowConfig,
  arrivals: ArrivalClosedForm | undefined,
  behaviour: ClosedFormBehaviour | null,
  link: LinkConfig,
  nodesById: ReadonlyMap<string, Scenario['nodes'][number]>,
): TheoryPrediction | null {
  const pattern = flow.pattern!;
  const server = nodesById.get(flow.to)!;
  const client = nodesById.get(flow.from)!;
  const constant = [flow.workload.size, pattern.replySize, server.processing, client.processing];
  if (behaviour?.model !== 'unacknowledged' || !constant.every((distribution) => distribution.isConstant))
    return null;
  if (!losesNothing(link) || flow.workload.sizeCycleBytes !== undefined) return null;
  if (pattern.think !== undefined && !pattern.think.isConstant) return null;
  const theory = requestReplyTheory({
    mode: pattern.mode,
    requestBytes: flow.workload.size.mean + flow.transport.headerSize,
    replyBytes: pattern.replySize.mean + flow.transport.headerSize,
    bandwidthBitsPerSecond: link.bandwidth,
    propagationSeconds: link.delay.mean,
    serverSeconds: server.processing.mean,
    serverWorkers: server.servers,
    clientSeconds: client.processing.mean,
    clientWorkers: client.servers,
    thinkSeconds: pattern.think?.mean ?? 0,
    maxOutstanding: pattern.maxOutstanding ?? Number.POSITIVE_INFINITY,
    // Bursts or a trace offer no steady rate to bound T by; the other bounds hold for any arrivals.
    offeredPerSecond:
      arrivals === 'periodic' || arrivals === 'poisson'
        ? (flow.workload.rate ?? Number.POSITIVE_INFINITY)
        : Number.POSITIVE_INFINITY,
  });
  if (pattern.timeout !== undefined) {
    if (pattern.mode === 'async' || pattern.timeout < theory.values.roundTripSeconds) return null;
  }
  return theory;
}

/**
 * The closed-form predictions that apply to this scenario, named `<model>:<flow id>`: only
 * where the model's assumptions hold (one direct link, constant delays, no faults on the ends,
 * the flow alone on its link), so every number shown beside a result is one a textbook gives.
 */
export function predictTheory(
  scenario: Scenario,
  transports: Registry<TransportDefinition>,
  arrivalPatterns: Registry<ArrivalDefinition>,
): Record<string, TheoryPrediction> {
  const predictions: Record<string, TheoryPrediction> = {};
  const faultyNodes = new Set([
    ...scenario.nodes.filter((node) => node.failure).map((node) => node.id),
    ...scenario.faults.flatMap((fault) =>
      'crash' in fault ? [fault.crash] : 'recover' in fault ? [fault.recover] : [],
    ),
  ]);
  // Link failures, cuts, degradations and partitions change what the formulas assume.
  const faultyLinks = new Set([
    ...scenario.links.filter((link) => link.failure).map((link) => link.id),
    ...scenario.faults.flatMap((fault) =>
      'cut' in fault ? [fault.cut] : 'degrade' in fault ? [fault.degrade] : [],
    ),
  ]);
  const partitioned = scenario.faults.some((fault) => 'partition' in fault);
  const directLink = directLinks(scenario);
  const nodesById = new Map(scenario.nodes.map((node) => [node.id, node]));
  const flowsPerLink = new Map<LinkConfig, number>();
  for (const flow of scenario.flows) {
    const link = directLink(flow);
    if (link) flowsPerLink.set(link, (flowsPerLink.get(link) ?? 0) + 1);
  }
  for (const flow of scenario.flows) {
    // A broadcast has no one link; its `to` names no node.
    if (flow.broadcast) continue;
    // A published message's journey goes on past the broker: see brokerQueueTheory.
    if (flow.publish !== undefined) continue;
    const link = directLink(flow);
    if (!link?.delay.isConstant || faultyNodes.has(flow.from) || faultyNodes.has(flow.to)) continue;
    if (faultyLinks.has(link.id) || partitioned) continue;
    if ((flowsPerLink.get(link) ?? 0) > 1) continue;
    // Extra copies (ACKed again, resent on) are in no formula.
    if (link.duplicate.forward > 0 || link.duplicate.reverse > 0) continue;
    const transport = flow.transport;
    const behaviour = transports.get(transport.protocol).closedForm?.(transport) ?? null;
    const arrivals = arrivalPatterns.get(flow.workload.arrivals).closedForm;
    if (flow.pattern !== undefined) {
      const prediction = requestReplyPrediction(flow, arrivals, behaviour, link, nodesById);
      if (prediction) predictions[`request-reply:${flow.id}`] = prediction;
      continue;
    }
    const forward = link.between[0] === flow.from;
    const size = flow.workload.size;
    // The formula assumes independent losses: no prediction for a periodic pattern or bursts.
    // A corrupted copy is discarded at the receiver, so to the sender it is one more loss.
    const dataLossProbability = forward
      ? independentFailureProbability(link.loss.forward, link.corrupt.forward)
      : independentFailureProbability(link.loss.reverse, link.corrupt.reverse);
    const ackLossProbability = forward
      ? independentFailureProbability(link.loss.reverse, link.corrupt.reverse)
      : independentFailureProbability(link.loss.forward, link.corrupt.forward);
    if (
      behaviour?.model === 'stop-and-wait' &&
      dataLossProbability !== undefined &&
      ackLossProbability !== undefined &&
      size.isConstant &&
      arrivals === 'all-at-once'
    ) {
      const prediction = stopAndWaitTheory({
        dataBytes: size.mean + transport.headerSize,
        ackBytes: behaviour.ackBytes,
        bandwidthBitsPerSecond: link.bandwidth,
        propagationSeconds: link.delay.mean,
        dataLossProbability,
        ackLossProbability,
        timeoutSeconds: behaviour.timeoutSeconds,
      });
      if (prediction) predictions[`stop-and-wait:${flow.id}`] = prediction;
    }
    const receiver = nodesById.get(flow.to);
    const noProcessing = receiver?.processing.isConstant && receiver.processing.mean === 0;
    if (
      behaviour?.model === 'unacknowledged' &&
      arrivals === 'poisson' &&
      losesNothing(link) &&
      !link.buffer?.mayDrop &&
      noProcessing &&
      (size.family === 'exponential' || size.isConstant) &&
      transport.headerSize === 0
    ) {
      const prediction = linkQueueTheory({
        arrivalsPerSecond: flow.workload.rate ?? 0,
        meanSizeBytes: size.mean,
        bandwidthBitsPerSecond: link.bandwidth,
        sizes: size.isConstant ? 'constant' : 'exponential',
        propagationSeconds: link.delay.mean,
      });
      if (prediction) predictions[`link-queue:${flow.id}`] = prediction;
    }
  }
  return { ...predictions, ...brokerQueueTheory(scenario, arrivalPatterns) };
}
