import fc from 'fast-check';
import type { ScenarioInput } from '../../src/scenario/schema.js';

/**
 * Random but valid scenarios: a line of 2–4 nodes (so some flows cross several hops), lossy
 * links with small buffers (packets, bytes or RED) and jitter (which may reorder), some links
 * duplicating or corrupting packets, processing queues, random failures and scripted
 * crashes, datagram and stop-and-wait flows with bulk, constant or Poisson workloads.
 */
export function arbitraryScenario(): fc.Arbitrary<ScenarioInput> {
  return fc
    .record({
      nodeCount: fc.integer({ min: 2, max: 4 }),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      links: fc.array(
        fc.record({
          bandwidthMbps: fc.integer({ min: 1, max: 100 }),
          delayMs: fc.double({ min: 0, max: 20, noNaN: true }),
          jitter: fc.boolean(),
          loss: fc.constantFrom(0, 0, 0.05, 0.3),
          duplicate: fc.constantFrom(0, 0, 0, 0.1, 0.5),
          corrupt: fc.constantFrom(0, 0, 0, 0.05, 0.3),
          oneWay: fc.boolean(),
          buffer: fc.oneof(
            fc.constant(undefined),
            fc.integer({ min: 0, max: 5 }),
            // Bytes: a few packets' worth of the sizes flows draw (0-3000 B).
            fc.integer({ min: 0, max: 8000 }).map((bytes) => `${bytes}B`),
            fc
              .record({
                discipline: fc.constant('red'),
                capacity: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
                minThreshold: fc.constantFrom(0, 0.5, 1, 2),
                maxThreshold: fc.constantFrom(3, 5),
                maxProbability: fc.constantFrom(0.1, 0.5, 1),
                weight: fc.constantFrom(0.002, 0.2, 1),
              })
              // A capacity at or below minThreshold is refused (RED could never act).
              .map((red) =>
                red.capacity !== undefined && red.capacity <= red.minThreshold
                  ? { ...red, capacity: Math.floor(red.minThreshold) + 1 }
                  : red,
              ),
          ),
          reorder: fc.boolean(),
        }),
        { minLength: 3, maxLength: 3 },
      ),
      nodes: fc.array(
        fc.record({
          processingMs: fc.constantFrom(0, 0.5, 3),
          exponential: fc.boolean(),
          servers: fc.integer({ min: 1, max: 2 }),
          queue: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
          failing: fc.constantFrom(false, false, true),
          persistent: fc.boolean(),
        }),
        { minLength: 4, maxLength: 4 },
      ),
      flows: fc.array(
        fc.record({
          from: fc.nat(3),
          to: fc.nat(3),
          reliable: fc.boolean(),
          timeoutMs: fc.integer({ min: 5, max: 200 }),
          retries: fc.integer({ min: 0, max: 4 }),
          messages: fc.integer({ min: 1, max: 40 }),
          arrivals: fc.constantFrom('bulk', 'constant', 'poisson', 'on-off'),
          burst: fc.record({
            onMs: fc.integer({ min: 1, max: 20 }),
            offMs: fc.integer({ min: 0, max: 50 }),
            randomOff: fc.boolean(),
            within: fc.constantFrom('constant', 'poisson'),
          }),
          rate: fc.integer({ min: 10, max: 2000 }),
          sizeBytes: fc.integer({ min: 0, max: 3000 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      crashAt: fc.option(fc.double({ min: 0, max: 0.5, noNaN: true }), { nil: undefined }),
      withDuration: fc.boolean(),
    })
    .map((draw): ScenarioInput => {
      const ids = Array.from({ length: draw.nodeCount }, (_, i) => `n${i}`);
      const flows = draw.flows
        .map((flow) => ({ ...flow, from: flow.from % draw.nodeCount, to: flow.to % draw.nodeCount }))
        .filter((flow) => flow.from !== flow.to);
      if (flows.length === 0) flows.push({ ...draw.flows[0], from: 0, to: draw.nodeCount - 1 });
      return {
        name: 'random',
        seed: draw.seed,
        duration: draw.withDuration ? 2 : undefined,
        nodes: ids.map((id, i) => {
          const node = draw.nodes[i];
          return {
            id,
            processing: node.exponential
              ? { dist: 'exponential', mean: `${node.processingMs || 0.1}ms` }
              : `${node.processingMs}ms`,
            servers: node.servers,
            queue: node.queue,
            persistent: node.persistent,
            failure: node.failing ? { mttf: '300ms', mttr: '50ms' } : undefined,
          };
        }),
        links: ids.slice(1).map((id, i) => {
          const link = draw.links[i];
          return {
            between: [ids[i], id] as [string, string],
            bandwidth: `${link.bandwidthMbps}Mbps`,
            delay: link.jitter
              ? { dist: 'uniform', min: `${link.delayMs / 2}ms`, max: `${link.delayMs}ms` }
              : `${link.delayMs}ms`,
            loss: link.loss,
            // Absent when 0, as most scenarios have it; sometimes on the forward direction only.
            ...(link.duplicate > 0 && {
              duplicate: link.oneWay ? { forward: link.duplicate } : link.duplicate,
            }),
            ...(link.corrupt > 0 && { corrupt: link.oneWay ? { reverse: link.corrupt } : link.corrupt }),
            buffer: link.buffer,
            reorder: link.reorder,
          };
        }),
        flows: flows.map((flow, i) => ({
          id: `f${i}`,
          from: ids[flow.from],
          to: ids[flow.to],
          transport: flow.reliable
            ? {
                protocol: 'stop-and-wait',
                timeout: `${flow.timeoutMs}ms`,
                retries: flow.retries,
                ackSize: 40,
              }
            : { protocol: 'datagram' },
          workload:
            flow.arrivals === 'bulk'
              ? { messages: flow.messages, size: flow.sizeBytes }
              : {
                  messages: flow.messages,
                  rate: flow.rate,
                  arrivals: flow.arrivals === 'on-off' ? bursts(flow.burst) : flow.arrivals,
                  size: flow.sizeBytes,
                },
        })),
        faults:
          draw.crashAt === undefined
            ? []
            : [
                { at: draw.crashAt, crash: ids[draw.nodeCount - 1] },
                { at: draw.crashAt + 0.1, recover: ids[draw.nodeCount - 1] },
              ],
      };
    });
}

/** On/off arrivals with constant on periods, constant or exponential off periods. */
function bursts(burst: { onMs: number; offMs: number; randomOff: boolean; within: string }) {
  const off =
    burst.randomOff && burst.offMs > 0
      ? { dist: 'exponential', mean: `${burst.offMs}ms` }
      : `${burst.offMs}ms`;
  return { 'on-off': { on: `${burst.onMs}ms`, off, within: burst.within } };
}
