import { simulate } from '../src/scenario/build-simulation.js';
import { createRegistries } from '../src/scenario/registries.js';
import { createScenarioSchema, type ScenarioInput } from '../src/scenario/schema.js';
import { type BenchmarkResult, peakRss, timeIt } from './harness.js';

/**
 * P node pairs on 1 Gbit/s links with 100 µs propagation; each ping (uniform 64–1500 B) arms a
 * 1 ms retransmission timer that its 64-byte ACK cancels (stop-and-wait). Mean RTT →
 * E[L]/R + 2·100 µs + 64 B/R = 206.768 µs.
 */
export function pingpong(pairs: number, messages: number): BenchmarkResult {
  const perPair = Math.max(1, Math.round(messages / pairs));
  const input: ScenarioInput = {
    name: 'pingpong',
    nodes: Array.from({ length: pairs }, (_, i) => [{ id: `ping${i}` }, { id: `pong${i}` }]).flat(),
    links: Array.from({ length: pairs }, (_, i) => ({
      between: [`ping${i}`, `pong${i}`] as [string, string],
      bandwidth: '1Gbps',
      delay: '100us',
    })),
    flows: Array.from({ length: pairs }, (_, i) => ({
      id: `pair${i}`,
      from: `ping${i}`,
      to: `pong${i}`,
      transport: { protocol: 'stop-and-wait', timeout: '1ms', ackSize: '64B' },
      workload: { messages: perPair, size: { dist: 'uniform', min: '64B', max: '1500B' } },
    })),
  };
  const scenario = createScenarioSchema(createRegistries()).parse(input);
  const { value: result, seconds, cpuSeconds } = timeIt(() => simulate(scenario));
  const summary = result.summary;
  const flows = Object.values(summary.flows);
  const meanRtt =
    flows.reduce((sum, flow) => sum + flow.throughput.intervalSeconds / flow.counts.delivered, 0) /
    flows.length;
  return {
    name: `pingpong-${pairs}-pairs`,
    wallSeconds: seconds,
    cpuSeconds,
    events: summary.events,
    rate: summary.counts.delivered / seconds,
    rateUnit: 'messages_per_s',
    check: meanRtt * 1e6,
    checkName: 'mean_rtt_us',
    peakRssBytes: peakRss(),
    extra: { retransmissions: summary.counts.retransmissions },
  };
}
