import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/report/format-summary.js';
import { theorySection } from '../../src/report/html/theory-section.js';
import { run } from '../helpers/scenario.js';

describe('a sync request-reply whose every step takes no time', () => {
  // 0 B requests and replies (datagram: no header), no delay, no processing, no think time:
  // C = Lq/R + d + t_s + Lr/R + d + t_c = 0, so T = 1/(C + Z) = 1/0.
  const { summary } = run({
    name: 'instant-rpc',
    nodes: [{ id: 'c' }, { id: 's' }],
    links: [{ between: ['c', 's'], bandwidth: '1Mbps', delay: 0 }],
    flows: [
      {
        id: 'rpc',
        from: 'c',
        to: 's',
        workload: { messages: 5, size: 0 },
        pattern: { kind: 'request-reply', mode: 'sync', replySize: 0 },
      },
    ],
  });

  it('has a theory summary.json holds as null', () => {
    const values = JSON.parse(JSON.stringify(summary.theory))['request-reply:rpc'].values;
    expect(values).toEqual({ roundTripSeconds: 0, thinkSeconds: 0, requestsPerSecond: null });
  });

  it('prints n/a and why in the terminal and report.html, not Infinity', () => {
    const text = formatSummary(summary);
    expect(text).toContain(
      'requestsPerSecond = n/a (unbounded: the formula divides by a time of 0, or its value passes the largest double)',
    );
    expect(text).not.toContain('Infinity');
    const page = String(theorySection(summary));
    expect(page).toContain(
      'n/a (unbounded: the formula divides by a time of 0, or its value passes the largest double)',
    );
    expect(page).not.toContain('Infinity');
  });
});
