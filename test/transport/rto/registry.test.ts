import { describe, expect, it } from 'vitest';
import { fixedTimeoutSeconds } from '../../../src/transport/rto/fixed.js';
import { createRtoRegistry } from '../../../src/transport/rto/index.js';
import { timeoutSchema } from '../../../src/transport/strategy-schemas.js';

const registry = createRtoRegistry();
const timeout = timeoutSchema(registry);

describe('RTO strategies', () => {
  it('are registered by name', () => {
    expect(registry.ids()).toEqual(['fixed', 'exponential-backoff', 'adaptive']);
  });

  it('read a plain time as a fixed timeout, and name the others as { strategy, ...params }', () => {
    expect(timeout.parse('100ms')).toEqual({ strategy: 'fixed', value: 0.1 });
    expect(timeout.parse({ strategy: 'fixed', value: '2s' })).toEqual({ strategy: 'fixed', value: 2 });
    expect(timeout.parse({ strategy: 'exponential-backoff', max: '10s' })).toEqual({
      strategy: 'exponential-backoff',
      initial: 1,
      factor: 2,
      max: 10,
    });
    expect(timeout.parse({ strategy: 'adaptive', min: '200ms' })).toMatchObject({
      strategy: 'adaptive',
      min: 0.2,
    });
    expect(timeout.safeParse({ strategy: 'adaptive', min: '2s', max: '1s' }).success).toBe(false);
    expect(timeout.safeParse({ strategy: 'karn' }).success).toBe(false);
  });

  it('fixed ignores samples and expiries', () => {
    const rto = registry.get('fixed').create(timeout.parse('250ms'));
    rto.onRttSample(1);
    rto.onExpiry();
    expect(rto.rto).toBe(0.25);
    expect(rto.srtt).toBeNaN();
  });

  it('a fixed timeout exposes its value to closed-form theory; the others do not', () => {
    expect(fixedTimeoutSeconds(timeout.parse('50ms'))).toBe(0.05);
    expect(fixedTimeoutSeconds(timeout.parse({ strategy: 'exponential-backoff' }))).toBeUndefined();
    expect(fixedTimeoutSeconds(timeout.parse({ strategy: 'adaptive' }))).toBeUndefined();
    expect(fixedTimeoutSeconds(0.05)).toBeUndefined();
    expect(fixedTimeoutSeconds(undefined)).toBeUndefined();
  });
});
