import { describe, expect, it } from 'vitest';
import { formatBits } from '../../src/report/format-numbers.js';
import {
  formatBitsPerSecond,
  formatSeconds,
  formatSignificant,
  formatSummary,
} from '../../src/report/format-summary.js';
import { formatTheoryValue } from '../../src/report/html/theory-section.js';
import { smallRunResult } from './fake-run-results.js';

describe('number formatting', () => {
  it('keeps 6 significant digits with trailing zeros and plain notation down to 1e-4', () => {
    expect(formatSignificant(33.32444518493835)).toBe('33.3244');
    expect(formatSignificant(0.00026659577)).toBe('0.000266596');
    expect(formatSignificant(30)).toBe('30.0000');
    expect(formatSignificant(0.000008)).toBe('8.00000e-6');
    expect(formatSignificant(1234567.8)).toBe('1234568');
    expect(formatSignificant(0)).toBe('0');
    expect(formatSignificant(Number.NaN)).toBe('NaN');
  });

  it('picks time units by magnitude', () => {
    expect(formatSeconds(0.030008)).toBe('30.0080 ms');
    expect(formatSeconds(0.000008)).toBe('8.00000 µs');
    expect(formatSeconds(2.5e-9)).toBe('2.50000 ns');
    expect(formatSeconds(1.5)).toBe('1.50000 s');
    expect(formatSeconds(150)).toBe('2.50000 min');
    expect(formatSeconds(3600)).toBe('1.00000 h');
    expect(formatSeconds(365 * 86400)).toBe('365.000 d');
    expect(formatSeconds(0)).toBe('0 s');
    expect(formatSeconds(0.0123456, 3)).toBe('12.3 ms');
  });

  it('picks SI bit-rate prefixes by magnitude', () => {
    expect(formatBitsPerSecond(266596.3)).toBe('266.596 kbit/s');
    expect(formatBitsPerSecond(1e9)).toBe('1.00000 Gbit/s');
    expect(formatBitsPerSecond(999)).toBe('999.000 bit/s');
    expect(formatBitsPerSecond(12.5e6)).toBe('12.5000 Mbit/s');
    expect(formatBitsPerSecond(0)).toBe('0 bit/s');
  });

  it('picks SI prefixes for amounts of bits, and theory values named …Bits get them', () => {
    expect(formatBits(160_000)).toBe('160.000 kbit');
    expect(formatBits(8e7)).toBe('80.0000 Mbit');
    expect(formatBits(999)).toBe('999.000 bit');
    expect(formatBits(0)).toBe('0 bit');
    expect(formatTheoryValue('bandwidthDelayBits', 8e7)).toBe('80.0000 Mbit');
  });
});

describe('formatSummary', () => {
  const text = formatSummary(smallRunResult().summary);

  it('names the scenario and the interval', () => {
    expect(text).toMatch(
      /^Scenario tiny-stop-and-wait \(seed 7, replication 0\)\n {2}Five messages, one failure\.\n/,
    );
    expect(text).toContain('Interval 0 s to 2.00000 s (t = 2.00000 s)');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('shows T = N / t with N and t, goodput and wire throughput', () => {
    expect(text).toContain('T = N / t = 5 / 2.00000 s = 2.50000 messages/s');
    expect(text).toContain('goodput 20.0000 kbit/s, wire throughput 22.4000 kbit/s');
  });

  it('shows latency statistics and the breakdown by component with units by magnitude', () => {
    expect(text).toContain('mean 16.4000 ms, p50 12.0000 ms, p95 30.0000 ms, p99 30.0000 ms, max 30.0000 ms');
    expect(text).toMatch(/trans +8\.00000 µs +8\.00000 µs/);
    expect(text).toMatch(/proc +400\.000 µs +1\.00000 ms/);
    expect(text).toMatch(/wait +2\.10000 ms +15\.0000 ms/);
    expect(text).toContain('fraction of messages that never queued 0.600000');
  });

  it('shows availability per node: analytic, measured, MTTF and MTTR with CI, cycles', () => {
    expect(text).toContain('sender: no failure process, measured 1.00000, 0 cycles');
    expect(text).toContain('server: analytic 0.923077, measured 0.875000, 1 cycle');
    expect(text).toContain('observed MTTF 500.000 ms (95% CI 250.000 ms to 750.000 ms)');
    expect(text).toContain('MTTR 250.000 ms (95% CI 125.000 ms to 375.000 ms)');
  });

  it('shows counts with drop and loss reasons', () => {
    expect(text).toContain(
      'sent 6, delivered 5, retransmissions 2 (timer expiries 3), duplicates 1, failed 0, in flight 1',
    );
    expect(text).toContain('dropped: none');
    expect(text).toContain('lost: linkLoss 2, nodeDown 1');
  });

  it('shows the copies duplicating links made, only when there were some', () => {
    expect(text).toContain('packets: sent 13 (data 8, ACKs 5); dropped: none; lost: linkLoss 3');
    const summary = structuredClone(smallRunResult().summary);
    summary.counts.packets.duplicated = 4;
    summary.counts.packets.lost.corrupted = 1;
    expect(formatSummary(summary)).toContain(
      'packets: sent 13 (data 8, ACKs 5); duplicated on the wire 4; dropped: none; lost: linkLoss 3, corrupted 1',
    );
  });

  it('shows each flow with sender utilisation to 6 significant digits', () => {
    expect(text).toContain('f1: sender -> server, stop-and-wait, completed at 1.98760 s');
    expect(text).toContain('sender utilisation 0.000266596');
  });

  it('shows each theory prediction with its formula and values', () => {
    expect(text).toContain('stopAndWaitThroughput: T = 1 / (t_trans + 2 t_prop + t_proc)');
    expect(text).toContain('t_trans = 8.00000e-6, t_prop = 0.0100000, T = 33.3244');
  });
});

describe('formatSummary for a long run', () => {
  it('keeps t in seconds in T = N / t so the division can be checked', () => {
    const summary = smallRunResult().summary;
    summary.throughput = {
      ...summary.throughput,
      delivered: 120000,
      intervalSeconds: 3600.5,
      messagesPerSecond: 120000 / 3600.5,
    };
    expect(formatSummary(summary)).toContain('T = N / t = 120000 / 3600.50 s = 33.3287 messages/s');
  });
});

describe('formatSummary of huge latencies', () => {
  it('keeps two spaces between the component columns however wide the figures', () => {
    const summary = structuredClone(smallRunResult().summary);
    summary.latency.components.wait.mean = 1.5e300;
    summary.latency.components.wait.p99 = 2.5e300;
    const row = formatSummary(summary)
      .split('\n')
      .find((line) => line.trimStart().startsWith('wait '));
    const cells = row?.trim().split(/\s{2,}/);
    expect(cells).toHaveLength(3);
    expect(cells?.[1]).toMatch(/e\+29\d d$/);
  });
});

describe('formatSummary of an empty interval', () => {
  it('says that nothing was measured when the run ended within the warm-up', () => {
    const summary = structuredClone(smallRunResult().summary);
    summary.interval = { from: 20, to: 20 };
    summary.simulatedSeconds = 20;
    summary.throughput.intervalSeconds = 0;
    const text = formatSummary(summary);
    expect(text).toContain(
      'nothing was measured: the interval starts at the end of the warm-up or the first send, ' +
        'whichever is later (20.0000 s), and the run ended there',
    );
    // N / 0 is no rate (the summary's figure is 0).
    expect(text).toMatch(/T = N \/ t = \d+ \/ 0 s = undefined \(t = 0\)\n/);
    expect(formatSummary(smallRunResult().summary)).not.toContain('nothing was measured');
  });

  it('says when latency percentiles come from a histogram', () => {
    const summary = structuredClone(smallRunResult().summary);
    summary.latency.percentiles = 'histogram (relative error <= 0.5%)';
    expect(formatSummary(summary)).toContain(
      'percentiles from a histogram (relative error <= 0.5%) (means, maxima and counts exact)',
    );
    expect(formatSummary(smallRunResult().summary)).not.toContain('percentiles from a');
  });

  it('explains messages still in flight when the run stopped', () => {
    const summary = structuredClone(smallRunResult().summary);
    summary.counts.inFlight = 3;
    expect(formatSummary(summary)).toContain('3 not ended when the run stopped');
    summary.counts.inFlight = 0;
    expect(formatSummary(summary)).not.toContain('not ended when the run stopped');
  });
});
