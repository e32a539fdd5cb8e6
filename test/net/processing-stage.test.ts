import { describe, expect, it } from 'vitest';
import { constantDistribution } from '../../src/engine/distributions.js';
import { Simulator } from '../../src/engine/simulator.js';
import { Message } from '../../src/net/message.js';
import { ProcessingStage } from '../../src/net/processing-stage.js';

function stage(servers: number, capacity: number, serviceSeconds: number) {
  const simulator = new Simulator();
  const events: Array<[string, number, number]> = [];
  const processing = new ProcessingStage(
    simulator,
    constantDistribution(serviceSeconds),
    () => 0.5,
    servers,
    capacity,
    {
      processed: (m) => events.push(['processed', m.id, simulator.now]),
      refused: (m) => events.push(['refused', m.id, simulator.now]),
      crashed: (m) => events.push(['crashed', m.id, simulator.now]),
    },
  );
  return { simulator, processing, events };
}

const message = (id: number) => new Message(id, 0, 100, 0);

describe('ProcessingStage', () => {
  it('serves FIFO with `servers` workers and adds the wait to queueSeconds', () => {
    const { simulator, processing, events } = stage(2, Number.POSITIVE_INFINITY, 1);
    const messages = [0, 1, 2, 3, 4].map(message);
    for (const m of messages) processing.accept(m);
    expect(processing.queueLength).toBe(3);
    simulator.run();
    expect(events).toEqual([
      ['processed', 0, 1],
      ['processed', 1, 1],
      ['processed', 2, 2],
      ['processed', 3, 2],
      ['processed', 4, 3],
    ]);
    expect(messages.map((m) => m.queueSeconds)).toEqual([0, 0, 1, 1, 2]);
    expect(messages.map((m) => m.procSeconds)).toEqual([1, 1, 1, 1, 1]);
  });

  it('refuses what finds the queue full', () => {
    const { simulator, processing, events } = stage(1, 2, 1);
    for (const id of [0, 1, 2, 3]) processing.accept(message(id));
    simulator.run();
    expect(events).toEqual([
      ['refused', 3, 0],
      ['processed', 0, 1],
      ['processed', 1, 2],
      ['processed', 2, 3],
    ]);
  });

  it('passes messages straight through with zero processing time, whatever the capacity', () => {
    const { simulator, processing, events } = stage(1, 0, 0);
    for (const id of [0, 1, 2]) processing.accept(message(id));
    expect(events).toEqual([
      ['processed', 0, 0],
      ['processed', 1, 0],
      ['processed', 2, 0],
    ]);
    expect(simulator.pendingEvents).toBe(0);
  });

  it('loses everything in service and waiting on a crash, and serves anew afterwards', () => {
    const { simulator, processing, events } = stage(1, Number.POSITIVE_INFINITY, 1);
    for (const id of [0, 1, 2]) processing.accept(message(id));
    simulator.run({ until: 0.5 });
    processing.crash();
    expect(events).toEqual([
      ['crashed', 0, 0.5],
      ['crashed', 1, 0.5],
      ['crashed', 2, 0.5],
    ]);
    expect(processing.queueLength).toBe(0);
    processing.accept(message(3));
    simulator.run();
    expect(events.at(-1)).toEqual(['processed', 3, 1.5]);
  });
});
