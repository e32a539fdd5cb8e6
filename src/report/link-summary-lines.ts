/** The links section of the terminal summary: the busiest directions, their buffers and wires. */
import type { LinkDirectionSummary, Summary } from '../metrics/summary.js';
import { formatBitsOrNone, formatSecondsOrNone, formatSignificantOrNone } from './format-numbers.js';

const INDENT = '  ';

/** What the packet counts beside the interval's utilisation and waiting cover. */
const WHOLE_RUN_COUNTS = 'packet counts over the whole run';

/** Directions listed at most: a generated topology has thousands, all of them in summary.json. */
export const LISTED_DIRECTIONS = 10;

/** A link direction with the id of its link. */
export interface NamedDirection {
  link: string;
  direction: LinkDirectionSummary;
}

function directionLine({ link, direction }: NamedDirection): string {
  const queue = direction.queue;
  return (
    `${INDENT}${direction.from} -> ${direction.to} (${link}): utilisation ${formatSignificantOrNone(direction.utilisation)}, ` +
    `packets ${direction.packetsTransmitted}, dropped ${direction.dropped}, lost ${direction.lost}` +
    (direction.reordered > 0 ? `, reordered ${direction.reordered}; ` : '; ') +
    `waiting mean ${formatSignificantOrNone(queue.meanPacketsWaiting)} packets, peak ${queue.peakPacketsWaiting ?? 'n/a'}, ` +
    `mean wait ${formatSecondsOrNone(queue.meanWaitSeconds)}; ` +
    `on the wire peak ${formatBitsOrNone(direction.wire.peakBitsOnWire)}, mean ${formatBitsOrNone(direction.wire.meanBitsOnWire)}`
  );
}

/**
 * Every direction that carried or refused a packet, busiest first (utilisation, then the order
 * of the scenario); none when no packet crossed any link.
 */
export function usedDirectionsBusiestFirst(links: Summary['links']): NamedDirection[] {
  const used: NamedDirection[] = Object.entries(links).flatMap(([link, summary]) =>
    summary.directions
      .filter((direction) => direction.packetsTransmitted + direction.dropped + direction.lost > 0)
      .map((direction) => ({ link, direction })),
  );
  // Array.prototype.sort is stable: equal utilisations keep the scenario's order, and so do the
  // directions of an empty interval, which have none.
  const busy = (named: NamedDirection) => named.direction.utilisation ?? -1;
  return used.sort((a, b) => busy(b) - busy(a));
}

/**
 * The lines of usedDirectionsBusiestFirst, at most LISTED_DIRECTIONS of them, under a title;
 * none when no packet crossed any link.
 */
export function linkSummaryLines(links: Summary['links']): string[] {
  const busiest = usedDirectionsBusiestFirst(links);
  if (busiest.length === 0) return [];
  const title =
    busiest.length > LISTED_DIRECTIONS
      ? `Links (the ${LISTED_DIRECTIONS} busiest of ${busiest.length} directions that carried packets; all in summary.json; ${WHOLE_RUN_COUNTS})`
      : `Links (each direction that carried packets, busiest first; ${WHOLE_RUN_COUNTS})`;
  return [title, ...busiest.slice(0, LISTED_DIRECTIONS).map(directionLine)];
}
