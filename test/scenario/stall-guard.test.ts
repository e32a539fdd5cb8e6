import { describe, expect, it } from 'vitest';
import { RunawaySimulationError } from '../../src/engine/simulator.js';
import { STALLED_CHECKS, stallGuard } from '../../src/scenario/stall-guard.js';
import { run } from '../helpers/scenario.js';
import { brokerScenario } from '../messaging/broker-scenario.js';

const flows = { flows: [{ created: 10, resolved: 3 }] };
const queue = { events: { redelivered: 0, acked: 0 } };
const brokers = { subscriptions: [queue], names: [{ name: 'jobs', broker: 'b', ackTimeout: 0.01 }] };

/** Calls the guard once to set its baseline, then `STALLED_CHECKS` times with `between` before each. */
function stall(guard: (now: number, events: number) => void, between: () => void = () => {}): unknown {
  guard(1, 0);
  try {
    for (let check = 1; check <= STALLED_CHECKS; check++) {
      between();
      guard(1 + check, check);
    }
  } catch (error) {
    return error;
  }
  return null;
}

describe('the stall guard of runs without a duration', () => {
  it('says a sender may wait on a node that never recovers when nothing at all happens', () => {
    const error = stall(stallGuard(undefined, flows, null, undefined));
    expect(error).toBeInstanceOf(RunawaySimulationError);
    expect((error as Error).message).toContain('a sender may wait on a node that never recovers');
  });

  it('names the redelivery storm when a broker redelivers without acks in the stalled interval', () => {
    queue.events.redelivered = 100;
    const error = stall(stallGuard(undefined, flows, brokers, undefined), () => {
      queue.events.redelivered += 5;
      queue.events.acked += 1;
    });
    expect(error).toBeInstanceOf(RunawaySimulationError);
    const message = (error as Error).message;
    expect(message).toContain('deliveries are being redelivered without being acknowledged');
    // Counted over the stalled interval only: 8 checks of 5 redeliveries and 1 ack.
    expect(message).toContain("'jobs' on broker 'b' redelivered 40 times with 8 acks (ackTimeout 0.01 s)");
    expect(message).toContain('ack timeout shorter than the time a consumer needs');
    expect(message).not.toContain('never recovers');
  });

  it('does not fire while messages are created or end, nor with a duration', () => {
    expect(
      stall(stallGuard(undefined, flows, brokers, undefined), () => flows.flows[0].resolved++),
    ).toBeNull();
    expect(stall(stallGuard(5, flows, brokers, undefined))).toBeNull();
  });

  it('stops a run whose deliveries all go unacknowledged, naming the redeliveries', () => {
    // Every delivery is lost on the way to the worker: the broker redelivers it each 10 ms.
    const scenario = brokerScenario({
      consumers: [{ node: 'worker' }],
      broker: {
        ackTimeout: '10ms',
        queues: [{ name: 'jobs' }],
        consumers: [{ id: 'w', node: 'worker', queue: 'jobs' }],
      },
      flow: { publish: { queue: 'jobs' }, workload: { messages: 1 } },
    });
    scenario.links![1] = { ...scenario.links![1], loss: { forward: 1, reverse: 0 } };
    expect(() => run(scenario)).toThrow(
      /deliveries are being redelivered without being acknowledged: 'jobs'/,
    );
  });
});
