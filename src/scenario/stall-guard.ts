import { secondsInText } from '../engine/display-units.js';
import { RunawaySimulationError } from '../engine/simulator.js';

/** Progress checks in a row without any flow activity after which a run without duration is stuck. */
export const STALLED_CHECKS = 8;
/** Events between two progress checks (the simulator's progress interval). */
const EVENTS_PER_CHECK = 2 ** 18;

/** What the stall guard reads of the flows: messages created and ended so far. */
export interface FlowActivity {
  readonly flows: ReadonlyArray<{ readonly created: number; readonly resolved: number }>;
}

/** What it reads of the brokers, to tell a redelivery storm from a sender waiting in vain. */
export interface BrokerActivity {
  /** Per subscription (global numbering): redeliveries and acks so far. */
  readonly subscriptions: ReadonlyArray<{
    readonly events: { readonly redelivered: number; readonly acked: number };
  }>;
  /** Per subscription: its name and its broker's node and ack timeout (s). */
  readonly names: ReadonlyArray<{
    readonly name: string;
    readonly broker: string;
    readonly ackTimeout: number;
  }>;
}

/**
 * Wraps the progress callback with a check that a run without a duration is still going
 * somewhere: if no flow creates or ends a message for several progress intervals (about two
 * million events) the run cannot end by itself, and it stops with a message saying why: a
 * broker redelivering what is never acknowledged (a redelivery storm), or else a sender that
 * waits, e.g. on a node that never recovers.
 */
export function stallGuard(
  duration: number | undefined,
  flows: FlowActivity,
  brokers: BrokerActivity | null,
  onProgress: ((now: number, events: number) => void) | undefined,
): (now: number, events: number) => void {
  let lastActivity = -1;
  let stalledChecks = 0;
  let redeliveredBefore: number[] = [];
  let ackedBefore: number[] = [];
  const snapshot = () => {
    redeliveredBefore = brokers?.subscriptions.map((s) => s.events.redelivered) ?? [];
    ackedBefore = brokers?.subscriptions.map((s) => s.events.acked) ?? [];
  };
  return (now, events) => {
    onProgress?.(now, events);
    if (duration !== undefined) return;
    // Progress is a message created or ended; retransmissions and redeliveries alone are not.
    const activity = flows.flows.reduce((sum, flow) => sum + flow.created + flow.resolved, 0);
    if (activity !== lastActivity) {
      lastActivity = activity;
      stalledChecks = 0;
      snapshot();
      return;
    }
    if (++stalledChecks < STALLED_CHECKS) return;
    const stalled =
      `no message was created, delivered, dropped or lost in the last ` +
      `${(STALLED_CHECKS * EVENTS_PER_CHECK).toLocaleString('en')} events (up to t=${secondsInText(now)} s), yet not every flow has finished`;
    const storm = brokers === null ? null : redeliveryStorm(brokers, redeliveredBefore, ackedBefore);
    throw new RunawaySimulationError(
      storm === null
        ? `${stalled} (a sender may wait on a node that never recovers); give the scenario a duration`
        : `${stalled}: ${storm}; give the scenario a duration`,
      now,
    );
  };
}

/** Names the subscriptions that redelivered in the stalled interval, or null when none did. */
function redeliveryStorm(
  brokers: BrokerActivity,
  redeliveredBefore: number[],
  ackedBefore: number[],
): string | null {
  const storming = brokers.subscriptions.flatMap((subscription, s) => {
    const redelivered = subscription.events.redelivered - (redeliveredBefore[s] ?? 0);
    const acked = subscription.events.acked - (ackedBefore[s] ?? 0);
    return redelivered > 0 ? [{ ...brokers.names[s], redelivered, acked }] : [];
  });
  if (storming.length === 0) return null;
  const where = storming
    .map(
      ({ name, broker, ackTimeout, redelivered, acked }) =>
        `'${name}' on broker '${broker}' redelivered ${redelivered.toLocaleString('en')} times with ` +
        `${acked.toLocaleString('en')} acks (ackTimeout ${ackTimeout} s)`,
    )
    .join(', ');
  return (
    `deliveries are being redelivered without being acknowledged: ${where}. ` +
    'An ack timeout shorter than the time a consumer needs for its prefetched messages (its ' +
    'processing times prefetch) redelivers without end (a redelivery storm), as do deliveries ' +
    'or acks that never arrive: lengthen ackTimeout or lower prefetch'
  );
}
