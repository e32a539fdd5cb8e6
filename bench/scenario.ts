import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simulate } from '../src/scenario/build-simulation.js';
import { loadScenario } from '../src/scenario/load.js';
import type { ScenarioInput } from '../src/scenario/schema.js';
import { type BenchmarkResult, peakRss, timeIt } from './harness.js';
import { pairedScenario } from './paired-scenario.js';

/** Writes `input` as a JSON file and loads it through the scenario loader, as the CLI does. */
function loadThroughFile(input: ScenarioInput) {
  const folder = mkdtempSync(path.join(tmpdir(), 'msgsim-bench-'));
  try {
    const file = path.join(folder, 'scenario.json');
    writeFileSync(file, JSON.stringify(input));
    return loadScenario(file);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function measure(name: string, input: ScenarioInput): BenchmarkResult {
  const scenario = loadThroughFile(input);
  const { value: result, seconds, cpuSeconds } = timeIt(() => simulate(scenario));
  const { summary } = result;
  return {
    name,
    wallSeconds: seconds,
    cpuSeconds,
    events: summary.events,
    count: summary.counts.delivered,
    rate: summary.counts.delivered / seconds,
    rateUnit: 'delivered_per_s',
    check: summary.latency.mean ?? 0,
    checkName: 'mean_latency_s',
    peakRssBytes: peakRss(),
    extra: { retransmissions: summary.counts.retransmissions },
  };
}

/** The flows' node pairs: s0 sends to r0, s1 to r1… */
const SENDER_AND_RECEIVER = { from: 's', to: 'r' };

/** 100 stop-and-wait flows, each over its own lossy 100 Mbit/s link (1% loss each way). */
export function lossyFlows(flows: number, messages: number): BenchmarkResult {
  const perFlow = Math.max(1, Math.round(messages / flows));
  return measure(`scenario-${flows}-lossy-flows`, {
    name: 'bench-lossy-flows',
    ...pairedScenario(flows, SENDER_AND_RECEIVER, { bandwidth: '100Mbps', delay: '1ms', loss: 0.01 }, () => ({
      transport: { protocol: 'stop-and-wait', timeout: '5ms', ackSize: '40B' },
      workload: { messages: perFlow, size: '1000B' },
    })),
  });
}

/**
 * 100 datagram flows, each over its own 100 Mbit/s, 1 ms link, messages of 1000 B arriving as a
 * Poisson process at 1000/s per flow: the workload most scenarios have (a rate, not a bulk), on
 * the lightest transport, so messages are made, carried and resolved one by one. No target of
 * its own. Each link is an M/D/1 queue (S = 80 µs, ρ = 0.08, Wq = λS²/(2(1 − ρ)) = 3.478 µs):
 * mean latency → 80 µs + 3.478 µs + 1 ms = 1.083478 ms.
 */
export function rateFlows(flows: number, messages: number): BenchmarkResult {
  const perFlow = Math.max(1, Math.round(messages / flows));
  return measure(`scenario-${flows}-rate-flows`, {
    name: 'bench-rate-flows',
    ...pairedScenario(flows, SENDER_AND_RECEIVER, { bandwidth: '100Mbps', delay: '1ms' }, () => ({
      transport: { protocol: 'datagram' },
      workload: { messages: perFlow, rate: 1000, arrivals: 'poisson', size: '1000B' },
    })),
  });
}

export const LARGE_TOPOLOGY_ROUTERS = 99;
/** A core, the routers and one host under each: a smaller tree has hosts under no router. */
export const LARGE_TOPOLOGY_MIN_NODES = 1 + 2 * LARGE_TOPOLOGY_ROUTERS;

/**
 * A 10,000-node two-level tree (a core, 99 routers, 100 hosts under each router but one)
 * carrying `messages` over 1,000 stop-and-wait flows between hosts under different routers
 * (4 hops each way).
 */
export function largeTopology(nodes: number, messages: number): BenchmarkResult {
  const routers = LARGE_TOPOLOGY_ROUTERS;
  const hostsPerRouter = Math.floor((nodes - 1 - routers) / routers);
  const ids: string[] = ['core'];
  const links: NonNullable<ScenarioInput['links']> = [];
  const hosts: string[][] = [];
  for (let r = 0; r < routers; r++) {
    const router = `r${r}`;
    ids.push(router);
    links.push({ between: ['core', router], bandwidth: '10Gbps', delay: '2ms' });
    hosts.push([]);
    for (let h = 0; h < hostsPerRouter; h++) {
      const host = `h${r}-${h}`;
      ids.push(host);
      hosts[r].push(host);
      links.push({ between: [router, host], bandwidth: '1Gbps', delay: '100us' });
    }
  }
  const flowCount = 1000;
  const perFlow = Math.max(1, Math.round(messages / flowCount));
  const flows = Array.from({ length: flowCount }, (_, i) => {
    const from = hosts[i % routers][Math.floor(i / routers) % hostsPerRouter];
    const to = hosts[(i * 7 + 3) % routers][(i * 13) % hostsPerRouter];
    return {
      from,
      to: from === to ? hosts[(i + 1) % routers][0] : to,
      transport: { protocol: 'stop-and-wait', timeout: '50ms', ackSize: '40B' },
      workload: { messages: perFlow, size: '1000B' },
    };
  });
  return measure(`scenario-${ids.length}-nodes`, {
    name: 'bench-large-topology',
    nodes: ids.map((id) => ({ id })),
    links,
    flows,
  });
}
