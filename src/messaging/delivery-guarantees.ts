import { Registry } from '../engine/registry.js';

/** What the broker does with a message it has handed to a consumer. */
export interface DeliveryGuaranteeDefinition {
  readonly id: string;
  readonly description: string;
  /**
   * True: the broker keeps the message until the consumer acknowledges it, and delivers it again
   * when the consumer fails or the ack does not come in time (duplicates are possible). False:
   * it forgets the message as it sends it (a failure loses it; never sent twice), sets no ack
   * timer, and the ack only gives the consumer's prefetch credit back.
   */
  readonly keepsUntilAck: boolean;
}

const atMostOnce: DeliveryGuaranteeDefinition = {
  id: 'at-most-once',
  description:
    'forgotten as it is sent: a failed consumer or a lost packet loses it, never sent twice (only a link that duplicates can hand a consumer a copy); no ack timer (the ack only returns prefetch credit)',
  keepsUntilAck: false,
};

const atLeastOnce: DeliveryGuaranteeDefinition = {
  id: 'at-least-once',
  description:
    'kept until acknowledged, delivered again on consumer failure or ack timeout: nothing acknowledged is lost, duplicates are possible',
  keepsUntilAck: true,
};

/** The registry of built-in delivery guarantees. */
export function createDeliveryGuaranteeRegistry(): Registry<DeliveryGuaranteeDefinition> {
  return new Registry<DeliveryGuaranteeDefinition>('delivery guarantee')
    .register(atMostOnce)
    .register(atLeastOnce);
}
