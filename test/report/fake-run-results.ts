import { emptyCounts } from '../../src/metrics/summarize.js';
/**
 * Hand-built RunResults for the report tests: a tiny one whose every number is chosen by hand,
 * and a realistic one (deterministic pseudo-random) to render and look at.
 */
import type { LatencyComponent, RunResult, Stats, Summary } from '../../src/metrics/summary.js';

function stats(count: number, mean: number | null, p99: number | null): Stats {
  return { count, mean, p50: mean, p95: p99, p99, max: p99 };
}

/**
 * Five messages over two 1 s bins; latencies 10, 12, 12, 18 and 30 ms; the server fails once
 * (down from 0.5 s to 0.75 s).
 */
export function smallRunResult(): RunResult {
  const components: Record<LatencyComponent, Stats> = {
    trans: stats(5, 0.000008, 0.000008),
    prop: stats(5, 0.01, 0.01),
    queue: stats(5, 0.001, 0.004),
    proc: stats(5, 0.0004, 0.001),
    wait: stats(5, 0.0021, 0.015),
  };
  const throughput = {
    messagesPerSecond: 2.5,
    goodputBitsPerSecond: 20000,
    wireBitsPerSecond: 22400,
    offeredMessagesPerSecond: 3,
    delivered: 5,
    intervalSeconds: 2,
  };
  const counts = {
    ...emptyCounts(),
    sent: 6,
    delivered: 5,
    retransmissions: 2,
    retransmissionTimeouts: 3,
    duplicates: 1,
    dropped: { queueFull: 0 },
    lost: { linkLoss: 2, nodeDown: 1 },
    inFlight: 1,
    packets: { sent: 13, data: 8, acks: 5, dropped: {}, lost: { linkLoss: 3 } },
  };
  const latency = {
    ...stats(5, 0.0164, 0.03),
    p50: 0.012,
    p95: 0.03,
    max: 0.03,
    components,
    noQueueFraction: 0.6,
  };
  const summary: Summary = {
    scenario: 'tiny-stop-and-wait',
    description: 'Five messages,\n  one failure.',
    seed: 7,
    replication: 0,
    interval: { from: 0, to: 2 },
    simulatedSeconds: 2,
    events: 42,
    throughput,
    latency,
    availability: {
      nodes: {
        sender: {
          analytic: null,
          measured: 1,
          observedMttf: null,
          observedMttr: null,
          observedMttfCi95: null,
          observedMttrCi95: null,
          cycles: 0,
          upSeconds: 2,
          downSeconds: 0,
        },
        server: {
          analytic: 0.9230769230769231,
          measured: 0.875,
          observedMttf: 0.5,
          observedMttr: 0.25,
          observedMttfCi95: [0.25, 0.75],
          observedMttrCi95: [0.125, 0.375],
          cycles: 1,
          upSeconds: 1.75,
          downSeconds: 0.25,
        },
      },
    },
    counts,
    flows: {
      f1: {
        from: 'sender',
        to: 'server',
        protocol: 'stop-and-wait',
        interval: { from: 0, to: 2 },
        completedAt: 1.9876,
        throughput,
        latency,
        counts,
        senderUtilisation: 0.00026659577,
      },
    },
    links: {},
    fairness: [],
    theory: {
      stopAndWaitThroughput: {
        formula: 'T = 1 / (t_trans + 2 t_prop + t_proc)',
        values: { t_trans: 0.000008, t_prop: 0.01, T: 33.32444518493835 },
      },
    },
  };
  return {
    summary,
    timeseries: [
      {
        start: 0,
        end: 1,
        delivered: 2,
        messagesPerSecond: 2,
        goodputBitsPerSecond: 16000,
        meanLatency: 0.011,
        nodesUp: { sender: 1, server: 0.75 },
      },
      {
        start: 1,
        end: 2,
        delivered: 3,
        messagesPerSecond: 3,
        goodputBitsPerSecond: 24000,
        meanLatency: null,
        nodesUp: { sender: 1, server: 1 },
      },
    ],
    latencies: Float64Array.from([0.01, 0.012, 0.012, 0.018, 0.03]),
    congestionTraces: [
      {
        flow: 'f',
        time: [0, 0.5, 1, 1.5],
        cwnd: [1, 2, 4, 2],
        ssthresh: [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 2],
        srtt: [Number.NaN, 0.02, 0.021, 0.021],
        rto: [1, 1, 1, 2],
        flight: [1, 2, 4, 1],
      },
    ],
    serviceCurves: [
      {
        service: 'pair',
        analytic: 0.99,
        points: [
          { time: 0.5, availability: 1 },
          { time: 1, availability: 0.75 },
          { time: 2, availability: 0.875 },
        ],
      },
    ],
    brokerBacklogs: [
      { subscription: 'broker:jobs', time: [0, 0.5, 1, 1.5], depth: [0, 3, 1.5, 0], lag: [1, 4, 2.5, 0.5] },
    ],
    nodeTimelines: [
      { node: 'sender', periods: [{ start: 0, end: 2, up: true }] },
      {
        node: 'server',
        periods: [
          { start: 0, end: 0.5, up: true },
          { start: 0.5, end: 0.75, up: false },
          { start: 0.75, end: 2, up: true },
        ],
      },
    ],
  };
}

/** A 32-bit linear congruential generator: enough to make fake data look irregular, repeatably. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A 10-minute run of 3 nodes, 20 000 messages with a 30 ms base latency, exponential queueing,
 * 1% of messages retransmitted after a 200 ms timeout, and a few failures of two nodes.
 */
export function realisticRunResult(): RunResult {
  const random = lcg(12345);
  const base = smallRunResult();
  const latencies = new Float64Array(20000);
  for (let i = 0; i < latencies.length; i += 1) {
    const queueing = -Math.log(1 - random()) * 0.002;
    const retransmission = random() < 0.01 ? 0.2 * (1 + (random() < 0.05 ? 1 : 0)) : 0;
    latencies[i] = 0.030008 + queueing + retransmission;
  }
  const timeseries = Array.from({ length: 600 }, (_, i) => {
    const serverUp = i >= 200 && i < 212 ? 0 : 1;
    const rate = serverUp === 0 ? 0 : 33 + Math.round(random() * 4 - 2);
    return {
      start: i,
      end: i + 1,
      delivered: rate,
      messagesPerSecond: rate,
      goodputBitsPerSecond: rate * 8000,
      meanLatency: rate === 0 ? null : 0.031 + random() * 0.002,
      nodesUp: { sender: 1, server: serverUp, broker: 1 },
    };
  });
  const nodeTimelines = [
    { node: 'sender', periods: [{ start: 0, end: 600, up: true }] },
    {
      node: 'server',
      periods: [
        { start: 0, end: 200, up: true },
        { start: 200, end: 212, up: false },
        { start: 212, end: 431, up: true },
        { start: 431, end: 431.5, up: false },
        { start: 431.5, end: 600, up: true },
      ],
    },
    {
      node: 'broker',
      periods: [
        { start: 0, end: 350, up: true },
        { start: 350, end: 380, up: false },
        { start: 380, end: 600, up: true },
      ],
    },
  ];
  const server = base.summary.availability.nodes.server;
  const delivered = timeseries.reduce((sum, row) => sum + row.delivered, 0);
  const summary: Summary = {
    ...base.summary,
    scenario: 'stop-and-wait-1g',
    throughput: {
      ...base.summary.throughput,
      delivered,
      intervalSeconds: 600,
      messagesPerSecond: delivered / 600,
      goodputBitsPerSecond: (delivered * 8000) / 600,
    },
    interval: { from: 0, to: 600 },
    simulatedSeconds: 600,
    availability: {
      nodes: {
        sender: base.summary.availability.nodes.sender,
        server: { ...server, measured: 0.979167, cycles: 2 },
        broker: { ...server, measured: 0.95, cycles: 1 },
      },
    },
  };
  return {
    summary,
    timeseries,
    latencies,
    nodeTimelines,
    congestionTraces: [renoLikeTrace(600)],
    brokerBacklogs: [
      {
        subscription: 'broker:orders',
        time: Array.from({ length: 60 }, (_, i) => i * 10),
        depth: Array.from({ length: 60 }, (_, i) => (i < 30 ? i * 4 : (60 - i) * 4)),
        lag: Array.from({ length: 60 }, (_, i) => (i < 30 ? i * 4 : (60 - i) * 4) + 2),
      },
    ],
    serviceCurves: [
      {
        service: 'replicas',
        analytic: 0.97,
        points: timeseries.map((row, i) => ({
          time: row.end,
          availability: 1 - (i >= 200 ? 12 / (i + 1) : 0),
        })),
      },
    ],
  };
}

/** A sawtooth of cwnd between 10 and 20 segments, one round per 100 ms, over `seconds`. */
function renoLikeTrace(seconds: number): RunResult['congestionTraces'][number] {
  const time: number[] = [];
  const cwnd: number[] = [];
  for (let round = 0; round * 0.1 <= seconds; round += 1) {
    time.push(round * 0.1);
    cwnd.push(10 + (round % 11));
  }
  return {
    flow: 'bulk',
    time,
    cwnd,
    ssthresh: cwnd.map(() => 10),
    srtt: cwnd.map(() => 0.1),
    rto: cwnd.map(() => 0.3),
    flight: cwnd,
  };
}
