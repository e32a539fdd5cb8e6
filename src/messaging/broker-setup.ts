import type { Registry } from '../engine/registry.js';
import type { PublishConfig } from './broker-config.js';
import type { DeliveryGuaranteeDefinition } from './delivery-guarantees.js';
import type { ExchangeTypeDefinition } from './exchange-types.js';
import type { OverflowPolicyDefinition } from './overflow-policies.js';

/** How a broker finds its node, its consumers' nodes and its numbering among all brokers. */
export interface BrokerSetup {
  /** Broker number over all brokers. */
  index: number;
  /** Node index of the broker. */
  node: number;
  nodeIndex(id: string): number;
  /** Global numbers of this broker's first subscription and first consumer. */
  firstSubscription: number;
  firstConsumer: number;
  /** Publishing flows that go to this broker, by flow index. */
  publishers: ReadonlyMap<number, PublishConfig>;
  exchangeTypes: Registry<ExchangeTypeDefinition>;
  overflowPolicies: Registry<OverflowPolicyDefinition>;
  deliveryGuarantees: Registry<DeliveryGuaranteeDefinition>;
}
