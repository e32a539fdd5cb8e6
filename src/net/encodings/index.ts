import { Registry } from '../../engine/registry.js';
import type { EncodingDefinition } from './encoding.js';
import { jsonEncoding } from './json.js';
import { protobufEncoding } from './protobuf.js';
import { xmlEncoding } from './xml.js';

/** Creates the registry of built-in message encodings. */
export function createEncodingRegistry(): Registry<EncodingDefinition> {
  return new Registry<EncodingDefinition>('encoding')
    .register(jsonEncoding)
    .register(xmlEncoding)
    .register(protobufEncoding);
}
