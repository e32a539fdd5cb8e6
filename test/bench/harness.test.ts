import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BenchCommandLine, formatResult, parseBenchArguments } from '../../bench/harness.js';

const spec: BenchCommandLine = {
  usage: 'usage: run-one NAME [--count N] [--size K]',
  numbers: {
    count: { describe: 'messages', default: 1000, whole: true, max: 1e9 },
    size: { describe: 'pairs', default: 1, whole: true, max: 100_000 },
    scale: { describe: 'factor', default: 1, max: 100 },
  },
  flags: { json: 'print JSON' },
  positional: { name: 'name', choices: ['mm1', 'pingpong'] },
};

/** Parses `argv`; on a refusal, the message printed and the exit code instead of exiting. */
function parse(argv: string[]): { exit: number; message: string } | ReturnType<typeof parseBenchArguments> {
  const printed: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => printed.push(parts.join(' ')));
  vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw Object.assign(new Error('exit'), { exitCode: code });
  });
  try {
    return parseBenchArguments(argv, spec);
  } catch (error) {
    const exitCode = (error as { exitCode?: number }).exitCode;
    if (exitCode === undefined) throw error;
    return { exit: exitCode, message: printed[0] ?? '' };
  }
}

afterEach(() => vi.restoreAllMocks());

describe('bench harness: command line', () => {
  it('reads numbers, flags and the name, with defaults for what is absent', () => {
    const parsed = parse(['pingpong', '--count', '2000', '--json']);
    expect(parsed).toEqual({
      numbers: { count: 2000, size: 1, scale: 1 },
      flags: new Set(['json']),
      files: {},
      positional: 'pingpong',
    });
  });

  it.each([
    [['pingpong', '--count', '0'], '--count expects a positive number, got 0'],
    [['pingpong', '--count', '-5'], '--count expects a positive number, got -5'],
    [['pingpong', '--count', '1.5'], '--count expects a whole number, got 1.5'],
    [['pingpong', '--size', '1000000'], '--size expects at most 100,000, got 1000000'],
    [['pingpong', '--count', '1e10'], '--count expects at most 1,000,000,000, got 10000000000'],
    [['pingpong', '--scale', '1e400'], '--scale expects a positive number, got Infinity'],
    [['pingpong', '--count', '10', '--count', '20'], '--count is given more than once'],
    [['nosuch'], 'Invalid values:'],
    [['pingpong', '--bogus'], 'Unknown argument: bogus'],
  ])('refuses %j with exit code 2 before anything runs', (argv, message) => {
    const parsed = parse(argv);
    expect(parsed).toMatchObject({ exit: 2 });
    expect((parsed as { message: string }).message).toContain(message);
  });
});

describe('bench harness: result line', () => {
  it('prints every figure as key=value, the count carried and the ratio to the baseline', () => {
    const line = formatResult(
      {
        name: 'pingpong-100-pairs',
        wallSeconds: 0.5,
        cpuSeconds: 0.625,
        events: 4_000_100,
        count: 1_000_000,
        rate: 2_000_000,
        rateUnit: 'messages_per_s',
        check: 206.7665,
        checkName: 'mean_rtt_us',
        peakRssBytes: 80 * 2 ** 20,
        extra: { retransmissions: 0 },
      },
      500_000,
    );
    expect(line).toBe(
      'bench=pingpong-100-pairs wall_s=0.500 cpu_s=0.625 events=4000100 events_per_s=8000200 ' +
        'count=1000000 messages_per_s=2000000 mean_rtt_us=206.767 peak_rss_mib=80.0 ' +
        'ratio_to_baseline=4.000 retransmissions=0',
    );
  });
});
