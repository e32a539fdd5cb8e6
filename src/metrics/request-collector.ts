import type { RequestProbe, RequestRecord } from '../messaging/request-probe.js';
import { latencyFromComponents } from '../net/message.js';
import { LatencySamples } from './latency-samples.js';

/** Request-level counters and samples of one request-reply flow. */
export class RequestCounters {
  /** Requests whose first attempt went out. */
  sent = 0;
  /** Requests that got their reply. */
  replied = 0;
  /** Requests given up, by the reason of their last attempt. */
  failed: Record<string, number> = {};
  /** Application timeouts that expired (each attempt at most once). */
  timeouts = 0;
  /** Attempts after the first. */
  retries = 0;
  /** Replies that came back after their request had ended. */
  lateReplies = 0;
  /** First request sent (s); NaN before. */
  firstSentAt = Number.NaN;
  /** Replied requests sent at or after the warm-up: when they ended and their latency split. */
  readonly replies: LatencySamples;

  constructor(exactCap?: number) {
    this.replies = new LatencySamples(exactCap);
  }
}

/** Collects what request-reply clients report, per scenario flow (null for other flows). */
export class RequestCollector implements RequestProbe {
  readonly flows: (RequestCounters | null)[];

  constructor(
    requestReplyFlows: readonly boolean[],
    private readonly warmupSeconds: number,
    /** Replied requests per flow up to which latency statistics are exact. */
    exactCap?: number,
  ) {
    this.flows = requestReplyFlows.map((isRequestReply) =>
      isRequestReply ? new RequestCounters(exactCap) : null,
    );
  }

  requestSent(flowIndex: number, sentAt: number): void {
    const counters = this.flows[flowIndex]!;
    counters.sent++;
    if (Number.isNaN(counters.firstSentAt)) counters.firstSentAt = sentAt;
  }

  requestEnded(record: RequestRecord): void {
    const counters = this.flows[record.flowIndex]!;
    counters.retries += record.attempts - 1;
    counters.timeouts += record.timeouts;
    if (record.outcome.kind === 'failed') {
      counters.failed[record.outcome.reason] = (counters.failed[record.outcome.reason] ?? 0) + 1;
      return;
    }
    counters.replied++;
    if (record.sentAt < this.warmupSeconds) return;
    counters.replies.add({
      endedAt: record.endedAt,
      // The sum of its components, as a message's latency is (see Message.latencySeconds).
      latency: latencyFromComponents(record),
      trans: record.transSeconds,
      prop: record.propSeconds,
      queue: record.queueSeconds,
      proc: record.procSeconds,
      wait: record.waitSeconds,
    });
  }

  lateReply(flowIndex: number): void {
    this.flows[flowIndex]!.lateReplies++;
  }
}
