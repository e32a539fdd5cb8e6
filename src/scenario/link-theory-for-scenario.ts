import type { TheoryPrediction } from '../metrics/summary.js';
import { bandwidthDelayTheory } from '../metrics/theory.js';
import type { Scenario } from './schema.js';
import { directionKey, type RouteOf } from './theory-for-scenario.js';

/**
 * `bandwidth-delay:<link>:<from>><to>`: the bandwidth-delay product R·d of each link direction
 * that carries a point-to-point flow's data (by `routeOf`, or without it the link joining the
 * flow's ends), a request-reply flow's replies included, in the scenario's link order. Only for a constant delay and a link no fault
 * degrades (a degradation changes R and d for a while); a cut or a failure only empties the
 * wire, so the bound holds through them. Broadcasts and publishers, which are taken to use every
 * link, add none: a generated topology would get an entry per link.
 */
export function bandwidthDelayPredictions(
  scenario: Scenario,
  routeOf?: RouteOf,
): Record<string, TheoryPrediction> {
  const route = routeOf ?? directRoutes(scenario);
  const carrying = new Set<string>();
  for (const flow of scenario.flows) {
    if (flow.broadcast || flow.publish !== undefined) continue;
    for (const direction of route(flow.from, flow.to) ?? []) carrying.add(direction);
    // A request-reply flow's replies are data too, on the way back.
    if (flow.pattern !== undefined)
      for (const direction of route(flow.to, flow.from) ?? []) carrying.add(direction);
  }
  const degraded = new Set(scenario.faults.flatMap((fault) => ('degrade' in fault ? [fault.degrade] : [])));
  const predictions: Record<string, TheoryPrediction> = {};
  for (const link of scenario.links) {
    if (!link.delay.isConstant || degraded.has(link.id)) continue;
    const [a, b] = link.between;
    for (const [from, to] of [
      [a, b],
      [b, a],
    ]) {
      const direction = directionKey(link.id, from, to);
      if (carrying.has(direction))
        predictions[`bandwidth-delay:${direction}`] = bandwidthDelayTheory(link.bandwidth, link.delay.mean);
    }
  }
  return predictions;
}

/** Without the network's routes: the link that joins two nodes directly, if one does. */
function directRoutes(scenario: Scenario): RouteOf {
  const byEnds = new Map<string, string>();
  for (const link of scenario.links) {
    const [a, b] = link.between;
    byEnds.set(`${a}\u0000${b}`, directionKey(link.id, a, b));
    byEnds.set(`${b}\u0000${a}`, directionKey(link.id, b, a));
  }
  return (from, to) => {
    const direction = byEnds.get(`${from}\u0000${to}`);
    return direction === undefined ? undefined : [direction];
  };
}
