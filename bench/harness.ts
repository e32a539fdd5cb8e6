import { performance } from 'node:perf_hooks';
import yargs from 'yargs';

/** What one benchmark measured; printed as one `key=value` line. */
export interface BenchmarkResult {
  name: string;
  /** Wall seconds of the simulation loop only (set-up excluded). */
  wallSeconds: number;
  /**
   * CPU seconds (user + system, all threads, so GC helpers count) over the same span: on a
   * machine shared with other work it moves far less than wall time, so compare it between runs.
   */
  cpuSeconds?: number;
  events: number;
  /**
   * Customers or messages the run carried: the count asked for, split evenly over the stations,
   * pairs or flows (a whole number each, at least one), so it may differ from what was asked.
   */
  count: number;
  /** The model's own rate (customers/s, messages/s...) and its unit. */
  rate: number;
  rateUnit: string;
  /** A value the model must reproduce (mean sojourn, mean RTT...): a determinism and sanity check. */
  check: number;
  checkName: string;
  /** Peak resident set size of the process so far (bytes). */
  peakRssBytes: number;
  /** Extra figures to print. */
  extra?: Record<string, number | string>;
}

/** Wall-clock and CPU seconds spent in `body` (benchmarks only: never inside a simulation). */
export function timeIt<T>(body: () => T): { value: T; seconds: number; cpuSeconds: number } {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const value = body();
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return { value, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** Peak RSS in bytes (maxRSS is in KiB on Linux). */
export function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

function format(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 1000 ? value.toFixed(0) : value.toPrecision(6);
}

/** One `key=value` line per result. */
export function formatResult(result: BenchmarkResult, baselineRate?: number): string {
  const fields: Record<string, string> = {
    bench: result.name,
    wall_s: result.wallSeconds.toFixed(3),
    ...(result.cpuSeconds === undefined ? {} : { cpu_s: result.cpuSeconds.toFixed(3) }),
    events: String(result.events),
    events_per_s: format(result.events / result.wallSeconds),
    count: String(result.count),
    [result.rateUnit]: format(result.rate),
    [result.checkName]: format(result.check),
    peak_rss_mib: (result.peakRssBytes / 2 ** 20).toFixed(1),
  };
  if (baselineRate !== undefined) fields.ratio_to_baseline = (result.rate / baselineRate).toFixed(3);
  for (const [key, value] of Object.entries(result.extra ?? {})) {
    fields[key] = typeof value === 'number' ? format(value) : value;
  }
  return Object.entries(fields)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

/** A number option of a benchmark script: whole (a count) or any positive number (a factor). */
export interface NumberOption {
  describe: string;
  default?: number;
  whole?: boolean;
  /** The largest value accepted: beyond it a run would take hours or exhaust memory. */
  max?: number;
}

/** What a benchmark script accepts on its command line. */
export interface BenchCommandLine {
  usage: string;
  numbers: Record<string, NumberOption>;
  flags?: Record<string, string>;
  /** Options taking a file name. */
  files?: Record<string, string>;
  /** One required positional argument and the values it may take. */
  positional?: { name: string; choices: readonly string[] };
}

/** The parsed command line: numbers (undefined when absent without a default), flags, files. */
export interface BenchArguments {
  numbers: Record<string, number | undefined>;
  flags: Set<string>;
  files: Record<string, string | undefined>;
  positional?: string;
}

/**
 * Parses a benchmark script's command line with yargs (strict: an unknown option or argument
 * is an error), checking that every number is positive, and whole where it counts something.
 * On bad usage prints the reason and the usage to stderr and exits with 2, before anything runs.
 */
export function parseBenchArguments(argv: readonly string[], spec: BenchCommandLine): BenchArguments {
  const parser = yargs([...argv])
    .usage(spec.usage)
    .strict()
    .help()
    .alias('help', 'h')
    .version(false)
    // --help prints the usage and ends the script (exit 0); bad usage goes to `fail` below.
    .exitProcess(true)
    .fail((message, error) => {
      console.error(`${message ?? error?.message}\n`);
      parser.showHelp('error');
      process.exit(2);
    });
  for (const [key, option] of Object.entries(spec.numbers)) {
    parser.option(key, {
      type: 'number',
      describe: option.describe,
      default: option.default,
      requiresArg: true,
    });
  }
  for (const [key, describe] of Object.entries(spec.flags ?? {}))
    parser.option(key, { type: 'boolean', describe });
  for (const [key, describe] of Object.entries(spec.files ?? {})) {
    parser.option(key, { type: 'string', describe, requiresArg: true });
  }
  const positional = spec.positional;
  if (positional) {
    parser.command(`$0 <${positional.name}>`, 'run one benchmark', (command) =>
      command.positional(positional.name, { type: 'string', choices: [...positional.choices] }),
    );
  } else parser.command('$0', 'run the benchmarks');
  parser.check((parsed) => {
    for (const [key, option] of Object.entries(spec.numbers)) {
      const value = parsed[key];
      if (value === undefined) continue;
      if (Array.isArray(value)) throw new Error(`--${key} is given more than once`);
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        const shown = typeof value === 'number' && Number.isNaN(value) ? 'something else' : String(value);
        throw new Error(`--${key} expects a positive number, got ${shown}`);
      }
      if (option.whole && !Number.isInteger(value))
        throw new Error(`--${key} expects a whole number, got ${value}`);
      if (option.max !== undefined && value > option.max)
        throw new Error(`--${key} expects at most ${option.max.toLocaleString('en')}, got ${value}`);
    }
    return true;
  });
  const parsed = parser.parseSync() as Record<string, unknown>;
  return {
    numbers: Object.fromEntries(
      Object.keys(spec.numbers).map((key) => [key, parsed[key] as number | undefined]),
    ),
    flags: new Set(Object.keys(spec.flags ?? {}).filter((key) => parsed[key] === true)),
    files: Object.fromEntries(
      Object.keys(spec.files ?? {}).map((key) => [key, parsed[key] as string | undefined]),
    ),
    positional: positional ? (parsed[positional.name] as string) : undefined,
  };
}
