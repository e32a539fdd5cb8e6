import { secondsInText } from '../engine/display-units.js';
import { type RandomStream, RandomStreams } from '../engine/random.js';
import { RunawaySimulationError, Simulator, type SimulatorLimits } from '../engine/simulator.js';
import { ComponentState } from '../faults/component-state.js';
import { flowsOfServices, installFaults } from '../faults/install-faults.js';
import { secondsInWords } from '../faults/time-in-words.js';
import { fanOutRequestProbes, type RequestProbe } from '../messaging/request-probe.js';
import { MetricsCollector } from '../metrics/collector.js';
import { RequestCollector } from '../metrics/request-collector.js';
import { summarize } from '../metrics/summarize.js';
import type { RunResult } from '../metrics/summary.js';
import type { Message } from '../net/message.js';
import { Network } from '../net/network.js';
import type { NetworkProbe } from '../net/probe.js';
import { ProbeFanout } from '../net/probe-fanout.js';
import { ProcessingStage } from '../net/processing-stage.js';
import { dropTailBuffer } from '../net/queue/drop-tail.js';
import type { TransmitterSettings } from '../net/transmitter.js';
import type { WireImpairmentSettings } from '../net/wire-impairments.js';
import { Flow } from '../transport/flow.js';
import { PacketPool } from '../transport/packet-pool.js';
import { WorkloadGenerator } from '../workload/generator.js';
import { buildMessaging } from './build-messaging.js';
import { createApplications, flowContexts } from './flow-applications.js';
import { planChannels } from './flow-channels.js';
import { bandwidthDelayPredictions } from './link-theory-for-scenario.js';
import { createRegistries, type Registries } from './registries.js';
import type { Scenario } from './schema.js';
import { stallGuard } from './stall-guard.js';
import { directionKey, predictTheory, type RouteOf, type ScenarioTheory } from './theory-for-scenario.js';

/** Options of one simulated run. */
export interface SimulationOptions {
  /** Replication index: its random streams derive from the seed and this index (default 0). */
  replication?: number;
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Called now and then with the simulated time, for progress display. */
  onProgress?: (simulatedSeconds: number, events: number) => void;
  limits?: Partial<SimulatorLimits>;
  registries?: Registries;
  /** Further probes that hear everything the models report (tests, custom collectors). */
  probes?: NetworkProbe[];
  /** Further probes that hear how every request of request-reply flows ends. */
  requestProbes?: RequestProbe[];
  /** Most messages alive at once before the run stops as runaway (default 4,000,000). */
  maxLiveMessages?: number;
  /** Most events one run may execute (default DEFAULT_MAX_EVENTS); overrides limits.maxEvents. */
  maxEvents?: number;
  /**
   * Deliveries after the warm-up up to which latency percentiles and the time series are exact
   * (default EXACT_RECORD_CAP, 2^20); past it they come from bounded histograms.
   */
  exactRecordCap?: number;
  /**
   * Recycles the flows' packets. By default a fresh pool, or none when further `probes` listen
   * (they may keep the packets they hear); a pool given here is used even then (tests give one
   * that checks nobody reads a released packet).
   */
  packetPool?: PacketPool;
}

/**
 * About a minute or two of simulation at a few million events a second: past it a run is far
 * longer than its author is likely to have meant (a duration of 10^30 years), and stops with a
 * message saying how to allow more.
 */
export const DEFAULT_MAX_EVENTS = 250_000_000;

/** Live messages (and their packets) cost a few hundred bytes each: this keeps a run in memory. */
export const DEFAULT_MAX_LIVE_MESSAGES = 4_000_000;

const LOST_NODE_DOWN = { kind: 'lost', reason: 'nodeDown' } as const;
const UNBOUNDED_BUFFER = dropTailBuffer();
const DROPPED_NODE_QUEUE = { kind: 'dropped', reason: 'nodeQueue' } as const;

/**
 * Builds the model of `scenario` and runs it to its end: the duration, or the moment every flow
 * has finished. A pure function of the scenario, the seed and the replication index.
 * @throws SimulationError / RunawaySimulationError / ClockOverflowError from the kernel.
 */
export function simulate(scenario: Scenario, options: SimulationOptions = {}): RunResult {
  const registries = options.registries ?? createRegistries();
  const seed = options.seed ?? scenario.seed;
  const replication = options.replication ?? 0;
  const streams = new RandomStreams(seed, replication);
  const simulator = new Simulator({
    ...options.limits,
    maxEvents: options.maxEvents ?? options.limits?.maxEvents ?? DEFAULT_MAX_EVENTS,
  });
  const nodeIndex = new Map(scenario.nodes.map((node, index) => [node.id, index]));
  const indexOf = (id: string) => nodeIndex.get(id)!;

  const transmitters: TransmitterSettings[] = [];
  const transmitterNames: string[] = [];
  const impairments: WireImpairmentSettings[] = [];
  const linkViews = scenario.links.map((link, linkIndex) => {
    const buffer = link.buffer ?? UNBOUNDED_BUFFER;
    const ends = [
      [link.between[0], link.between[1], link.loss.forward],
      [link.between[1], link.between[0], link.loss.reverse],
    ] as const;
    impairments.push(
      { duplicate: link.duplicate.forward, corrupt: link.corrupt.forward },
      { duplicate: link.duplicate.reverse, corrupt: link.corrupt.reverse },
    );
    return {
      id: link.id,
      between: link.between,
      transmitters: ends.map(([from, to, loss]) => {
        transmitters.push({
          linkIndex,
          from: indexOf(from),
          to: indexOf(to),
          bandwidthBitsPerSecond: link.bandwidth,
          delay: link.delay,
          loss: loss.createProcess(),
          bufferPackets: buffer.capacityPackets,
          bufferBytes: buffer.capacityBytes,
          activeQueue: () => buffer.createActiveQueue(),
          reorder: link.reorder,
        });
        transmitterNames.push(`link/${link.id}/${from}>${to}`);
        return { index: transmitters.length - 1, from, to };
      }),
    };
  });

  const flowsOfService = flowsOfServices(scenario.services, scenario.flows);
  // Flow i's first channel is channel i: the collector counts per channel, services per flow.
  const { channels, channelsOfFlow } = planChannels(scenario.flows);
  const collector = new MetricsCollector(
    simulator,
    scenario.warmup,
    channels.length,
    transmitters.length,
    scenario.nodes.length,
    { links: scenario.links.length, flowsOfService },
    options.exactRecordCap,
    promisedMessages(scenario),
  );
  collector.groupChannels(channels.map((channel) => channel.flowIndex));
  const probe: NetworkProbe = options.probes?.length
    ? new ProbeFanout([collector, ...options.probes])
    : collector;
  const network = new Network(
    simulator,
    {
      nodeIds: scenario.nodes.map((node) => node.id),
      transmitters,
      transmitterNames,
      routing: scenario.routing.metric,
      dynamicRouting: scenario.routing.dynamic,
      impairments,
    },
    streams,
    probe,
  );

  const flows: Flow[] = [];
  // Brokers take over what reaches them and what they deliver to consumers (null without brokers).
  let messaging: ReturnType<typeof buildMessaging> = null;
  // Replies are sized by `replySize`, not encoded from the workload's payloads.
  const codecSecondsPerByte = channels.map((channel) =>
    channel.role === 'reply' ? 0 : scenario.flows[channel.flowIndex].workload.codecSecondsPerByte,
  );
  // Asked for every message a node processes; without codec costs it need not look the flow up.
  const codecSeconds = codecSecondsPerByte.every((seconds) => seconds === 0)
    ? () => 0
    : (message: Message) => codecSecondsPerByte[message.flowIndex] * message.payloadBytes;
  const stages = scenario.nodes.map(
    (node, index) =>
      new ProcessingStage(
        simulator,
        node.processing,
        // Making a stream hashes its name: a node whose processing time is constant never draws.
        node.processing.isConstant
          ? streamOnFirstDraw(streams, `node/${node.id}/processing`)
          : streams.stream(`node/${node.id}/processing`),
        node.servers,
        node.queue ?? Number.POSITIVE_INFINITY,
        {
          processed: (message: Message) =>
            messaging?.system.processed(index, message) || flows[message.flowIndex].delivered(message),
          refused: (message: Message) =>
            messaging?.system.failed(message, true) ||
            flows[message.flowIndex].resolve(message, DROPPED_NODE_QUEUE),
          crashed: (message: Message) =>
            messaging?.system.failed(message, false) ||
            flows[message.flowIndex].resolve(message, LOST_NODE_DOWN),
        },
        // Encoding and decoding a payload both count in t_proc at the receiver (see README, Encodings).
        codecSeconds,
      ),
  );

  let messageIds = 0;
  let completedFlows = 0;
  let liveMessages = 0;
  const maxLiveMessages = options.maxLiveMessages ?? DEFAULT_MAX_LIVE_MESSAGES;
  const environment = {
    simulator,
    network,
    probe,
    packets: options.packetPool ?? new PacketPool(),
    recyclePackets: options.packetPool !== undefined || !options.probes?.length,
    // Further probes hear every message as it is created: only the collector takes counts.
    bulkCreated: options.probes?.length
      ? undefined
      : (flowIndex: number, createdAt: number) => collector.countCreated(flowIndex, createdAt),
    // Brokers keep the messages they take over, and further probes may keep what they hear.
    reusesMessages: !options.probes?.length && scenario.brokers.length === 0,
    process: (node: number, message: Message) => stages[node].accept(message),
    nextMessageId: () => messageIds++,
    liveMessagesChanged: (change: 1 | -1) => {
      liveMessages += change;
      if (liveMessages > maxLiveMessages) {
        throw new RunawaySimulationError(
          `more than ${maxLiveMessages.toLocaleString('en')} messages are alive at once at t=${secondsInText(simulator.now)} s ` +
            '(created and not yet delivered, dropped or lost): the offered load exceeds what the network ' +
            'carries, or a bulk transfer is too large; lower the rate or message count, bound the buffers, ' +
            'or shorten the duration',
          simulator.now,
        );
      }
    },
    flowCompleted: (flow: Flow) => {
      collector.channelCompleted(flow.flowIndex, flow.completedAt);
      completedFlows++;
      if (completedFlows < flows.length) return;
      // The interval ends with the last flow: what the links do later is not part of it.
      collector.closeLinks(simulator.now, network.transmissionsInProgress());
      if (scenario.duration === undefined && !scenario.runCycles) simulator.stop();
    },
  };
  channels.forEach((channel, index) => {
    const flow = scenario.flows[channel.flowIndex];
    flows.push(
      new Flow(
        {
          index,
          id: channel.id,
          source: indexOf(channel.from),
          destination: indexOf(channel.to),
          sourcePersistent: scenario.nodes[indexOf(channel.from)].persistent,
          transport: registries.transports.get(flow.transport.protocol),
          config: flow.transport,
          strategies: registries,
        },
        environment,
      ),
    );
  });
  const requestCollector = new RequestCollector(
    scenario.flows.map((flow) => flow.pattern !== undefined),
    scenario.warmup,
    options.exactRecordCap,
  );
  const applications = createApplications(scenario, {
    simulator,
    streams,
    channels: flows,
    channelsOfFlow,
    requestProbe: options.requestProbes?.length
      ? fanOutRequestProbes([requestCollector, ...options.requestProbes])
      : requestCollector,
  });
  messaging = buildMessaging(scenario, registries, {
    simulator,
    network,
    probe,
    flows,
    nodeIndex: indexOf,
    process: environment.process,
  });
  network.setHandlers({
    arrived: (packet) =>
      messaging?.system.packetArrived(packet) || flows[packet.flowIndex].packetArrived(packet),
    departed: (packet) => messaging?.system.owns(packet) || flows[packet.flowIndex].packetDeparted(packet),
    duplicate: (packet) =>
      messaging?.system.duplicatePacket(packet) ?? flows[packet.flowIndex].duplicatePacket(packet),
    failed: (packet, fate) =>
      messaging?.system.packetFailed(packet, fate) || flows[packet.flowIndex].packetFailed(packet, fate),
  });

  const sendingAt: Flow[][] = scenario.nodes.map(() => []);
  const receivingAt: Flow[][] = scenario.nodes.map(() => []);
  for (const flow of flows) {
    sendingAt[flow.setup.source].push(flow);
    receivingAt[flow.setup.destination].push(flow);
  }
  const states = scenario.nodes.map((node, index) => {
    const sending = sendingAt[index];
    const receiving = receivingAt[index];
    const callers = applications.callersAt(index);
    return new ComponentState(
      () => {
        // Callers first: the losses below then find their requests ended, or kept (persistent).
        for (const client of callers) client.callerCrashed(node.persistent);
        network.crashNode(index);
        // Receivers first: the messages the stage loses free their places, and a receiver that
        // knows it is down sends no window update for them.
        for (const flow of receiving) flow.receiver.crash(node.persistent);
        stages[index].crash();
        for (const flow of sending) flow.senderCrashed(node.persistent);
        messaging?.system.nodeDown(index);
        probe.nodeStateChanged(index, false);
      },
      () => {
        network.recoverNode(index);
        probe.nodeStateChanged(index, true);
        for (const flow of receiving) flow.receiver.recover();
        for (const flow of sending) flow.sender.recover();
        messaging?.system.nodeUp(index);
        for (const client of callers) client.callerRecovered();
      },
    );
  });

  const faults = installFaults(scenario, { simulator, network, streams, probe, nodeStates: states });
  if (scenario.runCycles) {
    const { of, cycles } = scenario.runCycles;
    faults.afterCycles(of, cycles, scenario.warmup, () => simulator.stop());
  }

  const horizon = scenario.duration ?? Number.POSITIVE_INFINITY;
  scenario.flows.forEach((flow, index) => {
    const arrivals = registries.arrivals.get(flow.workload.arrivals);
    const arrivalStream = `flow/${flow.id}/arrivals`;
    new WorkloadGenerator(
      simulator,
      {
        messages: flow.workload.messages ?? Number.POSITIVE_INFINITY,
        start: flow.workload.start,
        stop: flow.workload.stop ?? Number.POSITIVE_INFINITY,
        horizon,
        bulk: arrivals.allAtOnce,
        sizeCycleBytes: flow.workload.sizeCycleBytes,
      },
      arrivals.create({
        rateMessagesPerSecond: flow.workload.rate ?? 0,
        parameters: flow.workload.arrivalParameters,
        random: (part) =>
          part === undefined
            ? streams.stream(arrivalStream)
            : streamOnFirstDraw(streams, `${arrivalStream}/${part}`),
      }),
      flow.workload.size,
      streams.stream(`flow/${flow.id}/sizes`),
      applications.sinks[index],
    ).begin();
  });

  simulator.run({
    until: scenario.duration,
    // A run length in cycles ends the run as surely as a duration does.
    onProgress: stallGuard(
      scenario.runCycles ? Number.POSITIVE_INFINITY : scenario.duration,
      collector,
      messaging && {
        subscriptions: messaging.collector.subscriptions,
        names: messaging.system.layout.subscriptions.map(({ broker, name }) => ({
          name,
          broker: scenario.brokers[broker].node,
          ackTimeout: scenario.brokers[broker].ackTimeout,
        })),
      },
      options.onProgress,
    ),
  });

  // Bulk messages still unmade at the end existed from the start: they count as sent.
  flows.forEach((flow, channel) => {
    if (flow.promisedBulk > 0) collector.countCreated(channel, flow.promisedBulkCreatedAt, flow.promisedBulk);
  });

  collector.closeLinks(simulator.now, network.transmissionsInProgress());
  return summarize(collector, {
    scenario: scenario.name,
    description: scenario.description,
    seed,
    replication,
    warmupSeconds: scenario.warmup,
    endSeconds: simulator.now,
    events: simulator.executedEvents,
    nodeIds: scenario.nodes.map((node) => node.id),
    analyticAvailability: scenario.nodes.map((node) =>
      node.failure
        ? node.failure.timeToFailure.mean / (node.failure.timeToFailure.mean + node.failure.timeToRepair.mean)
        : null,
    ),
    unplayedFaults: unplayedNodeFaults(scenario, simulator.now),
    faults: { model: faults.model, flowsOfService },
    flows: flowContexts(scenario, { channels: flows, channelsOfFlow, network, applications }),
    requestCounters: requestCollector.flows,
    links: linkViews,
    ...theoryOf(scenario, registries, routesOf(scenario, network)),
    ...(messaging && { brokers: { collector: messaging.collector, layout: messaging.system.layout } }),
  });
}

/**
 * Messages the workloads promise in all (the finite counts; rate-driven flows without one add
 * nothing): how many deliveries the collector should make room for at the start.
 */
function promisedMessages(scenario: Scenario): number {
  let messages = 0;
  for (const flow of scenario.flows) {
    const count = flow.workload.messages;
    if (count !== undefined && Number.isFinite(count)) messages += count;
  }
  return messages;
}

/** The stream of `path`, made when it is first drawn from (the same draws as made at once). */
function streamOnFirstDraw(streams: RandomStreams, path: string): RandomStream {
  let stream: RandomStream | null = null;
  return () => {
    stream ??= streams.stream(path);
    return stream();
  };
}

/** Per node, the scripted crashes and recoveries due after `endSeconds` (the run never got there). */
function unplayedNodeFaults(scenario: Scenario, endSeconds: number): string[][] {
  const byNode = scenario.nodes.map((): string[] => []);
  const indexOf = new Map(scenario.nodes.map((node, index) => [node.id, index]));
  for (const fault of scenario.faults) {
    if (fault.at <= endSeconds) continue;
    const [kind, node] =
      'crash' in fault ? ['crash', fault.crash] : 'recover' in fault ? ['recover', fault.recover] : [];
    const index = node === undefined ? undefined : indexOf.get(node);
    if (index !== undefined) byNode[index].push(`${kind} at ${secondsInWords(fault.at)}`);
  }
  return byNode;
}

/**
 * The closed forms of the flows (see predictTheory), then the bandwidth-delay product of each link
 * direction their data crosses.
 */
function theoryOf(scenario: Scenario, registries: Registries, routes: RouteOf): ScenarioTheory {
  const predicted = predictTheory(scenario, registries.transports, registries.arrivals, registries, routes);
  return {
    theory: { ...predicted.theory, ...bandwidthDelayPredictions(scenario, routes) },
    noTheory: predicted.noTheory,
  };
}

/** The routes the network takes, as the theory names link directions (see RouteOf). */
function routesOf(scenario: Scenario, network: Network): RouteOf {
  const nodeIndex = new Map(scenario.nodes.map((node, index) => [node.id, index]));
  const { nodeIds, transmitters } = network.topology;
  return (from, to) => {
    const path = network.path(nodeIndex.get(from)!, nodeIndex.get(to)!);
    if (path.length === 0) return undefined;
    return path.map((index) => {
      const transmitter = transmitters[index];
      return directionKey(
        scenario.links[transmitter.linkIndex].id,
        nodeIds[transmitter.from],
        nodeIds[transmitter.to],
      );
    });
  };
}
