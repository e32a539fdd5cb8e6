import { describe, expect, it } from 'vitest';
import type { Counts } from '../../src/metrics/summary.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';

/**
 * A bulk transfer of 300 messages (more than the 256 a bulk flow keeps alive, so some are made
 * while the sender is down) over selective repeat, W = 4, 1 Mbit/s, 10 ms one way: 1000 B take
 * 8 ms, a 40 B ACK 0.32 ms, so an ACK is back 28.32 ms after its message starts, before the
 * window of 4 × 8 ms is used: message k is sent in [8k, 8k + 8] ms, arrives at 8k + 18 ms.
 * The sender's node is down from 51 ms to 100 ms: m6 is in transmission (its copy is lost), m5
 * propagates (delivered at 58 ms), m4 arrived at 50 ms; the ACKs of m3, m4 and m5 (52.32, 60.32,
 * 68.32 ms) reach a down node and are lost. ACKs of m0-m2 came back; base = 3.
 */
function crashingSender(persistent: boolean): ScenarioInput {
  return {
    name: 'persistent-sender-crash',
    nodes: [{ id: 's', persistent }, { id: 'r' }],
    links: [{ between: ['s', 'r'], bandwidth: '1Mbps', delay: '10ms' }],
    flows: [
      {
        id: 'f',
        from: 's',
        to: 'r',
        transport: { protocol: 'selective-repeat', window: 4, timeout: '100ms', ackSize: '40B' },
        workload: { messages: 300, size: '1000B' },
      },
    ],
    faults: [
      { at: '51ms', crash: 's' },
      { at: '100ms', recover: 's' },
    ],
  };
}

function ended(counts: Counts): number {
  const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
  return counts.delivered + counts.failed + sum(counts.dropped) + sum(counts.lost);
}

describe('a bulk sender that crashes and recovers', () => {
  it('persistent: loses only copies and ACKs on the wire; every message waits and is delivered', () => {
    const { summary } = run(crashingSender(true));
    // Recovery resends m3-m6 at 100-132 ms (m3-m5 arrive again: duplicates, and the first of
    // their ACKs carries the cumulative point 6); m7 follows at 132 ms and the link stays busy:
    // m_k ends at 84 + 8k ms, the last ACK (m299) is back at 84 + 2392 + 20.32 = 2496.32 ms.
    expect(summary.counts).toMatchObject({
      sent: 300,
      delivered: 300,
      retransmissions: 4,
      duplicates: 3,
      failed: 0,
      lost: {},
      inFlight: 0,
    });
    expect(summary.counts.packets.lost).toEqual({ nodeDown: 4 });
    // 300 + 4 data copies; an ACK for every copy that arrived (all but the first of m6).
    expect(summary.counts.packets.data).toBe(304);
    expect(summary.counts.packets.acks).toBe(303);
    expect(summary.flows.f.completedAt).toBeCloseTo(2.49632, 9);
    expect(ended(summary.counts)).toBe(300);
  });

  it('volatile: what it held is gone at the crash, the rest of the bulk with it; m0-m5 arrive', () => {
    const { summary } = run(crashingSender(false));
    expect(summary.counts).toMatchObject({ sent: 300, delivered: 6, lost: { nodeDown: 294 }, inFlight: 0 });
    // Everything is resolved when m5 arrives at 58 ms: the run ends before the recovery.
    expect(summary.flows.f.completedAt).toBeCloseTo(0.058, 9);
    expect(ended(summary.counts)).toBe(300);
  });
});

describe('a run that ends before its scripted faults', () => {
  it("says so in the node's availability note, beside MTTR n/a", () => {
    const { summary } = run(crashingSender(false));
    const sender = summary.availability.nodes.s;
    expect(sender.observedMttr).toBeNull();
    expect(sender.note).toMatch(
      /^the run ended at 0\.058 s, before its scripted recover at 0\.1 s \(100 ms\): /,
    );
    expect(summary.availability.nodes.r.note).toBeUndefined();
  });

  it('adds nothing when the recovery comes within the run', () => {
    const { summary } = run(crashingSender(true));
    expect(summary.availability.nodes.s.note ?? '').not.toMatch(/run ended/);
  });
});
