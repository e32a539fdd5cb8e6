import seedrandom from 'seedrandom';
import { RandomStreams } from '../src/engine/random.js';
import { type EventHandle, Simulator } from '../src/engine/simulator.js';
import { type BenchmarkResult, peakRss, timeIt } from './harness.js';
import { naiveLoop } from './naive-loop.js';
import {
  ACK_BYTES,
  BANDWIDTH_BITS_PER_SECOND,
  MAX_PING_BYTES,
  MIN_PING_BYTES,
  PROPAGATION_SECONDS,
  TIMEOUT_SECONDS,
} from './pingpong.js';

/**
 * The events of one ping, in order: the ping's transmission ends (L/R after it is sent), it
 * arrives (100 µs later), the ACK's transmission ends (64 B / R), the ACK arrives and cancels the
 * ping's 1 ms timer. The same four events and one timer per ping as `pingpong`, with the link
 * model's work left out, so this times the kernel alone at a given number of pairs.
 */
const ACK_SECONDS = (ACK_BYTES * 8) / BANDWIDTH_BITS_PER_SECOND;

function pingSeconds(sizeDraw: number): number {
  return ((MIN_PING_BYTES + (MAX_PING_BYTES - MIN_PING_BYTES) * sizeDraw) * 8) / BANDWIDTH_BITS_PER_SECOND;
}

function result(
  name: string,
  pairs: number,
  measured: Omit<BenchmarkResult, 'name' | 'rateUnit' | 'checkName' | 'peakRssBytes'>,
): BenchmarkResult {
  return {
    name: `${name}-${pairs}-pairs`,
    ...measured,
    rateUnit: 'messages_per_s',
    checkName: 'mean_rtt_us',
    peakRssBytes: peakRss(),
  };
}

/**
 * `pingpong`'s events on the Simulator alone, scheduled as the Network schedules them: P pairs,
 * each with its seeded size stream, its timer in the 1 ms lane, its arrivals in the 100 µs lane,
 * the ACKs' transmission ends in the lane of 512 ns (a duration that repeats), the pings' (of
 * varying size) in the heap. Mean RTT → 206.768 µs, as in `pingpong`.
 */
export function pingpongKernel(pairs: number, messages: number): BenchmarkResult {
  const perPair = Math.max(1, Math.round(messages / pairs));
  const simulator = new Simulator();
  const streams = new RandomStreams(1);
  const sizeStreams = Array.from({ length: pairs }, (_, pair) => streams.stream(`pair/${pair}/size`));
  const sentAt = new Float64Array(pairs);
  const timers = new Float64Array(pairs);
  const left = new Int32Array(pairs).fill(perPair);
  const propagation = simulator.lane(PROPAGATION_SECONDS);
  const timeout = simulator.lane(TIMEOUT_SECONDS);
  const ackTransmission = simulator.lane(ACK_SECONDS);
  let rttSum = 0;
  let acknowledged = 0;
  const onTimeout = (): void => {
    throw new Error('pingpong-kernel: a timer fired, yet every ACK comes back within 1 ms');
  };
  const ackArrived = (pair: number): void => {
    simulator.cancel(timers[pair]);
    rttSum += simulator.now - sentAt[pair];
    acknowledged++;
    if (--left[pair] > 0) send(pair);
  };
  const ackSent = (pair: number): EventHandle => simulator.scheduleInLane(propagation, ackArrived, pair);
  const pingArrived = (pair: number): EventHandle => simulator.scheduleInLane(ackTransmission, ackSent, pair);
  const pingSent = (pair: number): EventHandle => simulator.scheduleInLane(propagation, pingArrived, pair);
  const send = (pair: number): void => {
    sentAt[pair] = simulator.now;
    timers[pair] = simulator.scheduleInLane(timeout, onTimeout, pair);
    simulator.schedule(pingSeconds(sizeStreams[pair]()), pingSent, pair);
  };
  for (let pair = 0; pair < pairs; pair++) simulator.schedule(0, send, pair);
  const { seconds, cpuSeconds } = timeIt(() => simulator.run());
  return result('pingpong-kernel', pairs, {
    wallSeconds: seconds,
    cpuSeconds,
    events: simulator.executedEvents,
    count: acknowledged,
    rate: acknowledged / seconds,
    check: (rttSum / acknowledged) * 1e6,
  });
}

/**
 * The same events on the event loop one would write first (bench/naive-loop.ts): a binary heap
 * of plain objects compared through a closure, a closure per event, and a cancelled timer only
 * flagged, left in the heap until its time comes. `pingpong-kernel`'s ratio to this at 100 and
 * at 10,000 pairs shows how each kernel holds up as the pending set grows.
 */
export function baselinePingpong(pairs: number, messages: number): BenchmarkResult {
  const perPair = Math.max(1, Math.round(messages / pairs));
  const loop = naiveLoop();
  const schedule = loop.schedule;
  let rttSum = 0;
  let acknowledged = 0;
  const send = (pair: number, random: () => number, left: number): void => {
    const sentAt = loop.now();
    const timer = schedule(TIMEOUT_SECONDS, () => {
      throw new Error('baseline-pingpong: a timer fired, yet every ACK comes back within 1 ms');
    });
    schedule(pingSeconds(random()), () =>
      schedule(PROPAGATION_SECONDS, () =>
        schedule(ACK_SECONDS, () =>
          schedule(PROPAGATION_SECONDS, () => {
            timer.cancelled = true;
            rttSum += loop.now() - sentAt;
            acknowledged++;
            if (left > 1) send(pair, random, left - 1);
          }),
        ),
      ),
    );
  };
  for (let pair = 0; pair < pairs; pair++) {
    const random = seedrandom.alea(`baseline/pair/${pair}/size`);
    schedule(0, () => send(pair, random, perPair));
  }
  const { value: events, seconds, cpuSeconds } = timeIt(() => loop.run());
  return result('baseline-pingpong', pairs, {
    wallSeconds: seconds,
    cpuSeconds,
    events,
    count: acknowledged,
    rate: acknowledged / seconds,
    check: (rttSum / acknowledged) * 1e6,
  });
}
