import type { ScenarioInput } from '../src/scenario/schema.js';

type Link = NonNullable<ScenarioInput['links']>[number];
type Flow = NonNullable<ScenarioInput['flows']>[number];

/**
 * The part of a benchmark scenario that is `count` node pairs: `${from}${i}` and `${to}${i}`
 * (nodes in that order, pair by pair), a link between the two of each pair, and one flow from
 * the first to the second; `link` and `flow` give what every link and flow has besides.
 */
export function pairedScenario(
  count: number,
  names: { from: string; to: string },
  link: Omit<Link, 'between'>,
  flow: (pair: number) => Omit<Flow, 'from' | 'to'>,
): Required<Pick<ScenarioInput, 'nodes' | 'links' | 'flows'>> {
  const pairs = Array.from({ length: count }, (_, i) => [`${names.from}${i}`, `${names.to}${i}`] as const);
  return {
    nodes: pairs.flatMap(([from, to]) => [{ id: from }, { id: to }]),
    links: pairs.map(([from, to]) => ({ between: [from, to] as [string, string], ...link })),
    flows: pairs.map(([from, to], i) => ({ ...flow(i), from, to })),
  };
}
