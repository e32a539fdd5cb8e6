import { createDistributionRegistry, type DistributionFamily } from '../engine/distributions.js';
import type { Registry } from '../engine/registry.js';
import { createTransportRegistry } from '../transport/index.js';
import type { TransportConfigBase, TransportDefinition } from '../transport/transport.js';
import { type ArrivalDefinition, createArrivalRegistry } from '../workload/arrivals.js';

/** Every extension point, passed around as a value (never a global). */
export interface Registries {
  distributions: Registry<DistributionFamily>;
  transports: Registry<TransportDefinition<TransportConfigBase>>;
  arrivals: Registry<ArrivalDefinition>;
}

/** The registries holding msgsim's built-in strategies. */
export function createRegistries(): Registries {
  return {
    distributions: createDistributionRegistry(),
    transports: createTransportRegistry(),
    arrivals: createArrivalRegistry(),
  };
}
