import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/report/format-summary.js';
import { reportHtml } from '../../src/report/html/report-page.js';
import { shortBulkSummary } from '../helpers/short-bulk.js';

describe('a latency section without figures says why', () => {
  it('a bulk transfer behind a warm-up: delivered in the interval, none created after the warm-up', () => {
    // Ten 1 ms transmissions from t = 0; the warm-up ends at 2.5 ms: 8 delivered after it.
    const summary = shortBulkSummary(0.0025);
    expect(summary.throughput.delivered).toBe(8);
    expect(summary.latency.count).toBe(0);
    expect(formatSummary(summary)).toContain(
      'offered load 0 messages/s (no message was created after the warm-up)',
    );
    expect(formatSummary(summary)).toContain(
      'Latency (0 messages)\n  none of the 8 messages delivered in the interval was created after the warm-up, ' +
        'and latency covers only those: shorten the warm-up to measure theirs',
    );
  });

  it('report.html says the same, for the run and for the flow', () => {
    const page = reportHtml(shortBulkSummary(0.0025), null, {
      version: '0',
      scenarioFile: 'bulk.yaml',
      overrides: [],
    });
    const reason =
      '<p>None of the 8 messages delivered in the interval was created after the warm-up, and latency ' +
      'covers only those: shorten the warm-up to measure theirs.</p>';
    expect(page.split(reason)).toHaveLength(3);
    expect(page).toContain('<td class="num">0 messages/s (no message was created after the warm-up)</td>');
  });

  it('nothing delivered at all: says so', () => {
    // The warm-up outlasts the transfer: nothing is delivered after it.
    const summary = shortBulkSummary(1);
    expect(summary.throughput.delivered).toBe(0);
    expect(formatSummary(summary)).toContain(
      'Latency (0 messages)\n  no message was delivered in the interval',
    );
  });
});

describe('a run that measured nothing says why', () => {
  it('a warm-up that outlasts the run: says so, with both times', () => {
    // Ten 1 ms transmissions: the run ends at 10 ms, inside a warm-up of 1 s.
    const summary = shortBulkSummary(1);
    expect(summary.simulatedSeconds).toBeCloseTo(0.01, 12);
    expect(formatSummary(summary)).toContain(
      '  nothing was measured: the warm-up (1.00000 s) outlasts the run, which ended at 10.0000 ms; ' +
        'shorten the warm-up or lengthen the run\n',
    );
    const page = reportHtml(summary, null, { version: '0', scenarioFile: 'short.yaml', overrides: [] });
    expect(page).toContain(
      '<p class="warning">Nothing was measured: the warm-up (1.00000 s) outlasts the run, which ended at 10.0000 ms; ' +
        'shorten the warm-up or lengthen the run.</p>',
    );
    expect(formatSummary(shortBulkSummary(0.0025))).not.toContain('nothing was measured');
  });
});
