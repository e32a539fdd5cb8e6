import { describe, expect, it } from 'vitest';
import { constantDistribution } from '../../src/engine/distributions.js';
import { RandomStreams } from '../../src/engine/random.js';
import { Simulator } from '../../src/engine/simulator.js';
import { Network, type NetworkTopology } from '../../src/net/network.js';
import { copyPacketState, Packet } from '../../src/net/packet.js';
import type { WireImpairmentSettings } from '../../src/net/wire-impairments.js';
import { parseScenarioText } from '../../src/scenario/load.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { twoWayLink } from '../helpers/two-way-link.js';
import { brokerScenario } from '../messaging/broker-scenario.js';
import { issueAt, issuesOf } from '../scenario/issues.js';
import { recordingProbe } from './recording-probe.js';

/** RandomStreams that remember which streams were asked for. */
class WatchedStreams extends RandomStreams {
  readonly paths: string[] = [];

  override stream(path: string) {
    this.paths.push(path);
    return super.stream(path);
  }
}

/** One 1 Mbit/s link a-b with a 10 ms delay: a 125-byte packet takes 1 ms to transmit. */
function oneLink(impairments?: WireImpairmentSettings[]): NetworkTopology {
  return {
    nodeIds: ['a', 'b'],
    transmitters: twoWayLink({ delay: constantDistribution(0.01) }),
    transmitterNames: ['link/a-b/a>b', 'link/a-b/b>a'],
    routing: 'delay',
    impairments,
  };
}

/** The number of draws below `probability` among the first `draws` of stream `path` (seed 1). */
function drawsBelow(path: string, probability: number, draws: number): number {
  const stream = new RandomStreams(1).stream(path);
  let below = 0;
  for (let i = 0; i < draws; i++) if (stream() < probability) below++;
  return below;
}

describe('a duplicating or corrupting wire, on the network alone', () => {
  function oneSend(impairments: WireImpairmentSettings[]) {
    const simulator = new Simulator();
    const recorder = recordingProbe();
    const network = new Network(simulator, oneLink(impairments), new RandomStreams(1), recorder.probe);
    const arrived: Array<{ at: number; packet: Packet }> = [];
    const failed: string[] = [];
    const copies: Packet[] = [];
    network.setHandlers({
      arrived: (packet) => arrived.push({ at: simulator.now, packet }),
      departed: () => {},
      duplicate: (packet) => {
        const copy = new Packet('data', 0, 0, 1, packet.sizeBytes, packet.sequence, null, false);
        copyPacketState(packet, copy);
        copies.push(copy);
        return copy;
      },
      failed: (packet, outcome) =>
        failed.push(`${simulator.now}:${packet === sent ? 'original' : 'copy'}:${outcome.reason}`),
    });
    const sent = new Packet('data', 0, 0, 1, 125, 7, null, false);
    simulator.schedule(0, () => network.send(sent));
    simulator.run();
    return { sent, arrived, failed, copies, recorder };
  }

  it('delivers the copy right after the original, at the same instant, with the same way behind it', () => {
    const { sent, arrived, copies, recorder } = oneSend([
      { duplicate: 1, corrupt: 0 },
      { duplicate: 0, corrupt: 0 },
    ]);
    expect(copies).toHaveLength(1);
    expect(arrived.map(({ at, packet }) => [at, packet])).toEqual([
      [0.011, sent],
      [0.011, copies[0]],
    ]);
    expect(copies[0]).not.toBe(sent);
    // Field by field the same packet, one hop of 1 ms + 10 ms behind it.
    expect(copies[0]).toEqual(sent);
    expect(sent).toMatchObject({ transSeconds: 0.001, hops: 1, hopTransmitter: 0 });
    expect(sent.propSeconds).toBeCloseTo(0.01, 15);
    expect(recorder.duplicated).toEqual([{ copy: copies[0], transmitter: 0 }]);
    // The wire made it: the sender handed over one packet, and the link transmitted one.
    expect(recorder.sent).toHaveLength(1);
    expect(recorder.transmitted).toHaveLength(1);
  });

  it('discards a corrupted packet where it arrives (after its transmission and propagation)', () => {
    const { arrived, failed, recorder } = oneSend([
      { duplicate: 0, corrupt: 1 },
      { duplicate: 0, corrupt: 0 },
    ]);
    expect(arrived).toEqual([]);
    expect(failed).toEqual(['0.011:original:corrupted']);
    expect(recorder.lost.map(({ reason, transmitter }) => [reason, transmitter])).toEqual([['corrupted', 0]]);
  });

  it('corrupts the original and its copy independently', () => {
    const { failed } = oneSend([
      { duplicate: 1, corrupt: 1 },
      { duplicate: 0, corrupt: 0 },
    ]);
    expect(failed).toEqual(['0.011:original:corrupted', '0.011:copy:corrupted']);
  });

  it('makes no stream for a probability of 0, so nothing is drawn', () => {
    const paths = (impairments?: WireImpairmentSettings[]) => {
      const streams = new WatchedStreams(1);
      new Network(new Simulator(), oneLink(impairments), streams, recordingProbe().probe);
      return streams.paths.filter((path) => !path.endsWith('/loss') && !path.endsWith('/delay'));
    };
    expect(paths()).toEqual([]);
    expect(
      paths([
        { duplicate: 0, corrupt: 0 },
        { duplicate: 0, corrupt: 0 },
      ]),
    ).toEqual([]);
    expect(
      paths([
        { duplicate: 0.1, corrupt: 0 },
        { duplicate: 0, corrupt: 0.2 },
      ]),
    ).toEqual(['link/a-b/a>b/duplicate', 'link/a-b/b>a/corrupt']);
  });
});

describe('copyPacketState', () => {
  it('copies every field a packet gathers on its way, so the copy equals the original', () => {
    const original = new Packet('ack', 2, 3, 4, 40, 9, null, true);
    Object.assign(original, {
      handedOffAt: 1,
      departedAt: 2,
      arrivedAt: 3,
      transSeconds: 4,
      propSeconds: 5,
      queueSeconds: 6,
      hops: 7,
      pathOffset: 8,
      hopTransmitter: 9,
      wireSequence: 10,
      epoch: 11,
      synchronize: true,
      ackNumber: 12,
      selectiveAck: 13,
      advertisedWindow: 14,
      reset: true,
    });
    // Every field differs from a new packet's: a field copyPacketState forgot would show.
    const fresh = new Packet('ack', 2, 3, 4, 40, 9, null, true);
    for (const field of Object.keys(fresh) as Array<keyof Packet>) {
      if (
        ![
          'kind',
          'flowIndex',
          'source',
          'destination',
          'sizeBytes',
          'sequence',
          'message',
          'isRetransmission',
        ].includes(field)
      )
        expect(original[field], field).not.toEqual(fresh[field]);
    }
    copyPacketState(original, fresh);
    expect(fresh).toEqual(original);
  });
});

describe('links that duplicate, in a scenario', () => {
  const messages = 2000;
  const line = (link: Record<string, unknown>, transport?: Record<string, unknown>): ScenarioInput => ({
    name: 'impaired',
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [{ between: ['a', 'b'], bandwidth: '10Mbps', delay: '5ms', ...link }],
    flows: [{ id: 'f', from: 'a', to: 'b', transport, workload: { messages, rate: 100, size: '1000B' } }],
  });

  it('delivers an extra copy of a packet with the given probability, drawn from its own stream', () => {
    const { summary } = run(line({ duplicate: 0.1 }));
    const copies = drawsBelow('link/a-b/a>b/duplicate', 0.1, messages);
    expect(copies).toBeGreaterThan(150);
    expect(summary.counts.packets.duplicated).toBe(copies);
    // A datagram receiver hands every copy up; the ones after the first are duplicates.
    expect(summary.counts.duplicates).toBe(copies);
    expect(summary.counts.delivered).toBe(messages);
    // The copy takes nothing from the original: the same latencies as without duplication.
    expect(summary.latency).toEqual(run(line({})).summary.latency);
  });

  it('stop-and-wait: each data copy is a duplicate at the receiver and is acknowledged again', () => {
    const { summary } = run(
      line({ duplicate: { forward: 0.2 } }, { protocol: 'stop-and-wait', timeout: '50ms' }),
    );
    const copies = drawsBelow('link/a-b/a>b/duplicate', 0.2, messages);
    expect(summary.counts).toMatchObject({ delivered: messages, duplicates: copies, retransmissions: 0 });
    expect(summary.counts.packets).toMatchObject({
      data: messages,
      acks: messages + copies,
      duplicated: copies,
    });
  });

  it('puts the copy on the next link too: a 2-hop path carries it onward', () => {
    const input: ScenarioInput = {
      ...line({}),
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      links: [
        { between: ['a', 'b'], bandwidth: '10Mbps', delay: '5ms', duplicate: 0.1 },
        { between: ['b', 'c'], bandwidth: '10Mbps', delay: '5ms' },
      ],
      flows: [{ id: 'f', from: 'a', to: 'c', workload: { messages, rate: 100, size: '1000B' } }],
    };
    const { summary } = run(input);
    const copies = drawsBelow('link/a-b/a>b/duplicate', 0.1, messages);
    expect(summary.links['b-c'].directions[0].packetsTransmitted).toBe(messages + copies);
    expect(summary.counts.duplicates).toBe(copies);
  });

  it('leaves the loss process alone: the same packets are lost with and without duplicates or corruption', () => {
    const lostSequences = (link: Record<string, unknown>) => {
      const recorder = recordingProbe();
      run(line(link), { probes: [recorder.probe] });
      return recorder.lost.filter(({ reason }) => reason === 'linkLoss').map(({ packet }) => packet.sequence);
    };
    const alone = lostSequences({ loss: 0.1 });
    expect(alone.length).toBeGreaterThan(150);
    expect(lostSequences({ loss: 0.1, duplicate: 0.3, corrupt: 0.2 })).toEqual(alone);
  });

  it('gives no closed-form prediction where copies would add packets the formula does not have', () => {
    const transport = { protocol: 'stop-and-wait', timeout: '50ms' };
    const bulk = (link: Record<string, unknown>): ScenarioInput => ({
      ...line(link, transport),
      flows: [{ id: 'f', from: 'a', to: 'b', transport, workload: { messages: 10, size: '1000B' } }],
    });
    expect(run(bulk({ duplicate: 0 })).summary.theory['stop-and-wait:f']).toBeDefined();
    expect(run(bulk({ duplicate: { reverse: 0.01 } })).summary.theory['stop-and-wait:f']).toBeUndefined();
  });
});

describe('links that corrupt, in a scenario', () => {
  const messages = 2000;
  const line = (link: Record<string, unknown>, transport?: Record<string, unknown>): ScenarioInput => ({
    name: 'corrupting',
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [{ between: ['a', 'b'], bandwidth: '10Mbps', delay: '5ms', ...link }],
    flows: [{ id: 'f', from: 'a', to: 'b', transport, workload: { messages, size: '1000B' } }],
  });

  it('a datagram flow loses the corrupted copies, counted as lost.corrupted', () => {
    const { summary } = run(line({ corrupt: 0.05 }));
    const corrupted = drawsBelow('link/a-b/a>b/corrupt', 0.05, messages);
    expect(corrupted).toBeGreaterThan(60);
    expect(summary.counts.lost).toEqual({ corrupted });
    expect(summary.counts.packets.lost).toEqual({ corrupted });
    expect(summary.counts.delivered).toBe(messages - corrupted);
    // The corrupted copies crossed the wire: the link transmitted every packet.
    expect(summary.links['a-b'].directions[0]).toMatchObject({
      packetsTransmitted: messages,
      lost: corrupted,
    });
  });

  it('stop-and-wait recovers it like a loss: one retransmission per corrupted packet, 1/s copies per message', () => {
    const { summary } = run(
      line({ corrupt: { forward: 0.1, reverse: 0.05 } }, { protocol: 'stop-and-wait', timeout: '50ms' }),
    );
    expect(summary.counts.delivered).toBe(messages);
    expect(summary.counts.lost).toEqual({});
    // A corrupted data packet or ACK costs exactly one timeout and one resend.
    expect(summary.counts.retransmissions).toBe(summary.counts.packets.lost.corrupted);
    // Copies per message are geometric with success s = (1 - 0.1)(1 - 0.05) = 0.855: mean 1/s =
    // 1.16959, variance (1 - s)/s² = 0.198; over 2000 messages the mean's sd is 0.00996.
    const theory = summary.theory['stop-and-wait:f'];
    expect(theory.values.transmissionsPerMessage).toBeCloseTo(1 / 0.855, 12);
    const perMessage = (messages + summary.counts.retransmissions) / messages;
    expect(Math.abs(perMessage - 1 / 0.855)).toBeLessThan(4 * 0.00996);
  });
});

describe('duplicate and corrupt in a scenario file', () => {
  const file = (keys: string) =>
    [
      'name: impaired',
      'nodes: [{ id: a }, { id: b }]',
      'links:',
      '  - between: [a, b]',
      '    bandwidth: 1Mbps',
      ...keys.split('\n').map((line) => `    ${line}`),
      'flows:',
      '  - { from: a, to: b, workload: { messages: 10 } }',
      '',
    ].join('\n');

  it('defaults to 0 both ways; one number means both directions', () => {
    const plain = parseScenarioText(file('delay: 1ms'), 'x.yaml').links[0];
    expect(plain.duplicate).toEqual({ forward: 0, reverse: 0 });
    expect(plain.corrupt).toEqual({ forward: 0, reverse: 0 });
    const given = parseScenarioText(file('duplicate: 0.01\ncorrupt: { reverse: 0.001 }'), 'x.yaml').links[0];
    expect(given.duplicate).toEqual({ forward: 0.01, reverse: 0.01 });
    expect(given.corrupt).toEqual({ forward: 0, reverse: 0.001 });
  });

  it('refuses probabilities outside [0, 1] and unknown keys, at their line', () => {
    const issues = issuesOf(() =>
      parseScenarioText(file('duplicate: 1.5\ncorrupt: { forward: -0.1, revrse: 0.1 }'), 'x.yaml'),
    );
    expect(issueAt(issues, 'links[0].duplicate')).toMatchObject({
      line: 6,
      message: 'expected a number of at most 1, got 1.5',
    });
    expect(issueAt(issues, 'links[0].corrupt.forward')).toMatchObject({
      line: 7,
      message: 'expected a number of at least 0, got -0.1',
    });
    expect(issueAt(issues, 'links[0].corrupt.revrse').message).toMatch(
      /^unknown key 'revrse'; did you mean 'reverse'\?/,
    );
  });
});

describe('a duplicating or corrupting link between a broker and its consumer', () => {
  const withConsumerLink = (link: Record<string, unknown>, delivery: string) => {
    const scenario = brokerScenario({
      // Past the last delivery: the run would otherwise end with the last message delivered,
      // its copy still in the consumer's processing.
      duration: 2,
      link: { bandwidth: '10Mbps', delay: '1ms' },
      consumers: [{ node: 'worker', processing: '1ms' }],
      broker: {
        delivery,
        ackTimeout: '100ms',
        queues: [{ name: 'jobs' }],
        consumers: [{ id: 'w', node: 'worker', queue: 'jobs', prefetch: 1 }],
      },
      flow: {
        transport: { protocol: 'stop-and-wait', timeout: '20ms' },
        publish: { queue: 'jobs' },
        workload: { messages: 50, rate: 100 },
      },
    });
    scenario.links![1] = { ...scenario.links![1], ...link };
    return run(scenario).summary;
  };

  it('every delivery arrives twice: the consumer processes the copy as a duplicate, each message once', () => {
    const summary = withConsumerLink({ duplicate: { forward: 1 } }, 'at-least-once');
    expect(summary.counts).toMatchObject({ sent: 50, delivered: 50, lost: {}, dropped: {}, inFlight: 0 });
    expect(summary.brokers!.broker.subscriptions.jobs).toMatchObject({ delivered: 50, duplicates: 50 });
    expect(summary.counts.packets.duplicated).toBe(50);
  });

  it('at-least-once redelivers what arrived corrupted; at-most-once loses it as corrupted', () => {
    const atLeastOnce = withConsumerLink({ corrupt: { forward: 0.2 } }, 'at-least-once');
    expect(atLeastOnce.counts).toMatchObject({ sent: 50, delivered: 50, lost: {}, inFlight: 0 });
    const corrupted = atLeastOnce.counts.packets.lost.corrupted;
    expect(corrupted).toBeGreaterThan(0);
    expect(atLeastOnce.brokers!.broker.subscriptions.jobs.redeliveries).toBe(corrupted);
    const atMostOnce = withConsumerLink({ corrupt: { forward: 0.2 } }, 'at-most-once');
    const lost = atMostOnce.counts.lost.corrupted;
    expect(lost).toBeGreaterThan(0);
    expect(atMostOnce.counts).toMatchObject({ sent: 50, delivered: 50 - lost, inFlight: 0 });
  });
});
