import { describe, expect, it } from 'vitest';
import { Registry } from '../../src/engine/registry.js';
import { simulate } from '../../src/scenario/build-simulation.js';
import { parseScenarioText } from '../../src/scenario/load.js';
import { createRegistries } from '../../src/scenario/registries.js';
import { predictTheory as scenarioTheory } from '../../src/scenario/theory-for-scenario.js';
import { datagram } from '../../src/transport/datagram.js';
import { goBackN } from '../../src/transport/go-back-n.js';
import { stopAndWait } from '../../src/transport/stop-and-wait.js';
import type { TransportConfigBase, TransportDefinition } from '../../src/transport/transport.js';
import type { ArrivalDefinition } from '../../src/workload/arrival-pattern.js';
import { createArrivalRegistry } from '../../src/workload/arrivals.js';
import { flowTheory } from '../helpers/flow-theory.js';

const arrivals = createArrivalRegistry();
/** The predictions alone (the reasons for flows without one are tested on their own below). */
const predictTheory = (...args: Parameters<typeof scenarioTheory>) => scenarioTheory(...args).theory;
/** The registered RTO and congestion strategies a window transport's closed form may ask. */
const STRATEGIES = createRegistries();
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
      STRATEGIES,
    );
    // 1000 B at 1 Mbit/s = 8 ms (no header), a 40-B ACK 0.32 ms, 2 x 10 ms: a loss-free cycle of 28.32 ms.
    expect(prediction['stop-and-wait:f'].values.cycleSeconds).toBeCloseTo(0.02832, 12);
    expect(
      predictTheory(
        scenario,
        renamed(stopAndWait as unknown as TransportDefinition, false),
        arrivals,
        STRATEGIES,
      ),
    ).toEqual({});
  });

  it('offers no stop-and-wait formula to an unacknowledged transport', () => {
    const scenario = scenarioWith('{ protocol: datagram }');
    scenario.flows[0].transport.protocol = 'renamed';
    expect(
      predictTheory(scenario, renamed(datagram as unknown as TransportDefinition), arrivals, STRATEGIES),
    ).toEqual({});
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
    expect(
      predictTheory(scenario, datagramOnly(), arrivals, STRATEGIES)['link-queue:f'].values.utilisation,
    ).toBeCloseTo(0.4, 12);
    const renamed = new Registry<ArrivalDefinition>('arrival pattern').register({
      ...arrivals.get('poisson'),
      id: 'renamed',
    });
    scenario.flows[0].workload.arrivals = 'renamed';
    expect(Object.keys(predictTheory(scenario, datagramOnly(), renamed, STRATEGIES))).toEqual([
      'link-queue:f',
    ]);
  });

  it('offers no Poisson queue and no stop-and-wait cycle to bursts or a trace', () => {
    const bursts = flowWith(
      '{ rate: 50, arrivals: { on-off: { on: 10ms, off: 90ms, within: poisson } }, stop: 1s }',
    );
    const trace = flowWith('{ arrivals: { trace: sends.csv } }');
    expect(predictTheory(bursts, datagramOnly(), arrivals, STRATEGIES)).toEqual({});
    expect(predictTheory(trace, datagramOnly(), arrivals, STRATEGIES)).toEqual({});
    const stopAndWaitTrace = flowWith(
      '{ arrivals: { trace: sends.csv } }, transport: { protocol: stop-and-wait, timeout: 1s }',
    );
    expect(flowTheory(simulate(stopAndWaitTrace).summary.theory)).toEqual({});
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

/** The theory entries msgsim's own registries give a scenario. */
function entries(text: string) {
  const registries = createRegistries();
  return predictTheory(
    parseScenarioText(text, 'theory.yaml'),
    registries.transports,
    registries.arrivals,
    registries,
  );
}

describe('each theory entry is given only where every assumption of its formula holds', () => {
  /** C15's path: 10 Mbit/s, 1250-byte frames (1 ms), 4.5 ms each way, 5% data loss. */
  const windowFlow = (
    transport: string,
    loss = '{ forward: 0.05, reverse: 0 }',
    workload = '{ messages: 100, size: 1250B }',
  ) =>
    entries(`name: window
nodes: [{ id: s }, { id: r }]
links: [{ between: [s, r], bandwidth: 10Mbps, delay: 4.5ms, loss: ${loss} }]
flows:
  - { id: f, from: s, to: r, transport: ${transport}, workload: ${workload} }
`);
  const gbn = (extra = '') => `{ protocol: go-back-n, window: 10, timeout: 12ms, ackSize: 0${extra} }`;

  it('Go-Back-N: a fixed window and timeout, an ACK per frame, lossless ACKs, W·t_f <= T_o', () => {
    expect(windowFlow(gbn())['go-back-n:f'].values.goodputBitsPerSecond).toBeCloseTo(6129032.258, 2);
    const absent = {
      'an adaptive timeout': gbn().replace('timeout: 12ms', 'timeout: { strategy: adaptive }'),
      'a congestion control': gbn(', congestion: reno'),
      'delayed ACKs': gbn(', delayedAck: { every: 2 }'),
      'a receive buffer below the window': gbn(', receiveBuffer: 4'),
      'a timeout no longer than the ACK cycle (10 ms)': gbn().replace('12ms', '10ms'),
      'a window that outlasts a timeout of whole frames (a tie)': gbn().replace('window: 10', 'window: 13'),
      'a window below the pipe (9 ms < 10 ms)': gbn().replace('window: 10', 'window: 9'),
    };
    for (const [why, transport] of Object.entries(absent)) {
      expect(windowFlow(transport), why).toEqual({});
    }
    expect(windowFlow(gbn(), '{ forward: 0.05, reverse: 0.01 }'), 'lost ACKs').toEqual({});
    expect(windowFlow(gbn(), '{ forward: { model: periodic, every: 20 }, reverse: 0 }'), 'periodic').toEqual(
      {},
    );
    expect(windowFlow(gbn(), undefined, '{ rate: 500, stop: 1s, size: 1250B }'), 'not saturated').toEqual({});
    // A window that outlasts a timeout of 12.5 frames: each loss costs 13 frames, all sent.
    const long = windowFlow(gbn().replace('window: 10', 'window: 64').replace('12ms', '12.5ms'))[
      'go-back-n:f'
    ];
    expect(long.values.timeoutFrames).toBe(13);
    expect(long.values.goodputBitsPerSecond).toBeCloseTo(0.95e7 / (1 + 12 * 0.05), 3);
    expect(long.values.linkBusyFraction).toBeCloseTo(1, 12);
    // Without losses the window may outlast the timeout: no frame is ever sent again.
    expect(windowFlow(gbn().replace('window: 10', 'window: 13'), '0')['go-back-n:f']).toBeDefined();
  });

  it('selective repeat: only while one frame must be lost m times in a row to stall the window', () => {
    const sr = (window: number) =>
      `{ protocol: selective-repeat, window: ${window}, timeout: 12ms, ackSize: 0 }`;
    // W = 64: 54 ms of slack, m = 5 losses of 13 ms each, p^5 = 3.1e-7.
    expect(windowFlow(sr(64))['selective-repeat:f'].values.goodputBitsPerSecond).toBeCloseTo(9.5e6, 6);
    // W = 36: 26 ms of slack, m = 3, p^3 = 1.25e-4: the window stalls now and then.
    expect(windowFlow(sr(36))).toEqual({});
    expect(windowFlow(sr(36), '{ forward: 0.005, reverse: 0 }')['selective-repeat:f']).toBeDefined();
  });

  it('asks the window transport what it is, not its name', () => {
    const scenario = parseScenarioText(
      `name: renamed
nodes: [{ id: s }, { id: r }]
links: [{ between: [s, r], bandwidth: 10Mbps, delay: 4.5ms, loss: { forward: 0.05, reverse: 0 } }]
flows: [{ id: f, from: s, to: r, transport: ${gbn()}, workload: { messages: 100, size: 1250B } }]
`,
      'renamed.yaml',
    );
    scenario.flows[0].transport.protocol = 'renamed';
    const prediction = predictTheory(
      scenario,
      renamed(goBackN as unknown as TransportDefinition),
      arrivals,
      STRATEGIES,
    );
    expect(prediction['go-back-n:f'].values.transmissionsPerMessage).toBeCloseTo(1 + 10 * (0.05 / 0.95), 12);
  });

  /** Poisson messages of `size` from s to a node r with `node` settings. */
  const poissonTo = (node: string, size = '0B', link = '', more = '') =>
    entries(`name: queue
nodes: [{ id: s }, { id: r${node} }, { id: t }]
links: [{ between: [s, r], bandwidth: 10Mbps${link} }, { between: [t, r], bandwidth: 10Mbps }]
flows:
  - { id: f, from: s, to: r, workload: { rate: 900, arrivals: poisson, messages: 100, size: ${size} } }
${more}`);
  const exponential = ', processing: { dist: exponential, mean: 1ms }';

  it('node-queue: the node sees the Poisson arrivals alone, and serves them in exponential times', () => {
    expect(poissonTo(`${exponential}, servers: 2`)['node-queue:f'].values.utilisation).toBeCloseTo(0.45, 12);
    expect(poissonTo(`${exponential}, queue: 9`)['node-queue:f'].values.blockingProbability).toBeCloseTo(
      0.05081373133,
      10,
    );
    const absent = {
      'messages that take time on the link': poissonTo(exponential, '1B'),
      'constant processing': poissonTo(', processing: 1ms'),
      'a bounded queue before two servers': poissonTo(`${exponential}, servers: 2, queue: 9`),
      'losses on the link': poissonTo(exponential, '0B', ', loss: 0.01'),
      'another flow into the node': poissonTo(
        exponential,
        '0B',
        '',
        '  - { id: g, from: t, to: r, workload: { rate: 10, arrivals: poisson, messages: 10, size: 0B } }\n',
      ),
      'a flow from the node': poissonTo(
        exponential,
        '0B',
        '',
        '  - { id: g, from: r, to: t, workload: { messages: 10, size: 0B } }\n',
      ),
    };
    for (const [why, predictions] of Object.entries(absent)) {
      expect(predictions[`node-queue:f`], why).toBeUndefined();
    }
  });

  it('link-queue: M/M/1/K for exponential sizes and a bounded buffer, nothing for constant sizes', () => {
    const bounded = poissonTo('', '{ dist: exponential, mean: 1250B }', ', buffer: 9')['link-queue:f'];
    expect(bounded.values.blockingProbability).toBeCloseTo(0.05081373133, 10);
    expect(bounded.formula).toMatch(/^M\/M\/1\/K/);
    expect(poissonTo('', '1250B', ', buffer: 9')['link-queue:f']).toBeUndefined();
    // A buffer in bytes drops by size, RED early: neither is M/M/1/K.
    const exponentialSizes = '{ dist: exponential, mean: 1250B }';
    expect(poissonTo('', exponentialSizes, ', buffer: 11250B')['link-queue:f']).toBeUndefined();
    const red = ', buffer: { discipline: red, capacity: 9, minThreshold: 3, maxThreshold: 6 }';
    expect(poissonTo('', exponentialSizes, red)['link-queue:f']).toBeUndefined();
    expect(poissonTo('', '1250B')['link-queue:f'].formula).toMatch(/^M\/D\/1/);
  });
});

describe('the broker queue theory asks the publisher transport how it behaves, not its name', () => {
  it('gives the Erlang C entry to any unacknowledged publisher, and none without a closed form', () => {
    const scenario = parseScenarioText(
      `name: broker
nodes:
  - { id: producer }
  - { id: broker }
  - { id: worker, processing: { dist: exponential, mean: 10ms } }
links:
  - { between: [producer, broker], bandwidth: 1Tbps }
  - { between: [broker, worker], bandwidth: 1Tbps }
brokers:
  - node: broker
    queues: [{ name: jobs }]
    consumers: [{ id: c, node: worker, queue: jobs, prefetch: 1 }]
flows:
  - { from: producer, to: broker, publish: { queue: jobs }, workload: { rate: 50, arrivals: poisson, messages: 10, size: 1B } }
`,
      'broker.yaml',
    );
    scenario.flows[0].transport.protocol = 'renamed';
    const datagramLike = renamed(datagram as unknown as TransportDefinition);
    const entry = predictTheory(scenario, datagramLike, arrivals, STRATEGIES)['broker-queue:broker/jobs'];
    expect(entry.values.utilisation).toBeCloseTo(0.5, 12);
    const silent = renamed(datagram as unknown as TransportDefinition, false);
    expect(predictTheory(scenario, silent, arrivals, STRATEGIES)).toEqual({});
  });
});

describe('a flow without a prediction says why', () => {
  /** Why no formula applies to flow `f` of a two-node scenario with `link` and `flow` (YAML maps' contents). */
  function whyNot(link: string, flow: string, extraFlows = '', delay = '10ms'): Record<string, string> {
    const scenario = parseScenarioText(
      `name: why
nodes: [{ id: s }, { id: r }, { id: x }]
links: [{ between: [s, r], bandwidth: 1Mbps, delay: ${delay}${link} }, { between: [r, x], bandwidth: 1Mbps, delay: 1ms }]
flows:
  - { id: f, from: s, to: r, ${flow} }
${extraFlows}`,
      'why.yaml',
    );
    const registries = createRegistries();
    return scenarioTheory(scenario, registries.transports, registries.arrivals, registries).noTheory;
  }
  const bulk = 'workload: { messages: 10, size: 1000B }';

  it('stop-and-wait: a timeout shorter than the cycle, a timeout that adapts, sizes that vary', () => {
    expect(
      whyNot('', `transport: { protocol: stop-and-wait, timeout: 20ms, ackSize: 40B }, ${bulk}`),
    ).toEqual({
      f:
        'the timeout (20 ms) is not longer than the cycle L/R + 2·d + A/R (28.32 ms): copies are resent ' +
        'before their ACKs can arrive',
    });
    expect(
      whyNot('', `transport: { protocol: stop-and-wait, timeout: { strategy: adaptive } }, ${bulk}`).f,
    ).toBe('the timeout is not fixed (the formula charges each loss one constant T_o)');
    expect(
      whyNot(
        '',
        'transport: { protocol: stop-and-wait, timeout: 1s }, workload: { messages: 10, size: { dist: uniform, min: 100B, max: 200B } }',
      ).f,
    ).toBe('its messages differ in size (the formulas take one constant size)');
    // The cycle is 28.32 ms: 50 ms gives the prediction, and no reason.
    expect(
      whyNot('', `transport: { protocol: stop-and-wait, timeout: 50ms, ackSize: 40B }, ${bulk}`),
    ).toEqual({});
  });

  it('window protocols: a window short of the pipe, lost ACKs, congestion control', () => {
    // 1000 B frames take 8 ms; the ACK cycle is 8 + 20 + 0.32 = 28.32 ms, so 3 frames do not fill it.
    expect(
      whyNot(
        ', loss: { forward: 0.1, reverse: 0 }',
        `transport: { protocol: go-back-n, window: 3, timeout: 100ms, ackSize: 40B }, ${bulk}`,
      ).f,
    ).toBe(
      'the window (3 frames of 8 ms) does not fill the pipe (W·t_f < the ACK cycle, 28.32 ms) and frames ' +
        'are lost: the formulas with losses assume a full pipe (without losses, T = W/cycle applies)',
    );
    // Without losses the window-limited formula applies: no reason to give.
    expect(
      whyNot('', `transport: { protocol: go-back-n, window: 3, timeout: 100ms, ackSize: 40B }, ${bulk}`),
    ).toEqual({});
    expect(
      whyNot(
        ', loss: { forward: 0.1, reverse: 0.1 }',
        `transport: { protocol: selective-repeat, window: 8, timeout: 100ms }, ${bulk}`,
      ).f,
    ).toBe('ACKs can be lost (the window formulas assume they never are)');
    expect(
      whyNot('', `transport: { protocol: go-back-n, window: 8, timeout: 100ms, congestion: reno }, ${bulk}`)
        .f,
    ).toBe('its congestion control (reno) changes the window: the formulas take a fixed one');
    expect(
      whyNot(
        '',
        `transport: { protocol: selective-repeat, window: 8, timeout: 100ms, receiveBuffer: 4 }, ${bulk}`,
      ).f,
    ).toBe('its receive buffer (4) is smaller than its window (8): flow control holds the sender');
  });

  it('request-reply: the transport, what varies, a timeout that can fire', () => {
    const requests = (pattern: string, transport = '') =>
      whyNot(
        '',
        `${transport}workload: { messages: 10, size: 1000B }, pattern: { kind: request-reply, mode: sync, replySize: 1000B${pattern} }`,
      ).f;
    expect(requests(', think: { dist: exponential, mean: 1ms }')).toBe(
      'its think time varies: the request-reply formulas take constant times and sizes',
    );
    expect(requests('', 'transport: { protocol: stop-and-wait, timeout: 1s }, ')).toBe(
      'its requests go over stop-and-wait: the request-reply formulas take datagrams',
    );
    // Each way: 8 ms + 10 ms; a sync request takes 36 ms.
    expect(requests(', timeout: 36ms')).toBe(
      'its timeout (36 ms) is not longer than the longest a request can take (36 ms): a request could be sent again beside the late one',
    );
    expect(requests(', timeout: 37ms')).toBeUndefined();
  });

  it('datagram queues: arrivals that are not Poisson, a load of 1 or more', () => {
    expect(whyNot('', 'workload: { rate: 50, size: 1000B, stop: 1s }').f).toBe(
      'its arrivals are not Poisson (the queue formulas assume Poisson arrivals)',
    );
    expect(
      whyNot(
        '',
        'workload: { rate: 50, arrivals: poisson, size: { dist: uniform, min: 500B, max: 1500B }, stop: 1s }',
      ).f,
    ).toBe('its sizes are neither exponential nor constant (the link-queue formulas take M/M/1 or M/D/1)');
    expect(whyNot(', buffer: 10', 'workload: { rate: 50, arrivals: poisson, size: 1000B, stop: 1s }').f).toBe(
      'its buffer is bounded and its sizes are constant (no M/D/1/K formula here)',
    );
    // 1000 B at 1 Mbit/s: μ = 125/s, so λ = 150/s is ρ = 1.2.
    expect(whyNot('', 'workload: { rate: 150, arrivals: poisson, size: 1000B, stop: 1s }').f).toBe(
      'the load ρ = λ/μ = 1.2 is at least 1: the queue grows without end, with no steady state',
    );
  });

  it('what every formula needs: one direct link to itself, no jitter, no faults', () => {
    expect(
      whyNot(
        '',
        'workload: { rate: 50, arrivals: poisson, size: 1000B, stop: 1s }',
        '  - { id: g, from: s, to: r, workload: { rate: 1, stop: 1s } }\n',
      ),
    ).toEqual({
      f: 'its link also carries flow g',
      g: 'its link also carries flow f',
    });
    expect(
      whyNot(
        '',
        `transport: { protocol: stop-and-wait, timeout: 1s }, ${bulk}`,
        '',
        '{ dist: uniform, min: 5ms, max: 15ms }',
      ).f,
    ).toBe("its link's delay has jitter (the formulas take a constant d)");
    expect(
      whyNot(
        '',
        'workload: { rate: 50, arrivals: poisson, size: 1000B, stop: 1s }',
        '  - { id: h, from: s, to: x, workload: { rate: 1, stop: 1s } }\n',
      ).h,
    ).toBe('its ends are not joined by one link (every formula here is of one link)');
  });
});

describe('stop-and-wait with a header', () => {
  it('predicts the goodput the run measures: the payload per cycle, the header only in the cycle', () => {
    const { summary } = simulate(
      parseScenarioText(
        `name: header
nodes: [{ id: s }, { id: r }]
links: [{ between: [s, r], bandwidth: 1Mbps, delay: 10ms }]
flows:
  - { id: f, from: s, to: r, transport: { protocol: stop-and-wait, timeout: 50ms, ackSize: 40B, headerSize: 40B }, workload: { messages: 20, size: 1000B } }
`,
        'header.yaml',
      ),
    );
    const predicted = summary.theory['stop-and-wait:f'].values;
    // 1040 B take 8.32 ms, the ACK 0.32 ms: a cycle of 28.64 ms, 20 of them exactly.
    expect(predicted.cycleSeconds).toBeCloseTo(0.02864, 15);
    expect(summary.throughput.goodputBitsPerSecond! / predicted.goodputBitsPerSecond).toBeCloseTo(1, 9);
  });
});

describe('a flow alone on its link: the directions the flows use, by their routes', () => {
  const summaryOf = (flows: string) =>
    simulate(
      parseScenarioText(
        `name: sharing
duration: 2s
nodes: [{ id: a }, { id: b }, { id: c }]
links: [{ between: [a, b], bandwidth: 1Mbps, delay: 1ms }, { between: [b, c], bandwidth: 1Mbps, delay: 1ms }]
flows:
${flows}`,
        'sharing.yaml',
      ),
    ).summary;
  const poisson = 'workload: { rate: 20, arrivals: poisson, size: 1000B }';

  it('datagram flows in opposite directions of a full-duplex link never meet: each gets its M/D/1', () => {
    const summary = summaryOf(
      `  - { id: f, from: a, to: b, ${poisson} }\n  - { id: g, from: b, to: a, ${poisson} }\n`,
    );
    expect(Object.keys(flowTheory(summary.theory))).toEqual(['link-queue:f', 'link-queue:g']);
    expect(summary.noTheory).toEqual({});
  });

  it('a flow with ACKs uses both directions: a datagram flow the other way meets its ACKs', () => {
    const summary = summaryOf(
      `  - { id: f, from: a, to: b, ${poisson} }\n` +
        '  - { id: g, from: b, to: a, transport: { protocol: stop-and-wait, timeout: 1s }, workload: { messages: 10, size: 1000B } }\n',
    );
    expect(flowTheory(summary.theory)).toEqual({});
    expect(summary.noTheory).toEqual({
      f: 'its link also carries the ACKs of flow g',
      g: 'its link also carries flow f',
    });
  });

  it('a flow of two hops crossing the link takes the prediction away from the flow between its ends', () => {
    const summary = summaryOf(
      `  - { id: f, from: a, to: b, ${poisson} }\n  - { id: g, from: a, to: c, ${poisson} }\n`,
    );
    expect(flowTheory(summary.theory)).toEqual({});
    // The bandwidth-delay products of the directions their data crosses, by the routes.
    expect(Object.keys(summary.theory)).toEqual(['bandwidth-delay:a-b:a>b', 'bandwidth-delay:b-c:b>c']);
    expect(summary.noTheory).toEqual({
      f: 'its link also carries flow g',
      g: 'its ends are not joined by one link (every formula here is of one link)',
    });
  });
});
