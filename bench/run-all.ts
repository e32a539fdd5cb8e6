import { readFileSync, writeFileSync } from 'node:fs';
import { baselineMm1 } from './baseline.js';
import { argument, type BenchmarkResult, formatResult } from './harness.js';
import { mm1 } from './mm1.js';
import { pingpong } from './pingpong.js';
import { largeTopology, lossyFlows } from './scenario.js';

/**
 * Runs every benchmark at the sizes of issue 3 (scaled by --scale), prints one key=value line
 * each with its ratio to the naive baseline measured in this same process, then whether each
 * target is met. With --compare FILE, also prints each rate's ratio to the recorded one;
 * with --record FILE, writes this run's figures there.
 */
const argv = process.argv.slice(2);
const scale = argument(argv, 'scale', 1);
const n = (count: number) => Math.max(1, Math.round(count * scale));

interface Target {
  bench: string;
  what: string;
  met: (result: BenchmarkResult) => boolean;
}

const targets: Target[] = [
  { bench: 'mm1', what: '>= 5e6 customers/s', met: (r) => r.rate >= 5e6 },
  { bench: 'mm1-1000-stations', what: '>= 3e6 customers/s', met: (r) => r.rate >= 3e6 },
  { bench: 'pingpong-100-pairs', what: '>= 3e6 messages/s', met: (r) => r.rate >= 3e6 },
  { bench: 'pingpong-10000-pairs', what: '>= 2e6 messages/s', met: (r) => r.rate >= 2e6 },
  { bench: 'scenario-100-lossy-flows', what: '>= 1e6 delivered/s', met: (r) => r.rate >= 1e6 },
  {
    bench: 'scenario-10000-nodes',
    what: '< 10 s and peak RSS < 1 GiB',
    met: (r) => r.wallSeconds < 10 && r.peakRssBytes < 2 ** 30,
  },
];

const results: BenchmarkResult[] = [];
const baseline = baselineMm1(n(2_000_000));
const baselineLarge = baselineMm1(n(2_000_000), 1000);
const report = (result: BenchmarkResult, reference = baseline) => {
  results.push(result);
  console.log(formatResult(result, reference.rate));
};
console.log(formatResult(baseline));
console.log(formatResult(baselineLarge));
report(mm1(n(5_000_000)));
report(mm1(n(3_000_000), 1000), baselineLarge);
report(pingpong(100, n(2_000_000)));
report(pingpong(10_000, n(2_000_000)));
report(lossyFlows(100, n(1_000_000)));
report(largeTopology(10_000, n(1_000_000)));

console.log(`\nmachine: ${(await import('node:os')).cpus().length} cores, node ${process.version}`);
for (const target of targets) {
  const result = results.find((r) => r.name === target.bench);
  if (!result) continue;
  console.log(`target ${target.bench} ${target.what}: ${target.met(result) ? 'met' : 'NOT met'}`);
}

const recordIndex = argv.indexOf('--record');
if (recordIndex >= 0) {
  const recorded = Object.fromEntries(
    [baseline, baselineLarge, ...results].map((r) => [
      r.name,
      { rate: r.rate, wallSeconds: r.wallSeconds, peakRssBytes: r.peakRssBytes },
    ]),
  );
  writeFileSync(argv[recordIndex + 1], `${JSON.stringify(recorded, null, 2)}\n`);
}

const compareIndex = argv.indexOf('--compare');
if (compareIndex >= 0) {
  const recorded: Record<string, { rate: number }> = JSON.parse(readFileSync(argv[compareIndex + 1], 'utf8'));
  console.log('\nratio to recorded (1.00 = as fast as recorded; < 1 slower):');
  for (const result of results) {
    const before = recorded[result.name];
    if (before) console.log(`${result.name}: ${(result.rate / before.rate).toFixed(3)}`);
  }
}
