import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';

/**
 * A bulk over a line of identical links: past the first, each packet reaches the next link as
 * the previous one leaves it (both instants are the first link's end plus whole transmissions
 * and delays), so none waits there, whatever rounding the clock readings take.
 */
function line(hops: number, bandwidthBps: number, delaySeconds: number, sizeBytes: number, messages: number) {
  const ids = Array.from({ length: hops + 1 }, (_, i) => `n${i}`);
  const scenario: ScenarioInput = {
    name: 'line',
    nodes: ids.map((id) => ({ id })),
    links: ids.slice(1).map((id, i) => ({
      between: [ids[i], id] as [string, string],
      bandwidth: bandwidthBps,
      delay: delaySeconds,
    })),
    flows: [{ id: 'f', from: ids[0], to: ids[hops], workload: { messages, size: sizeBytes } }],
  };
  return run(scenario).summary;
}

function downstreamQueues(summary: ReturnType<typeof line>) {
  return Object.entries(summary.links)
    .filter(([id]) => id !== 'n0-n1')
    .map(([, link]) => link.directions[0].queue);
}

describe('a packet that reaches a link as the one before it leaves', () => {
  it('does not wait: 100 Mbit/s, 1 ms, 1000 B, the case whose readings round an ulp apart', () => {
    // a → r ends at 80k µs, the packet reaches r at 80k + 1000 µs, the one before leaves r then.
    const summary = line(2, 100e6, 1e-3, 1000, 200);
    const [queue] = downstreamQueues(summary);
    expect(queue).toEqual({ meanPacketsWaiting: 0, meanWaitSeconds: 0, peakPacketsWaiting: 0 });
    expect(summary.latency.components.queue.max ?? 0).toBeGreaterThan(0); // the first link's
  });

  it('does not wait on any later link of a line of identical links (random rates, delays, sizes)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 2, max: 300 }),
        (hops, megabits, delay, size, messages) => {
          const summary = line(hops, megabits * 1e6, delay, size, messages);
          for (const queue of downstreamQueues(summary)) {
            expect(queue).toEqual({ meanPacketsWaiting: 0, meanWaitSeconds: 0, peakPacketsWaiting: 0 });
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
