import type { TheoryPrediction } from '../metrics/summary.js';
import { linkQueueTheory, stopAndWaitTheory } from '../metrics/theory.js';
import type { FlowConfig, LinkConfig, Scenario } from './schema.js';

/** The single link joining a flow's two ends directly, if any. */
function directLink(scenario: Scenario, flow: FlowConfig): LinkConfig | undefined {
  return scenario.links.find(
    (link) =>
      (link.between[0] === flow.from && link.between[1] === flow.to) ||
      (link.between[1] === flow.from && link.between[0] === flow.to),
  );
}

/**
 * The closed-form predictions that apply to this scenario, named `<model>:<flow id>`: only
 * where the model's assumptions hold (one direct link, constant delays, no faults on the ends,
 * the flow alone on its link), so every number shown beside a result is one a textbook gives.
 */
export function predictTheory(scenario: Scenario): Record<string, TheoryPrediction> {
  const predictions: Record<string, TheoryPrediction> = {};
  const faultyNodes = new Set([
    ...scenario.nodes.filter((node) => node.failure).map((node) => node.id),
    ...scenario.faults.map((fault) => ('crash' in fault ? fault.crash : fault.recover)),
  ]);
  for (const flow of scenario.flows) {
    const link = directLink(scenario, flow);
    if (!link?.delay.isConstant || faultyNodes.has(flow.from) || faultyNodes.has(flow.to)) continue;
    const sharing = scenario.flows.filter((other) => directLink(scenario, other) === link).length;
    if (sharing > 1) continue;
    const transport = flow.transport;
    const size = flow.workload.size;
    if (transport.protocol === 'stop-and-wait' && size.isConstant && flow.workload.arrivals === 'bulk') {
      const prediction = stopAndWaitTheory({
        dataBytes: size.mean + transport.headerSize,
        ackBytes: typeof transport.ackSize === 'number' ? transport.ackSize : 0,
        bandwidthBitsPerSecond: link.bandwidth,
        propagationSeconds: link.delay.mean,
        dataLossProbability: link.between[0] === flow.from ? link.loss.forward : link.loss.reverse,
        ackLossProbability: link.between[0] === flow.from ? link.loss.reverse : link.loss.forward,
        timeoutSeconds: typeof transport.timeout === 'number' ? transport.timeout : Number.NaN,
      });
      if (prediction) predictions[`stop-and-wait:${flow.id}`] = prediction;
    }
    const receiver = scenario.nodes.find((node) => node.id === flow.to);
    const noProcessing = receiver?.processing.isConstant && receiver.processing.mean === 0;
    if (
      transport.protocol === 'datagram' &&
      flow.workload.arrivals === 'poisson' &&
      link.loss.forward === 0 &&
      link.loss.reverse === 0 &&
      link.buffer === undefined &&
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
  return predictions;
}
