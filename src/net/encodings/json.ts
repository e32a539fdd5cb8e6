import type { EncodingDefinition } from './encoding.js';
import { utf8ByteLength } from './utf8.js';

/**
 * JSON: the UTF-8 bytes of the compact text `JSON.stringify` writes (no spaces or newlines).
 * Numbers are written as JavaScript writes them, so `21.0` in a scenario is the two bytes `21`.
 */
export const jsonEncoding: EncodingDefinition = {
  id: 'json',
  description: 'compact JSON text (UTF-8 bytes of JSON.stringify); field names travel in every message',
  needsSchema: false,
  sizeOf: (payload) => utf8ByteLength(JSON.stringify(payload)),
};
