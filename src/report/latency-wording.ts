/**
 * Why a latency section has no figures, in words the terminal and the HTML report share:
 * latency covers the messages created after the warm-up, so messages can be delivered in the
 * interval and yet none of them count (a bulk transfer creates all of its messages at its start).
 */
export function noLatencyReason(deliveredInInterval: number): string {
  return deliveredInInterval > 0
    ? `none of the ${deliveredInInterval} messages delivered in the interval was created after the warm-up, ` +
        'and latency covers only those (a bulk transfer creates all of its messages at its start)'
    : 'no message was delivered in the interval';
}

/** `text` as a sentence: capitalised, with a full stop. */
export function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
