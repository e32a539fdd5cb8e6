import { expect } from 'vitest';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

/** A lossless bulk transfer over one link with a window transport. */
export interface WindowPath {
  protocol: 'go-back-n' | 'selective-repeat';
  window: number;
  packetBytes: number;
  bandwidthBitsPerSecond: number;
  delaySeconds: number;
  /** Windows of messages sent (default 6); the first and last cycles are not measured. */
  cycles?: number;
}

/** What one window cycle of the steady state looks like on the sender's link. */
export interface SteadyState {
  /** Time from the start of message k's transmission to that of message k + W (s). */
  cycleSeconds: number;
  /** Fraction of whole cycles the link spent transmitting data. */
  utilisation: number;
  /** Data bits put on the link per second over whole cycles. */
  throughputBitsPerSecond: number;
}

/**
 * Runs the transfer and measures the steady state exactly, over whole cycles: from the start of
 * transmission of message W (the second window) to that of message (cycles - 1)·W. Every window
 * cycle has the same length (asserted): the first window starts in an idle pipe like any later
 * one, since ACKs are per message, lossless and of the same delay. Measuring first send to last
 * ACK instead would add one unfinished cycle and is not the steady-state value.
 */
export function measureSteadyState(path: WindowPath): SteadyState {
  const cycles = path.cycles ?? 6;
  const window = path.window;
  const recorder = recordingProbe();
  const { summary } = run(
    {
      name: 'window-steady-state',
      nodes: [{ id: 's' }, { id: 'r' }],
      links: [{ between: ['s', 'r'], bandwidth: path.bandwidthBitsPerSecond, delay: path.delaySeconds }],
      flows: [
        {
          id: 'f',
          from: 's',
          to: 'r',
          // A timeout far above the round trip: nothing is ever resent.
          transport: { protocol: path.protocol, window, timeout: 10, ackSize: 0, sequenceBits: 32 },
          workload: { messages: cycles * window, size: path.packetBytes },
        },
      ],
    },
    { probes: [recorder.probe] },
  );
  expect(summary.counts).toMatchObject({ delivered: cycles * window, retransmissions: 0, duplicates: 0 });

  const data = recorder.transmitted.filter((t) => t.packet.kind === 'data' && t.transmitter === 0);
  const startOf = new Map(data.map((t) => [t.packet.message!.id, t.start]));
  const first = window;
  const last = (cycles - 1) * window;
  const cycleSeconds = (startOf.get(last)! - startOf.get(first)!) / (cycles - 2);
  for (let message = 0; message + window < cycles * window; message++) {
    const spacing = startOf.get(message + window)! - startOf.get(message)!;
    expect(Math.abs(spacing - cycleSeconds), `cycle from message ${message}`).toBeLessThan(1e-12);
  }
  const from = startOf.get(first)!;
  const to = startOf.get(last)!;
  const measured = data.filter((t) => t.start >= from && t.start < to);
  const busySeconds = measured.reduce((sum, t) => sum + t.seconds, 0);
  const bits = measured.reduce((sum, t) => sum + t.packet.sizeBytes * 8, 0);
  return {
    cycleSeconds,
    utilisation: busySeconds / (to - from),
    throughputBitsPerSecond: bits / (to - from),
  };
}
