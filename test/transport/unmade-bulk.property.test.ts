import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Registry } from '../../src/engine/registry.js';
import type { NetworkProbe } from '../../src/net/probe.js';
import { silentProbe } from '../../src/net/silent-probe.js';
import { simulate } from '../../src/scenario/build-simulation.js';
import { createRegistries } from '../../src/scenario/registries.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { datagram } from '../../src/transport/datagram.js';
import { BULK_WINDOW } from '../../src/transport/flow.js';
import { PacketPool } from '../../src/transport/packet-pool.js';
import type { StopAndWaitConfig } from '../../src/transport/stop-and-wait.js';
import type { TransportConfigBase, TransportDefinition } from '../../src/transport/transport.js';
import { arbitraryBrokerScenario } from '../helpers/arbitrary-broker-scenario.js';
import { arbitraryScenario } from '../helpers/arbitrary-scenario.js';
import { observedStopAndWait } from '../helpers/observed-stop-and-wait.js';
import { scenarioOf } from '../helpers/scenario.js';

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The summary made with bulk messages made as their senders ask (the default), or all at once. */
function summaryOf(scenario: ScenarioInput, made: 'when asked' | 'at once'): string {
  const options = { packetPool: new PacketPool(), ...(made === 'at once' && { probes: [silentProbe] }) };
  return JSON.stringify(simulate(scenarioOf(scenario), options).summary);
}

/**
 * arbitraryScenario with bulk transfers larger than the window (so the window refills while
 * messages wait), and its scripted crash moved to any node at any time: sources that lose or
 * keep their waiting messages, and runs cut short by the duration.
 */
function scenarioWithLargeBulks(): fc.Arbitrary<ScenarioInput> {
  return fc
    .record({
      base: arbitraryScenario(),
      messages: fc.array(fc.integer({ min: 1, max: 3 * BULK_WINDOW }), { minLength: 3, maxLength: 3 }),
      crashedNode: fc.nat(3),
      crashAt: fc.double({ min: 0, max: 1, noNaN: true }),
      downFor: fc.double({ min: 0.001, max: 0.5, noNaN: true }),
    })
    .map(({ base, messages, crashedNode, crashAt, downFor }) => {
      const nodes = base.nodes ?? [];
      const node = nodes[crashedNode % nodes.length].id;
      return {
        ...base,
        flows: (base.flows ?? []).map((flow, index) =>
          flow.workload?.rate === undefined
            ? { ...flow, workload: { ...flow.workload, messages: messages[index] } }
            : flow,
        ),
        faults: [
          { at: crashAt, crash: node },
          { at: crashAt + downFor, recover: node },
        ],
      };
    });
}

const transportsWith = (definition: TransportDefinition<StopAndWaitConfig>) =>
  new Registry<TransportDefinition<TransportConfigBase>>('transport')
    .register(datagram as unknown as TransportDefinition<TransportConfigBase>)
    .register(definition as unknown as TransportDefinition<TransportConfigBase>);

describe('bulk messages made when the sender asks for them', () => {
  it('give the same summary as bulk messages made at once', () => {
    fc.assert(
      fc.property(scenarioWithLargeBulks(), (scenario) => {
        expect(summaryOf(scenario, 'when asked')).toBe(summaryOf(scenario, 'at once'));
      }),
      { numRuns: 120 },
    );
  });

  it('all count as sent from the start, even when the run ends before the sender reaches them', () => {
    fc.assert(
      fc.property(scenarioWithLargeBulks(), fc.double({ min: 0, max: 1, noNaN: true }), (base, extra) => {
        // Cut at any time after the scripted recovery (a fault past the end is refused).
        const lastFault = Math.max(...(base.faults ?? []).map((fault) => Number(fault.at)));
        const scenario = { ...base, duration: lastFault + extra };
        const { summary } = simulate(scenarioOf(scenario), { packetPool: new PacketPool() });
        for (const flow of scenario.flows ?? []) {
          if (flow.workload?.rate !== undefined) continue;
          const counts = summary.flows[flow.id!].counts;
          // Every message of a bulk transfer exists at its start: sent, then ended or still in flight.
          expect(counts.sent).toBe(flow.workload?.messages);
          const ended = counts.delivered + counts.failed + sum(counts.dropped) + sum(counts.lost);
          expect(counts.inFlight).toBe(counts.sent - ended);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('counts a stop-and-wait transfer cut by the duration in full: sent, in flight and offered load', () => {
    const scenario: ScenarioInput = {
      name: 'cut',
      duration: '10s',
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [{ between: ['a', 'b'], bandwidth: '1Mbps', delay: '10ms' }],
      flows: [
        {
          id: 'f',
          from: 'a',
          to: 'b',
          transport: { protocol: 'stop-and-wait', timeout: '100ms', ackSize: 0 },
          workload: { messages: 100_000, size: 1000 },
        },
      ],
    };
    for (const options of [{}, { probes: [silentProbe] }]) {
      const { summary } = simulate(scenarioOf(scenario), options);
      // One exchange takes 8 ms of transmission and 20 ms of round trip: 28 ms each, 357 in 10 s.
      expect(summary.counts.delivered).toBe(357);
      expect(summary.counts.sent).toBe(100_000);
      expect(summary.counts.inFlight).toBe(100_000 - 357);
      expect(summary.throughput.offeredMessagesPerSecond).toBe(10_000);
    }
  });

  it('give the same summary for flows into brokers too', () => {
    fc.assert(
      fc.property(arbitraryBrokerScenario(), ({ scenario }) => {
        expect(summaryOf(scenario, 'when asked')).toBe(summaryOf(scenario, 'at once'));
      }),
      { numRuns: 25 },
    );
  });

  it('reach a stop-and-wait sender one at a time, each when it has nothing left', () => {
    // Two flows of 1000 messages over one 10 Mbit/s link each way: 2000 exchanges.
    const scenario: ScenarioInput = {
      name: 'two-bulks',
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [{ between: ['a', 'b'], bandwidth: '10Mbps', delay: '1ms', loss: 0.05 }],
      flows: [
        {
          id: 'f',
          from: 'a',
          to: 'b',
          transport: { protocol: 'stop-and-wait', timeout: '5ms' },
          workload: { messages: 1000, size: 500 },
        },
        {
          id: 'g',
          from: 'b',
          to: 'a',
          transport: { protocol: 'stop-and-wait', timeout: '5ms' },
          workload: { messages: 1000, size: 500 },
        },
      ],
    };
    const runWatched = (probes: NetworkProbe[]) => {
      const held: number[] = [];
      const registries = {
        ...createRegistries(),
        transports: transportsWith(observedStopAndWait((_, outstanding) => held.push(outstanding))),
      };
      const { summary } = simulate(scenarioOf(scenario), {
        registries,
        probes,
        packetPool: new PacketPool(),
      });
      return { held, summary: JSON.stringify(summary) };
    };
    const whenAsked = runWatched([]);
    expect(whenAsked.held).toHaveLength(2000);
    expect(Math.max(...whenAsked.held)).toBe(0);
    // Made at once, a delivered message's successor joins the window held by its sender.
    const atOnce = runWatched([silentProbe]);
    expect(atOnce.held).toHaveLength(2000);
    expect(Math.max(...atOnce.held)).toBe(BULK_WINDOW);
    expect(whenAsked.summary).toBe(atOnce.summary);
    expect(JSON.parse(whenAsked.summary).counts.delivered).toBe(2000);
  });
});
