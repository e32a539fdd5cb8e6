import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/metrics/summary.js';
import { reportHtml } from '../../../src/report/html/report-page.js';
import type { ScenarioInput } from '../../../src/scenario/schema.js';
import { run } from '../../helpers/scenario.js';
import { stopAndWaitScenario } from '../../helpers/stop-and-wait-scenario.js';
import { smallRunResult } from '../fake-run-results.js';
import { rowStarting, sectionOf, tableRows, textOf } from './page-text.js';

const CONTEXT = { version: '9.9.9', scenarioFile: 'saw.yaml', overrides: [] };

/**
 * Five 1000 B messages by stop-and-wait over 1 Mbit/s, 10 ms each way, 40 B ACKs, all ready at
 * 0: a cycle is 8 + 20 + 0.32 = 28.32 ms, so t = 5 · 28.32 = 141.6 ms and T = 5 / 0.1416 s =
 * 35.3107 messages/s. Message i (from 0) waits i cycles, then takes 8 ms to send and 10 ms to
 * arrive: t_wait has mean 2 · 28.32 = 56.64 ms and L = 74.64 ms (max 4 · 28.32 + 18 = 131.28 ms).
 */
const fiveMessages = run(stopAndWaitScenario({ messages: 5, timeout: '100ms' }));

/** Twenty datagrams over a link that loses every 4th packet: 15 delivered, 5 lost to the link. */
const periodicLoss: ScenarioInput = {
  name: 'every-fourth-lost',
  nodes: [{ id: 's' }, { id: 'r' }],
  links: [{ between: ['s', 'r'], bandwidth: '1Mbps', delay: '10ms', loss: { model: 'periodic', every: 4 } }],
  flows: [
    {
      id: 'f',
      from: 's',
      to: 'r',
      transport: { protocol: 'datagram' },
      workload: { messages: 20, size: '100B' },
    },
  ],
} as ScenarioInput;

describe('report.html of a hand-checked stop-and-wait run', () => {
  const page = reportHtml(fiveMessages.summary, null, CONTEXT);

  it('gives T = N / t with N and t', () => {
    const throughput = sectionOf(page, 'throughput');
    expect(textOf(throughput)).toContain('T = N / t = 5 / 141.600 ms = 35.3107 messages/s');
    expect(rowStarting(throughput, 'N')[2]).toBe('5');
    expect(rowStarting(throughput, 't')[2]).toBe('141.600 ms');
    expect(rowStarting(throughput, 'T')[2]).toBe('35.3107 messages/s');
  });

  it('splits the latency into components whose means add up to the mean latency', () => {
    const latency = sectionOf(page, 'latency');
    // Columns: component, what it is, mean, share of L, p50, p95, p99, max.
    expect(rowStarting(latency, 'ttrans').slice(2, 4)).toEqual(['8.00000 ms', '10.72%']);
    expect(rowStarting(latency, 'tprop')[2]).toBe('10.0000 ms');
    expect(rowStarting(latency, 'tqueue')[2]).toBe('0 s');
    expect(rowStarting(latency, 'tproc')[2]).toBe('0 s');
    expect(rowStarting(latency, 'twait')[2]).toBe('56.6400 ms');
    expect(rowStarting(latency, 'sum').slice(2, 4)).toEqual(['74.6400 ms', '100.0%']);
    const total = rowStarting(latency, 'L');
    expect(total[2]).toBe('74.6400 ms');
    expect(total[4]).toBe('74.6400 ms');
    expect(total[7]).toBe('131.280 ms');
  });

  it('sets the theory beside the measured values with their ratio', () => {
    const theory = sectionOf(page, 'theory');
    expect(theory).toContain('stop-and-wait:f');
    // U = (L/R) / cycle = 8 / 28.32.
    expect(rowStarting(theory, 'utilisation').slice(1, 4)).toEqual(['0.282486', '0.282486', '1.00000']);
    expect(rowStarting(theory, 'messagesPerSecond').slice(1, 4)).toEqual([
      '35.3107 /s',
      '35.3107 /s',
      '1.00000',
    ]);
    // The cycle is an input of the formula: no measured value, no ratio.
    expect(rowStarting(theory, 'cycleSeconds').slice(1, 4)).toEqual(['28.3200 ms', '—', '—']);
  });

  it('divides the measured value by the predicted one', () => {
    const summary = structuredClone(fiveMessages.summary);
    summary.theory['stop-and-wait:f'].values.messagesPerSecond *= 2;
    const theory = sectionOf(reportHtml(summary, null, CONTEXT), 'theory');
    expect(rowStarting(theory, 'messagesPerSecond').slice(1, 4)).toEqual([
      '70.6215 /s',
      '35.3107 /s',
      '0.500000',
    ]);
  });

  it('lists each link direction with its utilisation, packets, buffer and wire', () => {
    const network = sectionOf(page, 'network');
    // Columns: direction, link, utilisation, packets, dropped, lost, reordered, mean and peak
    // waiting, mean wait, peak and mean bits on the wire. Each 8000-bit packet is whole on the
    // wire for a moment (8 ms to send, 10 ms to cross) and each bit spends 10 ms there:
    // 5 · 8000 · 0.01 bit-seconds over 141.6 ms.
    expect(rowStarting(network, 's → r')).toEqual([
      's → r',
      's-r',
      '0.282486',
      '5',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0 s',
      '8.00000 kbit',
      '2.82486 kbit',
    ]);
    // The five ACKs of 40 B take 0.32 ms each.
    expect(rowStarting(network, 'r → s').slice(2, 4)).toEqual(['0.0112994', '5']);
  });

  it('names what was run and how to run it again', () => {
    const header = textOf(page.slice(0, page.indexOf('</header>')));
    expect(header).toContain('Seed1');
    expect(header).toContain('msgsim9.9.9');
    expect(header).toContain('Simulated time141.600 ms');
    expect(header).toContain('msgsim run saw.yaml --seed 1');
  });
});

describe('packets overtaken on the wire', () => {
  // Jitter from 1 to 30 ms on a link that may reorder: later packets often arrive first.
  const jittery = {
    ...periodicLoss,
    name: 'jitter',
    links: [
      {
        between: ['s', 'r'],
        bandwidth: '1Mbps',
        delay: { dist: 'uniform', min: '1ms', max: '30ms' },
        reorder: true,
      },
    ],
  } as ScenarioInput;
  const { summary } = run(jittery);
  const page = reportHtml(summary, null, CONTEXT);

  it('are called reordered, as summary.json calls them, and explained as overtaken', () => {
    const reordered = summary.counts.packets.reordered ?? 0;
    expect(reordered).toBeGreaterThan(0);
    expect(textOf(sectionOf(page, 'counts'))).toContain(`; reordered ${reordered} (overtaken on the wire);`);
    const network = sectionOf(page, 'network');
    const [header] = tableRows(network);
    expect(header).toContain('reordered');
    expect(header).not.toContain('overtaken');
    expect(rowStarting(network, 's → r')[header.indexOf('reordered')]).toBe(String(reordered));
    expect(textOf(network)).toContain(
      'Reordered: packets overtaken on the wire, that arrived after one that left later.',
    );
  });

  it("say over which time utilisation is measured: to the links' close, not the interval's end", () => {
    expect(textOf(sectionOf(page, 'network'))).toContain(
      "Utilisation: the share of the time the direction's transmitter was busy, from the interval's start to the last flow's completion or the run's end",
    );
  });
});

describe('the message ledger', () => {
  it('shows sent as the sum of delivered, failed, dropped, lost and in flight, with the reasons', () => {
    const counts = sectionOf(reportHtml(run(periodicLoss).summary, null, CONTEXT), 'counts');
    expect(textOf(counts)).toContain('20 = 15 + 0 + 0 + 5 + 0 ✓ adds up');
    expect(rowStarting(counts, 'lost').slice(1)).toEqual(['5', 'linkLoss 5']);
    expect(rowStarting(counts, 'delivered')[1]).toBe('15');
  });

  it('says so when the counts do not add up', () => {
    // The hand-built result counts 6 sent but 5 delivered, 3 lost and 1 in flight.
    const counts = sectionOf(reportHtml(smallRunResult().summary, null, CONTEXT), 'counts');
    expect(textOf(counts)).toContain('6 = 5 + 0 + 0 + 3 + 1 ✗ does not add up: 9 accounted for');
  });
});

describe('charts in the page', () => {
  const charts = [
    { fileName: 'throughput.png', caption: 'What the first shows.', png: Buffer.from('first image') },
    { fileName: 'latency-breakdown.png', caption: 'What the second shows.', png: Buffer.from('second') },
  ];

  it('embeds each chart as a PNG data URI with its caption', () => {
    const section = sectionOf(reportHtml(fiveMessages.summary, charts, CONTEXT), 'charts');
    const sources = [...section.matchAll(/<img src="data:image\/png;base64,([^"]*)"/g)].map((match) =>
      Buffer.from(match[1], 'base64').toString(),
    );
    expect(sources).toEqual(['first image', 'second']);
    expect(textOf(section)).toContain('Figure 2. What the second shows. (latency-breakdown.png)');
  });

  it('says that charts were left out with --no-charts, and shows no image', () => {
    const page = reportHtml(fiveMessages.summary, null, CONTEXT);
    expect(page).not.toContain('<img');
    expect(sectionOf(page, 'charts')).toContain('--no-charts');
  });
});

describe('a self-contained, safe page', () => {
  const hostile = '<script>alert(1)</script>';
  function hostileResult(): RunResult {
    const result = smallRunResult();
    const { summary } = result;
    summary.scenario = hostile;
    summary.description = `<img src=x onerror=alert(2)> & "quotes"`;
    summary.flows = { '"><svg onload=alert(3)>': summary.flows.f1 };
    summary.theory = { 'm:<b>': { formula: '</code><script>', values: { '<i>': 1 } } };
    return result;
  }
  const page = reportHtml(hostileResult().summary, null, {
    version: '1<2',
    scenarioFile: '<evil>.yaml',
    overrides: ['name=</code><script>x</script>'],
    scenarioSource: `name: x\ndescription: </pre><script>bad()</script>\n`,
  });

  it('escapes every text that comes from the scenario', () => {
    expect(page).not.toMatch(/<script|<svg|<img src=x|<b>|<i>|<evil>/i);
    expect(page).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(page).toContain('&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quotes&quot;');
    expect(textOf(sectionOf(page, 'scenario'))).toContain('description: </pre><script>bad()</script>');
  });

  it('fetches nothing: no scripts, style sheets, fonts or images from elsewhere', () => {
    const withChart = reportHtml(
      smallRunResult().summary,
      [{ fileName: 'a.png', caption: 'c', png: Buffer.from('png') }],
      CONTEXT,
    );
    for (const markup of [page, withChart]) {
      expect(markup).not.toMatch(/<script|<link|<iframe|<object|@import|url\(/i);
      for (const [, source] of markup.matchAll(/\ssrc="([^"]*)"/g))
        expect(source).toMatch(/^data:image\/png;base64,/);
      for (const [, target] of markup.matchAll(/\shref="([^"]*)"/g)) {
        expect(target).toMatch(/^#/);
        expect(markup).toContain(`id="${target.slice(1)}"`);
      }
    }
  });
});

describe('determinism', () => {
  const lossy = (seed: number) => stopAndWaitScenario({ messages: 40, timeout: '100ms', loss: 0.2, seed });

  it('gives the same page for the same scenario and seed, another for another seed', () => {
    const first = reportHtml(run(lossy(3)).summary, null, CONTEXT);
    expect(reportHtml(run(lossy(3)).summary, null, CONTEXT)).toBe(first);
    expect(reportHtml(run(lossy(4)).summary, null, CONTEXT)).not.toBe(first);
  });
});
