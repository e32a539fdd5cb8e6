import fc from 'fast-check';
import type { ScenarioInput } from '../../src/scenario/schema.js';

/** What a drawn broker scenario was made of, beside the scenario itself. */
export interface BrokerDraw {
  delivery: 'at-least-once' | 'at-most-once';
  /** The broker itself crashes (and recovers) during the run. */
  brokerCrash: boolean;
  /** The queue is bounded (messages may be dropped by its overflow policy). */
  bounded: boolean;
  /** The queues' overflow goes to a dead-letter queue `dlq` (see withDeadLetterQueue). */
  deadLetters?: DeadLetterDraw;
}

/** A dead-letter queue `dlq` for the bounded producer queues, consumed by `auditor` or by nobody. */
export interface DeadLetterDraw {
  /** Capacity of the producer queues, which dead-letter what finds them full. */
  sourceCapacity: number;
  /** Capacity of `dlq` (reject when full); undefined: unbounded. */
  capacity: number | undefined;
  consumed: boolean;
}

/** Random broker scenarios (see arbitraryBrokerScenario) whose full queues dead-letter to `dlq`. */
export function arbitraryDeadLetterScenario(
  options: { delivery?: BrokerDraw['delivery']; brokerCrash?: boolean } = {},
): fc.Arbitrary<{ scenario: ScenarioInput; draw: BrokerDraw }> {
  return fc
    .tuple(
      arbitraryBrokerScenario({ ...options, bounded: false }),
      fc.record({
        sourceCapacity: fc.integer({ min: 0, max: 4 }),
        capacity: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
        consumed: fc.boolean(),
      }),
    )
    .map(([{ scenario, draw }, deadLetters]) => ({
      scenario: withDeadLetterQueue(scenario, deadLetters),
      draw: { ...draw, bounded: true, deadLetters },
    }));
}

function withDeadLetterQueue(scenario: ScenarioInput, draw: DeadLetterDraw): ScenarioInput {
  const broker = scenario.brokers![0];
  return {
    ...scenario,
    nodes: [...scenario.nodes!, ...(draw.consumed ? [{ id: 'auditor', processing: '4ms' }] : [])],
    links: [
      ...scenario.links!,
      ...(draw.consumed
        ? [{ between: ['broker', 'auditor'] as [string, string], bandwidth: '10Mbps', delay: '2ms' }]
        : []),
    ],
    brokers: [
      {
        ...broker,
        queues: [
          ...broker.queues!.map((queue) => ({
            name: queue.name,
            capacity: draw.sourceCapacity,
            overflow: 'dead-letter',
            deadLetter: 'dlq',
          })),
          { name: 'dlq', ...(draw.capacity === undefined ? {} : { capacity: draw.capacity }) },
        ],
        consumers: [
          ...broker.consumers!,
          ...(draw.consumed ? [{ id: 'audit', node: 'auditor', queue: 'dlq', prefetch: 2 }] : []),
        ],
      },
    ],
  };
}

/**
 * Random broker scenarios: one producer publishing to a queue (directly or through a fanout
 * exchange to two queues), 1–3 competing consumers per queue with random prefetch and
 * processing times, lossy consumer links (some duplicating or corrupting packets), consumers that crash and recover (scripted and random
 * failures), optionally a bounded queue, persistence and a broker crash.
 */
export function arbitraryBrokerScenario(
  options: { delivery?: BrokerDraw['delivery']; brokerCrash?: boolean; bounded?: boolean } = {},
): fc.Arbitrary<{ scenario: ScenarioInput; draw: BrokerDraw }> {
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      delivery: options.delivery
        ? fc.constant(options.delivery)
        : fc.constantFrom<BrokerDraw['delivery']>('at-least-once', 'at-most-once'),
      fanout: fc.boolean(),
      consumers: fc.array(
        fc.record({
          prefetch: fc.integer({ min: 1, max: 5 }),
          processingMs: fc.double({ min: 0.5, max: 15, noNaN: true }),
          loss: fc.constantFrom(0, 0, 0.05, 0.2),
          duplicate: fc.constantFrom(0, 0, 0, 0.1, 0.5),
          corrupt: fc.constantFrom(0, 0, 0, 0.05, 0.2),
          crashAt: fc.option(fc.double({ min: 0.01, max: 1, noNaN: true }), { nil: undefined }),
          downFor: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
          failing: fc.constantFrom(false, false, true),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      ackTimeoutMs: fc.integer({ min: 30, max: 400 }),
      messages: fc.integer({ min: 5, max: 120 }),
      rate: fc.integer({ min: 20, max: 600 }),
      capacity:
        options.bounded === false
          ? fc.constant(undefined)
          : fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
      overflow: fc.constantFrom('reject', 'drop-head'),
      persistenceMs: fc.option(fc.double({ min: 0, max: 3, noNaN: true }), { nil: undefined }),
      brokerCrashAt:
        options.brokerCrash === false
          ? fc.constant(undefined)
          : fc.option(fc.double({ min: 0.01, max: 0.6, noNaN: true }), { nil: undefined }),
    })
    .map((d) => {
      const queues = d.fanout ? ['q1', 'q2'] : ['q1'];
      const consumerNodes = queues.flatMap((queue) =>
        d.consumers.map((consumer, c) => ({ queue, consumer, id: `${queue}-c${c}` })),
      );
      const scenario: ScenarioInput = {
        name: 'random-broker',
        seed: d.seed,
        duration: 30,
        nodes: [
          { id: 'producer' },
          { id: 'broker' },
          ...consumerNodes.map(({ id, consumer }) => ({
            id,
            processing: { dist: 'exponential', mean: consumer.processingMs / 1000 },
            ...(consumer.failing ? { failure: { mttf: 0.5, mttr: 0.05 } } : {}),
          })),
        ],
        links: [
          { between: ['producer', 'broker'], bandwidth: '10Mbps', delay: '1ms' },
          ...consumerNodes.map(({ id, consumer }) => ({
            between: ['broker', id] as [string, string],
            bandwidth: '10Mbps',
            delay: '2ms',
            loss: consumer.loss,
            ...(consumer.duplicate > 0 && { duplicate: consumer.duplicate }),
            ...(consumer.corrupt > 0 && { corrupt: consumer.corrupt }),
          })),
        ],
        brokers: [
          {
            node: 'broker',
            delivery: d.delivery,
            ackTimeout: d.ackTimeoutMs / 1000,
            ...(d.persistenceMs === undefined ? {} : { persistence: d.persistenceMs / 1000 }),
            queues: queues.map((name) => ({
              name,
              ...(d.capacity === undefined ? {} : { capacity: d.capacity, overflow: d.overflow }),
            })),
            exchanges: d.fanout
              ? [{ name: 'all', type: 'fanout', bindings: queues.map((queue) => ({ queue })) }]
              : [],
            consumers: consumerNodes.map(({ id, queue, consumer }) => ({
              id,
              node: id,
              queue,
              prefetch: consumer.prefetch,
            })),
          },
        ],
        flows: [
          {
            id: 'producer',
            from: 'producer',
            to: 'broker',
            // A reliable hop to the broker, so what the broker gets is what was published.
            transport: { protocol: 'stop-and-wait', timeout: '20ms' },
            publish: d.fanout ? { exchange: 'all' } : { queue: 'q1' },
            workload: { messages: d.messages, rate: d.rate, arrivals: 'poisson' },
          },
        ],
        faults: [
          ...consumerNodes.flatMap(({ id, consumer }) =>
            consumer.crashAt === undefined
              ? []
              : [
                  { at: consumer.crashAt, crash: id },
                  { at: consumer.crashAt + consumer.downFor, recover: id },
                ],
          ),
          ...(d.brokerCrashAt === undefined
            ? []
            : [
                { at: d.brokerCrashAt, crash: 'broker' },
                { at: d.brokerCrashAt + 0.1, recover: 'broker' },
              ]),
        ],
      };
      const draw: BrokerDraw = {
        delivery: d.delivery,
        brokerCrash: d.brokerCrashAt !== undefined,
        bounded: d.capacity !== undefined,
      };
      return { scenario, draw };
    });
}
