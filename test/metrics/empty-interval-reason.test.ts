import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/report/format-summary.js';
import { reportHtml } from '../../src/report/html/report-page.js';
import { run } from '../helpers/scenario.js';
import { shortBulkSummary } from '../helpers/short-bulk.js';

const link = { between: ['a', 'b'] as [string, string], bandwidth: '8Mbps', delay: 0 };

import { rowStarting, sectionOf, textOf } from '../report/html/page-text.js';

/**
 * summary.json says why an interval is empty (its `empty`), and the terminal and report.html
 * show an empty interval as such, not as an interval after the end of the run.
 */
describe('an empty measurement interval', () => {
  it('records why in summary.json: ended within the warm-up, for the run, each flow and the requests', () => {
    const summary = shortBulkSummary(1);
    expect(summary.interval).toEqual({ from: 1, to: 1, empty: 'endedInWarmup' });
    expect(summary.flows.f.interval).toEqual({ from: 1, to: 1, empty: 'endedInWarmup' });
    // Not empty: no `empty` at all.
    expect(Object.keys(shortBulkSummary(0.0025).interval)).toEqual(['from', 'to']);
    const rpc = run({
      name: 'rpc',
      warmup: 10,
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [{ ...link, delay: '1ms' }],
      flows: [
        {
          id: 'rpc',
          from: 'a',
          to: 'b',
          workload: { messages: 5, size: '100B' },
          pattern: { kind: 'request-reply', mode: 'sync', replySize: '100B' },
        },
      ],
    }).summary;
    expect(rpc.flows.rpc.requests!.interval.empty).toBe('endedInWarmup');
  });

  it('records a flow that completed within the warm-up while the run went on', () => {
    const summary = run({
      name: 'two',
      warmup: 0.02,
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [link],
      flows: [
        { id: 'f', from: 'a', to: 'b', workload: { messages: 1, size: '1000B' } },
        { id: 'g', from: 'a', to: 'b', workload: { messages: 1, size: '1000B', start: '50ms' } },
      ],
    }).summary;
    expect(summary.interval.empty).toBeUndefined();
    expect(summary.flows.f.interval).toEqual({ from: 0.02, to: 0.02, empty: 'endedInWarmup' });
    expect(summary.flows.g.interval.empty).toBeUndefined();
  });

  it('stands at the end of the warm-up also when a flow never ended', () => {
    // The sender is down for good from t = 0: its flow never ends, and the run ends at once.
    const summary = run({
      name: 'dead-at-start',
      warmup: 1,
      nodes: [{ id: 'a', persistent: true }, { id: 'b' }],
      links: [{ ...link, delay: '1ms' }],
      flows: [
        {
          id: 'f',
          from: 'a',
          to: 'b',
          transport: { protocol: 'stop-and-wait', timeout: '10ms' },
          workload: { messages: 3, size: '10B' },
        },
      ],
      faults: [{ at: '0s', crash: 'a' }],
    }).summary;
    expect(summary.flows.f.completedAt).toBeNull();
    expect(summary.interval).toEqual({ from: 1, to: 1, empty: 'endedInWarmup' });
    expect(formatSummary(summary)).toContain(
      'Interval empty (t = 0 s): the warm-up ends at 1.00000 s, after the run; run ended at 0 s',
    );
  });

  it('records one that ends where it starts, after the warm-up, as endedAtStart', () => {
    // Size 0 over a link without delay: delivered as it is sent, at 10 ms.
    const summary = run({
      name: 'instant',
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [link],
      flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 1, size: '0B', start: '10ms' } }],
    }).summary;
    expect(summary.interval).toEqual({ from: 0.01, to: 0.01, empty: 'endedAtStart' });
    expect(formatSummary(summary)).toContain(
      'Interval empty (t = 0 s): it starts and ends at 10.0000 ms; run ended at 10.0000 ms',
    );
  });

  it('reads as empty in the terminal and report.html, with the warm-up ending after the run', () => {
    const summary = shortBulkSummary(1);
    const text = formatSummary(summary);
    expect(text).toContain(
      'Interval empty (t = 0 s): the warm-up ends at 1.00000 s, after the run; run ended at 10.0000 ms after',
    );
    expect(text).not.toContain('1.00000 s to 1.00000 s');
    // The line that says why stays below it.
    expect(text).toContain(
      '  nothing was measured: the warm-up (1.00000 s) outlasts the run, which ended at 10.0000 ms;',
    );
    const page = reportHtml(summary, null, { version: '0', scenarioFile: 'short.yaml', overrides: [] });
    expect(page).toContain(
      '<dt>Measured interval</dt><dd>empty (t = 0 s): the warm-up ends at 1.00000 s, after the run</dd>',
    );
    expect(rowStarting(sectionOf(page, 'throughput'), 't')).toEqual([
      't',
      'the measured interval, empty: the warm-up ends at 1.00000 s, after the run',
      '0 s',
    ]);
    expect(textOf(page)).not.toContain('1.00000 s to 1.00000 s');
  });

  it('says the flows completed within the warm-up when the run went on after them', () => {
    const summary = structuredClone(shortBulkSummary(0.0025));
    // As if the run had gone on to 30 ms behind a warm-up of 20 ms, its one flow done at 10 ms.
    summary.interval = { from: 0.02, to: 0.02, empty: 'endedInWarmup' };
    summary.simulatedSeconds = 0.03;
    const text = formatSummary(summary);
    expect(text).toContain(
      'Interval empty (t = 0 s): the warm-up ends at 20.0000 ms, after the flows completed;',
    );
    expect(text).toContain(
      'nothing was measured: the warm-up (20.0000 ms) outlasts the flows, which completed by 10.0000 ms; ' +
        'shorten the warm-up or lengthen the run',
    );
  });
});

describe('an interval whose ends are one instant up to the clock’s rounding', () => {
  // Ten messages a second from 0, each 10 ms on the wire and 10 ms across: deliveries at 0.02,
  // 0.12, ..., 0.42 s, the last computed as 0.42000000000000004. A warm-up typed as 0.42 s ends
  // at that delivery: the interval is empty, not 5.6e-17 s long with T = 1.8e16 messages/s.
  const summary = run({
    name: 'rounding',
    warmup: '0.42s',
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [{ between: ['a', 'b'], bandwidth: '1Mbps', delay: '10ms' }],
    flows: [
      {
        id: 'A',
        from: 'a',
        to: 'b',
        workload: { rate: 10, arrivals: 'constant', size: '1250B', stop: '0.5s' },
      },
    ],
  }).summary;

  it('is empty, ended in the warm-up, with no rate', () => {
    expect(summary.flows.A.completedAt).toBeGreaterThan(0.42);
    expect(summary.interval).toEqual({ from: 0.42, to: 0.42, empty: 'endedInWarmup' });
    expect(summary.flows.A.interval.empty).toBe('endedInWarmup');
    expect(summary.throughput.messagesPerSecond).toBeNull();
    expect(summary.flows.A.throughput.goodputBitsPerSecond).toBeNull();
  });
});
