/** The timeseries.csv result file: one line per time-series bin. */
import type { TimeSeriesRow } from '../metrics/summary.js';

/** The fixed leading columns of timeseries.csv, in SI units; `up_<node>` columns follow. */
export const TIMESERIES_CSV_COLUMNS = [
  'start_s',
  'end_s',
  'delivered',
  'messages_per_s',
  'goodput_bps',
  'mean_latency_s',
] as const;

/** Quotes a cell per RFC 4180 when it holds a comma, quote or line break (node ids might). */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A number at full precision (String(x), which round-trips), or an empty cell for null/undefined. */
function numberCell(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/**
 * CSV text of the time series: a header `start_s,end_s,delivered,messages_per_s,goodput_bps,
 * mean_latency_s,up_<node>...` (one up-fraction column per id in `nodeIds`, in that order), then
 * one line per row; times in seconds, goodput in bits/s, up columns the fraction of the bin the
 * node was up. Numbers are printed with String(x) so they read back exactly; a null mean latency
 * or a node missing from a row gives an empty cell. Lines end with "\n", the last one included.
 */
export function timeseriesToCsv(rows: readonly TimeSeriesRow[], nodeIds: readonly string[]): string {
  const header = [...TIMESERIES_CSV_COLUMNS, ...nodeIds.map((id) => `up_${id}`)].map(csvCell).join(',');
  const lines = rows.map((row) =>
    [
      numberCell(row.start),
      numberCell(row.end),
      numberCell(row.delivered),
      numberCell(row.messagesPerSecond),
      numberCell(row.goodputBitsPerSecond),
      numberCell(row.meanLatency),
      // hasOwn, so a node named like an Object.prototype member ("constructor") is not looked up there.
      ...nodeIds.map((id) => numberCell(Object.hasOwn(row.nodesUp, id) ? row.nodesUp[id] : null)),
    ].join(','),
  );
  return `${[header, ...lines].join('\n')}\n`;
}
