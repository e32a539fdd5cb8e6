import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';

/** A bulk transfer of `messages` over `transport`, on a link that carries 10 B in 80 ns. */
function bulk(
  messages: number,
  transport: NonNullable<ScenarioInput['flows']>[number]['transport'],
): ScenarioInput {
  return {
    name: 'bulk',
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [{ between: ['a', 'b'], bandwidth: '1Gbps', delay: '1ms' }],
    flows: [{ id: 'f', from: 'a', to: 'b', transport, workload: { messages, size: '10B' } }],
  };
}

describe('the limit on messages alive at once', () => {
  it('stops a datagram bulk transfer larger than the limit: all its messages go out at once', () => {
    expect(() => run(bulk(1000, { protocol: 'datagram' }), { maxLiveMessages: 300 })).toThrow(
      /^more than 300 messages are alive at once at t=0 s \(created and not yet delivered, dropped or lost\)/,
    );
  });

  it('lets a transport with ACKs carry a bulk transfer of any size: it makes its messages as it gets to them', () => {
    // At most max(256, 2 · window) alive: 256 for both.
    for (const transport of [
      { protocol: 'stop-and-wait', timeout: '10ms' },
      { protocol: 'go-back-n', window: 8, timeout: '10ms' },
    ]) {
      const { summary } = run(bulk(1000, transport), { maxLiveMessages: 300 });
      expect(summary.counts.delivered).toBe(1000);
    }
    // Twice a window of 200 is more than the limit.
    expect(() =>
      run(bulk(1000, { protocol: 'go-back-n', window: 200, timeout: '10ms' }), { maxLiveMessages: 300 }),
    ).toThrow(/^more than 300 messages are alive at once/);
  });

  it('stops a flow offered more than the link carries, with nothing to bound its backlog', () => {
    const overload: ScenarioInput = {
      name: 'overload',
      duration: '10s',
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [{ between: ['a', 'b'], bandwidth: '1Mbps', delay: '1ms' }],
      flows: [{ id: 'f', from: 'a', to: 'b', workload: { rate: 2000, size: '1000B' } }],
    };
    // 2000/s offered, 125/s carried: 1875 more alive every second, past 300 within 0.2 s.
    expect(() => run(overload, { maxLiveMessages: 300 })).toThrow(
      /^more than 300 messages are alive at once at t=0\.1[0-9]+ s/,
    );
  });
});
