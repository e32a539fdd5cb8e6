import type { Registry } from '../engine/registry.js';
import type { TheoryPrediction } from '../metrics/summary.js';
import { type StopAndWaitPath, stopAndWaitObstacle, stopAndWaitTheory } from '../metrics/theory.js';
import {
  goBackNTheory,
  selectiveRepeatTheory,
  type WindowPath,
  windowObstacle,
} from '../metrics/window-theory.js';
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
function directLinks(scenario: Scenario): (from: string, to: string) => LinkConfig | undefined {
  const byEnds = new Map<string, LinkConfig>();
  for (const link of scenario.links) {
    byEnds.set(`${link.between[0]}\u0000${link.between[1]}`, link);
    byEnds.set(`${link.between[1]}\u0000${link.between[0]}`, link);
  }
  return (from, to) => byEnds.get(`${from}\u0000${to}`);
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
  routeOf?: RouteOf,
): ScenarioTheory {
  const predictions: Record<string, TheoryPrediction> = {};
  const noPrediction: Record<string, string> = {};
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
  const otherTraffic = trafficOnLinks(scenario, transports, directLink, routeOf);
  /** Why no formula applies to `flow`, or null when one may: the checks every model shares. */
  const sharedObstacle = (flow: FlowConfig, link: LinkConfig | undefined): string | null => {
    if (!link) return 'its ends are not joined by one link (every formula here is of one link)';
    if (!link.delay.isConstant) return "its link's delay has jitter (the formulas take a constant d)";
    if (faultyNodes.has(flow.from) || faultyNodes.has(flow.to))
      return 'a node at its ends fails or is crashed by a fault';
    if (faultyLinks.has(link.id)) return 'its link fails, or is cut or degraded by a fault';
    if (partitioned) return 'the scenario partitions the network';
    const others = otherTraffic(flow, link);
    if (others !== null) return `its link also carries ${others}`;
    // Extra copies (ACKed again, resent on) are in no formula.
    if (link.duplicate.forward > 0 || link.duplicate.reverse > 0) return 'its link duplicates packets';
    return null;
  };
  for (const flow of scenario.flows) {
    // A broadcast has no one link; its `to` names no node.
    if (flow.broadcast) continue;
    // A published message's journey goes on past the broker: see brokerQueueTheory.
    if (flow.publish !== undefined) continue;
    const link = directLink(flow.from, flow.to);
    const shared = sharedObstacle(flow, link);
    if (shared !== null || link === undefined) {
      noPrediction[flow.id] = shared ?? '';
      continue;
    }
    const transport = flow.transport;
    const definition = transports.get(transport.protocol);
    const behaviour = definition.closedForm?.(transport, strategies) ?? null;
    if (behaviour === null || behaviour.model === 'none') {
      noPrediction[flow.id] = behaviour?.why ?? `its transport (${transport.protocol}) has no closed form`;
      continue;
    }
    const arrivals = arrivalPatterns.get(flow.workload.arrivals).closedForm;
    if (flow.pattern !== undefined) {
      const outcome = requestReplyPrediction(flow, arrivals, behaviour, link, nodesById);
      if (typeof outcome === 'string') noPrediction[flow.id] = outcome;
      else predictions[`request-reply:${flow.id}`] = outcome;
      continue;
    }
    if (behaviour?.model === 'unacknowledged') {
      if (arrivals !== 'poisson') {
        noPrediction[flow.id] = 'its arrivals are not Poisson (the queue formulas assume Poisson arrivals)';
        continue;
      }
      const queues = poissonQueuePredictions(scenario, flow, link, nodesById.get(flow.to)!);
      Object.assign(predictions, queues.predictions);
      if (queues.obstacle !== null) noPrediction[flow.id] = queues.obstacle;
      continue;
    }
    const outcome = acknowledgedPrediction(flow, arrivals, behaviour, link);
    if (typeof outcome === 'string') noPrediction[flow.id] = outcome;
    else predictions[`${behaviour!.model}:${flow.id}`] = outcome;
  }
  return {
    theory: { ...predictions, ...brokerQueueTheory(scenario, transports, arrivalPatterns, strategies) },
    noTheory: noPrediction,
  };
}

/**
 * The link directions a packet from node `from` to node `to` crosses, as `<link>:<from>><to>`
 * (node ids); undefined when there is no route.
 */
export type RouteOf = (from: string, to: string) => readonly string[] | undefined;

/** A link direction as RouteOf names it. */
export function directionKey(linkId: string, from: string, to: string): string {
  return `${linkId}:${from}>${to}`;
}

/**
 * Who else sends over the link directions a flow uses (its data's way, and the way back where
 * ACKs or replies come), for the formulas that take a flow alone on its link: null when no one
 * else, else in words ("flow g", "flows g, h", "the brokers' traffic"). With `routeOf` the flows'
 * routes count, so a flow of several hops that crosses the link is seen; without it only flows
 * between the link's two ends. Broadcasts, publishers and brokers are taken to use every link.
 */
function trafficOnLinks(
  scenario: Scenario,
  transports: Registry<TransportDefinition>,
  directLink: (from: string, to: string) => LinkConfig | undefined,
  routeOf: RouteOf | undefined,
): (flow: FlowConfig, link: LinkConfig) => string | null {
  const route = (from: string, to: string): readonly string[] => {
    if (routeOf) return routeOf(from, to) ?? [];
    const link = directLink(from, to);
    return link ? [directionKey(link.id, from, to)] : [];
  };
  const everywhere = [
    ...scenario.flows
      .filter((flow) => flow.broadcast || flow.publish !== undefined)
      .map((flow) => `flow ${flow.id}`),
    ...(scenario.brokers.length > 0 ? ["the brokers' traffic"] : []),
  ];
  /** Per direction, the flows using it and what of theirs: their data, or only what comes back. */
  const usersOf = new Map<string, Array<{ id: string; what: 'data' | 'ACKs' | 'replies' }>>();
  const directionsOf = new Map<FlowConfig, readonly string[]>();
  const use = (direction: string, id: string, what: 'data' | 'ACKs' | 'replies') =>
    usersOf.set(direction, [...(usersOf.get(direction) ?? []), { id, what }]);
  for (const flow of scenario.flows) {
    if (flow.broadcast || flow.publish !== undefined) continue;
    const forward = route(flow.from, flow.to);
    const back =
      flow.pattern !== undefined
        ? 'replies'
        : transports.get(flow.transport.protocol).acknowledged
          ? 'ACKs'
          : null;
    const backward =
      back === null ? [] : route(flow.to, flow.from).filter((direction) => !forward.includes(direction));
    directionsOf.set(flow, [...forward, ...backward]);
    for (const direction of new Set(forward)) use(direction, flow.id, 'data');
    for (const direction of new Set(backward)) use(direction, flow.id, back!);
  }
  return (flow) => {
    // A flow seen only by what comes back is named so ("the ACKs of flow g"): their data never meet.
    const others = new Map<string, string>();
    for (const direction of directionsOf.get(flow) ?? []) {
      for (const { id, what } of usersOf.get(direction) ?? []) {
        if (id === flow.id) continue;
        others.set(id, others.get(id) === 'data' || what === 'data' ? 'data' : what);
      }
    }
    const named = [...others].map(([id, what]) =>
      what === 'data' ? `flow ${id}` : `the ${what} of flow ${id}`,
    );
    const all = [...named, ...everywhere];
    return all.length === 0 ? null : all.join(', ');
  };
}

/** What a scenario's formulas predict, and why the flows left without one have none (Summary's fields). */
export interface ScenarioTheory {
  /** `<model>:<flow id>` → the prediction. */
  theory: Record<string, TheoryPrediction>;
  /** Flow id → why no formula applies to it (point-to-point flows only, not broadcasts or publishers). */
  noTheory: Record<string, string>;
}

/**
 * Stop-and-wait and the window protocols: a saturated sender (every message ready at once) of
 * constant messages, and independent losses (a loss model that gives a Bernoulli probability,
 * corruption folded in; a periodic pattern or bursts give none). The window formulas also assume ACKs are never lost.
 */
function acknowledgedPrediction(
  flow: FlowConfig,
  arrivals: ArrivalClosedForm | undefined,
  behaviour: ClosedFormBehaviour,
  link: LinkConfig,
): TheoryPrediction | string {
  // A corrupted copy is discarded at the receiver, so to the sender it is one more loss.
  const forward = independentFailureProbability(link.loss.forward, link.corrupt.forward);
  const reverse = independentFailureProbability(link.loss.reverse, link.corrupt.reverse);
  const [dataLossProbability, ackLossProbability] =
    link.between[0] === flow.from ? [forward, reverse] : [reverse, forward];
  const size = flow.workload.size;
  if (arrivals !== 'all-at-once')
    return 'its messages do not all wait from the start (the formulas are of a saturated sender: a bulk transfer)';
  if (!size.isConstant || flow.workload.sizeCycleBytes !== undefined)
    return 'its messages differ in size (the formulas take one constant size)';
  if (dataLossProbability === undefined || ackLossProbability === undefined)
    return 'its losses are not independent (the formulas take a Bernoulli loss probability)';
  const frameBytes = size.mean + flow.transport.headerSize;
  if (behaviour.model === 'stop-and-wait') {
    const path: StopAndWaitPath = {
      dataBytes: frameBytes,
      payloadBytes: size.mean,
      ackBytes: behaviour.ackBytes,
      bandwidthBitsPerSecond: link.bandwidth,
      propagationSeconds: link.delay.mean,
      dataLossProbability,
      ackLossProbability,
      timeoutSeconds: behaviour.timeoutSeconds,
    };
    return stopAndWaitTheory(path) ?? stopAndWaitObstacle(path)!;
  }
  if (behaviour.model !== 'go-back-n' && behaviour.model !== 'selective-repeat')
    return `its transport (${flow.transport.protocol}) has no closed form`;
  if (ackLossProbability !== 0) return 'ACKs can be lost (the window formulas assume they never are)';
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
  const prediction = behaviour.model === 'go-back-n' ? goBackNTheory(path) : selectiveRepeatTheory(path);
  return prediction ?? windowObstacle(path, behaviour.model)!;
}
