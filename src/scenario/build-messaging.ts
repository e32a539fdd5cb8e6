import type { Simulator } from '../engine/simulator.js';
import type { BrokerEnvironment } from '../messaging/message-ledger.js';
import { MessagingSystem } from '../messaging/messaging-system.js';
import { BrokerCollector } from '../metrics/broker-collector.js';
import type { Message } from '../net/message.js';
import type { Network } from '../net/network.js';
import type { NetworkProbe } from '../net/probe.js';
import type { Flow } from '../transport/flow.js';
import type { Registries } from './registries.js';
import type { Scenario } from './schema.js';

/** The brokers of a scenario with the collector that hears them; null without brokers. */
export interface BuiltMessaging {
  system: MessagingSystem;
  collector: BrokerCollector;
}

/**
 * Builds the scenario's brokers over the flows (the ledger of their messages) and the nodes'
 * processing stages (`process`). Returns null when the scenario has no broker.
 */
export function buildMessaging(
  scenario: Scenario,
  registries: Registries,
  parts: {
    simulator: Simulator;
    network: Network;
    probe: NetworkProbe;
    flows: readonly Flow[];
    nodeIndex: (id: string) => number;
    process: (node: number, message: Message) => void;
  },
): BuiltMessaging | null {
  if (scenario.brokers.length === 0) return null;
  const { flows } = parts;
  const shape = {
    brokers: scenario.brokers.length,
    subscriptions: 0,
    consumers: 0,
  };
  // The collector is sized once the brokers have numbered their subscriptions: it is reached
  // through this holder, which is filled before the first event runs.
  const holder: { collector: BrokerCollector | null } = { collector: null };
  const environment: BrokerEnvironment = {
    simulator: parts.simulator,
    network: parts.network,
    probe: parts.probe,
    brokerProbe: {
      published: (broker, copies) => holder.collector!.published(broker, copies),
      backlog: (subscription, time, ready, unacked) =>
        holder.collector!.backlog(subscription, time, ready, unacked),
      event: (subscription, event, consumer) => holder.collector!.event(subscription, event, consumer),
      ended: (subscription, fate) => holder.collector!.ended(subscription, fate),
    },
    ledger: {
      copy: (original) => flows[original.flowIndex].copyMessage(original),
      delivered: (message) => flows[message.flowIndex].delivered(message),
      resolve: (message, fate) => flows[message.flowIndex].resolve(message, fate),
      passedOn: (message) => flows[message.flowIndex].passedOn(message),
    },
    process: parts.process,
  };
  const system = new MessagingSystem(
    scenario.brokers,
    scenario.flows,
    parts.nodeIndex,
    registries,
    environment,
  );
  shape.subscriptions = system.layout.subscriptions.length;
  shape.consumers = system.layout.consumers.length;
  holder.collector = new BrokerCollector(scenario.warmup, shape);
  return { system, collector: holder.collector };
}
