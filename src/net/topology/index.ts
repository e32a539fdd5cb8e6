import { Registry } from '../../engine/registry.js';
import { dumbbell } from './dumbbell.js';
import { line } from './line.js';
import { mesh } from './mesh.js';
import { ring } from './ring.js';
import { star } from './star.js';
import type { TopologyConfigBase, TopologyDefinition } from './topology.js';
import { tree } from './tree.js';

/** Creates the registry of built-in topology builders; a new one is one file plus one line here. */
export function createTopologyRegistry(): Registry<TopologyDefinition<TopologyConfigBase>> {
  return new Registry<TopologyDefinition<TopologyConfigBase>>('topology')
    .register(line as unknown as TopologyDefinition<TopologyConfigBase>)
    .register(ring as unknown as TopologyDefinition<TopologyConfigBase>)
    .register(star as unknown as TopologyDefinition<TopologyConfigBase>)
    .register(mesh as unknown as TopologyDefinition<TopologyConfigBase>)
    .register(tree as unknown as TopologyDefinition<TopologyConfigBase>)
    .register(dumbbell as unknown as TopologyDefinition<TopologyConfigBase>);
}
