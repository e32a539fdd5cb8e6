import type { RandomStreams } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import { BroadcastSender } from '../messaging/broadcast-sender.js';
import type { RequestProbe } from '../messaging/request-probe.js';
import { RequestReplyClient } from '../messaging/request-reply-client.js';
import type { SummaryContext } from '../metrics/summarize.js';
import type { Network } from '../net/network.js';
import type { Flow } from '../transport/flow.js';
import type { WorkloadSink } from '../workload/generator.js';
import type { Scenario } from './schema.js';

/** The applications of a scenario's flows: where each workload sends what it creates. */
export interface FlowApplications {
  /** Per scenario flow: its channel, its broadcast sender or its request-reply client. */
  readonly sinks: readonly WorkloadSink[];
  /** The request-reply clients, by scenario flow index. */
  readonly clients: ReadonlyMap<number, RequestReplyClient>;
  /** The request-reply clients whose caller runs on node `node` (told when it crashes and recovers). */
  callersAt(node: number): readonly RequestReplyClient[];
}

/**
 * Builds each flow's application on its channels (see planChannels): a plain flow's workload
 * feeds its one channel; a broadcast's feeds a sender that copies each message to every
 * recipient's channel; a request-reply flow's feeds a client that owns its two channels.
 */
export function createApplications(
  scenario: Scenario,
  parts: {
    simulator: Simulator;
    streams: RandomStreams;
    channels: readonly Flow[];
    channelsOfFlow: readonly (readonly number[])[];
    requestProbe: RequestProbe;
  },
): FlowApplications {
  const clients = new Map<number, RequestReplyClient>();
  const sinks = scenario.flows.map((flow, index): WorkloadSink => {
    const own = parts.channelsOfFlow[index].map((channel) => parts.channels[channel]);
    if (flow.pattern !== undefined) {
      const client = new RequestReplyClient(
        parts.simulator,
        flow.pattern,
        index,
        own[0],
        own[1],
        {
          replySizes: parts.streams.stream(`flow/${flow.id}/reply-sizes`),
          think: parts.streams.stream(`flow/${flow.id}/think`),
        },
        parts.requestProbe,
      );
      clients.set(index, client);
      return client;
    }
    return flow.broadcast ? new BroadcastSender(own) : own[0];
  });
  const callers = new Map<number, RequestReplyClient[]>();
  for (const [index, client] of clients) {
    const node = parts.channels[parts.channelsOfFlow[index][0]].setup.source;
    callers.set(node, [...(callers.get(node) ?? []), client]);
  }
  return { sinks, clients, callersAt: (node) => callers.get(node) ?? [] };
}

/** What the summary needs of each scenario flow at the end of the run, over its channels. */
export function flowContexts(
  scenario: Scenario,
  parts: {
    channels: readonly Flow[];
    channelsOfFlow: readonly (readonly number[])[];
    network: Network;
    applications: FlowApplications;
  },
): SummaryContext['flows'] {
  const pathLength = (channel: Flow) =>
    parts.network.path(channel.setup.source, channel.setup.destination).length;
  return scenario.flows.map((flow, index) => {
    const own = parts.channelsOfFlow[index].map((channel) => parts.channels[channel]);
    const client = parts.applications.clients.get(index);
    const pattern = flow.pattern;
    return {
      id: flow.id,
      from: flow.from,
      to: flow.to,
      protocol: flow.transport.protocol,
      firstSendAt: own
        .map((channel) => channel.firstSendAt)
        .reduce((first, at) => (Number.isNaN(first) || at < first ? at : first)),
      // NaN (not completed) when any channel did not complete.
      completedAt: Math.max(...own.map((channel) => channel.completedAt)),
      // Promised bulk messages never made wait in the sender's backlog: in flight, as the rest.
      unresolved: own.reduce((sum, channel) => sum + channel.unresolved + channel.promisedBulk, 0),
      dataPath: parts.network.path(own[0].setup.source, own[0].setup.destination),
      channels: parts.channelsOfFlow[index],
      // A request-reply flow's second channel starts at the server.
      senderChannels: pattern === undefined ? own.length : 1,
      requests:
        pattern && client
          ? {
              mode: pattern.mode,
              maxOutstanding: pattern.mode === 'sync' ? 1 : (pattern.maxOutstanding ?? null),
              timeout: pattern.timeout ?? null,
              endedAt: client.endedAt,
            }
          : undefined,
      broadcast: flow.broadcast ? { recipients: flow.recipients, hops: own.map(pathLength) } : undefined,
    };
  });
}
