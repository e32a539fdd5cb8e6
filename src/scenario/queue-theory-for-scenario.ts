import { erlangCTheory, mm1kTheory } from '../metrics/broker-queue-theory.js';
import type { TheoryPrediction } from '../metrics/summary.js';
import { linkQueueTheory, overloadObstacle } from '../metrics/theory.js';
import type { LinkBuffer } from '../net/queue/queue-discipline.js';
import type { FlowConfig, LinkConfig, NodeConfig, Scenario } from './schema.js';
import { losesNothing } from './theory-link-fates.js';

const LINK_NOTE = 'the link direction: service L/R, K = buffer + 1; latency adds d';
const NODE_NOTE = "the receiving node's processing: service t_proc; latency adds d";

/**
 * Queueing predictions for a datagram flow of Poisson arrivals alone on its direct link (the
 * caller has checked those, constant delays and no faults on its ends or link):
 *
 * - `link-queue:<flow>`: the link as the server, messages as customers (service L/R). M/M/1 for
 *   exponential sizes, M/D/1 for constant ones, with a buffer that never drops; M/M/1/K (K =
 *   buffer + 1: the buffer counts the packets that wait, not the one in transmission) for
 *   exponential sizes and a buffer of a number of packets that drops only what finds it full
 *   (none for one in bytes, or with early drops such as RED's). The link loses nothing, the headers are empty (sizes are those
 *   of the workload), the receiver processes in no time (latency is the link's sojourn plus d).
 * - `node-queue:<flow>`: the receiving node's processing as the server. The link must hand the
 *   Poisson stream on unchanged: its messages take no time on the wire (0 B and no header) and
 *   none is lost, and no other flow, broker or consumer uses the node, so these are all its
 *   arrivals. Its processing is exponential with no codec cost: M/M/c (Erlang C) with c =
 *   `servers` for an unbounded `queue`; M/M/1/K with K = queue + 1 for one server.
 */
export function poissonQueuePredictions(
  scenario: Scenario,
  flow: FlowConfig,
  link: LinkConfig,
  receiver: NodeConfig,
): { predictions: Record<string, TheoryPrediction>; obstacle: string | null } {
  const predictions: Record<string, TheoryPrediction> = {};
  const lambda = flow.workload.rate ?? 0;
  const size = flow.workload.size;
  if (!losesNothing(link)) return { predictions, obstacle: 'its link loses or corrupts packets' };
  if (flow.workload.codecSecondsPerByte !== 0 || flow.workload.sizeCycleBytes !== undefined)
    return { predictions, obstacle: 'its messages are encoded (a codec cost, or sizes from a payload)' };
  if (flow.transport.headerSize !== 0)
    return {
      predictions,
      obstacle: 'its packets carry a header (the queue formulas take the sizes of the workload)',
    };
  const delay = link.delay.mean;
  const instantReceiver = receiver.processing.isConstant && receiver.processing.mean === 0;
  const exponentialSizes = size.family === 'exponential';
  const onTheWire = size.isConstant && size.mean === 0;
  const processing = receiver.processing;
  // The link is the server when the receiver takes no time, the node when the link takes none.
  let obstacle = instantReceiver
    ? 'its sizes are neither exponential nor constant (the link-queue formulas take M/M/1 or M/D/1)'
    : !onTheWire
      ? 'its receiver takes time to process: the link-queue formulas take one that takes none, and the ' +
        'node-queue ones messages of 0 B (so the node sees the Poisson arrivals themselves)'
      : processing.family !== 'exponential'
        ? "its receiver's processing is not exponential (the node-queue formulas take M/M/c)"
        : 'its receiver also serves other flows, brokers or consumers (the node-queue formulas take its arrivals as this flow alone)';
  if (instantReceiver && (exponentialSizes || size.isConstant)) {
    const serviceSeconds = (size.mean * 8) / link.bandwidth;
    const places = dropTailPackets(link.buffer);
    const unbounded = places === Number.POSITIVE_INFINITY;
    obstacle = unbounded
      ? (overloadObstacle(lambda * serviceSeconds) ?? obstacle)
      : places === undefined
        ? 'its buffer drops by bytes or early (RED): the bounded-queue formula takes a buffer of packets that drops only when full'
        : 'its buffer is bounded and its sizes are constant (no M/D/1/K formula here)';
    const prediction =
      places === Number.POSITIVE_INFINITY
        ? linkQueueTheory({
            arrivalsPerSecond: lambda,
            meanSizeBytes: size.mean,
            bandwidthBitsPerSecond: link.bandwidth,
            sizes: size.isConstant ? 'constant' : 'exponential',
            propagationSeconds: delay,
          })
        : exponentialSizes && places !== undefined
          ? withLatency(mm1kTheory(lambda, serviceSeconds, places + 1, LINK_NOTE), delay)
          : null;
    if (prediction) predictions[`link-queue:${flow.id}`] = prediction;
  }
  if (onTheWire && processing.family === 'exponential' && servesOnlyThisFlow(scenario, flow, receiver)) {
    const prediction =
      receiver.queue === undefined
        ? erlangCTheory(lambda, processing.mean, receiver.servers, NODE_NOTE)
        : receiver.servers === 1
          ? mm1kTheory(lambda, processing.mean, receiver.queue + 1, NODE_NOTE)
          : null;
    if (prediction) predictions[`node-queue:${flow.id}`] = withLatency(prediction, delay);
    else if (receiver.queue === undefined)
      obstacle =
        overloadObstacle((lambda * processing.mean) / receiver.servers, receiver.servers) ?? obstacle;
    else obstacle = 'its receiver has several servers and a bounded queue (no M/M/c/K formula here)';
  }
  return { predictions, obstacle: Object.keys(predictions).length > 0 ? null : obstacle };
}

/** The prediction with the mean latency beside it: the sojourn in the queue plus the link's delay. */
function withLatency(prediction: TheoryPrediction, propagationSeconds: number): TheoryPrediction {
  const sojourn = prediction.values.meanSojournSeconds;
  return {
    ...prediction,
    values: { ...prediction.values, meanLatencySeconds: sojourn + propagationSeconds },
  };
}

/** No other flow (from or to it), broker or consumer uses `node`: `flow` brings all it processes. */
function servesOnlyThisFlow(scenario: Scenario, flow: FlowConfig, node: NodeConfig): boolean {
  const others = scenario.flows.some(
    (other) => other !== flow && (other.from === node.id || other.recipients.includes(node.id)),
  );
  const brokered = scenario.brokers.some(
    (broker) => broker.node === node.id || broker.consumers.some((consumer) => consumer.node === node.id),
  );
  return !others && !brokered;
}

/**
 * How many packets `buffer` lets wait when it drops only the packets that find it full, as its
 * discipline says (it keeps no state of its own: no early drops) and counted in packets (a
 * limit in bytes drops by size); Infinity for a buffer that never drops, undefined otherwise.
 */
export function dropTailPackets(buffer: LinkBuffer | undefined): number | undefined {
  if (!buffer?.mayDrop) return Number.POSITIVE_INFINITY;
  const onlyWhenFull =
    buffer.createActiveQueue() === null && buffer.capacityBytes === Number.POSITIVE_INFINITY;
  return onlyWhenFull ? buffer.capacityPackets : undefined;
}
