import { simulate } from '../src/scenario/build-simulation.js';
import { createRegistries } from '../src/scenario/registries.js';
import { createScenarioSchema, type ScenarioInput } from '../src/scenario/schema.js';
import { type BenchmarkResult, peakRss, timeIt } from './harness.js';
import { pairedScenario } from './paired-scenario.js';

/**
 * The pingpong model run through the whole stack: a scenario (parsed by the schema) of P node
 * pairs on 1 Gbit/s links with 100 µs propagation, one stop-and-wait flow per pair (1 ms
 * timeout, 64-byte ACKs, messages uniform 64–1500 B), built and run by `simulate` with its
 * message ledger, workload and metrics collector. Measured against issue 3's `scenario` target
 * (delivered messages/s with metrics on); bench/pingpong.ts is the kernel + network one. Mean
 * RTT (interval over delivered, per flow) → 206.768 µs.
 */
export function pingpongFullStack(pairs: number, messages: number): BenchmarkResult {
  const perPair = Math.max(1, Math.round(messages / pairs));
  const input: ScenarioInput = {
    name: 'pingpong',
    ...pairedScenario(pairs, { from: 'ping', to: 'pong' }, { bandwidth: '1Gbps', delay: '100us' }, (i) => ({
      id: `pair${i}`,
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
    name: `pingpong-full-stack-${pairs}-pairs`,
    wallSeconds: seconds,
    cpuSeconds,
    events: summary.events,
    count: summary.counts.delivered,
    rate: summary.counts.delivered / seconds,
    rateUnit: 'delivered_per_s',
    check: meanRtt * 1e6,
    checkName: 'mean_rtt_us',
    peakRssBytes: peakRss(),
    extra: { retransmissions: summary.counts.retransmissions },
  };
}
