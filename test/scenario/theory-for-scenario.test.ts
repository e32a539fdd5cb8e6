import { describe, expect, it } from 'vitest';
import { Registry } from '../../src/engine/registry.js';
import { parseScenarioText } from '../../src/scenario/load.js';
import { predictTheory } from '../../src/scenario/theory-for-scenario.js';
import { datagram } from '../../src/transport/datagram.js';
import { stopAndWait } from '../../src/transport/stop-and-wait.js';
import type { TransportConfigBase, TransportDefinition } from '../../src/transport/transport.js';

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
    const prediction = predictTheory(scenario, renamed(stopAndWait as unknown as TransportDefinition));
    // 1000 B at 1 Mbit/s = 8 ms (no header), a 40-B ACK 0.32 ms, 2 x 10 ms: a loss-free cycle of 28.32 ms.
    expect(prediction['stop-and-wait:f'].values.cycleSeconds).toBeCloseTo(0.02832, 12);
    expect(predictTheory(scenario, renamed(stopAndWait as unknown as TransportDefinition, false))).toEqual(
      {},
    );
  });

  it('offers no stop-and-wait formula to an unacknowledged transport', () => {
    const scenario = scenarioWith('{ protocol: datagram }');
    scenario.flows[0].transport.protocol = 'renamed';
    expect(predictTheory(scenario, renamed(datagram as unknown as TransportDefinition))).toEqual({});
  });
});
