import type { MessageSchema } from './protobuf-schema.js';

/** A value inside a message payload: what a JSON or YAML scenario file can write. */
export type PayloadValue = string | number | boolean | null | PayloadValue[] | PayloadObject;

/** A message payload: an object whose keys name its fields. */
export interface PayloadObject {
  [key: string]: PayloadValue;
}

/** How the XML encoding frames a payload. */
export interface XmlOptions {
  /** Name of the root element (default `message`). */
  readonly root?: string;
  /** Prepend `<?xml version="1.0" encoding="UTF-8"?>` (38 bytes); default false. */
  readonly declaration?: boolean;
}

/** What an encoding may need beside the payload; each encoding reads only its own part. */
export interface EncodingOptions {
  /** Field schema of the message, for schema-based encodings (protobuf). */
  readonly schema?: MessageSchema;
  readonly xml?: XmlOptions;
}

/** A registered message encoding: how many bytes a payload takes on the wire. */
export interface EncodingDefinition {
  readonly id: string;
  readonly description: string;
  /** True when `sizeOf` needs `options.schema` (the payload alone does not say how to encode it). */
  readonly needsSchema: boolean;
  /**
   * Bytes of `payload` once encoded.
   * @throws EncodingError, located inside the payload, when the payload cannot be encoded.
   */
  sizeOf(payload: PayloadObject, options?: EncodingOptions): number;
}

/** A payload that its encoding cannot represent; `path` leads from the payload to the culprit. */
export class EncodingError extends Error {
  constructor(
    readonly path: ReadonlyArray<string | number>,
    message: string,
  ) {
    super(message);
    this.name = 'EncodingError';
  }
}

/** True for a payload object (not an array, not null). */
export function isPayloadObject(value: PayloadValue | undefined): value is PayloadObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a payload value, for error messages. */
export function describePayloadValue(value: PayloadValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}
