import type { ScenarioInput } from '../../src/scenario/schema.js';

/** s — r over 1 Mbit/s, 10 ms one way, 1000 B data, 40 B ACKs: one cycle is 8 + 20 + 0.32 ms. */
export const STOP_AND_WAIT_CYCLE = 0.02832;

/** A stop-and-wait flow of `messages` over that path, with the given timeout and loss. */
export function stopAndWaitScenario(options: {
  messages: number;
  /** A plain time (fixed) or `{ strategy, ...params }`. */
  timeout: unknown;
  retries?: number;
  loss?: number | { forward: number; reverse: number };
  seed?: number;
  duration?: number;
}): ScenarioInput {
  return {
    name: 'saw',
    seed: options.seed ?? 1,
    duration: options.duration,
    nodes: [{ id: 's' }, { id: 'r' }],
    links: [{ between: ['s', 'r'], bandwidth: '1Mbps', delay: '10ms', loss: options.loss ?? 0 }],
    flows: [
      {
        id: 'f',
        from: 's',
        to: 'r',
        transport: {
          protocol: 'stop-and-wait',
          timeout: options.timeout,
          ackSize: '40B',
          retries: options.retries ?? 15,
        },
        workload: { messages: options.messages, size: '1000B' },
      },
    ],
  } as ScenarioInput;
}
