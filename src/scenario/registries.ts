import type { CongestionDefinition } from '../congestion/congestion-control.js';
import { createCongestionRegistry } from '../congestion/index.js';
import { createDistributionRegistry, type DistributionFamily } from '../engine/distributions.js';
import type { Registry } from '../engine/registry.js';
import {
  createDeliveryGuaranteeRegistry,
  type DeliveryGuaranteeDefinition,
} from '../messaging/delivery-guarantees.js';
import { createExchangeTypeRegistry, type ExchangeTypeDefinition } from '../messaging/exchange-types.js';
import {
  createOverflowPolicyRegistry,
  type OverflowPolicyDefinition,
} from '../messaging/overflow-policies.js';
import type { EncodingDefinition } from '../net/encodings/encoding.js';
import { createEncodingRegistry } from '../net/encodings/index.js';
import { createLossModelRegistry } from '../net/loss/index.js';
import type { LossModelDefinition } from '../net/loss/loss-model.js';
import { createQueueDisciplineRegistry } from '../net/queue/index.js';
import type { QueueDisciplineDefinition } from '../net/queue/queue-discipline.js';
import { createTopologyRegistry } from '../net/topology/index.js';
import type { TopologyConfigBase, TopologyDefinition } from '../net/topology/topology.js';
import { createTransportRegistry } from '../transport/index.js';
import { createRtoRegistry } from '../transport/rto/index.js';
import type { RtoStrategyDefinition } from '../transport/rto/rto-strategy.js';
import type {
  TransportConfigBase,
  TransportDefinition,
  TransportStrategies,
} from '../transport/transport.js';
import { type ArrivalDefinition, createArrivalRegistry } from '../workload/arrivals.js';

/** Every extension point, passed around as a value (never a global). */
export interface Registries extends TransportStrategies {
  distributions: Registry<DistributionFamily>;
  transports: Registry<TransportDefinition<TransportConfigBase>>;
  arrivals: Registry<ArrivalDefinition>;
  rto: Registry<RtoStrategyDefinition>;
  congestion: Registry<CongestionDefinition>;
  topologies: Registry<TopologyDefinition<TopologyConfigBase>>;
  encodings: Registry<EncodingDefinition>;
  exchangeTypes: Registry<ExchangeTypeDefinition>;
  overflowPolicies: Registry<OverflowPolicyDefinition>;
  deliveryGuarantees: Registry<DeliveryGuaranteeDefinition>;
  lossModels: Registry<LossModelDefinition>;
  queueDisciplines: Registry<QueueDisciplineDefinition>;
}

/** The registries holding msgsim's built-in strategies. */
export function createRegistries(): Registries {
  return {
    distributions: createDistributionRegistry(),
    transports: createTransportRegistry(),
    arrivals: createArrivalRegistry(),
    rto: createRtoRegistry(),
    congestion: createCongestionRegistry(),
    topologies: createTopologyRegistry(),
    encodings: createEncodingRegistry(),
    exchangeTypes: createExchangeTypeRegistry(),
    overflowPolicies: createOverflowPolicyRegistry(),
    deliveryGuarantees: createDeliveryGuaranteeRegistry(),
    lossModels: createLossModelRegistry(),
    queueDisciplines: createQueueDisciplineRegistry(),
  };
}
