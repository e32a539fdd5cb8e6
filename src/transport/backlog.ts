/**
 * A sender's backlog is an array read from `head`: slots before it are spent. While senders
 * keep it topped up it never empties, so the spent prefix is cut off once it is at least half
 * the array (amortised O(1) per message); otherwise the array would grow by a slot per message
 * sent for the whole run. Returns the new head.
 */
export function dropSpentSlots<T>(backlog: T[], head: number): number {
  if (head < 1024 || head * 2 < backlog.length) return head;
  backlog.splice(0, head);
  return 0;
}
