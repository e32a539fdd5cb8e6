import type { RequestCounters } from './request-collector.js';
import { measuredInterval, type RequestSummary } from './summary.js';

/** How a request-reply flow was set up, and when its caller finished (NaN if it did not). */
export interface RequestFlowContext {
  mode: 'sync' | 'async';
  maxOutstanding: number | null;
  timeout: number | null;
  endedAt: number;
}

/** The request-level summary of one request-reply flow. */
export function requestSummaryOf(
  counters: RequestCounters,
  flow: RequestFlowContext,
  run: { warmupSeconds: number; endSeconds: number },
): RequestSummary {
  const started = Number.isNaN(counters.firstSentAt) ? run.warmupSeconds : counters.firstSentAt;
  const end = Number.isNaN(flow.endedAt) ? run.endSeconds : flow.endedAt;
  const from = Math.max(run.warmupSeconds, started);
  // An end within the warm-up leaves the interval empty at the warm-up's end.
  const interval = measuredInterval(from, Math.max(from, end), end, run.warmupSeconds);
  const completed = counters.replies.endedIn(from, interval.to);
  const seconds = interval.to - from;
  const failedCount = Object.values(counters.failed).reduce((sum, count) => sum + count, 0);
  return {
    mode: flow.mode,
    maxOutstanding: flow.maxOutstanding,
    timeout: flow.timeout,
    interval,
    throughput: {
      // Null over an empty interval, as the message throughput is: no rate was measured.
      requestsPerSecond: seconds > 0 ? completed / seconds : null,
      completed,
      intervalSeconds: seconds,
    },
    latency: counters.replies.summary(),
    sent: counters.sent,
    replied: counters.replied,
    failed: { ...counters.failed },
    timeouts: counters.timeouts,
    retries: counters.retries,
    lateReplies: counters.lateReplies,
    inFlight: counters.sent - counters.replied - failedCount,
  };
}
