import type { RequestCounters } from './request-collector.js';
import { computeStats } from './stats.js';
import { LATENCY_COMPONENTS, type LatencySummary, type RequestSummary } from './summary.js';

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
  const to = Number.isNaN(flow.endedAt) ? run.endSeconds : flow.endedAt;
  const from = Math.min(Math.max(run.warmupSeconds, started), to);
  let completed = 0;
  for (let i = 0; i < counters.endedAt.length; i++) {
    const at = counters.endedAt.get(i);
    if (at >= from && at <= to) completed++;
  }
  const seconds = to - from;
  const failedCount = Object.values(counters.failed).reduce((sum, count) => sum + count, 0);
  const components = Object.fromEntries(
    LATENCY_COMPONENTS.map((component) => [component, computeStats(counters[component].view())]),
  ) as LatencySummary['components'];
  const queue = counters.queue.view();
  return {
    mode: flow.mode,
    maxOutstanding: flow.maxOutstanding,
    timeout: flow.timeout,
    interval: { from, to },
    throughput: {
      requestsPerSecond: seconds > 0 ? completed / seconds : 0,
      completed,
      intervalSeconds: seconds,
    },
    latency: {
      ...computeStats(counters.latency.view()),
      components,
      noQueueFraction: queue.length > 0 ? queue.filter((value) => value === 0).length / queue.length : null,
    },
    sent: counters.sent,
    replied: counters.replied,
    failed: { ...counters.failed },
    timeouts: counters.timeouts,
    retries: counters.retries,
    lateReplies: counters.lateReplies,
    inFlight: counters.sent - counters.replied - failedCount,
  };
}
