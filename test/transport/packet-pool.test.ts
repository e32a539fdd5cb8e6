import { describe, expect, it } from 'vitest';
import { Message } from '../../src/net/message.js';
import { Packet } from '../../src/net/packet.js';
import { PacketPool } from '../../src/transport/packet-pool.js';
import { run } from '../helpers/scenario.js';
import { stopAndWaitScenario } from '../helpers/stop-and-wait-scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

/** A pool that counts what it hands out and takes back, by packet kind. */
class CountingPool extends PacketPool {
  created = 0;
  readonly released = { data: 0, ack: 0 };
  override acquire(...fields: Parameters<PacketPool['acquire']>): Packet {
    if (this.size === 0) this.created++;
    return super.acquire(...fields);
  }
  override release(packet: Packet): void {
    this.released[packet.kind]++;
    super.release(packet);
  }
}

/** Every own field of a packet, as a fresh one is laid out. */
const fieldsOf = (packet: Packet) => Object.entries(packet);

const twoNodes = (transport: Record<string, unknown>, messages: number) => ({
  name: 'pool',
  nodes: [{ id: 's' }, { id: 'r' }],
  links: [{ between: ['s', 'r'] as [string, string], bandwidth: '1Mbps', delay: '10ms' }],
  flows: [{ id: 'f', from: 's', to: 'r', transport, workload: { messages, size: '1000B' } }],
});

describe('PacketPool', () => {
  it('makes a new packet while it holds none', () => {
    const pool = new PacketPool();
    const message = new Message(7, 2, 100, 0);
    const packet = pool.acquire('data', 2, 0, 1, 140, 5, message, true);
    expect(fieldsOf(packet)).toEqual(fieldsOf(new Packet('data', 2, 0, 1, 140, 5, message, true)));
    expect(pool.size).toBe(0);
  });

  it('hands a released packet out again, last released first, exactly as a new one would be', () => {
    const pool = new PacketPool();
    const first = pool.acquire('data', 0, 0, 1, 1000, 0, new Message(0, 0, 1000, 0), false);
    const second = pool.acquire('ack', 0, 1, 0, 40, 0, null, false);
    // Everything a journey and a window transport write into a packet.
    Object.assign(first, {
      handedOffAt: 1,
      departedAt: 2,
      arrivedAt: 3,
      transSeconds: 5,
      propSeconds: 6,
      queueSeconds: 7,
      hops: 3,
      pathOffset: 4,
      hopTransmitter: 2,
      wireSequence: 1,
      epoch: 4,
      synchronize: true,
      ackNumber: 9,
      selectiveAck: 3,
      advertisedWindow: 2,
      reset: true,
    });
    pool.release(second);
    pool.release(first);
    expect(pool.size).toBe(2);
    // A released packet lets go of its message.
    expect(first.message).toBeNull();

    const message = new Message(1, 3, 500, 0.5);
    const reused = pool.acquire('ack', 3, 4, 5, 40, 8, message, true);
    expect(reused).toBe(first);
    // Compared field by field with a new packet: a field added to Packet but not reset fails here.
    expect(fieldsOf(reused)).toEqual(fieldsOf(new Packet('ack', 3, 4, 5, 40, 8, message, true)));
    expect(pool.acquire('data', 0, 0, 1, 1, 1, null, false)).toBe(second);
    expect(pool.size).toBe(0);
  });

  it('keeps at most its capacity of free packets', () => {
    const pool = new PacketPool(2);
    const packets = [0, 1, 2].map((sequence) => pool.acquire('ack', 0, 1, 0, 40, sequence, null, false));
    for (const packet of packets) pool.release(packet);
    expect(pool.size).toBe(2);
    // The last one released past the capacity was let go: the first two come back, newest first.
    expect(pool.acquire('ack', 0, 1, 0, 40, 0, null, false)).toBe(packets[1]);
    expect(pool.acquire('ack', 0, 1, 0, 40, 0, null, false)).toBe(packets[0]);
    expect(pool.size).toBe(0);
  });

  it('carries a lossless stop-and-wait transfer of 10 messages on two packets', () => {
    // The ACK is taken before the copy it answers goes back, the next copy before that ACK does:
    // one data packet and one ACK circulate, and both are free at the end.
    const pool = new CountingPool();
    const { summary } = run(stopAndWaitScenario({ messages: 10, timeout: '100ms' }), { packetPool: pool });
    expect(summary.counts.delivered).toBe(10);
    expect(pool.created).toBe(2);
    expect(pool.released).toEqual({ data: 10, ack: 10 });
    expect(pool.size).toBe(2);
  });

  it('takes back every packet of a lossy stop-and-wait transfer, copies lost on the way too', () => {
    const pool = new CountingPool();
    const { summary } = run(stopAndWaitScenario({ messages: 50, timeout: '100ms', loss: 0.3, seed: 3 }), {
      packetPool: pool,
    });
    const packets = summary.counts.packets;
    expect(summary.counts.retransmissions).toBeGreaterThan(0);
    expect(pool.released.data).toBe(packets.data);
    expect(pool.released.ack).toBe(packets.acks);
    expect(pool.size).toBe(pool.created);
  });

  it('never takes back the data packets of window transports, only their ACKs', () => {
    for (const protocol of ['go-back-n', 'selective-repeat']) {
      const pool = new CountingPool();
      const { summary } = run(twoNodes({ protocol, window: 4, timeout: '100ms' }, 10), { packetPool: pool });
      expect(summary.counts.delivered).toBe(10);
      expect(pool.released.data).toBe(0);
      expect(pool.released.ack).toBe(summary.counts.packets.acks);
      expect(pool.released.ack).toBeGreaterThan(0);
    }
  });

  it('takes back datagrams when they arrive', () => {
    const pool = new CountingPool();
    const { summary } = run(twoNodes({ protocol: 'datagram' }, 10), { packetPool: pool });
    expect(summary.counts.delivered).toBe(10);
    // All ten leave at once (no ACK holds the sender back): ten packets, all free at the end.
    expect(pool.created).toBe(10);
    expect(pool.released).toEqual({ data: 10, ack: 0 });
  });

  it('recycles nothing when a further probe listens: it may keep the packets it hears', () => {
    const recorder = recordingProbe();
    run(stopAndWaitScenario({ messages: 10, timeout: '100ms' }), { probes: [recorder.probe] });
    const packets = recorder.sent.map((sent) => sent.packet);
    expect(packets).toHaveLength(20);
    expect(new Set(packets).size).toBe(20);
    // What the probe kept is still what it heard.
    expect(packets.map((packet) => packet.kind)).toEqual(
      Array.from({ length: 10 }, () => ['data', 'ack']).flat(),
    );
    expect(packets.filter((packet) => packet.kind === 'data').map((packet) => packet.message?.id)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
  });
});
