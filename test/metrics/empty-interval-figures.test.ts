import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/report/format-summary.js';
import { reportHtml } from '../../src/report/html/report-page.js';
import { compareTheory } from '../../src/report/theory-measured.js';
import { run } from '../helpers/scenario.js';
import { shortBulkSummary } from '../helpers/short-bulk.js';
import { brokerScenario } from '../messaging/broker-scenario.js';
import { rowStarting, sectionOf, textOf } from '../report/html/page-text.js';

/** Two messages through a broker queue; the run ends within 0.1 s. */
const brokered = (warmup: number) =>
  run({
    ...brokerScenario({
      link: { bandwidth: '1Mbps', delay: '5ms' },
      consumers: [{ node: 'worker', processing: '10ms' }],
      broker: { queues: [{ name: 'jobs' }], consumers: [{ id: 'w', node: 'worker', queue: 'jobs' }] },
      flow: { publish: { queue: 'jobs' }, workload: { messages: 2, size: '1000B' } },
    }),
    warmup,
  }).summary;

const EMPTY_QUEUE = { meanPacketsWaiting: null, meanWaitSeconds: null, peakPacketsWaiting: null };
const EMPTY_WIRE = { meanBitsOnWire: null, peakBitsOnWire: null };

/**
 * The figures averaged over the measurement interval divide by t as the rates do: over an empty
 * interval (a warm-up that outlasts the run) they are null, not a 0 that reads as measured.
 */
describe('time-averaged figures over an empty measurement interval', () => {
  it('are null in the summary: sender and link utilisation, the buffer figures, broker backlogs', () => {
    const summary = shortBulkSummary(1);
    expect(summary.flows.f.senderUtilisation).toBeNull();
    const [forward, reverse] = summary.links['a-b'].directions;
    expect(forward).toMatchObject({
      utilisation: null,
      packetsTransmitted: 10,
      queue: EMPTY_QUEUE,
      wire: EMPTY_WIRE,
    });
    expect(reverse).toMatchObject({ utilisation: null, queue: EMPTY_QUEUE, wire: EMPTY_WIRE });
    const jobs = brokered(10).brokers!.broker.subscriptions.jobs;
    expect(jobs.depth).toEqual({ mean: null, max: null, final: 0 });
    // At the end one message was delivered and not yet acknowledged: the end's value stays.
    expect(jobs.lag).toEqual({ mean: null, max: null, final: 1 });
  });

  it('are measured, 0 included, over a short interval', () => {
    const summary = shortBulkSummary(0.0025);
    expect(summary.flows.f.senderUtilisation).toBeCloseTo(1, 9);
    const [forward, reverse] = summary.links['a-b'].directions;
    expect(forward.utilisation).toBeCloseTo(1, 9);
    expect(forward.queue.meanPacketsWaiting).toBeGreaterThan(0);
    expect(forward.queue.peakPacketsWaiting).toBe(7);
    // The way back carried nothing: idle all the interval, a measured 0.
    // A link of no delay holds no bits: a measured 0 too.
    expect(forward.wire).toEqual({ meanBitsOnWire: 0, peakBitsOnWire: 0 });
    expect(reverse).toMatchObject({
      utilisation: 0,
      queue: { meanPacketsWaiting: 0, meanWaitSeconds: 0, peakPacketsWaiting: 0 },
      wire: { meanBitsOnWire: 0, peakBitsOnWire: 0 },
    });
    const jobs = brokered(0).brokers!.broker.subscriptions.jobs;
    expect(jobs.depth.mean).toBeGreaterThan(0);
    expect(jobs.lag.max).toBe(2);
  });

  it('read n/a in the terminal summary and in report.html', () => {
    const summary = shortBulkSummary(1);
    const text = formatSummary(summary);
    expect(text).toContain('mean latency n/a, p99 n/a; sender utilisation n/a\n');
    expect(text).toContain(
      'a -> b (a-b): utilisation n/a, packets 10, dropped 0, lost 0; waiting mean n/a packets, peak n/a, mean wait n/a; on the wire peak n/a, mean n/a',
    );
    // The counts beside them are of the whole run, and say so.
    expect(text).toContain('Counts (whole run, warm-up included)\n  sent 10, delivered 10,');
    expect(text).toContain('sender utilisation n/a\n    whole run: sent 10, delivered 10,');
    const page = reportHtml(summary, null, { version: '0', scenarioFile: 'short.yaml', overrides: [] });
    expect(textOf(sectionOf(page, 'flows'))).toContain(
      'sender utilisation n/a; over the whole run, retransmissions 0 (timer expiries 0), duplicates 0.',
    );
    expect(textOf(sectionOf(page, 'counts'))).toContain('Counted over the whole run, the warm-up included.');
    expect(rowStarting(sectionOf(page, 'network'), 'a → b')).toEqual([
      'a → b',
      'a-b',
      'n/a',
      '10',
      '0',
      '0',
      '0',
      'n/a',
      'n/a',
      'n/a',
      'n/a',
      'n/a',
    ]);
    const broker = brokered(10);
    expect(formatSummary(broker)).toContain(
      'depth mean n/a, max n/a, at end 0; consumer lag mean n/a, max n/a, at end 1',
    );
    const brokerPage = reportHtml(broker, null, { version: '0', overrides: [] });
    const row = rowStarting(sectionOf(brokerPage, 'network'), 'queue jobs');
    expect(row.slice(-2)).toEqual(['n/a, n/a, 0', 'n/a, n/a, 1']);
  });

  it('give the theory no measured figure', () => {
    const summary = run({
      name: 'gbn',
      warmup: 10,
      nodes: [{ id: 's' }, { id: 'r' }],
      links: [{ between: ['s', 'r'], bandwidth: '8Mbps', delay: '1ms', loss: { forward: 0.1 } }],
      flows: [
        {
          id: 'f',
          from: 's',
          to: 'r',
          transport: { protocol: 'go-back-n', window: 8, timeout: '20ms' },
          workload: { messages: 50, size: '1000B' },
        },
      ],
    }).summary;
    const [key, prediction] = Object.entries(summary.theory)[0];
    expect(key).toBe('go-back-n:f');
    const busy = compareTheory(summary, key, prediction).find((row) => row.name === 'linkBusyFraction');
    expect(busy).toMatchObject({ measured: null, ratio: null });
  });
});
