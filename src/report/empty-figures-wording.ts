import type { EmptyIntervalReason, Summary, ThroughputSummary } from '../metrics/summary.js';
import { formatIntervalEnds, formatIntervalSeconds, formatSeconds } from './format-numbers.js';

/**
 * Why figures of a run are empty, in words the terminal and the HTML report share. Latency
 * covers the messages created after the warm-up, and the offered load counts them, so messages
 * can be delivered in the interval and yet none of them count: all were created during the
 * warm-up (a bulk transfer creates all of its messages at its start, for one).
 */
export function noLatencyReason(deliveredInInterval: number): string {
  return deliveredInInterval > 0
    ? `none of the ${deliveredInInterval} messages delivered in the interval was created after the warm-up, ` +
        'and latency covers only those: shorten the warm-up to measure theirs'
    : 'no message was delivered in the interval';
}

/** What follows an offered load of 0 while messages were delivered: why, else nothing. */
export function offeredLoadNote(throughput: ThroughputSummary): string {
  return throughput.offeredMessagesPerSecond === 0 && throughput.delivered > 0
    ? ' (no message was created after the warm-up)'
    : '';
}

/**
 * Why the run's interval is empty: its `empty`, or for results without it, the run ended before
 * the interval starts (within the warm-up) or where it starts. Null when it is not empty.
 */
function emptyReason(summary: Summary): EmptyIntervalReason | null {
  const { interval } = summary;
  if (interval.to > interval.from) return null;
  return interval.empty ?? (summary.simulatedSeconds < interval.from ? 'endedInWarmup' : 'endedAtStart');
}

/** When the last flow completed, when every flow did; null otherwise. */
function flowsCompletedAt(summary: Summary): number | null {
  const ends = Object.values(summary.flows).map((flow) => flow.completedAt);
  if (ends.length === 0 || ends.some((end) => end === null)) return null;
  return Math.max(...(ends as number[]));
}

/**
 * Where an empty interval stands, in words, for the interval's line (`empty (t = 0 s): the
 * warm-up ends at 10.0000 s, after the run`): the warm-up ends after the run, or after the flows
 * completed, or as the run ends; or the interval starts and ends at one instant. Null when the
 * interval is not empty.
 */
export function emptyIntervalPlace(summary: Summary): string | null {
  const reason = emptyReason(summary);
  if (reason === null) return null;
  const { interval, simulatedSeconds } = summary;
  if (reason === 'endedAtStart') return `it starts and ends at ${formatSeconds(interval.from)}`;
  const warmup = `the warm-up ends at ${formatSeconds(interval.from)}`;
  if (simulatedSeconds < interval.from) return `${warmup}, after the run`;
  const completed = flowsCompletedAt(summary);
  return completed !== null && completed < interval.from
    ? `${warmup}, after the flows completed`
    : `${warmup}, as the run does`;
}

/**
 * The run's interval as its ends and length, `0 s to 30.0080 s (t = 30.0080 s)`, or, when it is
 * empty, where it stands: `empty (t = 0 s): the warm-up ends at 10.0000 s, after the run`.
 */
export function intervalWords(summary: Summary): string {
  const { interval } = summary;
  const place = emptyIntervalPlace(summary);
  return place === null
    ? `${formatIntervalEnds(interval.from, interval.to)} (t = ${formatIntervalSeconds(interval.to - interval.from)})`
    : `empty (t = ${formatIntervalSeconds(0)}): ${place}`;
}

/**
 * Why a run measured nothing (its interval is empty), or null when it measured something: the
 * run, or its flows, ended before the warm-up did, or where the interval starts (at the warm-up's
 * end or the first send, whichever is later).
 */
export function nothingMeasuredReason(summary: Summary): string | null {
  const reason = emptyReason(summary);
  if (reason === null) return null;
  const { interval, simulatedSeconds } = summary;
  const advice = 'shorten the warm-up or lengthen the run';
  if (reason === 'endedInWarmup') {
    const warmup = `the warm-up (${formatSeconds(interval.from)})`;
    if (simulatedSeconds < interval.from) {
      return `nothing was measured: ${warmup} outlasts the run, which ended at ${formatSeconds(simulatedSeconds)}; ${advice}`;
    }
    const completed = flowsCompletedAt(summary);
    return completed !== null && completed < interval.from
      ? `nothing was measured: ${warmup} outlasts the flows, which completed by ${formatSeconds(completed)}; ${advice}`
      : `nothing was measured: the run ended as ${warmup} did; ${advice}`;
  }
  return (
    'nothing was measured: the interval starts at the end of the warm-up or the first send, whichever ' +
    `is later (${formatSeconds(interval.from)}), and ${simulatedSeconds > interval.to ? 'the flows completed' : 'the run ended'} there; ${advice}`
  );
}

/** `text` as a sentence: capitalised, with a full stop. */
export function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
