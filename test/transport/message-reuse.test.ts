import { describe, expect, it } from 'vitest';
import { Registry } from '../../src/engine/registry.js';
import { Message } from '../../src/net/message.js';
import type { NetworkProbe } from '../../src/net/probe.js';
import { silentProbe } from '../../src/net/silent-probe.js';
import { simulate } from '../../src/scenario/build-simulation.js';
import { createRegistries } from '../../src/scenario/registries.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { datagram } from '../../src/transport/datagram.js';
import { renewMessage } from '../../src/transport/message-reuse.js';
import { PacketPool } from '../../src/transport/packet-pool.js';
import type { TransportConfigBase, TransportDefinition } from '../../src/transport/transport.js';
import { observedStopAndWait } from '../helpers/observed-stop-and-wait.js';
import { scenarioOf } from '../helpers/scenario.js';

/** What a message shows: every field and figure read through its public interface. */
const viewOf = (message: Message) => ({
  id: message.id,
  flowIndex: message.flowIndex,
  payloadBytes: message.payloadBytes,
  createdAt: message.createdAt,
  fate: message.fate,
  transmissions: message.transmissions,
  copiesInFlight: message.copiesInFlight,
  abandonedFate: message.abandonedFate,
  correlation: message.correlation,
  passedOn: message.passedOn,
  receivedAt: message.receivedAt,
  handedOffAt: message.handedOffAt,
  deliveredAt: message.deliveredAt,
  transSeconds: message.transSeconds,
  propSeconds: message.propSeconds,
  queueSeconds: message.queueSeconds,
  procSeconds: message.procSeconds,
  waitSeconds: message.waitSeconds,
  isPending: message.isPending,
  latencySeconds: message.latencySeconds,
});

/** A message that went through a whole life: sent twice, received, processed, delivered. */
function usedMessage(): Message {
  const message = new Message(7, 2, 1500, 0.25);
  message.transmissions = 2;
  message.copiesInFlight = 1;
  message.correlation = 41;
  message.passedOn = true;
  message.abandonedFate = { kind: 'failed' };
  message.received(1.5, 1.25, 0.012, 0.1, 0.003, 1);
  message.procSeconds = 0.5;
  message.deliveredAt = 2;
  message.fate = { kind: 'delivered' };
  return message;
}

describe('renewMessage', () => {
  it('makes a used message read exactly as a new one', () => {
    const renewed = usedMessage();
    renewMessage(renewed, 99, 64, 3.5);
    expect(viewOf(renewed)).toEqual(viewOf(new Message(99, 2, 64, 3.5)));
    expect(renewed.isPending).toBe(true);
    expect(renewed.receivedAt).toBeNaN();
    expect(renewed.latencySeconds).toBeNaN();
  });

  it('resets every own field a new message has (a field added to Message must be reset too)', () => {
    const fresh = new Message(99, 2, 64, 3.5);
    const renewed = usedMessage();
    // Dirty every own field but the timing array (reset figure by figure, compared above) and
    // the flow, which a renewed message keeps (it stays a message of its flow).
    const fields = Object.keys(fresh).filter((field) => field !== 'timing' && field !== 'flowIndex');
    for (const field of fields) (renewed as unknown as Record<string, unknown>)[field] = 'stale';
    renewMessage(renewed, 99, 64, 3.5);
    const ownFields = (message: Message) =>
      Object.fromEntries(Object.entries(message).filter(([field]) => field !== 'timing'));
    expect(ownFields(renewed)).toEqual(ownFields(fresh));
    expect(Object.keys(renewed).sort()).toEqual(Object.keys(fresh).sort());
  });

  it('writes later figures in place: a renewed message is received like a new one', () => {
    const renewed = usedMessage();
    renewMessage(renewed, 5, 100, 0);
    const fresh = new Message(5, 2, 100, 0);
    for (const message of [renewed, fresh]) {
      message.received(0.5, 0.1, 0.01, 0.2, 0, 0.1);
      message.deliveredAt = 0.75;
    }
    expect(viewOf(renewed)).toEqual(viewOf(fresh));
  });
});

/** The run's summary and the message objects its senders got, distinct and in all. */
function runCollecting(scenario: ScenarioInput, probes: NetworkProbe[]) {
  const submitted: Message[] = [];
  const transports = new Registry<TransportDefinition<TransportConfigBase>>('transport')
    .register(datagram as unknown as TransportDefinition<TransportConfigBase>)
    .register(
      observedStopAndWait((message) =>
        submitted.push(message),
      ) as unknown as TransportDefinition<TransportConfigBase>,
    );
  const { summary } = simulate(scenarioOf(scenario), {
    registries: { ...createRegistries(), transports },
    probes,
    packetPool: new PacketPool(),
  });
  return { summary: JSON.stringify(summary), submitted: submitted.length, objects: new Set(submitted).size };
}

/** One stop-and-wait bulk flow of `messages` over a 10 Mbit/s, 1 ms link. */
function bulkFlow(
  messages: number,
  link: { loss?: number },
  transport: Record<string, unknown>,
): ScenarioInput {
  return {
    name: 'reuse',
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [{ between: ['a', 'b'], bandwidth: '10Mbps', delay: '1ms', ...link }],
    flows: [
      {
        id: 'f',
        from: 'a',
        to: 'b',
        transport: { protocol: 'stop-and-wait', ...transport },
        workload: { messages, size: 500 },
      },
    ],
  };
}

describe('bulk messages reusing the object of an ended one', () => {
  it('over a lossless link: one message object carries the whole transfer', () => {
    const scenario = bulkFlow(1000, {}, { timeout: '5ms' });
    const reused = runCollecting(scenario, []);
    expect(reused.submitted).toBe(1000);
    expect(reused.objects).toBe(1);
    // With a further probe every message is made at once, each an object of its own.
    const atOnce = runCollecting(scenario, [silentProbe]);
    expect(atOnce.objects).toBe(1000);
    expect(reused.summary).toBe(atOnce.summary);
    expect(JSON.parse(reused.summary).counts.delivered).toBe(1000);
  });

  it('over a lossy link: lost data and lost ACKs leave the results as they were', () => {
    const scenario = bulkFlow(2000, { loss: 0.1 }, { timeout: '5ms' });
    const reused = runCollecting(scenario, []);
    const atOnce = runCollecting(scenario, [silentProbe]);
    expect(reused.objects).toBeLessThan(10);
    expect(reused.summary).toBe(atOnce.summary);
    const summary = JSON.parse(reused.summary);
    expect(summary.counts.delivered).toBe(2000);
    expect(summary.counts.retransmissions).toBeGreaterThan(300);
  });

  it('never reuses a message given up while a copy of it is still on its way', () => {
    // A 0.5 ms timeout and no retries: the sender gives each message up before its copy
    // arrives (2 ms of propagation and transmission), moves on, and the copy is delivered later.
    const scenario = bulkFlow(300, {}, { timeout: '0.5ms', retries: 0 });
    const reused = runCollecting(scenario, []);
    const atOnce = runCollecting(scenario, [silentProbe]);
    expect(reused.summary).toBe(atOnce.summary);
    const summary = JSON.parse(reused.summary);
    expect(summary.counts.delivered).toBe(300);
    // Each given-up message was still pending (a copy in flight) when the next was made.
    expect(reused.objects).toBe(300);
  });
});
