import { describe, expect, it } from 'vitest';
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
