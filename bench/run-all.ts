import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchmarkResult, formatResult, parseBenchArguments } from './harness.js';

/**
 * Runs every benchmark at the sizes of issue 3 (scaled by --scale), each in its own child
 * process so its peak RSS is its own, and prints one key=value line each with its ratio to the
 * naive baseline measured in that same process; then whether each target is met. --repeat R
 * runs each R times and keeps the fastest (the machine may be shared). With --compare FILE,
 * also prints each rate's ratio to the recorded one; with --record FILE, writes this run's
 * figures there. --flat-memory adds the full-stack 10^7 / 10^8-event memory runs (minutes).
 */
const options = parseBenchArguments(process.argv.slice(2), {
  usage:
    'usage: node dist/bench/run-all.js [--repeat R] [--scale F] [--flat-memory] [--record FILE] [--compare FILE]',
  numbers: {
    repeat: { describe: 'runs of each benchmark; the fastest is kept', default: 1, whole: true },
    scale: { describe: 'factor on every size', default: 1 },
  },
  flags: { 'flat-memory': 'add the full-stack 10^7 / 10^8-event memory runs (minutes)' },
  files: { record: "write this run's figures to FILE", compare: "print each rate's ratio to FILE's" },
});
const scale = options.numbers.scale!;
const repeat = options.numbers.repeat!;
const compareFile = options.files.compare;
// Checked before minutes of benchmarks, not after.
if (compareFile !== undefined && !existsSync(compareFile)) {
  console.error(`--compare: no file ${compareFile} (record one with --record FILE)`);
  process.exit(2);
}
const recordFolder = options.files.record === undefined ? undefined : path.dirname(options.files.record);
if (recordFolder !== undefined && !existsSync(recordFolder)) {
  console.error(`--record: no folder ${recordFolder} to write ${options.files.record} in`);
  process.exit(2);
}
const n = (count: number) => Math.max(1, Math.round(count * scale));

interface Spec {
  bench: string;
  args: string[];
  target?: { what: string; met: (result: BenchmarkResult) => boolean };
}

const specs: Spec[] = [
  {
    bench: 'mm1',
    args: ['mm1', '--count', `${n(5_000_000)}`, '--baseline', `${n(2_000_000)}`],
    target: { what: '>= 5e6 customers/s', met: (r) => r.rate >= 5e6 },
  },
  {
    bench: 'mm1-1000-stations',
    args: ['mm1', '--count', `${n(3_000_000)}`, '--size', '1000', '--baseline', `${n(2_000_000)}`],
    target: { what: '>= 3e6 customers/s', met: (r) => r.rate >= 3e6 },
  },
  {
    // Kernel + link model: the Simulator and the Network with a silent probe (bench/pingpong.ts).
    bench: 'pingpong-100-pairs',
    args: ['pingpong', '--count', `${n(2_000_000)}`, '--size', '100', '--baseline', `${n(2_000_000)}`],
    target: { what: '>= 3e6 messages/s', met: (r) => r.rate >= 3e6 },
  },
  {
    bench: 'pingpong-10000-pairs',
    args: ['pingpong', '--count', `${n(2_000_000)}`, '--size', '10000', '--baseline', `${n(2_000_000)}`],
    target: { what: '>= 2e6 messages/s', met: (r) => r.rate >= 2e6 },
  },
  // The pingpong events on the kernel alone (no link model: bench/pingpong-kernel.ts), each
  // against the naive loop running them with as many pairs: how the kernels scale. No target of
  // their own; the targets above are held to the run through the Network.
  ...[100, 10_000].map(
    (pairs): Spec => ({
      bench: `pingpong-kernel-${pairs}-pairs`,
      args: [
        'pingpong-kernel',
        '--count',
        `${n(2_000_000)}`,
        '--size',
        `${pairs}`,
        '--baseline',
        `${n(500_000)}`,
      ],
    }),
  ),
  {
    // The same pingpong model through the whole stack (scenario, transport, metrics): held to
    // the full-stack `scenario` target, as it runs what that benchmark runs.
    bench: 'pingpong-full-stack-100-pairs',
    args: [
      'pingpong-full-stack',
      '--count',
      `${n(2_000_000)}`,
      '--size',
      '100',
      '--baseline',
      `${n(2_000_000)}`,
    ],
    target: { what: '>= 1e6 delivered/s (the scenario target)', met: (r) => r.rate >= 1e6 },
  },
  {
    bench: 'scenario-100-lossy-flows',
    args: ['lossy-flows', '--count', `${n(1_000_000)}`, '--size', '100', '--baseline', `${n(2_000_000)}`],
    target: { what: '>= 1e6 delivered/s', met: (r) => r.rate >= 1e6 },
  },
  {
    bench: 'scenario-10000-nodes',
    args: [
      'large-topology',
      '--count',
      `${n(1_000_000)}`,
      '--size',
      '10000',
      '--baseline',
      `${n(2_000_000)}`,
    ],
    target: {
      what: '< 10 s and peak RSS < 1 GiB',
      met: (r) => r.wallSeconds < 10 && r.peakRssBytes < 2 ** 30,
    },
  },
];
/**
 * Memory against simulated time: the same model run for 10^7 and for 10^8 events should peak at
 * about the same RSS. The engine's M/M/1 (two events per customer) always runs; the full stack
 * (100 lossy stop-and-wait flows, about 4.06 events per message) only with --flat-memory, as it
 * takes minutes.
 */
const memoryRuns: { what: string; small: string; large: string }[] = [];
const addMemoryRun = (what: string, perEvent: number, name: string, extra: string[]) => {
  const [small, large] = [1e7, 1e8].map((events) => {
    const bench = `${what}-${events.toExponential().replace('+', '')}-events`;
    specs.push({ bench, args: [name, '--count', `${n(Math.round(events * perEvent))}`, ...extra] });
    return bench;
  });
  memoryRuns.push({ what, small, large });
};
addMemoryRun('memory-engine-mm1', 0.5, 'mm1', []);
if (options.flags.has('flat-memory'))
  addMemoryRun('memory-full-stack', 1 / 4.06, 'lossy-flows', ['--size', '100']);

const runOne = fileURLToPath(new URL('./run-one.js', import.meta.url));

interface Measured {
  result: BenchmarkResult;
  baseline?: BenchmarkResult;
}

function measure(spec: Spec): Measured {
  let best: Measured | undefined;
  for (let i = 0; i < repeat; i++) {
    const child = spawnSync(process.execPath, [...process.execArgv, runOne, ...spec.args, '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 2 ** 24,
    });
    if (child.status !== 0) throw new Error(`${spec.bench} failed (exit ${child.status})`);
    const measured: Measured = JSON.parse(child.stdout.trim().split('\n').at(-1)!);
    measured.result.name = spec.bench;
    if (!best || measured.result.rate > best.result.rate) best = measured;
  }
  return best!;
}

const measurements: Measured[] = [];
for (const spec of specs) {
  const measured = measure(spec);
  measurements.push(measured);
  const { result, baseline } = measured;
  console.log(formatResult(result, baseline?.rate));
}

console.log(`\nmachine: ${cpus().length} cores, node ${process.version}`);
specs.forEach((spec, index) => {
  if (!spec.target) return;
  const { result } = measurements[index];
  console.log(`target ${spec.bench} ${spec.target.what}: ${spec.target.met(result) ? 'met' : 'NOT met'}`);
});

const measuredOf = (bench: string) => measurements[specs.findIndex((spec) => spec.bench === bench)];
const peakOf = (bench: string) => measuredOf(bench).result;
{
  const [few, many] = [measuredOf('pingpong-kernel-100-pairs'), measuredOf('pingpong-kernel-10000-pairs')];
  const scaling = (of: (m: Measured) => number) => (of(many) / of(few)).toFixed(2);
  console.log(
    'kernel scaling, pingpong events from 100 to 10,000 pairs: msgsim ' +
      `x${scaling((m) => m.result.rate)}, the naive heap x${scaling((m) => m.baseline!.rate)}`,
  );
}
for (const run of memoryRuns) {
  const small = peakOf(run.small);
  const large = peakOf(run.large);
  const growth = large.peakRssBytes / small.peakRssBytes;
  const mib = (result: BenchmarkResult) => (result.peakRssBytes / 2 ** 20).toFixed(1);
  console.log(
    `target ${run.what} flat RSS from ${small.events} to ${large.events} events: ` +
      `${mib(small)} -> ${mib(large)} MiB (x${growth.toFixed(2)}): ${growth <= 1.1 ? 'met' : 'NOT met'}`,
  );
}

const results = measurements.map((m) => m.result);
const recordFile = options.files.record;
if (recordFile !== undefined) {
  const recorded = Object.fromEntries(
    measurements.map(({ result, baseline }) => [
      result.name,
      {
        rate: result.rate,
        wallSeconds: result.wallSeconds,
        cpuSeconds: result.cpuSeconds,
        events: result.events,
        peakRssBytes: result.peakRssBytes,
        baselineRate: baseline?.rate,
        check: result.check,
      },
    ]),
  );
  writeFileSync(recordFile, `${JSON.stringify(recorded, null, 2)}\n`);
}

if (compareFile !== undefined) {
  const recorded: Record<string, { rate: number; cpuSeconds?: number }> = JSON.parse(
    readFileSync(compareFile, 'utf8'),
  );
  console.log('\nratio to recorded (1.00 = as fast as recorded; < 1 slower), by wall and by CPU time:');
  for (const result of results) {
    const before = recorded[result.name];
    if (!before) {
      console.log(`${result.name}: not recorded in ${compareFile}`);
      continue;
    }
    const byCpu =
      before.cpuSeconds && result.cpuSeconds
        ? ` cpu ${(before.cpuSeconds / result.cpuSeconds).toFixed(3)}`
        : '';
    console.log(`${result.name}: wall ${(result.rate / before.rate).toFixed(3)}${byCpu}`);
  }
}
