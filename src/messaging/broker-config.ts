import type { z } from 'zod';
import type { createBrokerSchemas } from './broker-schema.js';

type BrokerSchemas = ReturnType<typeof createBrokerSchemas>;
/** A broker as the scenario resolves it (SI numbers, defaults filled in). */
export type BrokerConfig = z.output<BrokerSchemas['broker']>;
/** Where a publishing flow sends its messages. */
export type PublishConfig = z.output<BrokerSchemas['publish']>;
