import { describe, expect, it } from 'vitest';
import { Registry } from '../../src/engine/registry.js';
import { simulate } from '../../src/scenario/build-simulation.js';
import { parseScenarioText } from '../../src/scenario/load.js';
import { predictTheory } from '../../src/scenario/theory-for-scenario.js';
import { datagram } from '../../src/transport/datagram.js';
import { stopAndWait } from '../../src/transport/stop-and-wait.js';
import type { TransportConfigBase, TransportDefinition } from '../../src/transport/transport.js';
import type { ArrivalDefinition } from '../../src/workload/arrival-pattern.js';
import { createArrivalRegistry } from '../../src/workload/arrivals.js';

const arrivals = createArrivalRegistry();
const datagramOnly = () =>
  new Registry<TransportDefinition<TransportConfigBase>>('transport').register(
    datagram as unknown as TransportDefinition,
  );

const scenarioWith = (transport: string) =>
  parseScenarioText(
    `name: theory
nodes: [{ id: s }, { id: r }]
links: [{ between: [s, r], bandwidth: 1Mbps, delay: 10ms, loss: 0.1 }]
flows:
  - { id: f, from: s, to: r, transport: ${transport}, workload: { messages: 10, size: 1000B } }
`,
    'theory.yaml',
  );

/** A registry holding `definition` under the id `renamed`, and the scenario's flow using it. */
function renamed(definition: TransportDefinition, closedForm = true) {
  const copy: TransportDefinition = { ...definition, id: 'renamed' };
  if (!closedForm) delete (copy as { closedForm?: unknown }).closedForm;
  return new Registry<TransportDefinition<TransportConfigBase>>('transport').register(copy);
}

describe('theory for a scenario asks the transport how it behaves, not its name', () => {
  it('offers the stop-and-wait formula for any transport that says it behaves so', () => {
    const scenario = scenarioWith('{ protocol: stop-and-wait, timeout: 50ms, ackSize: 40B }');
    scenario.flows[0].transport.protocol = 'renamed';
    const prediction = predictTheory(
      scenario,
      renamed(stopAndWait as unknown as TransportDefinition),
      arrivals,
    );
    // 1000 B at 1 Mbit/s = 8 ms (no header), a 40-B ACK 0.32 ms, 2 x 10 ms: a loss-free cycle of 28.32 ms.
    expect(prediction['stop-and-wait:f'].values.cycleSeconds).toBeCloseTo(0.02832, 12);
    expect(
      predictTheory(scenario, renamed(stopAndWait as unknown as TransportDefinition, false), arrivals),
    ).toEqual({});
  });

  it('offers no stop-and-wait formula to an unacknowledged transport', () => {
    const scenario = scenarioWith('{ protocol: datagram }');
    scenario.flows[0].transport.protocol = 'renamed';
    expect(predictTheory(scenario, renamed(datagram as unknown as TransportDefinition), arrivals)).toEqual(
      {},
    );
  });
});

describe('theory for a scenario asks the arrival pattern what its times are, not its name', () => {
  /** One datagram flow over a lossless link, no processing: M/D/1 when the arrivals are Poisson. */
  const flowWith = (workload: string, extra = '') =>
    parseScenarioText(
      `name: theory
nodes: [{ id: s }, { id: r }]
links: [{ between: [s, r], bandwidth: 1Mbps, delay: 10ms }]
flows:
  - { id: f, from: s, to: r, workload: ${workload}${extra} }
`,
      'theory.yaml',
      { readFile: () => '0\n0.1\n0.2\n' },
    );

  it('offers the M/D/1 link queue to any pattern that says its times are Poisson', () => {
    const scenario = flowWith('{ rate: 50, arrivals: poisson, stop: 1s }');
    expect(predictTheory(scenario, datagramOnly(), arrivals)['link-queue:f'].values.utilisation).toBeCloseTo(
      0.4,
      12,
    );
    const renamed = new Registry<ArrivalDefinition>('arrival pattern').register({
      ...arrivals.get('poisson'),
      id: 'renamed',
    });
    scenario.flows[0].workload.arrivals = 'renamed';
    expect(Object.keys(predictTheory(scenario, datagramOnly(), renamed))).toEqual(['link-queue:f']);
  });

  it('offers no Poisson queue and no stop-and-wait cycle to bursts or a trace', () => {
    const bursts = flowWith(
      '{ rate: 50, arrivals: { on-off: { on: 10ms, off: 90ms, within: poisson } }, stop: 1s }',
    );
    const trace = flowWith('{ arrivals: { trace: sends.csv } }');
    expect(predictTheory(bursts, datagramOnly(), arrivals)).toEqual({});
    expect(predictTheory(trace, datagramOnly(), arrivals)).toEqual({});
    const stopAndWaitTrace = flowWith(
      '{ arrivals: { trace: sends.csv } }, transport: { protocol: stop-and-wait, timeout: 1s }',
    );
    expect(simulate(stopAndWaitTrace).summary.theory).toEqual({});
  });

  it('bounds async requests in bursts by the window and the stages, not by the rate while on', () => {
    const scenario = flowWith(
      '{ messages: 20, rate: 1000, arrivals: { on-off: { on: 10ms, off: 90ms } } }',
      ', pattern: { kind: request-reply, mode: async, replySize: 1000B }',
    );
    const { values } = simulate(scenario).summary.theory['request-reply:f'];
    expect(values.offeredPerSecond).toBeUndefined();
    // The slowest stage: 1000 B each way at 1 Mbit/s, 8 ms: 125 requests/s.
    expect(values.requestsPerSecondBound).toBeCloseTo(125, 9);
  });
});
