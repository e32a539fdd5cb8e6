import { expect, it } from 'vitest';
import { run } from '../helpers/scenario.js';
import { describeTheory, expectStatistical, input, theoryCase } from '../helpers/theory-cases.js';

describeTheory('C31 availability of one repairable node, exponential MTTF/MTTR (statistical)', () => {
  const c31 = theoryCase('C31');
  const SECONDS_PER_YEAR = 365 * 86400;

  const mttf = input(c31, 'mttf');
  const mttr = input(c31, 'mttr');
  const duration = input(c31, 'sim_time');
  const { summary } = run({
    name: 'c31',
    seed: 31,
    duration,
    nodes: [{ id: 'node', failure: { mttf, mttr } }],
  });
  const node = summary.availability.nodes.node;

  it('reports the analytic value MTTF/(MTTF+MTTR)', () => {
    expect(node.analytic).toBeCloseTo(mttf / (mttf + mttr), 12);
    expectStatistical(c31, 'availability', node.analytic!);
  });

  it('measures availability, unavailability and downtime per year within tolerance', () => {
    expectStatistical(c31, 'availability', node.measured!);
    expectStatistical(c31, 'unavailability', 1 - node.measured!);
    expectStatistical(c31, 'downtime_per_year_s', (1 - node.measured!) * SECONDS_PER_YEAR);
    expect(node.upSeconds + node.downSeconds).toBeCloseTo(duration, 0);
  });

  it('observes about 1e5 cycles and the failure rate 1/(MTTF+MTTR)', () => {
    expectStatistical(c31, 'failure_rate_per_s', node.cycles / duration);
    expect(node.observedMttfCi95![0]).toBeLessThan(mttf);
    expect(node.observedMttfCi95![1]).toBeGreaterThan(mttf);
    expect(node.observedMttrCi95![0]).toBeLessThan(mttr);
    expect(node.observedMttrCi95![1]).toBeGreaterThan(mttr);
  });
});
