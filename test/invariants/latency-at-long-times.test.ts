import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

/** Three 200-byte messages 0.1 s apart over 100 Mbit/s and 5 ms: 16 µs + 5 ms each, no queueing. */
function paced(start: string): ScenarioInput {
  return {
    name: 'paced',
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [{ between: ['a', 'b'], bandwidth: '100Mbps', delay: '5ms' }],
    flows: [
      {
        from: 'a',
        to: 'b',
        transport: { protocol: 'datagram', headerSize: 0 },
        workload: { messages: 3, rate: 10, size: 200, start },
      },
    ],
  };
}

describe('latency at a simulated time of centuries', () => {
  // At 2000 years (6.3e10 s) the clock reads in steps of 2^-17 s, 7.6 µs: a latency taken as a
  // difference of two readings was 5.028 ms here, and the propagation 4.997 ms.
  it('is the exact sum of the transmission and propagation times, as at time zero', () => {
    const near = run(paced('0s')).summary;
    const { probe, resolved } = recordingProbe();
    const far = run(paced('2000y'), { probes: [probe] }).summary;
    expect(near.latency.mean).toBeCloseTo(0.005016, 15);
    expect(far.latency.mean).toBe(near.latency.mean);
    expect(far.latency.components.prop.mean).toBe(0.005);
    expect(far.latency.components.trans.mean).toBe((200 * 8) / 100e6);
    expect(resolved).toHaveLength(3);
    for (const message of resolved) {
      expect(message.createdAt).toBeGreaterThan(6e10);
      expect(message.latencySeconds).toBe(message.transSeconds + message.propSeconds);
      // The clock's own difference is off by up to a step of the clock.
      expect(Math.abs(message.deliveredAt - message.createdAt - message.latencySeconds)).toBeLessThanOrEqual(
        2 ** -17,
      );
    }
  });

  it('gives a request-reply exchange its exact round trip', () => {
    const sync = (start: string): ScenarioInput => ({
      ...paced(start),
      flows: [
        {
          id: 'rpc',
          from: 'a',
          to: 'b',
          transport: { protocol: 'datagram', headerSize: 0 },
          workload: { messages: 3, size: 200, start },
          pattern: { kind: 'request-reply', mode: 'sync', replySize: 200 },
        },
      ],
    });
    const latencyOf = (start: string) => run(sync(start)).summary.flows.rpc.requests?.latency;
    const near = latencyOf('0s');
    expect(near?.mean).toBeCloseTo(2 * 0.005016, 15);
    expect(latencyOf('2000y')).toEqual(near);
  });
});
