import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Registry } from '../../src/engine/registry.js';
import { type LaneId, Simulator } from '../../src/engine/simulator.js';
import { simulate } from '../../src/scenario/build-simulation.js';
import { createRegistries, type Registries } from '../../src/scenario/registries.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { PacketPool } from '../../src/transport/packet-pool.js';
import { adaptiveRto } from '../../src/transport/rto/adaptive.js';
import { exponentialBackoffRto } from '../../src/transport/rto/exponential-backoff.js';
import { fixedRto } from '../../src/transport/rto/fixed.js';
import type { RtoConfigBase, RtoStrategyDefinition } from '../../src/transport/rto/rto-strategy.js';
import { arbitraryScenario } from '../helpers/arbitrary-scenario.js';
import { scenarioOf } from '../helpers/scenario.js';

/**
 * `fixed` whose estimators do not say they are constant: the same timeouts, armed through the
 * heap with `schedule(rto, …)` as before the senders used delay lanes.
 */
const fixedThroughHeap: RtoStrategyDefinition<RtoConfigBase> = {
  ...(fixedRto as unknown as RtoStrategyDefinition<RtoConfigBase>),
  create: (config) => {
    const inner = (fixedRto as unknown as RtoStrategyDefinition<RtoConfigBase>).create(config);
    return {
      rto: inner.rto,
      srtt: inner.srtt,
      rttvar: inner.rttvar,
      isConstant: false,
      onRttSample: (seconds: number) => inner.onRttSample(seconds),
      onExpiry: () => inner.onExpiry(),
    };
  },
};

function heapRegistries(): Registries {
  const rto = new Registry<RtoStrategyDefinition<RtoConfigBase>>('RTO strategy')
    .register(fixedThroughHeap)
    .register(exponentialBackoffRto as unknown as RtoStrategyDefinition<RtoConfigBase>)
    .register(adaptiveRto as unknown as RtoStrategyDefinition<RtoConfigBase>);
  return { ...createRegistries(), rto };
}

/** The whole summary, with fixed timers in lanes (the default) or through the heap. */
function summaryOf(scenario: ScenarioInput, timers: 'lanes' | 'heap'): string {
  const options = {
    packetPool: new PacketPool(),
    ...(timers === 'heap' && { registries: heapRegistries() }),
  };
  return JSON.stringify(simulate(scenarioOf(scenario), options).summary);
}

/** arbitraryScenario with its reliable flows on a window protocol with a fixed timeout. */
function windowScenario(): fc.Arbitrary<ScenarioInput> {
  return fc
    .record({
      base: arbitraryScenario(),
      protocol: fc.constantFrom('go-back-n', 'selective-repeat'),
      window: fc.integer({ min: 1, max: 8 }),
      congestion: fc.constantFrom('none', 'reno'),
      timeoutMs: fc.integer({ min: 5, max: 60 }),
      receiveBuffer: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      delayedAck: fc.boolean(),
    })
    .map(({ base, protocol, window, congestion, timeoutMs, receiveBuffer, delayedAck }) => ({
      ...base,
      flows: (base.flows ?? []).map((flow) =>
        (flow.transport as { protocol: string }).protocol === 'stop-and-wait'
          ? {
              ...flow,
              transport: {
                protocol,
                window,
                sequenceBits: 16,
                congestion,
                timeout: `${timeoutMs}ms`,
                retries: 4,
                receiveBuffer,
                delayedAck: delayedAck ? { every: 2, timeout: '3ms' } : false,
              },
            }
          : flow,
      ),
    }));
}

/** Counts, per delay, the events the simulators of a run schedule through that delay's lane. */
function watchLanes(): Map<number, number> {
  const delays = new WeakMap<Simulator, Map<LaneId, number>>();
  const scheduledByDelay = new Map<number, number>();
  const lane = Simulator.prototype.lane;
  const scheduleInLane = Simulator.prototype.scheduleInLane;
  vi.spyOn(Simulator.prototype, 'lane').mockImplementation(function (this: Simulator, delaySeconds) {
    const id = lane.call(this, delaySeconds);
    if (!delays.has(this)) delays.set(this, new Map());
    delays.get(this)!.set(id, delaySeconds);
    return id;
  });
  vi.spyOn(Simulator.prototype, 'scheduleInLane').mockImplementation(function (
    this: Simulator,
    id,
    callback,
    arg,
  ) {
    const delaySeconds = delays.get(this)!.get(id)!;
    scheduledByDelay.set(delaySeconds, (scheduledByDelay.get(delaySeconds) ?? 0) + 1);
    return scheduleInLane.call(this, id, callback, arg);
  });
  return scheduledByDelay;
}

/** One lossy stop-and-wait flow of 400 messages: 2 ms each way, so the timer's 7 ms is its own delay. */
const lossyFlow = (transport: NonNullable<ScenarioInput['flows']>[number]['transport']) =>
  ({
    name: 'lossy-stop-and-wait',
    seed: 7,
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [{ between: ['a', 'b'], bandwidth: '10Mbps', delay: '2ms', loss: 0.1 }],
    flows: [{ id: 'f', from: 'a', to: 'b', transport, workload: { messages: 400, size: 500 } }],
  }) satisfies ScenarioInput;

describe('retransmission timers of a fixed RTO armed through a delay lane', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('give stop-and-wait the same summary as timers through the heap, over random scenarios', () => {
    fc.assert(
      fc.property(arbitraryScenario(), (scenario) => {
        expect(summaryOf(scenario, 'lanes')).toBe(summaryOf(scenario, 'heap'));
      }),
      { numRuns: 80 },
    );
  });

  it('give Go-Back-N and selective repeat the same summary as timers through the heap', () => {
    fc.assert(
      fc.property(windowScenario(), (scenario) => {
        expect(summaryOf(scenario, 'lanes')).toBe(summaryOf(scenario, 'heap'));
      }),
      { numRuns: 80 },
    );
  });

  it('arm every copy of a fixed-timeout stop-and-wait sender in the lane of its timeout', () => {
    const scheduled = watchLanes();
    const { summary } = simulate(
      scenarioOf(lossyFlow({ protocol: 'stop-and-wait', timeout: '7ms', retries: 1000 })),
    );
    // Every data copy sent (each message once, plus each retransmission) arms one timer.
    expect(summary.counts.delivered).toBe(400);
    expect(summary.counts.retransmissions).toBeGreaterThan(0);
    expect(scheduled.get(0.007)).toBe(400 + summary.counts.retransmissions);
  });

  it('leave the timers of an adaptive or backed-off RTO out of the lanes', () => {
    for (const timeout of [
      { strategy: 'adaptive', initial: '7ms', min: '7ms', max: '7ms' },
      { strategy: 'exponential-backoff', initial: '7ms', factor: 2, max: '7ms' },
    ] as const) {
      const scheduled = watchLanes();
      const { summary } = simulate(
        scenarioOf(lossyFlow({ protocol: 'stop-and-wait', timeout, retries: 1000 })),
      );
      // Clamped to 7 ms, the timeouts are those of the fixed run, yet no estimator says so.
      expect(summary.counts.delivered).toBe(400);
      expect(summary.counts.retransmissions).toBeGreaterThan(0);
      expect(scheduled.has(0.007)).toBe(false);
      // The links' propagation still goes through its lane: the spy sees lanes at all.
      expect(scheduled.get(0.002)).toBeGreaterThan(0);
      vi.restoreAllMocks();
    }
  });
});
