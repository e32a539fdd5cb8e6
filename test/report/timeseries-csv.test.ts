import { describe, expect, it } from 'vitest';
import { timeseriesToCsv } from '../../src/report/timeseries-csv.js';
import { smallRunResult } from './fake-run-results.js';

describe('timeseriesToCsv', () => {
  it('prints a header and one line per row at full precision, empty cells for null', () => {
    const rows = smallRunResult().timeseries;
    rows[0].meanLatency = 0.1 + 0.2;
    expect(timeseriesToCsv(rows, ['sender', 'server'])).toBe(
      'start_s,end_s,delivered,messages_per_s,goodput_bps,mean_latency_s,up_sender,up_server\n' +
        '0,1,2,2,16000,0.30000000000000004,1,0.75\n' +
        '1,2,3,3,24000,,1,1\n',
    );
  });

  it('leaves a cell empty for a node missing from a row and quotes awkward node ids', () => {
    const rows = smallRunResult().timeseries.slice(0, 1);
    expect(timeseriesToCsv(rows, ['a,b', 'constructor'])).toBe(
      'start_s,end_s,delivered,messages_per_s,goodput_bps,mean_latency_s,"up_a,b",up_constructor\n' +
        '0,1,2,2,16000,0.011,,\n',
    );
  });

  it('prints only the header for no rows', () => {
    expect(timeseriesToCsv([], [])).toBe(
      'start_s,end_s,delivered,messages_per_s,goodput_bps,mean_latency_s\n',
    );
  });
});
