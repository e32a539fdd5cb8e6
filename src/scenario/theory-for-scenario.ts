import type { Registry } from '../engine/registry.js';
import type { TheoryPrediction } from '../metrics/summary.js';
import { stopAndWaitTheory } from '../metrics/theory.js';
import { goBackNTheory, selectiveRepeatTheory, type WindowPath } from '../metrics/window-theory.js';
import type {
  ClosedFormBehaviour,
  TransportDefinition,
  TransportStrategies,
} from '../transport/transport.js';
import type { ArrivalClosedForm, ArrivalDefinition } from '../workload/arrival-pattern.js';
import { brokerQueueTheory } from './broker-theory-for-scenario.js';
import { poissonQueuePredictions } from './queue-theory-for-scenario.js';
import { requestReplyPrediction } from './request-reply-theory-for-scenario.js';
import type { FlowConfig, LinkConfig, Scenario } from './schema.js';
import { independentFailureProbability } from './theory-link-fates.js';

/** Finds the link joining two nodes directly, in either order, in O(1) per look-up. */
function directLinks(scenario: Scenario): (flow: FlowConfig) => LinkConfig | undefined {
  const byEnds = new Map<string, LinkConfig>();
  for (const link of scenario.links) {
    byEnds.set(`${link.between[0]}\u0000${link.between[1]}`, link);
    byEnds.set(`${link.between[1]}\u0000${link.between[0]}`, link);
  }
  return (flow) => byEnds.get(`${flow.from}\u0000${flow.to}`);
}

/**
 * The closed-form predictions that apply to this scenario, named `<model>:<flow id>`: only
 * where the model's assumptions hold (one direct link, constant delays, no faults on the ends,
 * the flow alone on its link, and each model's own, checked where it is computed), so every
 * number shown beside a result is one a textbook gives. What a flow's transport and arrival
 * pattern do is asked of their registered definitions (`closedForm`), never read from names.
 */
export function predictTheory(
  scenario: Scenario,
  transports: Registry<TransportDefinition>,
  arrivalPatterns: Registry<ArrivalDefinition>,
  strategies: TransportStrategies,
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
    const behaviour = transports.get(transport.protocol).closedForm?.(transport, strategies) ?? null;
    const arrivals = arrivalPatterns.get(flow.workload.arrivals).closedForm;
    if (flow.pattern !== undefined) {
      const prediction = requestReplyPrediction(flow, arrivals, behaviour, link, nodesById);
      if (prediction) predictions[`request-reply:${flow.id}`] = prediction;
      continue;
    }
    if (behaviour?.model === 'unacknowledged') {
      if (arrivals !== 'poisson') continue;
      Object.assign(predictions, poissonQueuePredictions(scenario, flow, link, nodesById.get(flow.to)!));
      continue;
    }
    const prediction = acknowledgedPrediction(flow, arrivals, behaviour, link);
    if (prediction) predictions[`${behaviour!.model}:${flow.id}`] = prediction;
  }
  return { ...predictions, ...brokerQueueTheory(scenario, transports, arrivalPatterns, strategies) };
}

/**
 * Stop-and-wait and the window protocols: a saturated sender (every message ready at once) of
 * constant messages, and independent losses (a loss model that gives a Bernoulli probability,
 * corruption folded in; a periodic pattern or bursts give none). The window formulas also assume ACKs are never lost.
 */
function acknowledgedPrediction(
  flow: FlowConfig,
  arrivals: ArrivalClosedForm | undefined,
  behaviour: ClosedFormBehaviour | null,
  link: LinkConfig,
): TheoryPrediction | null {
  // A corrupted copy is discarded at the receiver, so to the sender it is one more loss.
  const forward = independentFailureProbability(link.loss.forward, link.corrupt.forward);
  const reverse = independentFailureProbability(link.loss.reverse, link.corrupt.reverse);
  const [dataLossProbability, ackLossProbability] =
    link.between[0] === flow.from ? [forward, reverse] : [reverse, forward];
  const size = flow.workload.size;
  const saturated =
    size.isConstant && arrivals === 'all-at-once' && flow.workload.sizeCycleBytes === undefined;
  if (!saturated || dataLossProbability === undefined || ackLossProbability === undefined) return null;
  const frameBytes = size.mean + flow.transport.headerSize;
  if (behaviour?.model === 'stop-and-wait') {
    return stopAndWaitTheory({
      dataBytes: frameBytes,
      ackBytes: behaviour.ackBytes,
      bandwidthBitsPerSecond: link.bandwidth,
      propagationSeconds: link.delay.mean,
      dataLossProbability,
      ackLossProbability,
      timeoutSeconds: behaviour.timeoutSeconds,
    });
  }
  if (behaviour?.model !== 'go-back-n' && behaviour?.model !== 'selective-repeat') return null;
  if (ackLossProbability !== 0) return null;
  const path: WindowPath = {
    frameBytes,
    payloadBytes: size.mean,
    ackBytes: behaviour.ackBytes,
    bandwidthBitsPerSecond: link.bandwidth,
    propagationSeconds: link.delay.mean,
    window: behaviour.window,
    timeoutSeconds: behaviour.timeoutSeconds,
    lossProbability: dataLossProbability,
  };
  return behaviour.model === 'go-back-n' ? goBackNTheory(path) : selectiveRepeatTheory(path);
}
