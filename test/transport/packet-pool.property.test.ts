import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Packet } from '../../src/net/packet.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { PacketPool } from '../../src/transport/packet-pool.js';
import { arbitraryBrokerScenario } from '../helpers/arbitrary-broker-scenario.js';
import { arbitraryScenario } from '../helpers/arbitrary-scenario.js';
import { run } from '../helpers/scenario.js';

/**
 * Never reuses a packet, and turns every released one into a trap: reading or writing any of its
 * fields throws, and so does releasing it twice. A run with it ends normally only if nobody (the
 * network, a transport, the collector) touches a packet after the flow released it.
 */
class PoisoningPool extends PacketPool {
  releases = 0;
  private readonly poisoned = new WeakSet<Packet>();

  override acquire(...fields: Parameters<PacketPool['acquire']>): Packet {
    return new Packet(...fields);
  }

  override release(packet: Packet): void {
    if (this.poisoned.has(packet)) throw new Error('a packet was released twice');
    this.poisoned.add(packet);
    this.releases++;
    for (const field of Object.keys(packet)) {
      const trap = () => {
        throw new Error(`field ${field} of a released packet was used`);
      };
      Object.defineProperty(packet, field, { get: trap, set: trap });
    }
  }
}

/** A pool that takes packets back and never hands them out again: a run without recycling. */
class DiscardingPool extends PacketPool {
  override release(): void {}
}

/**
 * arbitraryScenario with some flows turned into window transports (whose data packets stay
 * with the sender, whose ACKs are recycled), with delayed ACKs and small receive buffers.
 */
function scenarioWithWindows(): fc.Arbitrary<ScenarioInput> {
  return fc
    .record({
      base: arbitraryScenario(),
      protocols: fc.array(fc.constantFrom('keep', 'go-back-n', 'selective-repeat'), {
        minLength: 3,
        maxLength: 3,
      }),
      window: fc.integer({ min: 1, max: 6 }),
      delayedAck: fc.boolean(),
      receiveBuffer: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    })
    .map(({ base, protocols, window, delayedAck, receiveBuffer }) => ({
      ...base,
      flows: (base.flows ?? []).map((flow, index) => {
        const protocol = protocols[index % protocols.length];
        if (protocol === 'keep') return flow;
        return {
          ...flow,
          transport: {
            protocol,
            window,
            timeout: '30ms',
            retries: 4,
            delayedAck: delayedAck && { every: 2, timeout: '5ms' },
            receiveBuffer,
          },
        };
      }),
    }));
}

const summaryWith = (scenario: ScenarioInput, packetPool: PacketPool) =>
  JSON.stringify(run(scenario, { packetPool }).summary);

describe('packet recycling (PacketPool ownership rule)', () => {
  it('nobody touches a released packet, and recycling changes no result', () => {
    let releases = 0;
    fc.assert(
      fc.property(scenarioWithWindows(), (scenario) => {
        const poisoning = new PoisoningPool();
        const withoutRecycling = summaryWith(scenario, new DiscardingPool());
        expect(summaryWith(scenario, poisoning)).toBe(withoutRecycling);
        expect(summaryWith(scenario, new PacketPool())).toBe(withoutRecycling);
        releases += poisoning.releases;
      }),
      { numRuns: 80 },
    );
    // The property held over runs that did release packets.
    expect(releases).toBeGreaterThan(1000);
  });

  it('holds for flows into brokers too', () => {
    fc.assert(
      fc.property(arbitraryBrokerScenario(), ({ scenario }) => {
        const withoutRecycling = summaryWith(scenario, new DiscardingPool());
        expect(summaryWith(scenario, new PoisoningPool())).toBe(withoutRecycling);
        expect(summaryWith(scenario, new PacketPool())).toBe(withoutRecycling);
      }),
      { numRuns: 25 },
    );
  });
});
