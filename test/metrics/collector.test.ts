import { describe, expect, it } from 'vitest';
import { MetricsCollector } from '../../src/metrics/collector.js';
import { Message } from '../../src/net/message.js';
import { Packet } from '../../src/net/packet.js';

function collector(warmup: number) {
  const clock = { now: 0 };
  return { clock, metrics: new MetricsCollector(clock, warmup, 1, 2, 1) };
}

const data = (message: Message, retransmission = false) =>
  new Packet('data', 0, 0, 1, 1000, 0, message, retransmission);

describe('MetricsCollector', () => {
  it('counts packets by kind and retransmissions', () => {
    const { metrics } = collector(0);
    const message = new Message(0, 0, 1000, 0);
    metrics.packetSent(data(message));
    metrics.packetSent(data(message, true));
    metrics.packetSent(new Packet('ack', 0, 1, 0, 40, 0, null, false));
    const flow = metrics.flows[0];
    expect([flow.packetsSent, flow.dataPackets, flow.ackPackets, flow.retransmissions]).toEqual([3, 2, 1, 1]);
  });

  it('splits a transmission that straddles the warm-up, its bits in proportion, and charges the sender only on hop 0', () => {
    const { metrics } = collector(1);
    const message = new Message(0, 0, 1000, 0);
    const packet = data(message);
    metrics.packetTransmitted(packet, 0, 0.5, 1); // busy [0.5, 1.5): 0.5 s after the warm-up
    metrics.packetTransmitted(packet, 1, 0.2, 0.5); // entirely before the warm-up
    packet.hops = 1;
    metrics.packetTransmitted(packet, 1, 2, 0.25); // a later hop: link busy, not the sender
    expect(metrics.transmitters[0].busySecondsAfterWarmup).toBe(0.5);
    expect(metrics.transmitters[1].busySecondsAfterWarmup).toBe(0.25);
    expect(metrics.transmitters.map((t) => t.packetsTransmitted)).toEqual([1, 2]);
    // Half the transmission lies after the warm-up: half its bits count.
    expect(metrics.flows[0].sender.busySeconds).toBe(0.5);
    expect(metrics.flows[0].sender.wireBits).toBe(4000);
  });

  it('records deliveries at or after the warm-up and counts fates by reason', () => {
    const { metrics } = collector(1);
    const early = new Message(0, 0, 10, 0.2);
    early.deliveredAt = 0.9;
    early.fate = { kind: 'delivered' };
    const late = new Message(1, 0, 10, 0.5);
    late.deliveredAt = 1.25;
    late.transSeconds = 0.25;
    late.propSeconds = 0.5;
    late.fate = { kind: 'delivered' };
    const lost = new Message(2, 0, 10, 1.5);
    lost.fate = { kind: 'lost', reason: 'nodeDown' };
    for (const m of [early, late, lost]) {
      metrics.messageCreated(m);
      metrics.messageResolved(m);
    }
    expect(metrics.flows[0].created).toBe(3);
    expect(metrics.flows[0].sender.created).toBe(1);
    expect(metrics.flows[0].delivered).toBe(2);
    expect(metrics.flows[0].lost).toEqual({ nodeDown: 1 });
    expect(metrics.deliveries.records.length).toBe(1);
    // The latency its components add up to.
    expect(metrics.deliveries.records.view('latency')[0]).toBe(0.75);
  });
});
