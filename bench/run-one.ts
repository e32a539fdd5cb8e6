import { baselineMm1 } from './baseline.js';
import { argument, type BenchmarkResult, formatResult } from './harness.js';
import { mm1 } from './mm1.js';
import { pingpong } from './pingpong.js';
import { pingpongFullStack } from './pingpong-full-stack.js';
import { largeTopology, lossyFlows } from './scenario.js';

/**
 * Runs one benchmark in this process, then (with --baseline N) the naive baseline loop on N
 * customers with as many stations as the benchmark has, so the ratio is measured in the same
 * process while the benchmark's peak RSS is read before the baseline runs. Prints the key=value
 * line, or with --json one JSON object { result, baseline } for run-all.
 * Usage: node dist/bench/run-one.js NAME [--count N] [--size K] [--baseline N] [--json]
 * (--size: stations for mm1 and baseline, pairs for pingpong and pingpong-full-stack, flows for
 * lossy-flows, nodes for large-topology; --count: customers or messages in all.)
 */
const benchmarks: Record<string, (count: number, size: number) => BenchmarkResult> = {
  mm1: (count, size) => mm1(count, size),
  pingpong: (count, size) => pingpong(size, count),
  'pingpong-full-stack': (count, size) => pingpongFullStack(size, count),
  'lossy-flows': (count, size) => lossyFlows(size, count),
  'large-topology': (count, size) => largeTopology(size, count),
  baseline: (count, size) => baselineMm1(count, size),
};

const argv = process.argv.slice(2);
const name = argv[0];
const run = benchmarks[name];
if (!run) {
  console.error(
    `usage: run-one.js {${Object.keys(benchmarks).join('|')}} [--count N] [--size K] [--baseline N] [--json]`,
  );
  process.exit(2);
}
const size = argument(argv, 'size', 1);
const result = run(argument(argv, 'count', 1_000_000), size);
const baselineCount = argument(argv, 'baseline', 0.5);
// Only the M/M/1 benchmarks have stations; the others compare to the one-station loop.
const baseline =
  baselineCount >= 1 ? baselineMm1(Math.round(baselineCount), name === 'mm1' ? size : 1) : undefined;
if (argv.includes('--json')) console.log(JSON.stringify({ result, baseline }));
else console.log(formatResult(result, baseline?.rate));
