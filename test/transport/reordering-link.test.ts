import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

const MESSAGES = 300;

/** a - b over 10 Mbit/s whose delay is uniform on [1, 30] ms each way, reordering allowed. */
function reordering(transport: NonNullable<ScenarioInput['flows']>[number]['transport'], rate?: number) {
  return {
    name: 'reordering',
    seed: 5,
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [
      {
        between: ['a', 'b'] as [string, string],
        bandwidth: '10Mbps',
        delay: { dist: 'uniform', min: '1ms', max: '30ms' },
        reorder: true,
      },
    ],
    flows: [
      {
        id: 'f',
        from: 'a',
        to: 'b',
        transport,
        workload:
          rate === undefined
            ? { messages: MESSAGES, size: '1000B' }
            : { messages: MESSAGES, rate, size: '1000B' },
      },
    ],
  } satisfies ScenarioInput;
}

function runRecorded(scenario: ScenarioInput) {
  const recorder = recordingProbe();
  const { summary } = run(scenario, { probes: [recorder.probe] });
  const deliveredIds = recorder.delivered().map((message) => message.id);
  /** Data copies that arrived out of order: after a copy of a later message. */
  const dataArrivals = recorder.transmitted
    .filter((entry) => entry.packet.kind === 'data')
    .map((entry) => entry.packet)
    .filter((packet) => !Number.isNaN(packet.arrivedAt))
    .sort((x, y) => x.arrivedAt - y.arrivedAt);
  let overtaken = 0;
  let highest = -1;
  for (const packet of dataArrivals) {
    if (packet.sequence < highest) overtaken++;
    highest = Math.max(highest, packet.sequence);
  }
  return { summary, recorder, deliveredIds, overtaken };
}

const ascending = (ids: number[]) => ids.every((id, i) => i === 0 || id > ids[i - 1]);

/** Every duplicate the receiver counted is a copy of a message it had already been handed. */
function expectDuplicatesOfDeliveredOnly(recorder: ReturnType<typeof recordingProbe>, counted: number) {
  expect(recorder.duplicates).toHaveLength(counted);
  for (const copy of recorder.duplicates) {
    const message = copy.message!;
    expect(message.fate.kind).toBe('delivered');
    expect(message.receivedAt).toBeLessThanOrEqual(copy.arrivedAt);
  }
}

describe('transports over a link whose jitter reorders packets', () => {
  it('datagram: every message arrives once, some out of order', () => {
    const { summary, deliveredIds, overtaken } = runRecorded(reordering({ protocol: 'datagram' }, 2000));
    expect(summary.counts.delivered).toBe(MESSAGES);
    expect(summary.counts.duplicates).toBe(0);
    expect(overtaken).toBeGreaterThan(0);
    // One hop, each message sent once in order: the summary's count is the one made here.
    expect(summary.counts.packets.reordered).toBe(overtaken);
    expect(summary.flows.f.counts.packets.reordered).toBe(overtaken);
    expect(summary.links['a-b'].directions.map((direction) => direction.reordered)).toEqual([overtaken, 0]);
    expect(ascending(deliveredIds)).toBe(false);
    expect([...deliveredIds].sort((x, y) => x - y)).toEqual(Array.from({ length: MESSAGES }, (_, i) => i));
  });

  it('selective repeat: buffers what overtook a missing segment and hands everything up once, in order, without resending', () => {
    const { summary, recorder, deliveredIds, overtaken } = runRecorded(
      reordering({ protocol: 'selective-repeat', window: 16, timeout: '100ms' }),
    );
    expect(overtaken).toBeGreaterThan(0);
    expect(deliveredIds).toEqual(Array.from({ length: MESSAGES }, (_, i) => i));
    // The timeout exceeds any round trip (at most 2 · 30 ms + transmissions), so only segments
    // that overtook the connection's first one are resent: a receiver without state discards
    // them until that synchronising segment arrives (as TCP does before its handshake).
    const firstCopies = recorder.transmitted.filter(
      (entry) => entry.packet.kind === 'data' && !entry.packet.isRetransmission,
    );
    const opening = firstCopies.find((entry) => entry.packet.sequence === 0)!.packet.arrivedAt;
    const beforeOpening = firstCopies.filter((entry) => entry.packet.arrivedAt < opening).length;
    expect(beforeOpening).toBeGreaterThan(0);
    expect(summary.counts.retransmissions).toBe(beforeOpening);
    expect(summary.counts.duplicates).toBe(0);
    // Segments that overtook a missing one waited in the receive buffer: t_wait.
    expect(recorder.delivered().some((message) => message.waitSeconds > 0)).toBe(true);
  });

  it('go-back-n: discards what arrives out of order and recovers it by resending, each message handed up once, in order', () => {
    const { summary, recorder, deliveredIds, overtaken } = runRecorded(
      reordering({ protocol: 'go-back-n', window: 16, timeout: '100ms' }),
    );
    expect(overtaken).toBeGreaterThan(0);
    expect(deliveredIds).toEqual(Array.from({ length: MESSAGES }, (_, i) => i));
    expect(summary.counts.retransmissions).toBeGreaterThan(0);
    expectDuplicatesOfDeliveredOnly(recorder, summary.counts.duplicates);
  });

  it('go-back-n with Reno: duplicate ACKs from reordering trigger fast retransmits, yet each message arrives once, in order', () => {
    const { summary, recorder, deliveredIds } = runRecorded(
      reordering({ protocol: 'go-back-n', window: 32, timeout: '200ms', congestion: 'reno' }),
    );
    expect(deliveredIds).toEqual(Array.from({ length: MESSAGES }, (_, i) => i));
    // Fast recovery entered: ssthresh lowered and cwnd set to ssthresh + 3 (a timeout sets 1).
    const states = recorder.congestion.map((entry) => entry.state);
    const fastRecoveries = states.filter(
      (state, i) => i > 0 && state.ssthresh < states[i - 1].ssthresh && state.cwnd === state.ssthresh + 3,
    );
    expect(fastRecoveries.length).toBeGreaterThan(0);
    expectDuplicatesOfDeliveredOnly(recorder, summary.counts.duplicates);
  });

  it('stop-and-wait: a late copy of a message given up is no duplicate; every message ends once', () => {
    // A 5 ms timeout and no retry: a message is given up while its copy is still on its way (1-30
    // ms), and the next one, drawing a shorter delay, can be delivered before that copy arrives.
    const { summary, recorder, deliveredIds } = runRecorded(
      reordering({ protocol: 'stop-and-wait', timeout: '5ms', retries: 0 }),
    );
    const lateCopies = recorder.transmitted.filter(({ packet }) => {
      const message = packet.message;
      if (packet.kind !== 'data' || message === null || message.fate.kind !== 'failed') return false;
      const next = recorder.resolved.find((other) => other.id === message.id + 1);
      return next !== undefined && next.receivedAt < packet.arrivedAt;
    });
    expect(lateCopies.length).toBeGreaterThan(0);
    expect(summary.counts.failed).toBeGreaterThan(0);
    expect(summary.counts.delivered + summary.counts.failed).toBe(MESSAGES);
    expect(ascending(deliveredIds)).toBe(true);
    expectDuplicatesOfDeliveredOnly(recorder, summary.counts.duplicates);
  });
});
