import type { CongestionTraceSeries } from '../metrics/summary.js';

/** A number as CSV text: empty for unknown (NaN), `inf` for unbounded. */
function cell(value: number): string {
  if (Number.isNaN(value)) return '';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  return String(value);
}

/**
 * `congestion-trace.csv`: one row per traced change of a window sender —
 * flow, time (s), cwnd and ssthresh (segments), srtt and rto (s), segments in flight.
 */
export function congestionTraceToCsv(traces: readonly CongestionTraceSeries[]): string {
  const lines = ['flow,time_s,cwnd_segments,ssthresh_segments,srtt_s,rto_s,flight_segments'];
  for (const trace of traces) {
    trace.time.forEach((time, index) => {
      lines.push(
        [
          trace.flow,
          cell(time),
          cell(trace.cwnd[index]),
          cell(trace.ssthresh[index]),
          cell(trace.srtt[index]),
          cell(trace.rto[index]),
          cell(trace.flight[index]),
        ].join(','),
      );
    });
  }
  return `${lines.join('\n')}\n`;
}
