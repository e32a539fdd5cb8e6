import { describe, expect, it } from 'vitest';
import {
  type ExponentialBackoffRtoConfig,
  ExponentialBackoffTimeout,
  exponentialBackoffRto,
} from '../../../src/transport/rto/exponential-backoff.js';
import type { RetransmissionTimeout } from '../../../src/transport/rto/rto-strategy.js';
import { itTheory, theoryCase } from '../../helpers/theory-cases.js';
import { expectExactAt, expectedList } from './rto-cases.js';

function configOf(params: Record<string, unknown> = {}): ExponentialBackoffRtoConfig {
  return exponentialBackoffRto.schema.parse({ strategy: 'exponential-backoff', ...params });
}

function estimator(params: Record<string, unknown> = {}): RetransmissionTimeout {
  return new ExponentialBackoffTimeout(configOf(params));
}

function armedOver(rto: RetransmissionTimeout, expiries: number): number[] {
  const armed: number[] = [];
  for (let i = 0; i < expiries; i++) {
    armed.push(rto.rto);
    rto.onExpiry();
  }
  return armed;
}

function issuesOf(params: Record<string, unknown>): string[] {
  const parsed = exponentialBackoffRto.schema.safeParse({ strategy: 'exponential-backoff', ...params });
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('exponential-backoff RTO', () => {
  it('defaults to 1 s, doubling, capped at 60 s', () => {
    expect(configOf()).toEqual({ strategy: 'exponential-backoff', initial: 1, factor: 2, max: 60 });
  });

  itTheory('C10: retransmits at 1, 3, 7, ..., 183 s with RTOs 1, 2, 4, ..., 60, 60 s (exact)', () => {
    const c10 = theoryCase('C10');
    const rto = estimator();
    let at = 0;
    expectedList(c10, 'retransmission_times_s').forEach((_, i) => {
      expectExactAt(c10, 'rto_before_each_retransmission_s', i, rto.rto);
      at += rto.rto;
      expectExactAt(c10, 'retransmission_times_s', i, at);
      rto.onExpiry();
    });
  });

  it('multiplies by its factor up to the cap, which need not be a power of the factor', () => {
    expect(armedOver(estimator({ initial: '100ms', factor: 3, max: '1s' }), 5)).toEqual([
      0.1,
      0.1 * 3,
      0.1 * 3 * 3,
      1,
      1,
    ]);
  });

  it('falls back to initial on a fresh RTT sample, whatever the sample, and keeps no estimate', () => {
    const rto = estimator({ initial: '500ms' });
    armedOver(rto, 4);
    expect(rto.rto).toBe(8);
    rto.onRttSample(3);
    expect(rto.rto).toBe(0.5);
    expect(rto.srtt).toBeNaN();
    expect(rto.rttvar).toBeNaN();
  });

  it('rejects a cap below initial, a factor of 1 or less, and non-positive times', () => {
    expect(issuesOf({ initial: '2s', max: '1s' })).toEqual([
      'max: expected max (1 s) to be at least initial (2 s): the timeout starts at initial and only grows',
    ]);
    expect(issuesOf({ initial: '2s', max: '2s' })).toEqual([]);
    expect(issuesOf({ factor: 1 })).toEqual([
      'factor: expected a factor greater than 1 (each expiry must lengthen the timeout)',
    ]);
    expect(issuesOf({ factor: 0.5 })).toHaveLength(1);
    expect(issuesOf({ initial: 0 }).map((issue) => issue.split(':')[0])).toEqual(['initial']);
    expect(issuesOf({ cap: '10s' })).toHaveLength(1);
  });
});
