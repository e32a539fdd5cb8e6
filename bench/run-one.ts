import { baselineMm1 } from './baseline.js';
import { type BenchmarkResult, formatResult, parseBenchArguments } from './harness.js';
import { mm1 } from './mm1.js';
import { pingpong } from './pingpong.js';
import { pingpongFullStack } from './pingpong-full-stack.js';
import { baselinePingpong, pingpongKernel } from './pingpong-kernel.js';
import {
  LARGE_TOPOLOGY_MIN_NODES,
  LARGE_TOPOLOGY_ROUTERS,
  largeTopology,
  lossyFlows,
  rateFlows,
} from './scenario.js';

/**
 * Runs one benchmark in this process, then (with --baseline N) the naive baseline loop on N
 * customers with as many stations as the benchmark has (for pingpong-kernel: the naive loop on
 * N pings and as many pairs), so the ratio is measured in the same process while the
 * benchmark's peak RSS is read before the baseline runs. Prints the key=value line, or with
 * --json one JSON object { result, baseline } for run-all.
 * Usage: node dist/bench/run-one.js NAME [--count N] [--size K] [--baseline N] [--json]
 * (--size: stations for mm1 and baseline, pairs for the pingpong ones, flows for lossy-flows and rate-flows,
 * nodes for large-topology; --count: customers or messages in all.)
 */
const benchmarks: Record<string, (count: number, size: number) => BenchmarkResult> = {
  mm1: (count, size) => mm1(count, size),
  pingpong: (count, size) => pingpong(size, count),
  'pingpong-kernel': (count, size) => pingpongKernel(size, count),
  'baseline-pingpong': (count, size) => baselinePingpong(size, count),
  'pingpong-full-stack': (count, size) => pingpongFullStack(size, count),
  'lossy-flows': (count, size) => lossyFlows(size, count),
  'rate-flows': (count, size) => rateFlows(size, count),
  'large-topology': (count, size) => largeTopology(size, count),
  baseline: (count, size) => baselineMm1(count, size),
};

/** Most customers or messages of one run: about an hour at the slowest benchmark's rate. */
const MAX_COUNT = 1e9;
/** Most stations, pairs, flows or nodes: 100,000 pingpong pairs already take about 1.5 GiB. */
const MAX_SIZE = 100_000;

const options = parseBenchArguments(process.argv.slice(2), {
  usage: 'usage: node dist/bench/run-one.js NAME [--count N] [--size K] [--baseline N] [--json]',
  numbers: {
    count: {
      describe: 'customers or messages in all, split evenly over the stations, pairs or flows',
      default: 1_000_000,
      whole: true,
      max: MAX_COUNT,
    },
    size: { describe: 'stations, pairs, flows or nodes', default: 1, whole: true, max: MAX_SIZE },
    baseline: {
      describe:
        'customers (pings for pingpong-kernel) of the naive baseline run afterwards (none when absent)',
      whole: true,
      max: MAX_COUNT,
    },
  },
  flags: { json: 'print one JSON object { result, baseline } (for run-all)' },
  positional: { name: 'name', choices: Object.keys(benchmarks) },
});
const name = options.positional!;
const size = options.numbers.size!;
if (name === 'large-topology' && size < LARGE_TOPOLOGY_MIN_NODES) {
  console.error(
    `large-topology: --size ${size} is too small: the tree needs a core, ${LARGE_TOPOLOGY_ROUTERS} ` +
      `routers and a host under each (at least ${LARGE_TOPOLOGY_MIN_NODES} nodes)`,
  );
  process.exit(2);
}
const requested = options.numbers.count!;
const result = benchmarks[name](requested, size);
// Counts are split evenly over stations, pairs or flows: say so when that changed the count.
if (result.count !== requested) {
  console.error(
    `note: --count ${requested} ran as ${result.count} (split evenly, a whole number each, at least one)`,
  );
}
const baselineCount = options.numbers.baseline ?? 0;
// The kernel-only pingpong compares to the naive loop on the same model and pairs; the M/M/1
// benchmarks to the naive M/M/1 with as many stations; the others to the one-station loop.
const runBaseline = (count: number): BenchmarkResult =>
  name === 'pingpong-kernel' ? baselinePingpong(size, count) : baselineMm1(count, name === 'mm1' ? size : 1);
const baseline = baselineCount >= 1 ? runBaseline(Math.round(baselineCount)) : undefined;
if (options.flags.has('json')) console.log(JSON.stringify({ result, baseline }));
else console.log(formatResult(result, baseline?.rate));
