import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/report/format-summary.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

const DIGITS = 12;
/** Stop-and-wait cycle over 1 Mbit/s, 10 ms: 8 ms data + 20 ms RTT + 0.32 ms ACK. */
const CYCLE = 0.02832;

describe('scripted crash of the receiver during a datagram stream', () => {
  it('loses exactly the messages arriving while it is down (nodeDown)', () => {
    // 100 msg/s from t = 0: message k leaves at 10k ms and arrives 0.8 + 5 = 5.8 ms later.
    // r is down over [102, 203) ms: arrivals at 105.8 ... 195.8 ms (k = 10 ... 19) are lost.
    const recorder = recordingProbe();
    const { summary } = run(
      {
        name: 'rx-crash',
        nodes: [{ id: 's' }, { id: 'r' }],
        links: [{ between: ['s', 'r'], bandwidth: '10Mbps', delay: '5ms' }],
        flows: [{ id: 'f', from: 's', to: 'r', workload: { messages: 50, rate: 100, size: '1000B' } }],
        faults: [
          { at: '102ms', crash: 'r' },
          { at: '203ms', recover: 'r' },
        ],
      },
      { probes: [recorder.probe] },
    );
    expect(summary.counts.lost).toEqual({ nodeDown: 10 });
    expect(summary.counts.delivered).toBe(40);
    // A scripted outage is measured as it is: no steady state, so no "too few cycles" note.
    const r = summary.availability.nodes.r;
    expect(r.analytic).toBeNull();
    expect(r.downSeconds).toBeCloseTo(0.101, 12);
    expect(r.note).toBeUndefined();
    const lostIds = recorder.resolved.filter((m) => m.fate.kind === 'lost').map((m) => m.id);
    expect(lostIds).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(summary.availability.nodes.r.downSeconds).toBeCloseTo(0.101, DIGITS);
    expect(summary.availability.nodes.r.cycles).toBe(1);
  });

  it('loses messages created while the sender itself is down without sending them', () => {
    const recorder = recordingProbe();
    const { summary } = run(
      {
        name: 'tx-crash',
        nodes: [{ id: 's' }, { id: 'r' }],
        links: [{ between: ['s', 'r'], bandwidth: '10Mbps', delay: '5ms' }],
        flows: [{ id: 'f', from: 's', to: 'r', workload: { messages: 10, rate: 100, size: '1000B' } }],
        // Down over [25, 55) ms: messages created at 30, 40, 50 ms are lost at the source.
        faults: [
          { at: '25ms', crash: 's' },
          { at: '55ms', recover: 's' },
        ],
      },
      { probes: [recorder.probe] },
    );
    expect(summary.counts.lost).toEqual({ nodeDown: 3 });
    expect(summary.counts.packets.data).toBe(7);
    expect(recorder.resolved.filter((m) => m.fate.kind === 'lost').map((m) => m.id)).toEqual([3, 4, 5]);
  });
});

describe('scripted crash of a stop-and-wait sender', () => {
  // Bulk of 10 over s — r; messages 0-2 are acknowledged at 1, 2, 3 cycles (84.96 ms); message 3
  // is being transmitted over [84.96, 92.96) ms when s crashes at 90 ms; s recovers at 200 ms.
  const scenario = (persistent: boolean, recover = true): ScenarioInput => ({
    name: 'sender-crash',
    nodes: [{ id: 's', persistent }, { id: 'r' }],
    links: [{ between: ['s', 'r'], bandwidth: '1Mbps', delay: '10ms' }],
    flows: [
      {
        id: 'f',
        from: 's',
        to: 'r',
        transport: { protocol: 'stop-and-wait', timeout: '50ms', ackSize: '40B' },
        workload: { messages: 10, size: '1000B' },
      },
    ],
    faults: recover
      ? [
          { at: '90ms', crash: 's' },
          { at: '200ms', recover: 's' },
        ]
      : [{ at: '90ms', crash: 's' }],
  });

  it('non-persistent: the message in flight and the backlog are lost (nodeDown)', () => {
    const recorder = recordingProbe();
    const { summary } = run(scenario(false), { probes: [recorder.probe] });
    expect(summary.counts.delivered).toBe(3);
    expect(summary.counts.lost).toEqual({ nodeDown: 7 });
    expect(summary.counts.retransmissions).toBe(0);
    expect(summary.counts.duplicates).toBe(0);
    // The copy being transmitted when s went down is lost with it.
    expect(recorder.lost.map((l) => [l.packet.message?.id, l.reason])).toEqual([[3, 'nodeDown']]);
    expect(recorder.resolved.filter((m) => m.fate.kind === 'lost').map((m) => m.id)).toEqual([
      3, 4, 5, 6, 7, 8, 9,
    ]);
  });

  it('persistent: resends the interrupted message on recovery and delivers everything', () => {
    const recorder = recordingProbe();
    const { summary } = run(scenario(true), { probes: [recorder.probe] });
    expect(summary.counts.delivered).toBe(10);
    expect(summary.counts.lost).toEqual({});
    expect(summary.counts.failed).toBe(0);
    expect(summary.counts.retransmissions).toBe(1);
    expect(summary.counts.duplicates).toBe(0);
    const resent = recorder.sent.filter((s) => s.packet.isRetransmission);
    expect(resent.map((s) => [s.packet.message?.id, s.at])).toEqual([[3, 0.2]]);
    // Messages 3-9 then take one cycle each from the recovery.
    expect(summary.flows.f.completedAt).toBeCloseTo(0.2 + 7 * CYCLE, DIGITS);
    const message3 = recorder.delivered().find((m) => m.id === 3)!;
    expect(message3.waitSeconds).toBeCloseTo(0.2, DIGITS);
    expect(message3.latencySeconds).toBeCloseTo(0.218, DIGITS);
  });
});

describe('random and scripted faults compose', () => {
  const node = {
    id: 'n',
    failure: { ttf: { dist: 'constant', value: '10s' }, ttr: { dist: 'constant', value: '2s' } },
  };

  it('keeps the node down while either holds it: [10, 30) and [34, 36) over 40 s', () => {
    // Random: down [10,12), [22,24), [34,36). Scripted: down [11, 30). Union: [10,30), [34,36).
    const { summary, nodeTimelines } = run({
      name: 'compose',
      duration: 40,
      nodes: [node],
      faults: [
        { at: 11, crash: 'n' },
        { at: 30, recover: 'n' },
      ],
    });
    expect(nodeTimelines[0].periods).toEqual([
      { start: 0, end: 10, up: true },
      { start: 10, end: 30, up: false },
      { start: 30, end: 34, up: true },
      { start: 34, end: 36, up: false },
      { start: 36, end: 40, up: true },
    ]);
    const n = summary.availability.nodes.n;
    expect(n.upSeconds).toBe(18);
    expect(n.downSeconds).toBe(22);
    expect(n.measured).toBe(0.45);
    expect(n.cycles).toBe(2);
    expect(n.observedMttf).toBe(7);
    expect(n.observedMttr).toBe(11);
  });

  it('a scripted recovery while the random process holds the node down does not bring it up', () => {
    // Scripted down [5, 11); random down [10, 12): one down period [5, 12).
    const { nodeTimelines } = run({
      name: 'compose2',
      duration: 20,
      nodes: [node],
      faults: [
        { at: 5, crash: 'n' },
        { at: 11, recover: 'n' },
      ],
    });
    expect(nodeTimelines[0].periods).toEqual([
      { start: 0, end: 5, up: true },
      { start: 5, end: 12, up: false },
      { start: 12, end: 20, up: true },
    ]);
  });
});

describe('a run that ends where its measured interval starts', () => {
  it('measures no availability rather than calling a node that never came up fully available', () => {
    // The persistent sender crashes at 0 s and never recovers: nothing can happen after 0 s.
    const { summary } = run({
      name: 'dead-at-start',
      nodes: [{ id: 'a', persistent: true }, { id: 'b' }],
      links: [{ between: ['a', 'b'], bandwidth: '1Mbps', delay: '1ms' }],
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
    });
    expect(summary.interval).toEqual({ from: 0, to: 0, empty: 'endedAtStart' });
    for (const id of ['a', 'b']) {
      expect(summary.availability.nodes[id]).toMatchObject({
        measured: null,
        measuredCi95: null,
        upSeconds: 0,
        downSeconds: 0,
      });
    }
    const text = formatSummary(summary);
    expect(text).toContain('a: no failure process, measured n/a (no time measured), 0 cycles');
  });
});
