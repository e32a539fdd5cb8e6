import { describe, expect, it } from 'vitest';
import { type CatalogEntry, strategyCatalog } from '../../src/report/strategy-catalog.js';
import { createRegistries } from '../../src/scenario/registries.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { run } from '../helpers/scenario.js';

/**
 * Issue 4's promise: a lossless run whose timeout exceeds the round trip makes no
 * retransmission, whatever the transport, RTO strategy and congestion control. Every
 * combination comes from the registries, so a newly registered strategy is covered too.
 */

const catalog = strategyCatalog(createRegistries());
const section = (kind: string) => catalog.find((entry) => entry.kind === kind)!.entries;
const takes = (entry: CatalogEntry, parameter: string) =>
  entry.parameters.some((candidate) => candidate.name === parameter);

/** s — r over 10 Mbit/s, 10 ms each way: 1000 B segments, RTT = 0.8 + 20 + 0.032 ms. */
const RTT_SECONDS = 0.0208 + 0.000032;
/** Above the round trip: what every required time parameter of an RTO strategy is given. */
const TIMEOUT = '200ms';

/**
 * Each RTO strategy with its required parameters set above the RTT and the rest at their
 * defaults; and the adaptive estimator with a 1 ms floor, whose RTO converges to SRTT + G, just
 * above the (constant) round trip: the tightest timeout that must still never fire.
 */
const timeouts: Array<{ label: string; timeout: Record<string, unknown> }> = [
  ...section('rto').map((strategy) => ({
    label: strategy.id,
    timeout: {
      strategy: strategy.id,
      ...Object.fromEntries(
        strategy.parameters
          .filter((parameter) => parameter.required)
          .map((parameter) => [parameter.name, TIMEOUT]),
      ),
    },
  })),
  { label: 'adaptive, min 1 ms', timeout: { strategy: 'adaptive', min: '1ms', initial: TIMEOUT } },
];

interface Combination {
  label: string;
  transport: Record<string, unknown>;
}

const combinations: Combination[] = section('transports').flatMap((transport) => {
  const withTimeouts = takes(transport, 'timeout')
    ? timeouts.map(({ label, timeout }) => ({ label: `${transport.id}, ${label}`, transport: { timeout } }))
    : [{ label: transport.id, transport: {} }];
  return withTimeouts.flatMap((combination) =>
    takes(transport, 'congestion')
      ? section('congestion').map((congestion) => ({
          label: `${combination.label}, ${congestion.id}`,
          transport: { protocol: transport.id, ...combination.transport, congestion: congestion.id },
        }))
      : [{ label: combination.label, transport: { protocol: transport.id, ...combination.transport } }],
  );
});

function lossless(transport: Record<string, unknown>): ScenarioInput {
  return {
    name: 'lossless',
    nodes: [{ id: 's' }, { id: 'r' }],
    links: [{ between: ['s', 'r'], bandwidth: '10Mbps', delay: '10ms' }],
    flows: [
      // A bulk transfer (windows full, slow start), then a trickle (the sender idles in between).
      { id: 'bulk', from: 's', to: 'r', transport, workload: { messages: 60, size: '1000B' } },
      { id: 'trickle', from: 'r', to: 's', transport, workload: { messages: 12, rate: 8, size: '1000B' } },
    ],
  } as ScenarioInput;
}

describe('a lossless run with a timeout above the RTT has no retransmission', () => {
  it('covers every registered transport, RTO strategy and congestion control', () => {
    const labels = combinations.map((combination) => combination.label).join('\n');
    for (const id of [...section('transports'), ...section('rto'), ...section('congestion')].map(
      (entry) => entry.id,
    )) {
      expect(labels).toContain(id);
    }
    expect(Number.parseFloat(TIMEOUT) / 1000).toBeGreaterThan(RTT_SECONDS);
  });

  it('control: the same runs with a fixed timeout below the RTT do retransmit', () => {
    for (const combination of combinations.filter((candidate) => 'timeout' in candidate.transport)) {
      const { summary } = run(lossless({ ...combination.transport, timeout: '15ms' }));
      expect(summary.counts.retransmissions, combination.label).toBeGreaterThan(0);
    }
  });

  it.each(combinations)('$label', ({ transport }) => {
    const { summary } = run(lossless(transport));
    expect(summary.counts).toMatchObject({
      sent: 72,
      delivered: 72,
      retransmissions: 0,
      duplicates: 0,
      failed: 0,
      dropped: {},
      lost: {},
    });
  });
});
