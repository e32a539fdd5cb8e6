import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

describe('messages a sender gives up on', () => {
  it('a sender crash that resolves every message completes the flow at once', () => {
    const { summary } = run({
      name: 'crash-completes',
      nodes: [{ id: 's' }, { id: 'r' }],
      links: [{ between: ['s', 'r'], bandwidth: '1Mbps', delay: '10ms' }],
      flows: [
        {
          id: 'f',
          from: 's',
          to: 'r',
          transport: { protocol: 'stop-and-wait', timeout: '50ms' },
          workload: { messages: 10, size: '1000B' },
        },
      ],
      faults: [
        { at: '90ms', crash: 's' },
        { at: '5s', recover: 's' },
      ],
    });
    expect(summary.counts.inFlight).toBe(0);
    expect(summary.flows.f.completedAt).toBeCloseTo(0.09, 12);
  });

  it('a message the receiving application got is delivered even if its sender crashed meanwhile', () => {
    const recorder = recordingProbe();
    const { summary } = run(
      {
        name: 'delivered-despite-crash',
        nodes: [{ id: 's' }, { id: 'r', processing: '50ms' }],
        links: [{ between: ['s', 'r'], bandwidth: '1Mbps', delay: '10ms' }],
        flows: [
          {
            id: 'f',
            from: 's',
            to: 'r',
            transport: { protocol: 'stop-and-wait', timeout: '100ms' },
            workload: { messages: 1, size: '1000B' },
          },
        ],
        faults: [
          { at: '20ms', crash: 's' },
          { at: '200ms', recover: 's' },
        ],
      },
      { probes: [recorder.probe] },
    );
    // 8 ms to transmit + 10 ms propagation + 50 ms processing.
    expect(recorder.resolved[0].deliveredAt).toBeCloseTo(0.068, 12);
    expect(recorder.resolved[0].fate.kind).toBe('delivered');
    expect(summary.counts.delivered).toBe(1);
    expect(summary.counts.lost).toEqual({});
  });

  it('a copy still on the wire when the sender crashes is delivered, not counted as a duplicate', () => {
    const { summary } = run({
      name: 'copy-on-wire',
      nodes: [{ id: 's' }, { id: 'r' }],
      links: [{ between: ['s', 'r'], bandwidth: '1Mbps', delay: '10ms' }],
      flows: [
        {
          id: 'f',
          from: 's',
          to: 'r',
          transport: { protocol: 'stop-and-wait', timeout: '50ms' },
          workload: { messages: 10, size: '1000B' },
        },
      ],
      // A cycle is 8 + 10 + 0.32 + 10 = 28.32 ms: message 4 leaves at 84.96 ms, its last bit at
      // 92.96 ms, so at 95 ms it is propagating (a crash at 90 ms would catch it mid-transmission).
      faults: [{ at: '95ms', crash: 's' }],
    });
    expect(summary.counts).toMatchObject({ delivered: 4, duplicates: 0, inFlight: 0 });
    expect(summary.counts.lost).toEqual({ nodeDown: 6 });
  });

  it('a late first copy of a message given up on (timeout below the RTT, no retries) still delivers it', () => {
    const { summary } = run({
      name: 'late-copy',
      duration: 1,
      nodes: [{ id: 's' }, { id: 'r' }],
      links: [{ between: ['s', 'r'], bandwidth: '1Mbps', delay: '10ms' }],
      flows: [
        {
          id: 'f',
          from: 's',
          to: 'r',
          transport: { protocol: 'stop-and-wait', timeout: '5ms', retries: 0 },
          workload: { messages: 3, size: '1000B' },
        },
      ],
    });
    expect(summary.counts).toMatchObject({ delivered: 3, failed: 0, duplicates: 0, inFlight: 0 });
  });

  it('a message whose every copy is lost after the retry limit counts as failed', () => {
    const { summary } = run({
      name: 'all-lost',
      nodes: [{ id: 's' }, { id: 'r' }],
      links: [{ between: ['s', 'r'], bandwidth: '1Mbps', delay: '10ms', loss: { forward: 1, reverse: 0 } }],
      flows: [
        {
          id: 'f',
          from: 's',
          to: 'r',
          transport: { protocol: 'stop-and-wait', timeout: '50ms', retries: 2 },
          workload: { messages: 2, size: '1000B' },
        },
      ],
    });
    expect(summary.counts).toMatchObject({ delivered: 0, failed: 2, retransmissions: 4, inFlight: 0 });
    expect(summary.flows.f.completedAt).toBeCloseTo(0.3, 12);
  });
});

describe('availability of a node that starts down', () => {
  it('adds no zero-length up period to the observed MTTF', () => {
    const { summary, nodeTimelines } = run({
      name: 'starts-down',
      duration: 119,
      nodes: [
        {
          id: 'n',
          failure: {
            ttf: { dist: 'constant', value: '10s' },
            ttr: { dist: 'constant', value: '2s' },
            initially: 'down',
          },
        },
      ],
    });
    expect(summary.availability.nodes.n.observedMttf).toBe(10);
    expect(summary.availability.nodes.n.observedMttr).toBe(2);
    expect(nodeTimelines[0].periods[0]).toEqual({ start: 0, end: 2, up: false });
  });
});

/** 5000 ready 1000-byte messages over stop-and-wait on 100 Mbit/s, 1 ms each way. */
function bulkTransfer(name: string): ScenarioInput {
  return {
    name,
    nodes: [{ id: 's' }, { id: 'r' }],
    links: [{ between: ['s', 'r'], bandwidth: '100Mbps', delay: '1ms' }],
    flows: [
      {
        id: 'f',
        from: 's',
        to: 'r',
        transport: { protocol: 'stop-and-wait', timeout: '10ms' },
        workload: { messages: 5000, size: '1000B' },
      },
    ],
  };
}

describe('bulk transfers over an acknowledged transport', () => {
  it('keep only a window of messages alive, with the same results as if all existed from the start', () => {
    let live = 0;
    let peak = 0;
    const probe = {
      ...recordingProbe().probe,
      messageCreated: () => {
        live++;
        peak = Math.max(peak, live);
      },
      messageResolved: () => {
        live--;
      },
    };
    const { summary } = run(bulkTransfer('bulk-window'), { probes: [probe] });
    expect(peak).toBeLessThanOrEqual(256);
    expect(summary.counts).toMatchObject({ sent: 5000, delivered: 5000, inFlight: 0 });
    // Every message was ready at t = 0: message k waits k cycles, so the mean wait is (N-1)/2 cycles.
    const cycle = (1000 * 8) / 1e8 + 0.002 + (40 * 8) / 1e8;
    expect(summary.latency.components.wait.mean!).toBeCloseTo((4999 / 2) * cycle, 9);
  });

  it('loses the whole not-yet-sent remainder when the sender crashes', () => {
    const { summary } = run({ ...bulkTransfer('bulk-crash'), faults: [{ at: '1s', crash: 's' }] });
    expect(summary.counts.sent).toBe(5000);
    expect(summary.counts.delivered + (summary.counts.lost.nodeDown ?? 0)).toBe(5000);
    expect(summary.counts.delivered).toBe(Math.ceil(1 / ((1000 * 8) / 1e8 + 0.002 + (40 * 8) / 1e8)) - 1);
  });
});

describe('a relay that crashes under a stop-and-wait bulk transfer', () => {
  it('gives messages up and goes on without a stray timer (regression: re-entrant send)', () => {
    const { summary } = run({
      name: 'relay-crash',
      nodes: [{ id: 'a' }, { id: 'r' }, { id: 'b' }],
      links: [
        { between: ['a', 'r'], bandwidth: '1Mbps', delay: '2ms' },
        { between: ['r', 'b'], bandwidth: '1Mbps', delay: '2ms' },
      ],
      flows: [
        {
          id: 'sw',
          from: 'a',
          to: 'b',
          transport: { protocol: 'stop-and-wait', timeout: '30ms', retries: 3 },
          workload: { messages: 500, size: '500B' },
        },
      ],
      faults: [
        { at: '1s', crash: 'r' },
        { at: '2s', recover: 'r' },
      ],
    });
    const c = summary.counts;
    expect(c.inFlight).toBe(0);
    expect(c.delivered + c.failed).toBe(500);
    // While the relay is down (1 s) each message costs 4 timeouts (120 ms): about 8 fail.
    expect(c.failed).toBeGreaterThanOrEqual(8);
    expect(c.failed).toBeLessThanOrEqual(9);
  });
});
