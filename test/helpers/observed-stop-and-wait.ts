import type { Message } from '../../src/net/message.js';
import { type StopAndWaitConfig, stopAndWait } from '../../src/transport/stop-and-wait.js';
import type { TransportDefinition } from '../../src/transport/transport.js';

/**
 * stop-and-wait whose senders tell `onSubmit` of every message they are given, with what they
 * already held then (before they take it).
 */
export function observedStopAndWait(
  onSubmit: (message: Message, outstanding: number) => void,
): TransportDefinition<StopAndWaitConfig> {
  return {
    ...stopAndWait,
    createSender: (port, config, strategies) => {
      const sender = stopAndWait.createSender(port, config, strategies);
      const submit = sender.submit.bind(sender);
      sender.submit = (message) => {
        onSubmit(message, sender.outstanding);
        submit(message);
      };
      return sender;
    },
  };
}
