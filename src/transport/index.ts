import { Registry } from '../engine/registry.js';
import { datagram } from './datagram.js';
import { goBackN } from './go-back-n.js';
import { selectiveRepeat } from './selective-repeat.js';
import { stopAndWait } from './stop-and-wait.js';
import type { TransportConfigBase, TransportDefinition } from './transport.js';

/** Creates the registry of built-in transports; a new strategy is one file plus one line here. */
export function createTransportRegistry(): Registry<TransportDefinition<TransportConfigBase>> {
  return new Registry<TransportDefinition<TransportConfigBase>>('transport')
    .register(datagram as unknown as TransportDefinition<TransportConfigBase>)
    .register(stopAndWait as unknown as TransportDefinition<TransportConfigBase>)
    .register(goBackN as unknown as TransportDefinition<TransportConfigBase>)
    .register(selectiveRepeat as unknown as TransportDefinition<TransportConfigBase>);
}
