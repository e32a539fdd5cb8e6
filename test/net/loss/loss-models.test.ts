import { describe, expect, it } from 'vitest';
import type { RandomStream } from '../../../src/engine/random.js';
import { bernoulliLoss } from '../../../src/net/loss/bernoulli.js';
import { createLossModelRegistry } from '../../../src/net/loss/index.js';
import type { LossProcess } from '../../../src/net/loss/loss-model.js';
import type { ScenarioInput } from '../../../src/scenario/schema.js';
import { run, scenarioOf } from '../../helpers/scenario.js';
import { recordingProbe } from '../recording-probe.js';

const registry = createLossModelRegistry();

/** A model from its configuration, validated by the model's own schema. */
function modelOf(config: { model: string } & Record<string, unknown>) {
  const definition = registry.get(config.model);
  return definition.create(definition.schema.parse(config));
}

/** Packet numbers (from 1) that `process` loses among the first `packets`. */
function lostNumbers(process: LossProcess, packets: number, random: RandomStream = () => 0.5): number[] {
  const lost: number[] = [];
  for (let number = 1; number <= packets; number++) if (process.lose(random)) lost.push(number);
  return lost;
}

/** A random stream that replays `values` and counts how often it was drawn from. */
function scripted(values: number[]) {
  let draws = 0;
  const stream: RandomStream = () => values[draws++ % values.length];
  return { stream, draws: () => draws };
}

describe('periodic loss model', () => {
  const periodic = (config: Record<string, unknown>) => modelOf({ model: 'periodic', ...config });

  it('loses packets every, 2·every, ... by default, drawing nothing', () => {
    const random = scripted([0]);
    expect(lostNumbers(periodic({ every: 3 }).createProcess(), 10, random.stream)).toEqual([3, 6, 9]);
    expect(random.draws()).toBe(0);
    expect(lostNumbers(periodic({ every: 165 }).createProcess(), 500)).toEqual([165, 330, 495]);
  });

  it('starts at `first` when given', () => {
    expect(lostNumbers(periodic({ every: 4, first: 1 }).createProcess(), 10)).toEqual([1, 5, 9]);
    expect(lostNumbers(periodic({ every: 4, first: 6 }).createProcess(), 14)).toEqual([6, 10, 14]);
    expect(lostNumbers(periodic({ every: 1 }).createProcess(), 3)).toEqual([1, 2, 3]);
  });

  it('gives every process its own counter, and no independent-loss probability', () => {
    const model = periodic({ every: 2 });
    const a = model.createProcess();
    expect(lostNumbers(a, 3)).toEqual([2]);
    // A second direction starts counting from its own first packet.
    expect(lostNumbers(model.createProcess(), 2)).toEqual([2]);
    expect(a.lose(() => 0)).toBe(true); // a's fourth packet
    expect(model.lossRate).toBe(0.5);
    expect(model.independentProbability).toBeUndefined();
  });
});

describe('bernoulli loss model', () => {
  it('loses a packet when its draw falls below p, one draw per packet', () => {
    const random = scripted([0.1, 0.5, 0.29, 0.3, 0.9]);
    expect(lostNumbers(bernoulliLoss(0.3).createProcess(), 5, random.stream)).toEqual([1, 3]);
    expect(random.draws()).toBe(5);
  });

  it('with p = 0 never draws, so a lossless link leaves its stream untouched', () => {
    const random = scripted([0]);
    expect(lostNumbers(bernoulliLoss(0).createProcess(), 100, random.stream)).toEqual([]);
    expect(random.draws()).toBe(0);
  });

  it('is what a plain probability means in a scenario', () => {
    const model = modelOf({ model: 'bernoulli', probability: 0.25 });
    expect(model).toMatchObject({ model: 'bernoulli', lossRate: 0.25, independentProbability: 0.25 });
  });
});

describe('links[].loss in a scenario', () => {
  const line = (loss: unknown, transport?: Record<string, unknown>): ScenarioInput =>
    ({
      name: 'loss-model',
      nodes: [{ id: 's' }, { id: 'r' }],
      links: [{ between: ['s', 'r'], bandwidth: '1Mbps', delay: '10ms', loss }],
      flows: [{ id: 'f', from: 's', to: 'r', transport, workload: { messages: 50, size: '1000B' } }],
    }) as ScenarioInput;

  it('accepts a probability, a model for both directions, or one per direction', () => {
    const both = scenarioOf(line({ model: 'periodic', every: 165 })).links[0].loss;
    expect(both.forward).toMatchObject({ model: 'periodic', lossRate: 1 / 165 });
    expect(both.reverse).toMatchObject({ model: 'periodic', lossRate: 1 / 165 });
    const split = scenarioOf(line({ forward: { model: 'periodic', every: 7 } })).links[0].loss;
    expect(split.forward.model).toBe('periodic');
    expect(split.reverse).toMatchObject({ model: 'bernoulli', lossRate: 0 });
    expect(scenarioOf(line(0.1)).links[0].loss.forward.independentProbability).toBe(0.1);
  });

  it('periodic: a datagram flow loses exactly messages every-1, 2·every-1, ... (ids from 0)', () => {
    const recorder = recordingProbe();
    const { summary } = run(line({ forward: { model: 'periodic', every: 10 } }), {
      probes: [recorder.probe],
    });
    expect(summary.counts.lost).toEqual({ linkLoss: 5 });
    expect(summary.counts.delivered).toBe(45);
    expect(recorder.lost.map((lost) => lost.packet.message?.id)).toEqual([9, 19, 29, 39, 49]);
  });

  it('periodic counts retransmissions: stop-and-wait over every: 2 sends each message twice', () => {
    // Copy 1 (message 0) arrives, copy 2 (message 1) is lost, copy 3 (message 1 again) arrives,
    // copy 4 (message 2) is lost, ...: one retransmission for every message but the first.
    const { summary } = run(
      line({ forward: { model: 'periodic', every: 2 } }, { protocol: 'stop-and-wait', timeout: '50ms' }),
    );
    expect(summary.counts.delivered).toBe(50);
    expect(summary.counts.retransmissions).toBe(49);
    expect(summary.counts.packets.lost).toEqual({ linkLoss: 49 });
  });

  it('applies to ACKs on the reverse direction: every third ACK is lost', () => {
    const { summary } = run(
      line({ reverse: { model: 'periodic', every: 3 } }, { protocol: 'stop-and-wait', timeout: '50ms' }),
    );
    // ACKs 3, 6, 9, ... are lost; each lost ACK costs one retransmission, whose copy is a
    // duplicate at the receiver and is ACKed again (that ACK counts too).
    expect(summary.counts.delivered).toBe(50);
    expect(summary.counts.duplicates).toBe(summary.counts.retransmissions);
    expect(summary.counts.packets.lost.linkLoss).toBe(summary.counts.retransmissions);
    const acks = summary.counts.packets.acks;
    expect(summary.counts.packets.lost.linkLoss).toBe(Math.floor(acks / 3));
  });

  it('pauses the periodic count while a degradation window replaces the loss', () => {
    // One message every 10 ms, each leaving the link 8 ms after it is sent: messages 2 and 3
    // leave inside [25 ms, 45 ms), where the loss is 0 and the count stands still; message 4 is
    // then the third counted (a count running on would lose 5, 8, 11).
    const trickle = (faults: ScenarioInput['faults']): ScenarioInput => ({
      ...line({ forward: { model: 'periodic', every: 3 } }),
      flows: [{ id: 'f', from: 's', to: 'r', workload: { messages: 12, rate: 100, size: '1000B' } }],
      faults,
    });
    const lostIds = (input: ScenarioInput) => {
      const recorder = recordingProbe();
      run(input, { probes: [recorder.probe] });
      return recorder.lost.map((lost) => lost.packet.message?.id);
    };
    expect(lostIds(trickle([]))).toEqual([2, 5, 8, 11]);
    expect(lostIds(trickle([{ at: '25ms', degrade: 's-r', for: '20ms', loss: 0 }]))).toEqual([4, 7, 10]);
  });

  it('gives no stop-and-wait prediction for a periodic link: the formula assumes independent losses', () => {
    const transport = { protocol: 'stop-and-wait', timeout: '50ms' };
    expect(run(line(0.1, transport)).summary.theory['stop-and-wait:f']).toBeDefined();
    expect(
      run(line({ forward: { model: 'periodic', every: 10 } }, transport)).summary.theory['stop-and-wait:f'],
    ).toBeUndefined();
  });
});
