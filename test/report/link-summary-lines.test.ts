import { describe, expect, it } from 'vitest';
import type { LinkDirectionSummary, Summary } from '../../src/metrics/summary.js';
import { LISTED_DIRECTIONS, linkSummaryLines } from '../../src/report/link-summary-lines.js';

function direction(from: string, to: string, utilisation: number, packets: number): LinkDirectionSummary {
  return {
    from,
    to,
    utilisation,
    packetsTransmitted: packets,
    dropped: 0,
    lost: 0,
    reordered: 0,
    queue: { meanPacketsWaiting: 3.2, meanWaitSeconds: 0.004, peakPacketsWaiting: 17 },
    wire: { meanBitsOnWire: 80_000, peakBitsOnWire: 160_000 },
  };
}

describe('linkSummaryLines', () => {
  it('lists the directions that carried packets, busiest first, with their buffers and wires', () => {
    const links: Summary['links'] = {
      'a-b': { between: ['a', 'b'], directions: [direction('a', 'b', 0.2, 10), direction('b', 'a', 0, 0)] },
      'b-c': {
        between: ['b', 'c'],
        directions: [direction('b', 'c', 0.8, 40), direction('c', 'b', 0.2, 10)],
      },
    };
    expect(linkSummaryLines(links)).toEqual([
      'Links (each direction that carried packets, busiest first; packet counts over the whole run)',
      '  b -> c (b-c): utilisation 0.800000, packets 40, dropped 0, lost 0; waiting mean 3.20000 packets, peak 17, mean wait 4.00000 ms; on the wire peak 160.000 kbit, mean 80.0000 kbit',
      // Equal utilisations keep the scenario's order: a-b before c-b.
      '  a -> b (a-b): utilisation 0.200000, packets 10, dropped 0, lost 0; waiting mean 3.20000 packets, peak 17, mean wait 4.00000 ms; on the wire peak 160.000 kbit, mean 80.0000 kbit',
      '  c -> b (b-c): utilisation 0.200000, packets 10, dropped 0, lost 0; waiting mean 3.20000 packets, peak 17, mean wait 4.00000 ms; on the wire peak 160.000 kbit, mean 80.0000 kbit',
    ]);
  });

  it('a direction that only refused packets is listed; no traffic at all, no section', () => {
    const refusing = { ...direction('a', 'b', 0, 0), dropped: 3 };
    expect(linkSummaryLines({ 'a-b': { between: ['a', 'b'], directions: [refusing] } })).toHaveLength(2);
    expect(
      linkSummaryLines({ 'a-b': { between: ['a', 'b'], directions: [direction('a', 'b', 0, 0)] } }),
    ).toEqual([]);
  });

  it('a large topology shows its busiest directions and says how many more there are', () => {
    const links: Summary['links'] = {};
    for (let i = 0; i < 25; i++) {
      links[`l${i}`] = { between: [`n${i}`, `m${i}`], directions: [direction(`n${i}`, `m${i}`, i / 100, 1)] };
    }
    const lines = linkSummaryLines(links);
    expect(lines[0]).toBe(
      `Links (the ${LISTED_DIRECTIONS} busiest of 25 directions that carried packets; all in summary.json; ` +
        'packet counts over the whole run)',
    );
    expect(lines).toHaveLength(LISTED_DIRECTIONS + 1);
    expect(lines[1]).toContain('n24 -> m24');
    expect(lines[LISTED_DIRECTIONS]).toContain('n15 -> m15');
  });
});
