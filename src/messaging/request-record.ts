import type { Message } from '../net/message.js';
import type { RequestOutcome, RequestRecord } from './request-probe.js';

/** What a caller counted of one request while it was outstanding. */
export interface RequestTally {
  readonly id: number;
  /** When its first attempt was handed to the transport (s). */
  readonly sentAt: number;
  readonly attempts: number;
  readonly timeouts: number;
}

/**
 * The record of a request of flow `flowIndex` that ended at `endedAt` (s). A replied request
 * passes `exchange`, the answered attempt's request message and its reply: its components are
 * theirs, plus in `wait` the time before that attempt was sent. A failed one has none.
 */
export function requestRecord(
  flowIndex: number,
  request: RequestTally,
  endedAt: number,
  outcome: RequestOutcome,
  exchange: { request: Message; reply: Message } | null,
): RequestRecord {
  const sum = (part: (message: Message) => number) =>
    exchange === null ? 0 : part(exchange.request) + part(exchange.reply);
  return {
    flowIndex,
    id: request.id,
    sentAt: request.sentAt,
    endedAt,
    attempts: request.attempts,
    timeouts: request.timeouts,
    outcome,
    transSeconds: sum((message) => message.transSeconds),
    propSeconds: sum((message) => message.propSeconds),
    queueSeconds: sum((message) => message.queueSeconds),
    procSeconds: sum((message) => message.procSeconds),
    // Earlier attempts count as waiting: the answered attempt was sent this long after the first.
    waitSeconds:
      exchange === null
        ? 0
        : exchange.request.createdAt - request.sentAt + sum((message) => message.waitSeconds),
  };
}
