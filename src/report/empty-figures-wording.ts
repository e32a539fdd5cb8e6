import type { ThroughputSummary } from '../metrics/summary.js';

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

/** `text` as a sentence: capitalised, with a full stop. */
export function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
