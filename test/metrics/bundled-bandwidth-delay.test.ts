import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/scenario/build-simulation.js';
import { loadScenario } from '../../src/scenario/load.js';

describe('scenarios/bandwidth-delay.yaml teaches what its description says', () => {
  const { summary } = simulate(loadScenario('scenarios/bandwidth-delay.yaml'));
  const peak = (link: string) => summary.links[link].directions[0].wire.peakBitsOnWire!;
  const bdp = (key: string) => summary.theory[`bandwidth-delay:${key}`].values.bandwidthDelayBits;

  it('fills the 2 Mbit/s pipe to R·d = 160,000 bits and delivers the file at 0.48 s', () => {
    expect(bdp('slow:slow-a>slow-b')).toBeCloseTo(160_000, 6);
    expect(peak('slow')).toBeCloseTo(160_000, 6);
    expect(summary.flows['file-2mbps'].latency.max).toBeCloseTo(0.48, 12);
  });

  it('fills a hundredth of the 1 Gbit/s pipe with the same file, delivered at 80.8 ms', () => {
    expect(bdp('fast:fast-a>fast-b')).toBeCloseTo(8e7, 6);
    expect(peak('fast')).toBeCloseTo(800_000, 6);
    expect(summary.flows['file-1gbps'].latency.max).toBeCloseTo(0.0808, 12);
  });

  it('fills the long fat pipe with a transfer longer than d', () => {
    expect(peak('long-fat')).toBeCloseTo(bdp('long-fat:bulk-a>bulk-b'), 3);
  });
});
