import type { Summary, ThroughputSummary } from '../metrics/summary.js';
import { formatSeconds } from './format-numbers.js';

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
 * Why a run measured nothing (its interval is empty), or null when it measured something: the
 * run ended before its warm-up did, or where the interval starts (at the warm-up's end or the
 * first send, whichever is later).
 */
export function nothingMeasuredReason(summary: Summary): string | null {
  const { interval } = summary;
  if (interval.to > interval.from) return null;
  // The first send is never after the end: an interval starting after it starts at the warm-up's end.
  if (summary.simulatedSeconds < interval.from) {
    return (
      `nothing was measured: the warm-up (${formatSeconds(interval.from)}) outlasts the run, ` +
      `which ended at ${formatSeconds(summary.simulatedSeconds)}; shorten the warm-up or lengthen the run`
    );
  }
  return (
    'nothing was measured: the interval starts at the end of the warm-up or the first send, whichever ' +
    `is later (${formatSeconds(interval.from)}), and the run ended there; shorten the warm-up or lengthen the run`
  );
}

/** `text` as a sentence: capitalised, with a full stop. */
export function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
