import { describe, expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';
import { brokerScenario } from './broker-scenario.js';

const MS = 1e-3;

describe('a broker queue between a producer and a consumer, by hand', () => {
  // 1000-byte messages over 1 Mbps links (8 ms each) with 5 ms delay; the broker processes for
  // 1 ms and persists for 2 ms; the consumer processes for 10 ms; acks are 40 B (0.32 ms).
  const scenario = brokerScenario({
    link: { bandwidth: '1Mbps', delay: '5ms' },
    brokerProcessing: '1ms',
    consumers: [{ node: 'worker', processing: '10ms' }],
    broker: {
      persistence: '2ms',
      queues: [{ name: 'jobs' }],
      consumers: [{ id: 'w', node: 'worker', queue: 'jobs', prefetch: 1 }],
    },
    flow: { publish: { queue: 'jobs' }, workload: { messages: 2, size: '1000B' } },
  });

  it('splits the latency of each message into its components, the broker queue in t_queue', () => {
    const { probe, delivered } = recordingProbe();
    run(scenario, { probes: [probe] });
    const [first, second] = delivered();
    // First: 8 + 5 to the broker, 1 + 2 there, 8 + 5 to the worker, 10 processing = 39 ms.
    expect(first.latencySeconds).toBeCloseTo(39 * MS, 12);
    expect(first.transSeconds).toBeCloseTo(16 * MS, 12);
    expect(first.propSeconds).toBeCloseTo(10 * MS, 12);
    expect(first.procSeconds).toBeCloseTo(13 * MS, 12);
    expect(first.queueSeconds).toBeCloseTo(0, 12);
    expect(first.waitSeconds).toBe(0);
    // Second: 8 ms behind the first on the producer's link, in the broker at 24 ms; the first's
    // ack arrives at 39 + 0.32 + 5 = 44.32 ms, when it is sent on: 20.32 ms in the broker queue.
    expect(second.queueSeconds).toBeCloseTo(8 * MS + 20.32 * MS, 12);
    expect(second.latencySeconds).toBeCloseTo(67.32 * MS, 12);
  });

  it('reports the queue in the summary: routed, delivered, acked, depth and lag', () => {
    const { summary } = run({ ...scenario, duration: 1 });
    const jobs = summary.brokers!.broker.subscriptions.jobs;
    expect(jobs).toMatchObject({ routed: 2, delivered: 2, acked: 2, redeliveries: 0, duplicates: 0 });
    expect(jobs.depth.max).toBe(1);
    expect(jobs.lag).toMatchObject({ max: 2, final: 0 });
    // The second waited 20.32 ms in the queue: time-average depth over the 1 s run.
    expect(jobs.depth.mean).toBeCloseTo(20.32 * MS, 12);
  });
});

describe('exchanges', () => {
  const consumers = ['a', 'b', 'c'].map((node) => ({ node }));
  const queues = ['a', 'b', 'c'].map((name) => ({ name }));
  const consumerOf = (queue: string) => ({ id: `on-${queue}`, node: queue, queue });

  it('fanout gives every bound queue its own copy, each a message of its own', () => {
    const { summary } = run(
      brokerScenario({
        consumers,
        broker: {
          queues,
          exchanges: [{ name: 'all', type: 'fanout', bindings: queues.map(({ name }) => ({ queue: name })) }],
          consumers: queues.map(({ name }) => consumerOf(name)),
        },
        flow: { publish: { exchange: 'all' }, workload: { messages: 10 } },
      }),
    );
    const broker = summary.brokers!.broker;
    expect(broker.published).toBe(10);
    expect(summary.counts).toMatchObject({ sent: 30, delivered: 30 });
    for (const name of ['a', 'b', 'c']) expect(broker.consumers[`on-${name}`].delivered).toBe(10);
  });

  it('topic patterns route by key; a direct exchange drops what no binding matches', () => {
    const { summary } = run(
      brokerScenario({
        consumers,
        broker: {
          queues,
          exchanges: [
            {
              name: 'events',
              type: 'topic',
              bindings: [
                { queue: 'a', key: 'order.*' },
                { queue: 'b', key: 'order.#' },
                { queue: 'c', key: '#.eu.#' },
              ],
            },
          ],
          consumers: queues.map(({ name }) => consumerOf(name)),
        },
        flow: {
          publish: { exchange: 'events', keys: ['order.created', 'order.eu.paid', 'user.eu', 'nobody'] },
          workload: { messages: 8 },
        },
      }),
    );
    const { subscriptions, unroutable } = summary.brokers!.broker;
    // order.created -> a, b; order.eu.paid -> b, c; user.eu -> c (#.eu.# takes both); nobody -> none; twice over.
    expect([subscriptions.a.routed, subscriptions.b.routed, subscriptions.c.routed]).toEqual([2, 4, 4]);
    expect(unroutable).toBe(2);
    expect(summary.counts.dropped.unroutable).toBe(2);
    expect(summary.counts.delivered).toBe(10);
  });
});

describe('bounded queues', () => {
  // Ten messages reach the broker at once; the consumer takes one (prefetch 1) and is slow.
  const bounded = (queue: object, extraQueues: object[] = [], extraConsumers: object[] = []) =>
    run(
      brokerScenario({
        consumers: [{ node: 'worker', processing: '100ms' }, { node: 'auditor' }],
        broker: {
          queues: [{ name: 'jobs', capacity: 2, ...queue }, ...extraQueues] as never,
          consumers: [{ id: 'w', node: 'worker', queue: 'jobs' }, ...extraConsumers] as never,
        },
        flow: { publish: { queue: 'jobs' }, workload: { messages: 10 } },
      }),
    ).summary;

  it('reject refuses what finds the queue full', () => {
    const summary = bounded({ overflow: 'reject' });
    expect(summary.counts).toMatchObject({ delivered: 3, dropped: { queueFull: 7 } });
  });

  it('drop-head drops the oldest to make room', () => {
    const summary = bounded({ overflow: 'drop-head' });
    expect(summary.counts).toMatchObject({ delivered: 3, dropped: { dropHead: 7 } });
  });

  it('dead-letter moves the overflow to another queue: it ends there, or its consumers get it', () => {
    const kept = bounded({ overflow: 'dead-letter', deadLetter: 'dlq' }, [{ name: 'dlq' }]);
    expect(kept.counts).toMatchObject({ delivered: 3, dropped: { deadLettered: 7 } });
    expect(kept.brokers!.broker.subscriptions.jobs.deadLettered).toBe(7);
    expect(kept.brokers!.broker.subscriptions.dlq.depth.final).toBe(7);
    const consumed = bounded(
      { overflow: 'dead-letter', deadLetter: 'dlq' },
      [{ name: 'dlq' }],
      [{ id: 'audit', node: 'auditor', queue: 'dlq', prefetch: 10 }],
    );
    expect(consumed.counts).toMatchObject({ delivered: 10, dropped: {} });
    expect(consumed.brokers!.broker.consumers.audit.delivered).toBe(7);
  });

  it.each([
    [3, { deadLettered: 3, queueFull: 4 }],
    [0, { queueFull: 7 }],
  ])(
    'a dead-letter queue nobody consumes keeps at most its capacity (%i) and refuses the rest',
    (capacity, dropped) => {
      // 7 dead letters: the first `capacity` are kept (and end), the others find it full.
      const summary = bounded({ overflow: 'dead-letter', deadLetter: 'dlq' }, [{ name: 'dlq', capacity }]);
      expect(summary.counts).toMatchObject({ sent: 10, delivered: 3, dropped, lost: {}, inFlight: 0 });
      const { jobs, dlq } = summary.brokers!.broker.subscriptions;
      expect(jobs.deadLettered).toBe(7);
      // Kept ones end where they were dead-lettered; refused ones at the full dead-letter queue.
      expect(jobs.dropped).toEqual(capacity > 0 ? { deadLettered: capacity } : {});
      expect(dlq.dropped).toEqual({ queueFull: 7 - capacity });
      expect(dlq.depth).toMatchObject({ max: capacity, final: capacity });
      expect(dlq.routed).toBe(0);
    },
  );

  it('a dead letter moved on from a full consumed dead-letter queue meets the next one’s capacity', () => {
    // jobs (capacity 2) → dlq1 (capacity 1, consumed by a slow auditor) → dlq2 (capacity 2, no
    // consumer). Of the 7 dead letters the auditor takes 1 at once and dlq1 holds 1; the other
    // 5 find dlq1 full: as dead letters already they end, 2 kept in dlq2, 3 refused by it.
    const { summary } = run(
      brokerScenario({
        consumers: [
          { node: 'worker', processing: '100ms' },
          { node: 'auditor', processing: '100ms' },
        ],
        broker: {
          queues: [
            { name: 'jobs', capacity: 2, overflow: 'dead-letter', deadLetter: 'dlq1' },
            { name: 'dlq1', capacity: 1, overflow: 'dead-letter', deadLetter: 'dlq2' },
            { name: 'dlq2', capacity: 2 },
          ],
          consumers: [
            { id: 'w', node: 'worker', queue: 'jobs' },
            { id: 'audit', node: 'auditor', queue: 'dlq1' },
          ],
        },
        flow: { publish: { queue: 'jobs' }, workload: { messages: 10 } },
      }),
    );
    expect(summary.counts).toMatchObject({
      sent: 10,
      delivered: 5,
      dropped: { deadLettered: 2, queueFull: 3 },
    });
    const { jobs, dlq1, dlq2 } = summary.brokers!.broker.subscriptions;
    expect([jobs.deadLettered, dlq1.deadLettered]).toEqual([7, 5]);
    expect(summary.brokers!.broker.consumers).toMatchObject({ w: { delivered: 3 }, audit: { delivered: 2 } });
    expect(dlq1.dropped).toEqual({ deadLettered: 2 });
    expect(dlq2.dropped).toEqual({ queueFull: 3 });
    expect(dlq2.depth).toMatchObject({ max: 2, final: 2 });
  });
});

describe('failures', () => {
  // Ten messages at once to a consumer that takes 100 ms each; the broker is down 150–200 ms.
  const crashing = (broker: object) =>
    run(
      brokerScenario({
        consumers: [{ node: 'worker', processing: '100ms' }],
        broker: {
          queues: [{ name: 'jobs' }],
          consumers: [{ id: 'w', node: 'worker', queue: 'jobs' }],
          ...broker,
        },
        flow: { publish: { queue: 'jobs' }, workload: { messages: 10 } },
        faults: [
          { at: 0.15, crash: 'broker' },
          { at: 0.2, recover: 'broker' },
        ],
      }),
    ).summary;

  it('a broker crash loses what it holds in memory; the delivery in progress still arrives', () => {
    const summary = crashing({});
    expect(summary.counts).toMatchObject({ sent: 10, delivered: 2, lost: { nodeDown: 8 } });
    expect(summary.brokers!.broker.subscriptions.jobs.lost).toEqual({ nodeDown: 8 });
  });

  it('with persistence nothing is lost: the unacknowledged delivery goes again (a duplicate)', () => {
    const summary = crashing({ persistence: '1ms' });
    expect(summary.counts).toMatchObject({ sent: 10, delivered: 10, lost: {}, duplicates: 1 });
    expect(summary.brokers!.broker.subscriptions.jobs.redeliveries).toBe(1);
  });

  it('at-least-once gives a crashed consumer’s messages to another; at-most-once loses them', () => {
    const withCrash = (delivery: string) =>
      run(
        brokerScenario({
          consumers: [
            { node: 'w1', processing: '10ms' },
            { node: 'w2', processing: '10ms' },
          ],
          broker: {
            delivery,
            queues: [{ name: 'jobs' }],
            consumers: [
              { id: 'c1', node: 'w1', queue: 'jobs', prefetch: 5 },
              { id: 'c2', node: 'w2', queue: 'jobs', prefetch: 5 },
            ],
          },
          flow: { publish: { queue: 'jobs' }, workload: { messages: 20 } },
          faults: [{ at: 0.025, crash: 'w1' }],
        }),
      ).summary;
    const atLeastOnce = withCrash('at-least-once');
    expect(atLeastOnce.counts).toMatchObject({ sent: 20, delivered: 20, lost: {} });
    expect(atLeastOnce.brokers!.broker.subscriptions.jobs.redeliveries).toBeGreaterThan(0);
    const atMostOnce = withCrash('at-most-once');
    expect(atMostOnce.counts.lost.nodeDown).toBeGreaterThan(0);
    expect(atMostOnce.counts.delivered + atMostOnce.counts.lost.nodeDown).toBe(20);
    expect(atMostOnce.counts.duplicates).toBe(0);
  });
});

describe('a queue of capacity 0 holds no ready message, but lets one through to an idle consumer', () => {
  // Messages every 1/150 s (0, 6.67, 13.3, 20 ms) to one consumer with prefetch 1 that takes
  // 10 ms each over links of negligible time: it is idle at 0 and at 13.3 ms, busy at the others.
  const zeroCapacity = (queue: object, extraQueues: object[] = [], extraConsumers: object[] = []) =>
    run(
      brokerScenario({
        link: { bandwidth: '1Tbps', delay: '0s' },
        consumers: [
          { node: 'worker', processing: '10ms' },
          { node: 'auditor', processing: '10ms' },
        ],
        broker: {
          queues: [{ name: 'jobs', capacity: 0, ...queue }, ...extraQueues] as never,
          consumers: [{ id: 'w', node: 'worker', queue: 'jobs' }, ...extraConsumers] as never,
        },
        flow: { publish: { queue: 'jobs' }, workload: { rate: 150, messages: 4 } },
      }),
    ).summary;

  it('rejects only what arrives while the consumer is busy (by hand: 2 of 4)', () => {
    const summary = zeroCapacity({ overflow: 'reject' });
    expect(summary.counts).toMatchObject({ sent: 4, delivered: 2, dropped: { queueFull: 2 } });
    // The delivered ones never waited in the broker: latency is the 10 ms processing.
    expect(summary.latency.max).toBeCloseTo(10 * MS, 6);
    expect(summary.brokers!.broker.subscriptions.jobs.depth.max).toBe(0);
  });

  it('drop-head has no ready message to drop: the arriving one is the head, and goes', () => {
    const summary = zeroCapacity({ overflow: 'drop-head' });
    expect(summary.counts).toMatchObject({ sent: 4, delivered: 2, dropped: { dropHead: 2 } });
    expect(summary.brokers!.broker.subscriptions.jobs.depth.max).toBe(0);
  });

  it('dead-letters what the busy consumer cannot take; a capacity-0 dead-letter queue passes it to its idle consumer', () => {
    const summary = zeroCapacity(
      { overflow: 'dead-letter', deadLetter: 'dlq' },
      [{ name: 'dlq', capacity: 0 }],
      [{ id: 'audit', node: 'auditor', queue: 'dlq' }],
    );
    expect(summary.counts).toMatchObject({ sent: 4, delivered: 4, dropped: {} });
    expect(summary.brokers!.broker.subscriptions.jobs.deadLettered).toBe(2);
    expect(summary.brokers!.broker.consumers).toMatchObject({ w: { delivered: 2 }, audit: { delivered: 2 } });
  });

  it('with Poisson arrivals and exponential service is M/M/1/1: blocking ρ/(1+ρ) (Erlang B, one server)', () => {
    const lambda = 80;
    const meanService = 0.01;
    const rho = lambda * meanService;
    const { summary } = run({
      name: 'mm11',
      seed: 11,
      nodes: [
        { id: 'producer' },
        { id: 'broker' },
        { id: 'server', processing: { dist: 'exponential', mean: meanService } },
      ],
      links: [
        { between: ['producer', 'broker'], bandwidth: '1Tbps', delay: 0 },
        { between: ['broker', 'server'], bandwidth: '1Tbps', delay: 0 },
      ],
      brokers: [
        {
          node: 'broker',
          queues: [{ name: 'q', capacity: 0 }],
          consumers: [{ id: 'c', node: 'server', queue: 'q', prefetch: 1 }],
        },
      ],
      flows: [
        {
          from: 'producer',
          to: 'broker',
          publish: { queue: 'q' },
          workload: { rate: lambda, arrivals: 'poisson', messages: 20000, size: '1B' },
        },
      ],
    });
    const blocking = (summary.counts.dropped.queueFull ?? 0) / summary.counts.sent;
    // ρ/(1+ρ) = 0.444; one run of 20000 arrivals has σ ≈ 0.004: 5σ.
    expect(Math.abs(blocking - rho / (1 + rho))).toBeLessThan(0.02);
    expect(summary.theory['broker-queue:broker/q'].values.blockingProbability).toBeCloseTo(
      rho / (1 + rho),
      9,
    );
    // Nothing waits: an accepted message's latency is its service, mean 10 ms.
    expect(Math.abs(summary.latency.mean! / meanService - 1)).toBeLessThan(0.05);
  });
});

describe('at-most-once: forgotten when sent, prefetch released by the ack, no ack timer', () => {
  // 200 messages at 50/s to one consumer taking 40 ms each (prefetch 5) whose node is down
  // 2.01–3 s; the ack timeout (100 ms) is shorter than five deliveries' processing (200 ms).
  // The consumer's node holds one message in service and 4 waiting: a sixth outstanding
  // delivery would be refused there (dropped.nodeQueue).
  const atMostOnce = () =>
    run(
      brokerScenario({
        link: { bandwidth: '100Mbps', delay: '1ms' },
        consumers: [{ node: 'worker', processing: '40ms', queue: 4 }],
        broker: {
          delivery: 'at-most-once',
          ackTimeout: '100ms',
          queues: [{ name: 'jobs' }],
          consumers: [{ id: 'w', node: 'worker', queue: 'jobs', prefetch: 5 }],
        },
        flow: { publish: { queue: 'jobs' }, workload: { rate: 50, messages: 200, size: '100B' } },
        faults: [
          { at: 2.01, crash: 'worker' },
          { at: 3, recover: 'worker' },
        ],
      }),
    ).summary;

  it('never has more than prefetch deliveries outstanding at the consumer, and never times an ack out', () => {
    const summary = atMostOnce();
    const jobs = summary.brokers!.broker.subscriptions.jobs;
    expect(summary.counts.dropped.nodeQueue ?? 0).toBe(0);
    expect(jobs).toMatchObject({ ackTimeouts: 0, redeliveries: 0, duplicates: 0 });
    // What the crash lost is lost; everything else is delivered and acknowledged (the last ack
    // may still be on its way when the run ends).
    const lost = summary.counts.lost.nodeDown ?? 0;
    expect(lost).toBeGreaterThan(0);
    expect(lost).toBeLessThanOrEqual(5);
    expect(summary.counts.delivered + lost).toBe(200);
    expect(jobs.acked).toBeGreaterThanOrEqual(summary.counts.delivered - 1);
  });
});

describe("the broker's ack timer is the producer flow's retransmission timer", () => {
  // One message over links of negligible time to a consumer that takes 10 ms; the ack timeout
  // is 4 ms. The broker delivers at 0, times the ack out at 4 and 8 ms and delivers again each
  // time; the first copy's ack at 10 ms settles the message (late, but no more redeliveries).
  it('2 ack timeouts, each redelivering: 2 retransmissions and 2 timer expiries of the flow, at 4 and 8 ms', () => {
    const recorder = recordingProbe();
    const { summary } = run(
      brokerScenario({
        link: { bandwidth: '1Tbps', delay: '0s' },
        consumers: [{ node: 'worker', processing: '10ms' }],
        broker: {
          delivery: 'at-least-once',
          ackTimeout: '4ms',
          queues: [{ name: 'jobs' }],
          consumers: [{ id: 'w', node: 'worker', queue: 'jobs', prefetch: 1 }],
        },
        flow: { publish: { queue: 'jobs' }, workload: { messages: 1 } },
      }),
      { probes: [recorder.probe] },
    );
    const jobs = summary.brokers!.broker.subscriptions.jobs;
    expect(jobs).toMatchObject({ ackTimeouts: 2, redeliveries: 2 });
    expect(summary.counts).toMatchObject({ delivered: 1, retransmissions: 2, retransmissionTimeouts: 2 });
    expect(summary.flows.producer.counts.retransmissionTimeouts).toBe(2);
    expect(recorder.timerExpiries).toEqual([
      { flow: 0, at: expect.closeTo(4 * MS, 6) },
      { flow: 0, at: expect.closeTo(8 * MS, 6) },
    ]);
  });
});
