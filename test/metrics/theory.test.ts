import { describe, expect, it } from 'vitest';
import { linkQueueTheory, stopAndWaitObstacle, stopAndWaitTheory } from '../../src/metrics/theory.js';

const path = {
  dataBytes: 1000,
  ackBytes: 40,
  bandwidthBitsPerSecond: 1e6,
  propagationSeconds: 0.01,
  dataLossProbability: 0,
  ackLossProbability: 0,
  timeoutSeconds: 0.05,
};

describe('stopAndWaitTheory', () => {
  it('lossless: cycle = L/R + 2d + A/R = 28.32 ms', () => {
    const values = stopAndWaitTheory(path)!.values;
    expect(values.transmissionSeconds).toBeCloseTo(0.008, 15);
    expect(values.cycleSeconds).toBeCloseTo(0.02832, 15);
    expect(values.meanTimePerMessageSeconds).toBeCloseTo(0.02832, 15);
    expect(values.utilisation).toBeCloseTo(0.008 / 0.02832, 12);
    expect(values.messagesPerSecond).toBeCloseTo(1 / 0.02832, 9);
    expect(values.goodputBitsPerSecond).toBeCloseTo(8000 / 0.02832, 6);
    expect(values.transmissionsPerMessage).toBe(1);
  });

  it('lossy: E[t] = cycle + (1-s)/s · T_o with s = (1-p)(1-q)', () => {
    const values = stopAndWaitTheory({ ...path, dataLossProbability: 0.2, ackLossProbability: 0.5 })!.values;
    const s = 0.8 * 0.5;
    expect(values.meanTimePerMessageSeconds).toBeCloseTo(0.02832 + (0.6 / 0.4) * 0.05, 12);
    expect(values.transmissionsPerMessage).toBeCloseTo(1 / s, 12);
  });

  it('has no prediction when nothing gets through or the timeout is below the cycle', () => {
    expect(stopAndWaitTheory({ ...path, dataLossProbability: 1 })).toBeNull();
    expect(stopAndWaitTheory({ ...path, dataLossProbability: 0.1, timeoutSeconds: 0.02 })).toBeNull();
    // Even lossless, a timeout below the cycle resends copies that were not lost.
    expect(stopAndWaitTheory({ ...path, timeoutSeconds: 0.02 })).toBeNull();
  });

  it('has none at a timeout equal to the cycle: the timer fires as the ACK arrives, a tie', () => {
    expect(stopAndWaitTheory({ ...path, timeoutSeconds: 0.02832 })).toBeNull();
    expect(stopAndWaitObstacle({ ...path, timeoutSeconds: 0.02832 })).toBe(
      'the timeout (28.32 ms) is not longer than the cycle L/R + 2·d + A/R (28.32 ms): copies are resent ' +
        'before their ACKs can arrive',
    );
    expect(stopAndWaitTheory({ ...path, timeoutSeconds: 0.0283201 })).not.toBeNull();
  });

  it('counts the payload in goodput, the whole packet in the cycle', () => {
    // 1040 B on the wire (40 B header): t_trans 8.32 ms, cycle 28.64 ms; goodput 8000 bits a cycle.
    const values = stopAndWaitTheory({ ...path, dataBytes: 1040, payloadBytes: 1000 })!.values;
    expect(values.cycleSeconds).toBeCloseTo(0.02864, 15);
    expect(values.goodputBitsPerSecond).toBeCloseTo(8000 / 0.02864, 6);
  });
});

describe('linkQueueTheory', () => {
  // 1250 B at 1 Mbit/s: μ = 100/s; λ = 50/s: ρ = 0.5.
  const queue = {
    arrivalsPerSecond: 50,
    meanSizeBytes: 1250,
    bandwidthBitsPerSecond: 1e6,
    propagationSeconds: 0.005,
  };

  it('M/M/1: W_q = ρ/(μ-λ) = 10 ms, W = 20 ms, L = λW = 1', () => {
    const values = linkQueueTheory({ ...queue, sizes: 'exponential' })!.values;
    expect(values.utilisation).toBeCloseTo(0.5, 15);
    expect(values.meanQueueingSeconds).toBeCloseTo(0.01, 15);
    expect(values.meanSojournSeconds).toBeCloseTo(0.02, 15);
    expect(values.meanLatencySeconds).toBeCloseTo(0.025, 15);
    expect(values.meanNumberInSystem).toBeCloseTo(1, 12);
    expect(values.probabilityNoWait).toBeCloseTo(0.5, 15);
    expect(values.throughputBitsPerSecond).toBe(500_000);
  });

  it('M/D/1: W_q = ρ/(2μ(1-ρ)) = 5 ms, W = 15 ms', () => {
    const values = linkQueueTheory({ ...queue, sizes: 'constant' })!.values;
    expect(values.meanQueueingSeconds).toBeCloseTo(0.005, 15);
    expect(values.meanSojournSeconds).toBeCloseTo(0.015, 15);
  });

  it('is null at or above saturation', () => {
    expect(linkQueueTheory({ ...queue, arrivalsPerSecond: 100, sizes: 'exponential' })).toBeNull();
    expect(linkQueueTheory({ ...queue, arrivalsPerSecond: 150, sizes: 'constant' })).toBeNull();
  });
});
