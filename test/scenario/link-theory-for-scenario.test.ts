import { describe, expect, it } from 'vitest';
import { bandwidthDelayPredictions } from '../../src/scenario/link-theory-for-scenario.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { scenarioOf } from '../helpers/scenario.js';

/** Nodes a, b, c; links l (a–b, 2 Mbit/s, 80 ms) and m (b–c), and `flows`. */
function scenario(flows: ScenarioInput['flows'], extra: Partial<ScenarioInput> = {}) {
  return scenarioOf({
    name: 'bdp',
    nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    links: [
      { id: 'l', between: ['a', 'b'], bandwidth: '2Mbps', delay: '80ms' },
      {
        id: 'm',
        between: ['b', 'c'],
        bandwidth: '1Gbps',
        delay: { dist: 'uniform', min: '1ms', max: '2ms' },
      },
    ],
    flows,
    ...extra,
  } as ScenarioInput);
}

const datagrams = (from: string, to: string) => ({ from, to, workload: { messages: 1, size: '1000B' } });

describe('the bandwidth-delay products of a scenario', () => {
  it('give R·d for each direction a flow sends its data on, named by link and direction', () => {
    const predictions = bandwidthDelayPredictions(scenario([datagrams('b', 'a')]));
    expect(Object.keys(predictions)).toEqual(['bandwidth-delay:l:b>a']);
    expect(predictions['bandwidth-delay:l:b>a'].values).toEqual({
      bandwidthDelayBits: 2e6 * 0.08,
      bandwidthBitsPerSecond: 2e6,
      propagationSeconds: 0.08,
    });
  });

  it('give the way back too for a request-reply flow, whose replies are data', () => {
    const requests = [
      { ...datagrams('a', 'b'), pattern: { kind: 'request-reply', mode: 'sync', replySize: '1000B' } },
    ] as ScenarioInput['flows'];
    expect(Object.keys(bandwidthDelayPredictions(scenario(requests)))).toEqual([
      'bandwidth-delay:l:a>b',
      'bandwidth-delay:l:b>a',
    ]);
  });

  it('give none for a delay with jitter, for a degraded link, or for a broadcast', () => {
    expect(bandwidthDelayPredictions(scenario([datagrams('b', 'c')]))).toEqual({});
    const degraded = scenario([datagrams('a', 'b')], {
      faults: [{ at: 1, degrade: 'l', for: 1, delay: '1s' }],
    } as Partial<ScenarioInput>);
    expect(bandwidthDelayPredictions(degraded)).toEqual({});
    const broadcast = scenario([
      { from: 'a', to: { broadcast: 'all' }, workload: { messages: 1, size: '1000B' } },
    ] as ScenarioInput['flows']);
    expect(bandwidthDelayPredictions(broadcast)).toEqual({});
  });

  it('follow the routes when given them: a flow of two hops crosses both links', () => {
    const routes = (from: string, to: string) =>
      from === 'a' && to === 'c' ? ['l:a>b', 'm:b>c'] : undefined;
    // m has jitter: only l's direction gets an entry.
    expect(Object.keys(bandwidthDelayPredictions(scenario([datagrams('a', 'c')]), routes))).toEqual([
      'bandwidth-delay:l:a>b',
    ]);
    // Without routes only a direct link counts.
    expect(bandwidthDelayPredictions(scenario([datagrams('a', 'c')]))).toEqual({});
  });
});
