/** The cross-reference checks of the broker keys that the schema alone cannot make. */
import type { z } from 'zod';
import { listIds, quoteValue } from '../engine/quote-value.js';
import type { BrokerRegistries } from './broker-schema.js';

/** What the reference checks read of a parsed scenario. */
export interface BrokerReferenceView {
  duration?: number | object;
  nodes: ReadonlyArray<{ id: string }>;
  flows: ReadonlyArray<{
    to: string | { broadcast: string };
    pattern?: unknown;
    publish?: { queue?: string; exchange?: string; topic?: string; key?: string; keys?: string[] };
  }>;
  brokers: ReadonlyArray<{
    node: string;
    queues: ReadonlyArray<{ name: string; capacity?: number; overflow: string; deadLetter?: string }>;
    exchanges: ReadonlyArray<{
      name: string;
      type: string;
      bindings: ReadonlyArray<{ queue: string; key?: string }>;
    }>;
    topics: ReadonlyArray<{ name: string }>;
    consumers: ReadonlyArray<{ id: string; node: string; queue?: string; topic?: string; group?: string }>;
  }>;
}

type Path = (string | number)[];

/**
 * Checks what refers to what in the broker keys: nodes exist, names are unique and known,
 * bindings and publishers give the keys their exchange type needs, consumers can be reached,
 * every queue can empty. (Publishing flows are flows: their path to the broker is checked there.)
 */
export function checkBrokerReferences(
  scenario: BrokerReferenceView,
  registries: BrokerRegistries,
  /** Whether a chain of links joins two nodes (of the static topology). */
  reachable: (from: string, to: string) => boolean,
  ctx: z.RefinementCtx,
): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const nodeIds = new Set(scenario.nodes.map((node) => node.id));
  const brokerOfNode = new Map<string, number>();
  const consumerIds = new Set<string>();
  const publishedAt = new Map<string, NonNullable<BrokerReferenceView['flows'][number]['publish']>[]>();
  for (const flow of scenario.flows) {
    if (flow.publish === undefined || typeof flow.to !== 'string') continue;
    publishedAt.set(flow.to, [...(publishedAt.get(flow.to) ?? []), flow.publish]);
  }
  scenario.brokers.forEach((broker, b) => {
    const at = (...path: Path): Path => ['brokers', b, ...path];
    if (!nodeIds.has(broker.node)) issue(at('node'), `unknown node ${quoteValue(broker.node)}`);
    // A duplicate is reported once: publishers and queue checks keep to the node's first broker.
    const duplicate = brokerOfNode.has(broker.node);
    if (duplicate) issue(at('node'), `node ${quoteValue(broker.node)} is already a broker`);
    else brokerOfNode.set(broker.node, b);
    const queues = new Set<string>();
    const topics = new Set<string>();
    broker.queues.forEach((queue, q) => {
      if (queues.has(queue.name)) issue(at('queues', q, 'name'), `duplicate queue ${quoteValue(queue.name)}`);
      queues.add(queue.name);
    });
    broker.topics.forEach((topic, t) => {
      if (queues.has(topic.name) || topics.has(topic.name))
        issue(at('topics', t, 'name'), `duplicate queue or topic ${quoteValue(topic.name)}`);
      topics.add(topic.name);
    });
    const knownQueues = listIds(queues);
    broker.queues.forEach((queue, q) => {
      const policy = registries.overflowPolicies.get(queue.overflow);
      if (queue.deadLetter !== undefined) {
        if (!queues.has(queue.deadLetter))
          issue(
            at('queues', q, 'deadLetter'),
            `unknown queue ${quoteValue(queue.deadLetter)} (queues: ${knownQueues})`,
          );
        else if (queue.deadLetter === queue.name)
          issue(at('queues', q, 'deadLetter'), 'a queue cannot be its own dead-letter queue');
        if (!policy.needsDeadLetterQueue)
          issue(
            at('queues', q, 'deadLetter'),
            `overflow ${quoteValue(queue.overflow)} does not dead-letter: set overflow: dead-letter`,
          );
      } else if (policy.needsDeadLetterQueue) {
        issue(
          at('queues', q, 'deadLetter'),
          `overflow ${quoteValue(queue.overflow)} needs deadLetter: the queue that takes the messages`,
        );
      }
    });
    const exchanges = new Set<string>();
    broker.exchanges.forEach((exchange, e) => {
      if (exchanges.has(exchange.name))
        issue(at('exchanges', e, 'name'), `duplicate exchange ${quoteValue(exchange.name)}`);
      exchanges.add(exchange.name);
      const type = registries.exchangeTypes.get(exchange.type);
      exchange.bindings.forEach((binding, k) => {
        if (!queues.has(binding.queue) && !topics.has(binding.queue))
          issue(
            at('exchanges', e, 'bindings', k, 'queue'),
            `unknown queue or topic ${quoteValue(binding.queue)} (queues: ${knownQueues})`,
          );
        if (type.bindingNeedsKey && binding.key === undefined)
          issue(at('exchanges', e, 'bindings', k, 'key'), `a ${exchange.type} exchange binds with a key`);
      });
    });
    const consumed = new Set<string>();
    broker.consumers.forEach((consumer, c) => {
      if (consumerIds.has(consumer.id))
        issue(at('consumers', c, 'id'), `duplicate consumer id ${quoteValue(consumer.id)}`);
      consumerIds.add(consumer.id);
      if (!nodeIds.has(consumer.node))
        issue(at('consumers', c, 'node'), `unknown node ${quoteValue(consumer.node)}`);
      if (consumer.node === broker.node)
        issue(at('consumers', c, 'node'), 'a consumer runs on another node than its broker');
      else if (
        nodeIds.has(consumer.node) &&
        nodeIds.has(broker.node) &&
        !reachable(broker.node, consumer.node)
      )
        issue(
          at('consumers', c, 'node'),
          `no path from broker ${quoteValue(broker.node)} to consumer node ${quoteValue(consumer.node)}: no chain of links joins them`,
        );
      if ((consumer.queue === undefined) === (consumer.topic === undefined))
        issue(at('consumers', c), 'give exactly one of queue or topic');
      if (consumer.queue !== undefined && !queues.has(consumer.queue))
        issue(
          at('consumers', c, 'queue'),
          `unknown queue ${quoteValue(consumer.queue)} (queues: ${knownQueues})`,
        );
      if (consumer.topic !== undefined && !topics.has(consumer.topic))
        issue(
          at('consumers', c, 'topic'),
          `unknown topic ${quoteValue(consumer.topic)} (topics: ${listIds(topics)})`,
        );
      if (consumer.queue !== undefined && consumer.group !== undefined)
        issue(at('consumers', c, 'group'), 'consumer groups belong to partitioned topics, not queues');
      consumed.add(consumer.queue ?? consumer.topic ?? '');
    });
    checkKeptDeadLetters(broker.queues, consumed, registries, (q) => at('queues', q, 'overflow'), issue);
    if (scenario.duration === undefined) {
      // Only what producers send can keep the run going: dead letters nobody consumes end as
      // dropped.deadLettered, and a queue or topic nothing reaches holds nothing.
      const receiving = receivingNames(
        duplicate ? [] : (publishedAt.get(broker.node) ?? []),
        broker.exchanges,
      );
      broker.queues.forEach((queue, q) => {
        if (receiving.has(queue.name) && !consumed.has(queue.name))
          issue(
            at('queues', q, 'name'),
            `queue ${quoteValue(queue.name)} has no consumer, so its messages never leave and the run cannot end: add a consumer or a duration`,
          );
      });
      broker.topics.forEach((topic, t) => {
        if (receiving.has(topic.name) && !consumed.has(topic.name))
          issue(
            at('topics', t, 'name'),
            `topic ${quoteValue(topic.name)} has no consumer group: add a consumer or a duration`,
          );
      });
    }
  });
  scenario.flows.forEach((flow, f) => {
    const publish = flow.publish;
    if (publish === undefined) return;
    const at = (...path: Path): Path => ['flows', f, 'publish', ...path];
    if (typeof flow.to !== 'string') {
      issue(['flows', f, 'to'], 'a publishing flow goes to one broker node, not a broadcast');
      return;
    }
    if (flow.pattern !== undefined) {
      issue(
        ['flows', f, 'pattern'],
        'a publishing flow has no request-reply pattern (consumers do not reply)',
      );
    }
    const b = brokerOfNode.get(flow.to);
    if (b === undefined) {
      issue(['flows', f, 'to'], `a publishing flow goes to a broker node (${quoteValue(flow.to)} is none)`);
      return;
    }
    const broker = scenario.brokers[b];
    const queueNames = new Set(broker.queues.map((queue) => queue.name));
    const topicNames = new Set(broker.topics.map((topic) => topic.name));
    if (publish.queue !== undefined && !queueNames.has(publish.queue) && !topicNames.has(publish.queue))
      issue(at('queue'), `unknown queue ${quoteValue(publish.queue)} on broker ${quoteValue(broker.node)}`);
    if (publish.topic !== undefined && !topicNames.has(publish.topic))
      issue(at('topic'), `unknown topic ${quoteValue(publish.topic)} on broker ${quoteValue(broker.node)}`);
    if (publish.exchange !== undefined) {
      const exchange = broker.exchanges.find((candidate) => candidate.name === publish.exchange);
      if (exchange === undefined)
        issue(
          at('exchange'),
          `unknown exchange ${quoteValue(publish.exchange)} on broker ${quoteValue(broker.node)}`,
        );
      else if (
        registries.exchangeTypes.get(exchange.type).bindingNeedsKey &&
        publish.key === undefined &&
        publish.keys === undefined
      )
        issue(at('key'), `a ${exchange.type} exchange routes by key: give key or keys`);
    }
  });
}

/**
 * A bounded dead-letter queue nobody consumes keeps dead letters that have already ended
 * (dropped.deadLettered) as they arrived: when full it can only refuse the next one. A policy
 * that would drop one it holds, or move the arriving one on, is reported at its `overflow`.
 */
function checkKeptDeadLetters(
  queues: BrokerReferenceView['brokers'][number]['queues'],
  consumed: ReadonlySet<string>,
  registries: BrokerRegistries,
  overflowPath: (queueIndex: number) => Path,
  issue: (path: Path, message: string) => void,
): void {
  const deadLetterQueues = new Set(queues.map((queue) => queue.deadLetter));
  const policies = registries.overflowPolicies;
  const refusing = policies.ids().filter((id) => policies.get(id).onlyRefuses);
  queues.forEach((queue, q) => {
    if (queue.capacity === undefined || consumed.has(queue.name) || !deadLetterQueues.has(queue.name)) return;
    if (policies.get(queue.overflow).onlyRefuses) return;
    issue(
      overflowPath(q),
      `queue ${quoteValue(queue.name)} takes dead letters and has no consumer: each ends as it is kept there ` +
        '(dropped.deadLettered), so when the queue is full it can only refuse the next one; ' +
        `${quoteValue(queue.overflow)} would act on messages that have already ended: use overflow: ` +
        `${refusing.join(' | ')}, or add a consumer`,
    );
  });
}

/** The queues and topics producers' messages can reach: published to, or bound to an exchange published to. */
function receivingNames(
  publishes: ReadonlyArray<{ queue?: string; exchange?: string; topic?: string }>,
  exchanges: BrokerReferenceView['brokers'][number]['exchanges'],
): Set<string> {
  const names = new Set<string>();
  for (const publish of publishes) {
    const direct = publish.queue ?? publish.topic;
    if (direct !== undefined) names.add(direct);
    const exchange = exchanges.find((candidate) => candidate.name === publish.exchange);
    for (const binding of exchange?.bindings ?? []) names.add(binding.queue);
  }
  return names;
}
