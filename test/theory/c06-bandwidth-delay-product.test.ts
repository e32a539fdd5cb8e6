import { expect, it } from 'vitest';
import { compareTheory } from '../../src/report/theory-measured.js';
import { run } from '../helpers/scenario.js';
import { describeTheory, expectExact, input, type TheoryCase, theoryCase } from '../helpers/theory-cases.js';

/**
 * One message of `message_size` bits over one link `distance` long (propagation at
 * `prop_speed`) at `rate`: a datagram with no header, nothing else on the link.
 */
function runCase(c06: TheoryCase, rate: number) {
  const propagationSeconds = input(c06, 'distance') / input(c06, 'prop_speed');
  const { summary } = run({
    name: 'c06',
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [{ id: 'l', between: ['a', 'b'], bandwidth: rate, delay: propagationSeconds }],
    flows: [
      {
        id: 'f',
        from: 'a',
        to: 'b',
        transport: { protocol: 'datagram', headerSize: 0 },
        workload: { messages: 1, size: input(c06, 'message_size') / 8 },
      },
    ],
  });
  return { summary, propagationSeconds, direction: summary.links.l.directions[0] };
}

describeTheory('C06 bandwidth-delay product: bits in flight on a 20,000 km link (exact)', () => {
  const c06 = theoryCase('C06');

  it('takes d_prop = distance / speed', () => {
    const { summary, propagationSeconds } = runCase(c06, input(c06, 'rate_a'));
    expectExact(c06, 'd_prop_s', propagationSeconds);
    expectExact(c06, 'd_prop_s', summary.flows.f.latency.components.prop.mean!);
  });

  for (const [part, rate] of [
    ['a', 'rate_a'],
    ['b', 'rate_b'],
  ] as const) {
    it(`(${part}) at ${rate}: delivery L/R + d, R·d in theory, min(R·d, L) on the wire at most`, () => {
      const { summary, direction } = runCase(c06, input(c06, rate));
      // Delivery time: first bit sent (at 0) to last bit received.
      expect(summary.flows.f.throughput.delivered).toBe(1);
      expectExact(c06, `delivery_time_${part}_s`, summary.latency.max!);
      expectExact(c06, `delivery_time_${part}_s`, summary.interval.to - summary.interval.from);
      expectExact(c06, `max_bits_in_link_${part}`, direction.wire.peakBitsOnWire!);
      const bdp = summary.theory['bandwidth-delay:l:a>b'];
      expectExact(c06, `bdp_${part}_bits`, bdp.values.bandwidthDelayBits);
      // The report puts the measured peak beside R·d: all of it for (a), a hundredth for (b).
      const [row] = compareTheory(summary, 'bandwidth-delay:l:a>b', bdp);
      expect(row.name).toBe('bandwidthDelayBits');
      expect(row.measured?.value).toBe(direction.wire.peakBitsOnWire);
      expect(row.ratio!).toBeLessThanOrEqual(1 + 1e-9);
      // Each of the L bits spends d on the wire: L·d bit-seconds over the interval.
      const bitSeconds = (input(c06, 'message_size') * input(c06, 'distance')) / input(c06, 'prop_speed');
      expect(direction.wire.meanBitsOnWire! * summary.interval.to).toBeCloseTo(bitSeconds, 6);
      // Nothing went the other way.
      expect(summary.links.l.directions[1].wire.peakBitsOnWire).toBe(0);
    });
  }
});
