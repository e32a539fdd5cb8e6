import { Registry } from '../engine/registry.js';
import type { CongestionConfigBase, CongestionDefinition } from './congestion-control.js';
import { noCongestionControl } from './none.js';

/** Creates the registry of built-in congestion controls; a new one is one file plus one line here. */
export function createCongestionRegistry(): Registry<CongestionDefinition<CongestionConfigBase>> {
  return new Registry<CongestionDefinition<CongestionConfigBase>>('congestion control').register(
    noCongestionControl as unknown as CongestionDefinition<CongestionConfigBase>,
  );
}
