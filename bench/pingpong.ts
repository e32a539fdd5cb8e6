import { constantDistribution } from '../src/engine/distributions.js';
import { RandomStreams } from '../src/engine/random.js';
import { Simulator } from '../src/engine/simulator.js';
import { bernoulliLoss } from '../src/net/loss/bernoulli.js';
import { Network } from '../src/net/network.js';
import { silentProbe } from '../src/net/silent-probe.js';
import type { TransmitterSettings } from '../src/net/transmitter.js';
import { PacketPool } from '../src/transport/packet-pool.js';
import { type BenchmarkResult, peakRss, timeIt } from './harness.js';

/** Issue 3's pingpong model, shared by the benchmarks that run it (bench/pingpong-kernel.ts). */
export const BANDWIDTH_BITS_PER_SECOND = 1e9;
export const PROPAGATION_SECONDS = 100e-6;
export const TIMEOUT_SECONDS = 1e-3;
export const ACK_BYTES = 64;
export const MIN_PING_BYTES = 64;
export const MAX_PING_BYTES = 1500;

/** Each pair's pinger state in `pingerFigures`, at `pair * PINGER_FIGURES` plus these. */
const PINGER_FIGURES = 5;
/** Sequence number of the outstanding ping (-1: none, finished). */
const SEQUENCE = 0;
const SIZE_BYTES = 1;
/** When the latest copy of the outstanding ping was handed to the network. */
const SENT_AT = 2;
/** The handle of its retransmission timer. */
const TIMER = 3;
/** Pings of the pair acknowledged so far. */
const ACKNOWLEDGED = 4;

/**
 * Issue 3's `pingpong`, on the kernel and the link model: P node pairs on the real Simulator
 * and the real Network (store-and-forward transmitters, 1 Gbit/s, 100 µs propagation, unbounded
 * buffers, no loss) with a probe that records nothing. Each pair runs a small stop-and-wait
 * pinger written here on the public engine API: it sends a ping of uniform 64–1500 B (its own
 * seeded stream), arms a 1 ms retransmission timer (`scheduleInLane`, the lane of 1 ms), and on the 64-byte ACK cancels
 * it (`cancel`) and sends the next ping; a timer that fires resends. Packets are recycled
 * through the transport layer's PacketPool, as the transports recycle theirs. No scenario
 * loader, transport or metrics (bench/pingpong-full-stack.ts runs those). Mean RTT →
 * E[L]/R + 2·100 µs + 64 B/R = 6.256 + 200 + 0.512 = 206.768 µs.
 */
export function pingpong(pairs: number, messages: number): BenchmarkResult {
  const perPair = Math.max(1, Math.round(messages / pairs));
  const simulator = new Simulator();
  const streams = new RandomStreams(1);
  const delay = constantDistribution(PROPAGATION_SECONDS);
  const transmitters: TransmitterSettings[] = [];
  const transmitterNames: string[] = [];
  const nodeIds: string[] = [];
  for (let pair = 0; pair < pairs; pair++) {
    const ping = 2 * pair;
    const pong = ping + 1;
    nodeIds.push(`ping${pair}`, `pong${pair}`);
    for (const [from, to] of [
      [ping, pong],
      [pong, ping],
    ]) {
      transmitters.push({
        linkIndex: pair,
        from,
        to,
        bandwidthBitsPerSecond: BANDWIDTH_BITS_PER_SECOND,
        delay,
        loss: bernoulliLoss(0).createProcess(),
        bufferPackets: Number.POSITIVE_INFINITY,
      });
      transmitterNames.push(`link/${pair}/${nodeIds[from]}>${nodeIds[to]}`);
    }
  }
  const network = new Network(
    simulator,
    { nodeIds, transmitters, transmitterNames, routing: 'delay' },
    streams,
    silentProbe,
  );

  // One stop-and-wait sender per pair, its state in flat arrays indexed by the pair (events carry
  // the pair's index): as objects, each double would be a box of its own, and with 10,000 pairs
  // every pair's state is cold by its next event, so the benchmark would time its own pingers.
  const sizeStreams = Array.from({ length: pairs }, (_, pair) => streams.stream(`pair/${pair}/size`));
  const pingerFigures = new Float64Array(pairs * PINGER_FIGURES);
  for (let pair = 0; pair < pairs; pair++) pingerFigures[pair * PINGER_FIGURES + SEQUENCE] = -1;
  // Packets are recycled as the transports recycle theirs: the network hands each back on arrival.
  const packets = new PacketPool();
  let rttSum = 0;
  let acknowledged = 0;
  let retransmissions = 0;
  // Every pinger's timer has the same delay: one lane holds them all (O(1) arm and cancel).
  const timeoutLane = simulator.lane(TIMEOUT_SECONDS);

  const transmit = (pair: number, isRetransmission: boolean): void => {
    const at = pair * PINGER_FIGURES;
    pingerFigures[at + SENT_AT] = simulator.now;
    pingerFigures[at + TIMER] = simulator.scheduleInLane(timeoutLane, onTimeout, pair);
    network.send(
      packets.acquire(
        'data',
        pair,
        2 * pair,
        2 * pair + 1,
        pingerFigures[at + SIZE_BYTES],
        pingerFigures[at + SEQUENCE],
        null,
        isRetransmission,
      ),
    );
  };
  const sendNext = (pair: number): void => {
    const at = pair * PINGER_FIGURES;
    pingerFigures[at + SEQUENCE]++;
    pingerFigures[at + SIZE_BYTES] = MIN_PING_BYTES + (MAX_PING_BYTES - MIN_PING_BYTES) * sizeStreams[pair]();
    transmit(pair, false);
  };
  const onTimeout = (pair: number): void => {
    retransmissions++;
    transmit(pair, true);
  };

  network.setHandlers({
    arrived(packet) {
      if (packet.kind === 'data') {
        // The pong side acknowledges every copy it receives.
        network.send(
          packets.acquire(
            'ack',
            packet.flowIndex,
            packet.destination,
            packet.source,
            ACK_BYTES,
            packet.sequence,
            null,
            false,
          ),
        );
        packets.release(packet);
        return;
      }
      const pair = packet.flowIndex;
      const sequence = packet.sequence;
      packets.release(packet);
      const at = pair * PINGER_FIGURES;
      // An ACK of a ping already acknowledged (a resend crossed its ACK): nothing to do.
      if (sequence !== pingerFigures[at + SEQUENCE]) return;
      simulator.cancel(pingerFigures[at + TIMER]);
      rttSum += simulator.now - pingerFigures[at + SENT_AT];
      acknowledged++;
      if (++pingerFigures[at + ACKNOWLEDGED] < perPair) sendNext(pair);
      else pingerFigures[at + SEQUENCE] = -1; // done: late ACKs match nothing
    },
    departed() {},
    failed() {
      throw new Error('pingpong: a packet failed on a lossless network with unbounded buffers');
    },
  });
  for (let pair = 0; pair < pairs; pair++) simulator.schedule(0, sendNext, pair);

  const { seconds, cpuSeconds } = timeIt(() => simulator.run());
  return {
    name: `pingpong-${pairs}-pairs`,
    wallSeconds: seconds,
    cpuSeconds,
    events: simulator.executedEvents,
    count: acknowledged,
    rate: acknowledged / seconds,
    rateUnit: 'messages_per_s',
    check: (rttSum / acknowledged) * 1e6,
    checkName: 'mean_rtt_us',
    peakRssBytes: peakRss(),
    extra: { retransmissions },
  };
}
