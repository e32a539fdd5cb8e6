import { Registry } from '../engine/registry.js';
import type { CongestionConfigBase, CongestionDefinition } from './congestion-control.js';
import { cubicCongestionControl } from './cubic.js';
import { newRenoCongestionControl } from './newreno.js';
import { noCongestionControl } from './none.js';
import { renoCongestionControl } from './reno.js';
import { tahoeCongestionControl } from './tahoe.js';

type AnyCongestionDefinition = CongestionDefinition<CongestionConfigBase>;

/** Creates the registry of built-in congestion controls; a new one is one file plus one line here. */
export function createCongestionRegistry(): Registry<AnyCongestionDefinition> {
  // Each definition's create() takes its own config type; the registry holds them side by side.
  return new Registry<AnyCongestionDefinition>('congestion control')
    .register(noCongestionControl as unknown as AnyCongestionDefinition)
    .register(tahoeCongestionControl as unknown as AnyCongestionDefinition)
    .register(renoCongestionControl as unknown as AnyCongestionDefinition)
    .register(newRenoCongestionControl as unknown as AnyCongestionDefinition)
    .register(cubicCongestionControl as unknown as AnyCongestionDefinition);
}
