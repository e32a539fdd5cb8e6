import type { FlowConfig } from './schema.js';

/** One simulated flow (a transport connection from one node to another) of a scenario flow. */
export interface ChannelPlan {
  /** Index of the scenario flow it belongs to. */
  flowIndex: number;
  /** Its name: the flow's id, `<id>/reply` for replies, `<id>/<recipient>` for further broadcast recipients. */
  id: string;
  from: string;
  to: string;
  /** `data` carries the flow's workload messages; `reply` carries a request-reply flow's replies. */
  role: 'data' | 'reply';
}

/**
 * The channels of a scenario: channel i is scenario flow i's first one (its data to `to`, or to
 * its first broadcast recipient), so flow indices stay valid as channel indices; the others
 * (replies, further recipients) follow in flow order. `channelsOfFlow[i]` lists flow i's
 * channels, its first one first.
 */
export function planChannels(flows: readonly FlowConfig[]): {
  channels: ChannelPlan[];
  channelsOfFlow: number[][];
} {
  const channels: ChannelPlan[] = flows.map((flow, flowIndex) => ({
    flowIndex,
    id: flow.id,
    from: flow.from,
    to: flow.recipients[0],
    role: 'data',
  }));
  const channelsOfFlow = flows.map((_, index) => [index]);
  flows.forEach((flow, flowIndex) => {
    const add = (channel: ChannelPlan) => {
      channelsOfFlow[flowIndex].push(channels.length);
      channels.push(channel);
    };
    for (const recipient of flow.recipients.slice(1)) {
      add({ flowIndex, id: `${flow.id}/${recipient}`, from: flow.from, to: recipient, role: 'data' });
    }
    if (flow.pattern !== undefined) {
      add({ flowIndex, id: `${flow.id}/reply`, from: flow.to, to: flow.from, role: 'reply' });
    }
  });
  return { channels, channelsOfFlow };
}
