import { performance } from 'node:perf_hooks';

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

/** Reads `--name value` from argv, or the default. */
export function argument(argv: readonly string[], name: string, fallback: number): number {
  const index = argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(argv[index + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} expects a positive number`);
  return value;
}
