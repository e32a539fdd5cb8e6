import { describe, expect, it } from 'vitest';
import { MAX_TOPIC_PARTITIONS } from '../../src/messaging/broker-schema.js';
import { parseScenarioText } from '../../src/scenario/load.js';
import { issueAt, issueLines, issuesOf } from '../scenario/issues.js';

const BASE = `name: broker
nodes:
  - id: producer
  - id: broker
  - id: worker
links:
  - { between: [producer, broker], bandwidth: 1Gbps }
  - { between: [broker, worker], bandwidth: 1Gbps }
`;

const parse = (extra: string) => parseScenarioText(BASE + extra, 'broker.yaml');

describe('broker keys of the scenario schema', () => {
  it('accepts queues, exchanges, topics and consumers, with defaults filled in', () => {
    const scenario = parse(`brokers:
  - node: broker
    persistence: 2ms
    queues:
      - { name: jobs, capacity: 10, overflow: dead-letter, deadLetter: dlq }
      - { name: dlq }
    exchanges:
      - { name: events, type: topic, bindings: [{ queue: jobs, key: 'order.#' }] }
    topics: [{ name: clicks, partitions: 4 }]
    consumers:
      - { id: w, node: worker, queue: jobs, prefetch: 5 }
      - { id: a, node: worker, topic: clicks, group: analytics }
flows:
  - { from: producer, to: broker, publish: { exchange: events, key: order.created }, workload: { messages: 5 } }
`);
    expect(scenario.brokers[0]).toMatchObject({
      delivery: 'at-least-once',
      ackTimeout: 30,
      persistence: 0.002,
      ackSize: 40,
      queues: [
        { name: 'jobs', capacity: 10, overflow: 'dead-letter', deadLetter: 'dlq' },
        { name: 'dlq', overflow: 'reject' },
      ],
      consumers: [
        { id: 'w', prefetch: 5 },
        { id: 'a', prefetch: 1 },
      ],
    });
    expect(scenario.flows[0].publish).toEqual({ exchange: 'events', key: 'order.created' });
  });

  it('names each bad broker key where it is, with what was expected and the line', () => {
    const issues = issuesOf(() =>
      parse(`brokers:
  - node: brokr
    delivery: exactly-once
    queues:
      - { name: jobs, overflow: dead-letter }
      - { name: jobs }
    exchanges:
      - { name: events, type: direct, bindings: [{ queue: nowhere }] }
    consumers:
      - { id: w, node: worker, queue: missing, prefetch: 0 }
      - { id: x, node: worker }
flows:
  - { from: producer, to: worker, publish: { queue: jobs }, workload: { messages: 5 } }
  - { from: producer, to: broker, publish: { queue: jobs, topic: t }, workload: { messages: 5 } }
`),
    );
    const delivery = issueAt(issues, 'brokers[0].delivery');
    expect(delivery.message).toMatch(/at-most-once.*at-least-once/);
    expect(delivery.line).toBe(11);
    expect(issueAt(issues, 'brokers[0].consumers[0].prefetch').message).toMatch(/>=1|at least 1|1/);
    expect(issueAt(issues, 'flows[1].publish.topic').message).toBe(
      'give exactly one of queue, exchange or topic',
    );
  });

  it("refuses '__proto__' as a queue, topic, exchange, consumer or group name: results key them", () => {
    const issues = issuesOf(() =>
      parse(`brokers:
  - node: broker
    queues: [{ name: __proto__ }]
    topics: [{ name: clicks }]
    exchanges: [{ name: __proto__, type: fanout, bindings: [{ queue: jobs }] }]
    consumers:
      - { id: __proto__, node: worker, queue: jobs }
      - { id: w, node: worker, topic: clicks, group: __proto__ }
flows:
  - { from: producer, to: worker, publish: { queue: jobs }, workload: { messages: 5 } }
`),
    );
    const expected = "expected another name: '__proto__' cannot key a result";
    for (const path of [
      'brokers[0].queues[0].name',
      'brokers[0].exchanges[0].name',
      'brokers[0].consumers[0].id',
      'brokers[0].consumers[1].group',
    ])
      expect(issueAt(issues, path).message).toBe(expected);
  });

  it('checks what broker keys refer to', () => {
    const issues = issuesOf(() =>
      parse(`brokers:
  - node: brokr
    queues:
      - { name: jobs, overflow: dead-letter }
      - { name: jobs }
      - { name: idle }
    exchanges:
      - { name: events, type: direct, bindings: [{ queue: nowhere }] }
    consumers:
      - { id: w, node: worker, queue: missing }
      - { id: x, node: worker }
      - { id: w, node: worker, queue: jobs }
flows:
  - { from: producer, to: worker, publish: { queue: jobs }, workload: { messages: 5 } }
`),
    );
    expect(issueAt(issues, 'brokers[0].node').message).toBe("unknown node 'brokr'");
    expect(issueAt(issues, 'brokers[0].queues[0].deadLetter').message).toContain('needs deadLetter');
    expect(issueAt(issues, 'brokers[0].queues[1].name').message).toBe("duplicate queue 'jobs'");
    // Nothing publishes to it (the flow goes to a node that is no broker): it needs no consumer.
    expect(issues.filter((issue) => issue.path === 'brokers[0].queues[2].name')).toEqual([]);
    expect(issueAt(issues, 'brokers[0].exchanges[0].bindings[0].queue').message).toContain(
      "unknown queue or topic 'nowhere' (queues: jobs, idle)",
    );
    expect(issueAt(issues, 'brokers[0].exchanges[0].bindings[0].key').message).toBe(
      'a direct exchange binds with a key',
    );
    expect(issueAt(issues, 'brokers[0].consumers[0].queue').message).toContain("unknown queue 'missing'");
    expect(issueAt(issues, 'brokers[0].consumers[1]').message).toBe('give exactly one of queue or topic');
    expect(issueAt(issues, 'brokers[0].consumers[2].id').message).toBe("duplicate consumer id 'w'");
    expect(issueAt(issues, 'flows[0].to').message).toBe(
      "a publishing flow goes to a broker node ('worker' is none)",
    );
  });

  it('refuses publishing flows that broadcast or expect replies', () => {
    const issues = issuesOf(() =>
      parse(`brokers:
  - node: broker
    queues: [{ name: jobs }]
    consumers: [{ id: w, node: worker, queue: jobs }]
flows:
  - { from: producer, to: { broadcast: all }, publish: { queue: jobs }, workload: { messages: 5 } }
  - from: producer
    to: broker
    publish: { queue: jobs }
    pattern: { kind: request-reply, mode: sync, replySize: 10B }
    workload: { messages: 5 }
`),
    );
    expect(issueAt(issues, 'flows[0].to').message).toBe(
      'a publishing flow goes to one broker node, not a broadcast',
    );
    expect(issueAt(issues, 'flows[1].pattern').message).toContain('no request-reply pattern');
  });
});

describe('broker counts that would allocate without bound', () => {
  const withTopic = (partitions: number) =>
    parse(`brokers:
  - node: broker
    topics: [{ name: clicks, partitions: ${partitions} }]
    consumers: [{ id: w, node: worker, topic: clicks }]
flows:
  - { from: producer, to: broker, publish: { topic: clicks }, workload: { messages: 5 } }
`);

  it('refuses more partitions than the limit, located at the topic, before any run', () => {
    for (const partitions of [1e7, 1e9]) {
      const issue = issueAt(
        issuesOf(() => withTopic(partitions)),
        'brokers[0].topics[0].partitions',
      );
      expect(issue.message).toContain(`at most ${MAX_TOPIC_PARTITIONS}`);
      expect(issue.message).toContain(String(partitions));
      expect(issue.line).toBe(11);
    }
  });

  it('accepts exactly the limit', () => {
    expect(withTopic(MAX_TOPIC_PARTITIONS).brokers[0].topics[0].partitions).toBe(MAX_TOPIC_PARTITIONS);
  });
});

describe('broker nodes that no chain of links joins', () => {
  it('refuses a consumer on a node the broker cannot reach, and a publisher that cannot reach its broker', () => {
    const issues = issuesOf(() =>
      parseScenarioText(
        `${BASE}  - { between: [island, shore], bandwidth: 1Gbps }
  - { between: [outpost, shore], bandwidth: 1Gbps }
brokers:
  - node: broker
    queues: [{ name: jobs }]
    consumers:
      - { id: w, node: worker, queue: jobs }
      - { id: far, node: island, queue: jobs }
flows:
  - { from: producer, to: broker, publish: { queue: jobs }, workload: { messages: 5 } }
  - { from: outpost, to: broker, publish: { queue: jobs }, workload: { messages: 5 } }
`.replace('  - id: worker\n', '  - id: worker\n  - id: island\n  - id: shore\n  - id: outpost\n'),
        'broker.yaml',
      ),
    );
    expect(issueAt(issues, 'brokers[0].consumers[1].node').message).toBe(
      "no path from broker 'broker' to consumer node 'island': no chain of links joins them",
    );
    expect(issueAt(issues, 'flows[1].to').message).toBe(
      "no path from 'outpost' to 'broker': no chain of links joins them",
    );
    expect(issues.filter((issue) => issue.path.startsWith('brokers[0].consumers[0]'))).toEqual([]);
  });
});

describe('queues that can receive messages need a consumer (without a duration)', () => {
  const withQueues = (queues: string, publish = '{ queue: jobs }', exchanges = '[]') =>
    parse(`brokers:
  - node: broker
    queues:
${queues}
    exchanges: ${exchanges}
    consumers: [{ id: w, node: worker, queue: jobs }]
flows:
  - { from: producer, to: broker, publish: ${publish}, workload: { messages: 5 } }
`);
  const jobsAndDlq = `      - { name: jobs, capacity: 1, overflow: dead-letter, deadLetter: dlq }
      - { name: dlq }`;

  it('accepts a queue nothing publishes to, routes to or dead-letters to', () => {
    const scenario = withQueues(`${jobsAndDlq}\n      - { name: spare }`);
    expect(scenario.brokers[0].queues.map((queue) => queue.name)).toEqual(['jobs', 'dlq', 'spare']);
  });

  it('refuses an unconsumed queue that a flow publishes to, directly or through an exchange it publishes to', () => {
    const direct = issuesOf(() => withQueues(`${jobsAndDlq}\n      - { name: spare }`, '{ queue: spare }'));
    expect(direct).toHaveLength(1);
    expect(issueAt(direct, 'brokers[0].queues[2].name').message).toContain("queue 'spare' has no consumer");
    // A dead-letter queue is no excuse when producers publish to it directly.
    const toDlq = issuesOf(() => withQueues(jobsAndDlq, '{ queue: dlq }'));
    expect(issueAt(toDlq, 'brokers[0].queues[1].name').message).toContain("queue 'dlq' has no consumer");
    const routed = issuesOf(() =>
      withQueues(
        `${jobsAndDlq}\n      - { name: spare }`,
        '{ exchange: all }',
        '[{ name: all, type: fanout, bindings: [{ queue: jobs }, { queue: spare }] }]',
      ),
    );
    expect(routed).toHaveLength(1);
    expect(issueAt(routed, 'brokers[0].queues[2].name').message).toContain("queue 'spare' has no consumer");
  });

  it('reports a dead-letter queue that is missing or the queue itself alone', () => {
    const itself = issuesOf(() =>
      withQueues(
        `      - { name: jobs, capacity: 1, overflow: dead-letter, deadLetter: jobs }\n      - { name: dlq }`,
      ),
    );
    expect(itself).toHaveLength(1);
    expect(issueAt(itself, 'brokers[0].queues[0].deadLetter').message).toBe(
      'a queue cannot be its own dead-letter queue',
    );
    const missing = issuesOf(() =>
      withQueues(
        `      - { name: jobs, capacity: 1, overflow: dead-letter, deadLetter: dlx }\n      - { name: dlq }`,
      ),
    );
    expect(missing).toHaveLength(1);
    expect(issueAt(missing, 'brokers[0].queues[0].deadLetter').message).toBe(
      "unknown queue 'dlx' (queues: jobs, dlq)",
    );
  });
});

describe('a bounded dead-letter queue nobody consumes', () => {
  const withDlq = (dlq: string, consumers = '[{ id: w, node: worker, queue: jobs }]') =>
    parse(`brokers:
  - node: broker
    queues:
      - { name: jobs, capacity: 1, overflow: dead-letter, deadLetter: dlq }
${dlq}
    consumers: ${consumers}
flows:
  - { from: producer, to: broker, publish: { queue: jobs }, workload: { messages: 5 } }
`);

  it.each(['drop-head', 'dead-letter, deadLetter: jobs'])(
    'refuses overflow: %s, which would act on dead letters that have already ended, at its line',
    (overflow) => {
      const issues = issuesOf(() => withDlq(`      - { name: dlq, capacity: 3, overflow: ${overflow} }`));
      expect(issues).toHaveLength(1);
      const issue = issueAt(issues, 'brokers[0].queues[1].overflow');
      expect(issue.message).toBe(
        "queue 'dlq' takes dead letters and has no consumer: each ends as it is kept there " +
          '(dropped.deadLettered), so when the queue is full it can only refuse the next one; ' +
          `'${overflow.split(',')[0]}' would act on messages that have already ended: use overflow: reject, ` +
          'or add a consumer',
      );
      expect(issue.line).toBe(13);
    },
  );

  it('accepts reject (the default), no capacity, or a consumer', () => {
    expect(withDlq('      - { name: dlq, capacity: 3 }').brokers[0].queues[1]).toMatchObject({
      capacity: 3,
      overflow: 'reject',
    });
    expect(withDlq('      - { name: dlq, overflow: drop-head }').brokers[0].queues[1].overflow).toBe(
      'drop-head',
    );
    const consumed = withDlq(
      '      - { name: dlq, capacity: 3, overflow: drop-head }',
      '[{ id: w, node: worker, queue: jobs }, { id: a, node: worker, queue: dlq }]',
    );
    expect(consumed.brokers[0].queues[1].overflow).toBe('drop-head');
  });
});

describe('a duplicate broker', () => {
  it('is reported alone: publishers keep the first broker of the node', () => {
    const issues = issuesOf(() =>
      parse(`brokers:
  - node: broker
    queues: [{ name: jobs }]
    consumers: [{ id: w, node: worker, queue: jobs }]
  - node: broker
    queues: [{ name: other }]
flows:
  - { from: producer, to: broker, publish: { queue: jobs }, workload: { messages: 5 } }
`),
    );
    expect(issueLines(issues)).toEqual(["brokers[1].node: node 'broker' is already a broker"]);
  });
});
