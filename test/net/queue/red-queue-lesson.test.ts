import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/scenario/build-simulation.js';
import { loadScenario } from '../../../src/scenario/load.js';

/**
 * scenarios/red-queue.yaml: what its description claims of the bottleneck (the link figures of
 * `left-right`, after the 10 s warm-up), for RED and the two drop-tail buffers it names.
 */
describe('red-queue: bufferbloat behind drop-tail, a short queue with RED', () => {
  const bottleneck = (overrides: string[] = []) => {
    const { summary } = simulate(loadScenario('scenarios/red-queue.yaml', { overrides }));
    return { summary, link: summary.links['left-right'].directions[0] };
  };
  // The round trip the flows' packets see with an empty queue, and one packet's transmission.
  const packetSeconds = (1250 * 8) / 10e6;
  const roundTrip = 2 * (0.5e-3 + 19e-3 + 0.5e-3);

  const dropTail100 = bottleneck(['topologies[0].bottleneck.buffer=100']);
  const dropTail30 = bottleneck(['topologies[0].bottleneck.buffer=30']);
  const red = bottleneck();

  it('drop-tail 100: the link stays busy behind a standing queue of over 60 packets, longer than the round trip', () => {
    expect(dropTail100.link.utilisation).toBeGreaterThan(0.999);
    expect(dropTail100.link.queue.peakPacketsWaiting).toBe(100);
    expect(dropTail100.link.queue.meanPacketsWaiting).toBeGreaterThan(60);
    expect(dropTail100.link.queue.meanWaitSeconds).toBeGreaterThan(1.5 * roundTrip);
    // Little's law at a busy link: the backlog is the wait in packet times.
    expect(dropTail100.link.queue.meanWaitSeconds! / packetSeconds).toBeCloseTo(
      dropTail100.link.queue.meanPacketsWaiting!,
      0,
    );
    expect(dropTail100.summary.counts.packets.dropped).toEqual({ linkBuffer: dropTail100.link.dropped });
  });

  it('drop-tail 30: nearly as busy (99%) with a quarter of the backlog', () => {
    expect(dropTail30.link.utilisation).toBeGreaterThan(0.98);
    expect(dropTail30.link.queue.meanPacketsWaiting).toBeLessThan(
      dropTail100.link.queue.meanPacketsWaiting! / 3,
    );
  });

  it('RED in the 100-packet buffer: a backlog of 10-20 packets between its thresholds, at over 95%', () => {
    expect(red.link.utilisation).toBeGreaterThan(0.95);
    expect(red.link.queue.meanPacketsWaiting).toBeGreaterThan(10);
    expect(red.link.queue.meanPacketsWaiting).toBeLessThan(20);
    expect(red.link.queue.meanWaitSeconds).toBeLessThan(roundTrip / 2);
    // After the warm-up the buffer never fills: RED's early drops did the work.
    expect(red.link.queue.peakPacketsWaiting).toBeLessThan(100);
    const dropped = red.summary.counts.packets.dropped;
    expect(dropped.red).toBeGreaterThan(dropped.linkBuffer ?? 0);
    // Goodputs stay fair: Jain's index over the shared link.
    expect(red.summary.fairness[0].jainIndex).toBeGreaterThan(0.99);
  });
});
