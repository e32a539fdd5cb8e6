import { Registry } from '../engine/registry.js';
import { topicPatternMatches } from './routing-key.js';

/** How an exchange decides which bound queues get a published message. */
export interface ExchangeTypeDefinition {
  readonly id: string;
  readonly description: string;
  /** True when a binding must give a key (or pattern) for this exchange type. */
  readonly bindingNeedsKey: boolean;
  /** Whether a binding with `bindingKey` (undefined when none was given) takes `routingKey`. */
  matches(bindingKey: string | undefined, routingKey: string): boolean;
}

const direct: ExchangeTypeDefinition = {
  id: 'direct',
  description: 'to the queues bound with exactly the routing key',
  bindingNeedsKey: true,
  matches: (bindingKey, routingKey) => bindingKey === routingKey,
};

const fanout: ExchangeTypeDefinition = {
  id: 'fanout',
  description: 'to every bound queue, whatever the routing key (broadcast)',
  bindingNeedsKey: false,
  matches: () => true,
};

const topic: ExchangeTypeDefinition = {
  id: 'topic',
  description: "to the queues whose binding pattern matches the key (AMQP: '*' one word, '#' zero or more)",
  bindingNeedsKey: true,
  matches: (bindingKey, routingKey) =>
    bindingKey !== undefined && topicPatternMatches(bindingKey, routingKey),
};

/** The registry of built-in exchange types; a new one is an entry plus one line here. */
export function createExchangeTypeRegistry(): Registry<ExchangeTypeDefinition> {
  return new Registry<ExchangeTypeDefinition>('exchange type')
    .register(direct)
    .register(fanout)
    .register(topic);
}
