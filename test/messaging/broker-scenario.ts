import type { ScenarioInput } from '../../src/scenario/schema.js';

type Broker = NonNullable<ScenarioInput['brokers']>[number];
type NodeInput = NonNullable<ScenarioInput['nodes']>[number];
type Flow = NonNullable<ScenarioInput['flows']>[number];

/**
 * A producer, a broker and consumer nodes, each joined to the broker by its own link; the
 * consumers' processing time and the links are given. Test scenarios start from it.
 */
export function brokerScenario(options: {
  consumers: Array<{ node: string } & Omit<NodeInput, 'id'>>;
  broker: Omit<Broker, 'node'>;
  flow: Omit<Flow, 'from' | 'to'>;
  link?: { bandwidth: string; delay: string };
  brokerProcessing?: NodeInput['processing'];
  faults?: ScenarioInput['faults'];
  duration?: number;
}): ScenarioInput {
  const link = options.link ?? { bandwidth: '1Gbps', delay: '0s' };
  return {
    name: 'broker-test',
    ...(options.duration === undefined ? {} : { duration: options.duration }),
    nodes: [
      { id: 'producer' },
      {
        id: 'broker',
        ...(options.brokerProcessing === undefined ? {} : { processing: options.brokerProcessing }),
      },
      ...options.consumers.map(({ node, ...settings }) => ({ id: node, ...settings })),
    ],
    links: [
      { between: ['producer', 'broker'], ...link },
      ...options.consumers.map((consumer) => ({
        between: ['broker', consumer.node] as [string, string],
        ...link,
      })),
    ],
    brokers: [{ node: 'broker', ...options.broker }],
    flows: [{ id: 'producer', from: 'producer', to: 'broker', ...options.flow }],
    faults: options.faults ?? [],
  };
}
