import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../../src/report/html/report-page.js';
import { run } from '../../helpers/scenario.js';
import { rowStarting, sectionOf, textOf } from './page-text.js';

/** Fifty stop-and-wait messages over a lossy link: the run ends at about 2.3 s. */
const lossy = (warmup: number) =>
  run({
    name: 'bulk',
    warmup,
    nodes: [{ id: 'sender' }, { id: 'receiver' }],
    links: [{ between: ['sender', 'receiver'], bandwidth: '10Mbps', delay: '15ms', loss: 0.05 }],
    flows: [
      {
        id: 'bulk',
        from: 'sender',
        to: 'receiver',
        transport: { protocol: 'stop-and-wait', timeout: '100ms' },
        workload: { messages: 50, size: '1000B' },
      },
    ],
  }).summary;

const theoryOf = (warmup: number) =>
  sectionOf(reportHtml(lossy(warmup), null, { version: '0', overrides: [] }), 'theory');

describe("report.html's theory over an empty interval", () => {
  it('says plainly that nothing was measured, value by value', () => {
    const theory = theoryOf(10);
    expect(textOf(theory)).toContain(
      'Nothing was measured: the interval is empty (the warm-up ends at 10.0000 s, after the run). ' +
        'Only figures over the whole run have a measured value, and say so.',
    );
    for (const name of ['messagesPerSecond', 'goodputBitsPerSecond', 'utilisation', 'transmissionSeconds']) {
      expect(rowStarting(theory, name).slice(2)).toEqual([
        '—',
        '—',
        'nothing was measured: the interval is empty',
      ]);
    }
    // An input of the formula stays one.
    expect(rowStarting(theory, 'cycleSeconds')[4]).toBe('input of the formula, or not measured by the run');
  });

  it('labels the figures from whole-run counts as such, over an empty interval or not', () => {
    for (const warmup of [10, 0]) {
      const row = rowStarting(theoryOf(warmup), 'transmissionsPerMessage');
      expect(row[2]).not.toBe('—');
      expect(row[4]).toBe('data copies sent / delivered, over the whole run');
    }
    const measured = theoryOf(0);
    expect(textOf(measured)).not.toContain('Nothing was measured');
    expect(rowStarting(measured, 'messagesPerSecond')[4]).toBe('T = N / t of the flow');
  });
});
