import { describe, expect, it } from 'vitest';
import { createCongestionRegistry } from '../../src/congestion/index.js';
import { run } from '../helpers/scenario.js';
import { recordingProbe } from '../net/recording-probe.js';

/**
 * Every registered congestion control over both window protocols, on a path whose only losses
 * are isolated (one data copy in 165 dropped, far apart in time) and fast enough that only the
 * window limits the rate: the C18 setting (RTT 100 ms, 1460-byte segments).
 */
const RTT = 0.1;
const DROP_EVERY = 165;
const MESSAGES = 20 * DROP_EVERY;
/** The timer's start value; an exponential-backoff RTO stays at it until the first expiry. */
const INITIAL_RTO = 1;

function transfer(protocol: 'go-back-n' | 'selective-repeat', congestion: string, delayedAcks: boolean) {
  const recorder = recordingProbe();
  const { summary } = run(
    {
      name: `${protocol}-${congestion}`,
      nodes: [{ id: 's' }, { id: 'r' }],
      links: [
        {
          between: ['s', 'r'],
          bandwidth: '10Gbps',
          delay: RTT / 2,
          loss: { forward: { model: 'periodic', every: DROP_EVERY }, reverse: 0 },
        },
      ],
      flows: [
        {
          id: 'bulk',
          from: 's',
          to: 'r',
          transport: {
            protocol,
            window: 64,
            congestion,
            timeout: { strategy: 'exponential-backoff', initial: INITIAL_RTO, factor: 2, max: 60 },
            ackSize: 40,
            ...(delayedAcks ? { delayedAck: { every: 2, timeout: 0.2 } } : {}),
          },
          workload: { messages: MESSAGES, size: 1460 },
        },
      ],
      duration: 600,
    },
    { probes: [recorder.probe] },
  );
  // The sender reports its state on every expiry, with the backed-off timeout.
  const backedOff = recorder.congestion.some((point) => point.state.rto > INITIAL_RTO);
  return { summary, backedOff, completedAt: summary.flows.bulk.completedAt };
}

const controls = createCongestionRegistry().all();

describe.each([false, true])(
  'congestion control over Go-Back-N and selective repeat, isolated losses, delayed ACKs %s',
  (delayedAcks) => {
    const results = new Map<string, ReturnType<typeof transfer>>();
    for (const protocol of ['go-back-n', 'selective-repeat'] as const)
      for (const control of controls)
        results.set(`${protocol} ${control.id}`, transfer(protocol, control.id, delayedAcks));
    // Selective-repeat Reno, the TCP-like reference: about 22 s here (20 losses, 20-segment teeth).
    const reno = results.get('selective-repeat reno')!;

    for (const [name, result] of results) {
      const detectsLosses = !name.endsWith(' none');
      const claim = detectsLosses
        ? ', no timer expiry, within 2x of selective-repeat Reno'
        : ' (by timeouts)';
      it(`${name}: delivers all ${MESSAGES}${claim}`, () => {
        expect(result.summary.counts.delivered).toBe(MESSAGES);
        expect(result.summary.counts.failed).toBe(0);
        if (!detectsLosses) return;
        expect(result.backedOff).toBe(false);
        expect(result.completedAt).toBeLessThan(2 * reno.completedAt!);
      });
    }
  },
);
