import type { Message, MessageFate } from '../net/message.js';
import type { Packet } from '../net/packet.js';
import { Broker } from './broker.js';
import type { BrokerConfig, PublishConfig } from './broker-config.js';
import { BrokerPacket } from './broker-entry.js';
import type { BrokerSetup } from './broker-setup.js';
import type { BrokerEnvironment } from './message-ledger.js';

/** The names of the brokers' subscriptions and consumers, in their global numbering (for results). */
export interface BrokerLayout {
  brokers: Array<{ node: string; delivery: string; persistent: boolean }>;
  subscriptions: Array<{ broker: number; name: string; partitioned: boolean }>;
  consumers: Array<{ id: string; node: string; subscription: number }>;
}

/** The registries and lookups the brokers are built from. */
export type BrokerRegistryParts = Pick<
  BrokerSetup,
  'exchangeTypes' | 'overflowPolicies' | 'deliveryGuarantees'
>;

/**
 * Every broker of a scenario, and the one place the rest of the simulation asks whether a
 * message, a packet or a node event is theirs.
 */
export class MessagingSystem {
  readonly brokers: Broker[] = [];
  readonly layout: BrokerLayout = { brokers: [], subscriptions: [], consumers: [] };
  private readonly brokerAtNode = new Map<number, Broker>();

  constructor(
    configs: readonly BrokerConfig[],
    flows: ReadonlyArray<{ to: string; publish?: PublishConfig }>,
    nodeIndex: (id: string) => number,
    registries: BrokerRegistryParts,
    environment: BrokerEnvironment,
  ) {
    configs.forEach((config, index) => {
      const publishers = new Map<number, PublishConfig>();
      flows.forEach((flow, flowIndex) => {
        if (flow.publish !== undefined && flow.to === config.node) publishers.set(flowIndex, flow.publish);
      });
      const broker = new Broker(
        config,
        {
          index,
          node: nodeIndex(config.node),
          nodeIndex,
          firstSubscription: this.layout.subscriptions.length,
          firstConsumer: this.layout.consumers.length,
          publishers,
          ...registries,
        },
        environment,
      );
      this.brokers.push(broker);
      this.brokerAtNode.set(broker.node, broker);
      this.layout.brokers.push({
        node: config.node,
        delivery: config.delivery,
        persistent: config.persistence !== undefined,
      });
      for (const subscription of broker.subscriptions) {
        this.layout.subscriptions.push({
          broker: index,
          name: subscription.name,
          partitioned: subscription.partitions > 0,
        });
      }
      broker.consumers.forEach((consumer, c) => {
        this.layout.consumers.push({
          id: consumer.id,
          node: config.consumers[c].node,
          subscription: broker.firstSubscription + consumer.subscription,
        });
      });
    });
  }

  /** A message finished processing at `node`; true when a broker takes it from there. */
  processed(node: number, message: Message): boolean {
    const broker = this.brokerAtNode.get(node);
    if (broker?.publishes(message)) {
      broker.publish(message);
      return true;
    }
    return this.brokers.some((candidate) => candidate.carrierProcessed(message));
  }

  /** A message was lost at `node` (crash) or refused by its full queue; true when it was a delivery. */
  failed(message: Message, refused: boolean): boolean {
    return this.brokers.some((broker) => broker.carrierFailed(message, refused));
  }

  /** True when the packet is a broker's (a delivery or a consumer's ack). */
  owns(packet: Packet): boolean {
    return packet instanceof BrokerPacket;
  }

  /** True when the packet is a broker's (it has been handed to its broker). */
  packetArrived(packet: Packet): boolean {
    if (!(packet instanceof BrokerPacket)) return false;
    packet.endpoint.packetArrived(packet);
    return true;
  }

  /** The extra copy of a broker's packet that a duplicating link delivers; null for another's packet. */
  duplicatePacket(packet: Packet): Packet | null {
    if (!(packet instanceof BrokerPacket)) return null;
    return packet.endpoint.packetDuplicated(packet);
  }

  packetFailed(packet: Packet, fate: MessageFate): boolean {
    if (!(packet instanceof BrokerPacket)) return false;
    packet.endpoint.packetFailed(packet, fate);
    return true;
  }

  nodeDown(node: number): void {
    for (const broker of this.brokers) broker.nodeDown(node);
  }

  nodeUp(node: number): void {
    for (const broker of this.brokers) broker.nodeUp(node);
  }
}
