import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/report/format-summary.js';
import { reportHtml } from '../../src/report/html/report-page.js';
import { noTheoryLines } from '../../src/report/no-theory.js';
import { smallRunResult } from './fake-run-results.js';

describe('flows without a prediction', () => {
  it('are grouped by why, five named and the rest counted', () => {
    const shared = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [`f${i + 1}`, "its link also carries the brokers' traffic"]),
    );
    expect(noTheoryLines({ solo: 'its arrivals are not Poisson', ...shared })).toEqual([
      'no formula for solo: its arrivals are not Poisson',
      "no formula for f1, f2, f3, f4, f5 and 3 more flows, each: its link also carries the brokers' traffic",
    ]);
    expect(noTheoryLines(undefined)).toEqual([]);
  });

  it('are listed under Theory in the terminal and in report.html, even with no prediction at all', () => {
    const summary = structuredClone(smallRunResult().summary);
    summary.theory = {};
    summary.noTheory = { f1: 'its link loses or corrupts packets' };
    expect(formatSummary(summary)).toContain(
      'Theory (closed-form predictions, SI units)\n  no formula for f1: its link loses or corrupts packets\n',
    );
    const page = reportHtml(summary, null, { version: '0', scenarioFile: 'x.yaml', overrides: [] });
    expect(page).toContain('<li>No formula for f1: its link loses or corrupts packets.</li>');
    expect(page).toContain('<a href="#theory">');
    summary.noTheory = {};
    expect(formatSummary(summary)).not.toContain('Theory');
  });
});
