import { expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';
import { describeTheory, expectStatistical, input, theoryCase } from '../helpers/theory-cases.js';

describeTheory('C32 router in series with two redundant links, independent repair (statistical)', () => {
  const c32 = theoryCase('C32');

  const router = { mttf: input(c32, 'router_mttf'), mttr: input(c32, 'router_mttr') };
  const link = { mttf: input(c32, 'link_mttf'), mttr: input(c32, 'link_mttr') };
  const { summary } = run({
    name: 'c32',
    seed: 32,
    duration: input(c32, 'sim_time'),
    nodes: [{ id: 'client' }, { id: 'R', failure: router }, { id: 'server' }],
    links: [
      { between: ['client', 'R'], bandwidth: '1Gbps' },
      { id: 'L1', between: ['R', 'server'], bandwidth: '1Gbps', failure: link },
      { id: 'L2', between: ['R', 'server'], bandwidth: '1Gbps', failure: link },
    ],
    services: [
      { id: 'links', members: ['L1', 'L2'], needs: 1 },
      { id: 'path', members: ['R', 'links'] },
      { id: 'series-R-L1', members: ['R', 'L1'] },
    ],
  });
  const { nodes, links, services } = summary.availability;

  it('gives the analytic values of the case: A_R, A_L, parallel, path and series', () => {
    const digits = 9;
    expect(nodes.R.analytic).toBeCloseTo(c32.expected.availability_router as number, digits);
    expect(links!.L1.analytic).toBeCloseTo(c32.expected.availability_link as number, digits);
    expect(services!.links.analytic).toBeCloseTo(c32.expected.availability_parallel_links as number, digits);
    expect(services!.path.analytic).toBeCloseTo(c32.expected.availability_path as number, digits);
    expect(services!['series-R-L1'].analytic).toBeCloseTo(
      c32.expected.availability_series_R_L1 as number,
      digits,
    );
    expect(services!.path.analyticMethod).toMatch(/series/);
    expect(services!.links.analyticMethod).toMatch(/parallel/);
  });

  it('measures every availability within the case tolerance', () => {
    expectStatistical(c32, 'availability_router', nodes.R.measured!);
    expectStatistical(c32, 'availability_link', links!.L1.measured!);
    expectStatistical(c32, 'availability_link', links!.L2.measured!);
    expectStatistical(c32, 'availability_parallel_links', services!.links.measured!);
    expectStatistical(c32, 'availability_path', services!.path.measured!);
    expectStatistical(c32, 'availability_series_R_L1', services!['series-R-L1'].measured!);
  });

  it('puts the analytic path availability inside the measured 95% interval, and the cycles are many', () => {
    const [low, high] = services!.path.measuredCi95!;
    expect(low).toBeLessThan(services!.path.analytic!);
    expect(high).toBeGreaterThan(services!.path.analytic!);
    expect(services!.path.cycles).toBeGreaterThan(40_000);
    expect(services!.path.note).toBeUndefined();
  });
});
