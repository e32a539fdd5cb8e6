import {
  longestResponseSeconds,
  type RequestReplyPath,
  requestReplyTheory,
} from '../metrics/request-reply-theory.js';
import type { TheoryPrediction } from '../metrics/summary.js';
import { timeInWords } from '../metrics/theory.js';
import type { ClosedFormBehaviour } from '../transport/transport.js';
import type { ArrivalClosedForm } from '../workload/arrival-pattern.js';
import { dropTailPackets } from './queue-theory-for-scenario.js';
import type { FlowConfig, LinkConfig, Scenario } from './schema.js';
import { losesNothing } from './theory-link-fates.js';

/**
 * Request-reply over a lossless direct link with a datagram transport and constant sizes and
 * processing. A `timeout` removes the prediction only where it can fire: below the longest a
 * request can take (see requestsAtOneStage), where a timed-out attempt would be sent again beside
 * the late one, or where a full link buffer or node queue could drop a request or reply, which
 * would then end by its timer. Where it gives none: why, in words.
 */
export function requestReplyPrediction(
  flow: FlowConfig,
  arrivals: ArrivalClosedForm | undefined,
  behaviour: ClosedFormBehaviour | null,
  link: LinkConfig,
  nodesById: ReadonlyMap<string, Scenario['nodes'][number]>,
): TheoryPrediction | string {
  const pattern = flow.pattern!;
  const server = nodesById.get(flow.to)!;
  const client = nodesById.get(flow.from)!;
  if (behaviour?.model !== 'unacknowledged')
    return `its requests go over ${flow.transport.protocol}: the request-reply formulas take datagrams`;
  const varying = [
    ['request size', flow.workload.size],
    ['reply size', pattern.replySize],
    ["server's processing", server.processing],
    ["client's processing", client.processing],
    ['think time', pattern.think],
  ] as const;
  const notConstant = varying.filter(
    ([, distribution]) => distribution !== undefined && !distribution.isConstant,
  );
  if (notConstant.length > 0 || flow.workload.sizeCycleBytes !== undefined) {
    const named = notConstant.map(([name]) => name);
    return `its ${named.length > 0 ? named.join(', ') : 'request size'} ${named.length > 1 ? 'vary' : 'varies'}: the request-reply formulas take constant times and sizes`;
  }
  if (!losesNothing(link))
    return 'its link loses or corrupts packets: the request-reply formulas take a lossless one';
  const path: RequestReplyPath = {
    mode: pattern.mode,
    requestBytes: flow.workload.size.mean + flow.transport.headerSize,
    replyBytes: pattern.replySize.mean + flow.transport.headerSize,
    bandwidthBitsPerSecond: link.bandwidth,
    propagationSeconds: link.delay.mean,
    serverSeconds: server.processing.mean,
    serverWorkers: server.servers,
    clientSeconds: client.processing.mean,
    clientWorkers: client.servers,
    thinkSeconds: pattern.think?.mean ?? 0,
    maxOutstanding: pattern.maxOutstanding ?? Number.POSITIVE_INFINITY,
    // Bursts or a trace offer no steady rate to bound T by; the other bounds hold for any arrivals.
    offeredPerSecond:
      arrivals === 'periodic' || arrivals === 'poisson'
        ? (flow.workload.rate ?? Number.POSITIVE_INFINITY)
        : Number.POSITIVE_INFINITY,
  };
  const theory = requestReplyTheory(path);
  if (pattern.timeout === undefined) return theory;
  const inLoop = requestsAtOneStage(flow, arrivals, path);
  const room = (places: number | undefined) => places !== undefined && places >= inLoop - 1;
  const neverDropped =
    room(dropTailPackets(link.buffer)) &&
    room(server.queue ?? Number.POSITIVE_INFINITY) &&
    room(client.queue ?? Number.POSITIVE_INFINITY);
  // At the very instant of the reply the timer, set first, fires first: it must be longer, by
  // more than the run's sums of delays may round differently from the formula's.
  const longest = longestResponseSeconds(path, inLoop);
  if (!neverDropped)
    return 'a full link buffer or node queue could drop a request or reply, which its timeout would then resend';
  return pattern.timeout > longest * (1 + 1e-9)
    ? theory
    : `its timeout (${timeInWords(pattern.timeout)}) is not longer than the longest a request can take ` +
        `(${timeInWords(longest)}): a request could be sent again beside the late one`;
}

/**
 * How many requests of a request-reply flow can be at one stage at once, at most (the one that
 * arrives included): one for a sync caller; for an async one `maxOutstanding` or the workload's
 * message count, whichever is less (no more are outstanding); and one for an open loop of
 * periodic arrivals that every stage serves before the next comes (nothing ever waits, however
 * many are outstanding). Infinite otherwise: Poisson arrivals without a bound can pile up.
 */
function requestsAtOneStage(
  flow: FlowConfig,
  arrivals: ArrivalClosedForm | undefined,
  path: RequestReplyPath,
): number {
  if (path.mode === 'sync') return 1;
  const bound = Math.min(path.maxOutstanding, flow.workload.messages ?? Number.POSITIVE_INFINITY);
  if (Number.isFinite(bound)) return bound;
  const gap = flow.workload.rate === undefined ? 0 : 1 / flow.workload.rate;
  const slowestStage = Math.max(
    (path.requestBytes * 8) / path.bandwidthBitsPerSecond,
    (path.replyBytes * 8) / path.bandwidthBitsPerSecond,
    path.serverSeconds / path.serverWorkers,
    path.clientSeconds / path.clientWorkers,
  );
  const evenlySpaced = arrivals === 'periodic' && gap > slowestStage;
  return evenlySpaced ? 1 : Number.POSITIVE_INFINITY;
}
