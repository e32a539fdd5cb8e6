import { jainFairnessIndex } from './fairness.js';
import type { FairnessSummary, FlowSummary } from './summary.js';

/**
 * Groups the flows by the link directions their data shares and reports Jain's index of their
 * goodputs per group: a dumbbell's bottleneck yields one group of all its flows. Groups with
 * the same flows are reported once, listing every link direction they share.
 */
export function fairnessOf(
  context: { flows: ReadonlyArray<{ id: string; dataPath?: readonly number[] }> },
  flows: Record<string, FlowSummary>,
  transmitterNames: readonly string[],
): FairnessSummary[] {
  const flowsByTransmitter = new Map<number, number[]>();
  context.flows.forEach((flow, flowIndex) => {
    for (const transmitter of flow.dataPath ?? []) {
      const sharing = flowsByTransmitter.get(transmitter) ?? [];
      sharing.push(flowIndex);
      flowsByTransmitter.set(transmitter, sharing);
    }
  });
  const groups = new Map<string, { flowIndices: number[]; transmitters: number[] }>();
  for (const [transmitter, flowIndices] of [...flowsByTransmitter].sort((a, b) => a[0] - b[0])) {
    if (flowIndices.length < 2) continue;
    const key = flowIndices.join(',');
    const group = groups.get(key) ?? { flowIndices, transmitters: [] };
    group.transmitters.push(transmitter);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => b.flowIndices.length - a.flowIndices.length)
    .map(({ flowIndices, transmitters }) => {
      const ids = flowIndices.map((index) => context.flows[index].id);
      const goodputs = ids.map((id) => flows[id].throughput.goodputBitsPerSecond);
      // A flow whose interval is empty has no goodput (null), so the group has no index.
      const known = goodputs.filter((goodput): goodput is number => goodput !== null);
      const index =
        known.length < goodputs.length
          ? Number.NaN
          : jainFairnessIndex(known.map((goodput) => (Number.isFinite(goodput) ? goodput : 0)));
      return {
        links: transmitters.map((transmitter) => transmitterNames[transmitter] ?? `#${transmitter}`),
        flows: ids,
        goodputBitsPerSecond: goodputs,
        jainIndex: Number.isNaN(index) ? null : index,
      };
    });
}
