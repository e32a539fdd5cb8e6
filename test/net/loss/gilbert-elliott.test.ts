import { describe, expect, it } from 'vitest';
import { type RandomStream, RandomStreams } from '../../../src/engine/random.js';
import { createLossModelRegistry } from '../../../src/net/loss/index.js';
import type { LossProcess } from '../../../src/net/loss/loss-model.js';
import type { Packet } from '../../../src/net/packet.js';
import { silentProbe } from '../../../src/net/silent-probe.js';
import { parseScenarioText } from '../../../src/scenario/load.js';
import type { ScenarioInput } from '../../../src/scenario/schema.js';
import { run, scenarioOf } from '../../helpers/scenario.js';
import { issueAt, issuesOf } from '../../scenario/issues.js';

const registry = createLossModelRegistry();

/** A Gilbert–Elliott model from its configuration, validated by the model's own schema. */
function gilbertElliott(config: Record<string, unknown>) {
  const definition = registry.get('gilbert-elliott');
  return definition.create(definition.schema.parse({ model: 'gilbert-elliott', ...config }));
}

/** A random stream that replays `values` and counts how often it was drawn from. */
function scripted(values: number[]) {
  let draws = 0;
  const stream: RandomStream = () => {
    if (draws >= values.length) throw new Error(`drew more than the ${values.length} scripted values`);
    return values[draws++];
  };
  return { stream, draws: () => draws };
}

/** Packet numbers (from 1) that `process` loses among the first `packets`. */
function lostNumbers(process: LossProcess, packets: number, random: RandomStream): number[] {
  const lost: number[] = [];
  for (let number = 1; number <= packets; number++) if (process.lose(random)) lost.push(number);
  return lost;
}

describe('gilbert-elliott loss model: the chain moves, then the packet is lost by its state', () => {
  it('follows a hand-computed trace with a scripted stream (two draws a packet: move, then loss)', () => {
    // p = 0.5, r = 0.25, lossGood 0.1, lossBad 0.8; the chain starts in the good state.
    // 1: G, move 0.4 < p → B; loss 0.7 < 0.8 → lost.
    // 2: B, move 0.3 ≥ r → stays B; loss 0.9 ≥ 0.8 → kept.
    // 3: B, move 0.2 < r → G; loss 0.05 < 0.1 → lost.
    // 4: G, move 0.6 ≥ p → stays G; loss 0.2 ≥ 0.1 → kept.
    const random = scripted([0.4, 0.7, 0.3, 0.9, 0.2, 0.05, 0.6, 0.2]);
    const model = gilbertElliott({ p: 0.5, r: 0.25, lossGood: 0.1, lossBad: 0.8 });
    expect(lostNumbers(model.createProcess(), 4, random.stream)).toEqual([1, 3]);
    expect(random.draws()).toBe(8);
  });

  it('draws once a packet with the defaults lossGood 0, lossBad 1 (loss is certain in each state)', () => {
    // p = 0.2, r = 0.4. 1: G, 0.3 ≥ p → G, kept. 2: G, 0.1 < p → B, lost. 3: B, 0.5 ≥ r → B,
    // lost. 4: B, 0.35 < r → G, kept. 5: G, 0.9 → G, kept.
    const random = scripted([0.3, 0.1, 0.5, 0.35, 0.9]);
    const model = gilbertElliott({ p: 0.2, r: 0.4 });
    expect(lostNumbers(model.createProcess(), 5, random.stream)).toEqual([2, 3]);
    expect(random.draws()).toBe(5);
  });

  it('gives every direction its own chain', () => {
    const model = gilbertElliott({ p: 0.5, r: 0.5 });
    const first = model.createProcess();
    // 0.1 < p: the first process is now in its bad state and loses.
    expect(first.lose(() => 0.1)).toBe(true);
    // A second process starts in the good state: 0.9 keeps it there.
    expect(model.createProcess().lose(() => 0.9)).toBe(false);
    // The first one is still bad: 0.9 ≥ r keeps it there.
    expect(first.lose(() => 0.9)).toBe(true);
  });

  it('has the long-run loss rate π_B·lossBad + π_G·lossGood with π_B = p/(p+r)', () => {
    expect(gilbertElliott({ p: 0.01, r: 0.3 }).lossRate).toBeCloseTo(0.01 / 0.31, 15);
    // π_B = 0.05 / 0.3 = 1/6: 1/6 · 0.5 + 5/6 · 0.002 = 0.085.
    expect(gilbertElliott({ p: 0.05, r: 0.25, lossGood: 0.002, lossBad: 0.5 }).lossRate).toBeCloseTo(
      0.085,
      15,
    );
  });

  it('says when its losses are independent, so the closed-form theory may use them', () => {
    // Bursts: the next state depends on the current one.
    expect(gilbertElliott({ p: 0.01, r: 0.3 }).independentProbability).toBeUndefined();
    // Both states lose alike: each packet is lost with that probability, whatever the state.
    expect(gilbertElliott({ p: 0.01, r: 0.3, lossGood: 0.2, lossBad: 0.2 }).independentProbability).toBe(0.2);
    // p + r = 1: every packet finds the bad state with probability p, whatever came before.
    const memoryless = gilbertElliott({ p: 0.25, r: 0.75, lossGood: 0, lossBad: 0.4 });
    expect(memoryless.independentProbability).toBeCloseTo(0.1, 15);
    expect(memoryless.lossRate).toBeCloseTo(0.1, 15);
  });

  it('handles the degenerate chains: p = r = 0 stays good, r = 0 < p ends in the bad state for good', () => {
    const frozen = gilbertElliott({ p: 0, r: 0, lossGood: 0.3 });
    expect(frozen.lossRate).toBe(0.3);
    expect(frozen.independentProbability).toBe(0.3);
    // Nothing to draw for the moves (both certain): one draw a packet, for the loss alone.
    const random = scripted([0.5, 0.1, 0.29, 0.31]);
    expect(lostNumbers(frozen.createProcess(), 4, random.stream)).toEqual([2, 3]);
    expect(random.draws()).toBe(4);
    // Lossless in both states: never a draw, like bernoulli with p = 0.
    const none = scripted([]);
    expect(lostNumbers(gilbertElliott({ p: 0, r: 0 }).createProcess(), 100, none.stream)).toEqual([]);
    expect(gilbertElliott({ p: 0, r: 0 }).lossRate).toBe(0);

    const absorbing = gilbertElliott({ p: 0.5, r: 0 });
    expect(absorbing.lossRate).toBe(1);
    expect(absorbing.independentProbability).toBeUndefined();
    // 0.7 keeps it good (kept), 0.2 moves it to bad; from then on every packet is lost, undrawn.
    const moves = scripted([0.7, 0.2]);
    expect(lostNumbers(absorbing.createProcess(), 6, moves.stream)).toEqual([2, 3, 4, 5, 6]);
    expect(moves.draws()).toBe(2);
  });
});

describe('gilbert-elliott on a link: a long run through the network', () => {
  // p = 0.05, r = 0.25 (lossGood 0, lossBad 1): π_B = 1/6, mean burst 1/r = 4, mean gap 1/p = 20.
  const packets = 200_000;
  const line = (
    loss: NonNullable<ScenarioInput['links']>[number]['loss'],
    reverseFlow = false,
  ): ScenarioInput => ({
    name: 'bursts',
    seed: 7,
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [{ between: ['a', 'b'], bandwidth: '100Mbps', delay: '1ms', loss }],
    flows: [
      { id: 'f', from: 'a', to: 'b', workload: { messages: packets, rate: 10_000, size: '100B' } },
      ...(reverseFlow
        ? [{ id: 'back', from: 'b', to: 'a', workload: { messages: 1000, rate: 1000, size: '100B' } }]
        : []),
    ],
  });
  const bursty = { model: 'gilbert-elliott', p: 0.05, r: 0.25 };

  /** Sequence numbers of flow f's lost packets (0, 1, ... in sending order), and the summary. */
  function lostIds(input: ScenarioInput) {
    const ids: number[] = [];
    const probe = {
      ...silentProbe,
      packetLost: (packet: Packet) => {
        if (packet.flowIndex === 0) ids.push(packet.sequence);
      },
    };
    const { summary } = run(input, { probes: [probe] });
    return { ids, summary };
  }

  /** Lengths of the runs of consecutive lost ids, and of the runs of delivered ones between them. */
  function runs(ids: readonly number[]) {
    const bursts: number[] = [];
    const gaps: number[] = [];
    let length = 0;
    for (let i = 0; i < ids.length; i++) {
      if (i > 0 && ids[i] !== ids[i - 1] + 1) {
        bursts.push(length);
        gaps.push(ids[i] - ids[i - 1] - 1);
        length = 0;
      }
      length++;
    }
    bursts.push(length);
    return { bursts, gaps };
  }

  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

  let forwardOnly: ReturnType<typeof lostIds> | undefined;
  /** The run with bursts on a>b alone (made once, by the first test that asks). */
  const bursts = () => {
    forwardOnly ??= lostIds(line({ forward: bursty }));
    return forwardOnly;
  };

  it('loses the long-run share π_B = 1/6, within 4 standard deviations of a correlated mean', () => {
    // The loss indicator of a two-state chain has variance π_B·π_G and lag-k correlation λ^k with
    // λ = 1 − p − r = 0.7, so the mean of n packets has variance π_B·π_G·(1 + λ)/(1 − λ)/n:
    // (1/6)(5/6)(1.7/0.3)/200,000, sd 0.00198; 4 sd = 0.0079.
    const { ids, summary } = bursts();
    const rate = ids.length / packets;
    expect(Math.abs(rate - 1 / 6)).toBeLessThan(0.0079);
    expect(summary.counts.lost).toEqual({ linkLoss: ids.length });
    expect(summary.counts.delivered).toBe(packets - ids.length);
  });

  it('loses in bursts of mean length 1/r = 4, with gaps of mean 1/p = 20', () => {
    const { bursts: lengths, gaps } = runs(bursts().ids);
    // About n·π_B·r = 8,333 bursts. A burst is geometric with mean 1/r = 4 and variance
    // (1 − r)/r² = 12: the mean's sd is √(12/8333) = 0.038; 4 sd = 0.152. A gap is geometric
    // with mean 1/p = 20 and variance (1 − p)/p² = 380: sd √(380/8333) = 0.21; 4 sd = 0.85.
    expect(lengths.length).toBeGreaterThan(7500);
    expect(Math.abs(mean(lengths) - 4)).toBeLessThan(0.152);
    expect(Math.abs(mean(gaps) - 20)).toBeLessThan(0.85);
    // Independent losses at the same rate would give bursts of 1/(1 − 1/6) = 1.2 on average.
  });

  it("draws only from its direction's own loss stream, whatever the other direction does", () => {
    // The chain replayed on the stream link/a-b/a>b/loss loses exactly the same packets.
    const stream = new RandomStreams(7).stream('link/a-b/a>b/loss');
    const process = gilbertElliott({ p: 0.05, r: 0.25 }).createProcess();
    const replayed: number[] = [];
    for (let id = 0; id < packets; id++) if (process.lose(stream)) replayed.push(id);
    expect(bursts().ids).toEqual(replayed);
    // Traffic and bursts the other way (its own chain, its own stream) change nothing here.
    const both = lostIds(line(bursty, true));
    expect(both.summary.counts.lost.linkLoss).toBeGreaterThan(both.ids.length);
    expect(both.ids).toEqual(replayed);
  });
});

describe("gilbert-elliott in the summary's theory", () => {
  const transport = { protocol: 'stop-and-wait', timeout: '50ms' };
  const theoryWith = (loss: Record<string, unknown>) =>
    run({
      name: 'ge-theory',
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [{ between: ['a', 'b'], bandwidth: '10Mbps', delay: '5ms', loss: { forward: loss } }],
      flows: [{ id: 'f', from: 'a', to: 'b', transport, workload: { messages: 10, size: '1000B' } }],
    }).summary.theory;

  it('predicts stop-and-wait only where its losses are independent, with their probability', () => {
    expect(theoryWith({ model: 'gilbert-elliott', p: 0.05, r: 0.25 })['stop-and-wait:f']).toBeUndefined();
    // p + r = 1 with lossBad 0.4: each packet is lost with probability 0.25 · 0.4 = 0.1.
    const memoryless = theoryWith({ model: 'gilbert-elliott', p: 0.25, r: 0.75, lossBad: 0.4 });
    expect(memoryless['stop-and-wait:f'].values.transmissionsPerMessage).toBeCloseTo(1 / 0.9, 12);
  });

  it('predicts the lossless formulas only when its long-run loss rate is 0', () => {
    const poisson = (loss: Record<string, unknown>) =>
      run({
        name: 'ge-queue',
        nodes: [{ id: 'a' }, { id: 'b' }],
        links: [{ between: ['a', 'b'], bandwidth: '10Mbps', delay: '5ms', loss: { forward: loss } }],
        flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 10, rate: 100, arrivals: 'poisson' } }],
      }).summary.theory['link-queue:f'];
    expect(poisson({ model: 'gilbert-elliott', p: 0.1, r: 0.5, lossBad: 0 })).toBeDefined();
    expect(poisson({ model: 'gilbert-elliott', p: 0.1, r: 0.5, lossGood: 0, lossBad: 0.01 })).toBeUndefined();
  });
});

describe('gilbert-elliott in a scenario file', () => {
  const file = (loss: string) =>
    [
      'name: ge',
      'nodes: [{ id: a }, { id: b }]',
      'links:',
      '  - between: [a, b]',
      '    bandwidth: 1Mbps',
      `    loss: ${loss}`,
      'flows:',
      '  - { from: a, to: b, workload: { messages: 10 } }',
      '',
    ].join('\n');

  it('takes the model for both directions or one, with lossGood 0 and lossBad 1 by default', () => {
    const both = parseScenarioText(file('{ model: gilbert-elliott, p: 0.01, r: 0.3 }'), 'ge.yaml');
    expect(both.links[0].loss.forward).toMatchObject({ model: 'gilbert-elliott', lossRate: 0.01 / 0.31 });
    expect(both.links[0].loss.reverse.lossRate).toBe(both.links[0].loss.forward.lossRate);
    const one = scenarioOf({
      name: 'ge',
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [
        {
          between: ['a', 'b'],
          bandwidth: '1Mbps',
          loss: { reverse: { model: 'gilbert-elliott', p: 0.1, r: 0.1, lossGood: 0.01, lossBad: 0.5 } },
        },
      ],
      flows: [{ from: 'a', to: 'b', workload: { messages: 1 } }],
    });
    expect(one.links[0].loss.forward.lossRate).toBe(0);
    expect(one.links[0].loss.reverse.lossRate).toBeCloseTo(0.5 * 0.5 + 0.5 * 0.01, 15);
  });

  it('refuses probabilities outside [0, 1] and missing ones, at their key and line', () => {
    const outside = issuesOf(() =>
      parseScenarioText(file('{ model: gilbert-elliott, p: 1.5, r: 0.3, lossBad: -0.1 }'), 'ge.yaml'),
    );
    expect(issueAt(outside, 'links[0].loss.p')).toMatchObject({
      file: 'ge.yaml',
      line: 6,
      message: 'expected a number of at most 1, got 1.5',
    });
    expect(issueAt(outside, 'links[0].loss.lossBad').message).toBe(
      'expected a number of at least 0, got -0.1',
    );
    expect(outside).toHaveLength(2);

    const missing = issuesOf(() =>
      parseScenarioText(file('{ forward: { model: gilbert-elliott, p: 0.1 } }'), 'ge.yaml'),
    );
    expect(issueAt(missing, 'links[0].loss.forward.r').message).toMatch(/^missing required key 'r'/);

    const typo = issuesOf(() =>
      parseScenarioText(file('{ model: gilbert-eliott, p: 0.1, r: 0.2 }'), 'ge.yaml'),
    );
    expect(issueAt(typo, 'links[0].loss.model').message).toMatch(
      /^unknown model 'gilbert-eliott' \(expected one of: bernoulli, periodic, gilbert-elliott\); did you mean 'gilbert-elliott'\?/,
    );

    const unknown = issuesOf(() =>
      parseScenarioText(file('{ model: gilbert-elliott, p: 0.1, r: 0.2, h: 0.5 }'), 'ge.yaml'),
    );
    expect(issueAt(unknown, 'links[0].loss.h').message).toMatch(/^unknown key 'h'/);
  });
});
