import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AdaptiveRtoConfig, AdaptiveTimeout, adaptiveRto } from '../../../src/transport/rto/adaptive.js';
import { input, itTheory, theoryCase } from '../../helpers/theory-cases.js';
import { expectExactAt, expectedList, inputList } from './rto-cases.js';

function configOf(params: Record<string, unknown> = {}): AdaptiveRtoConfig {
  return adaptiveRto.schema.parse({ strategy: 'adaptive', ...params });
}

function estimator(params: Record<string, unknown> = {}): AdaptiveTimeout {
  return new AdaptiveTimeout(configOf(params));
}

/** `path: message` of each issue `params` raise. */
function issuesOf(params: Record<string, unknown>): string[] {
  const parsed = adaptiveRto.schema.safeParse({ strategy: 'adaptive', ...params });
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('adaptive RTO (RFC 6298)', () => {
  it('defaults to the RFC values: 1 s initial and minimum, 60 s maximum, G = 1 ms, 1/8, 1/4, K = 4, doubling', () => {
    expect(configOf()).toEqual({
      strategy: 'adaptive',
      initial: 1,
      min: 1,
      max: 60,
      granularity: 0.001,
      alpha: 0.125,
      beta: 0.25,
      k: 4,
      backoff: 2,
    });
  });

  itTheory('C09: SRTT, RTTVAR and RTO after each sample, RTTVAR updated from the old SRTT (exact)', () => {
    const c09 = theoryCase('C09');
    const rto = estimator({
      granularity: input(c09, 'clock_granularity'),
      alpha: input(c09, 'alpha'),
      beta: input(c09, 'beta'),
      k: input(c09, 'K'),
      min: input(c09, 'rto_min'),
    });
    const samples = inputList(c09, 'rtt_samples');
    const unfloored: number[] = [];
    samples.forEach((sample, i) => {
      rto.onRttSample(sample);
      expectExactAt(c09, 'srtt_s', i, rto.srtt);
      expectExactAt(c09, 'rttvar_s', i, rto.rttvar);
      expectExactAt(c09, 'rto_unfloored_s', i, rto.unflooredRto);
      expectExactAt(c09, 'rto_rfc6298_s', i, rto.rto);
      unfloored.push(rto.unflooredRto);
    });
    // The trap: updating SRTT first would give 0.55 s at the second sample, not 0.55625 s.
    const wrongOrder = expectedList(c09, 'wrong_order_rto_s_for_reference');
    expect(Math.abs(unfloored[1] - wrongOrder[1])).toBeGreaterThan(0.005);
  });

  itTheory('C10: with no sample, doubles from 1 s on each expiry up to 60 s (exact)', () => {
    const c10 = theoryCase('C10');
    const rto = estimator();
    let at = 0;
    expectedList(c10, 'retransmission_times_s').forEach((_, i) => {
      expectExactAt(c10, 'rto_before_each_retransmission_s', i, rto.rto);
      at += rto.rto;
      expectExactAt(c10, 'retransmission_times_s', i, at);
      rto.onExpiry();
    });
    expect(rto.srtt).toBeNaN();
    expect(rto.rttvar).toBeNaN();
  });

  it('starts at initial with no estimate', () => {
    const rto = estimator({ initial: '3s' });
    expect(rto.rto).toBe(3);
    expect(rto.srtt).toBeNaN();
    expect(rto.rttvar).toBeNaN();
    expect(rto.unflooredRto).toBeNaN();
  });

  it('keeps the backed-off RTO until a fresh sample recomputes it from SRTT and RTTVAR', () => {
    const rto = estimator({ min: '100ms' });
    rto.onRttSample(0.2); // SRTT 0.2, RTTVAR 0.1: RTO 0.2 + 4·0.1 = 0.6
    expect(rto.rto).toBeCloseTo(0.6, 15);
    rto.onExpiry();
    rto.onExpiry();
    expect(rto.rto).toBeCloseTo(2.4, 15);
    expect(rto.rto).toBeCloseTo(2.4, 15);
    expect(rto.srtt).toBe(0.2);
    // RTTVAR 0.75·0.1 + 0.25·|0.2 - 0.2| = 0.075; RTO 0.2 + 0.3 = 0.5, the backoff forgotten.
    rto.onRttSample(0.2);
    expect(rto.rttvar).toBeCloseTo(0.075, 15);
    expect(rto.rto).toBeCloseTo(0.5, 15);
  });

  it('caps the computed and the backed-off RTO at max', () => {
    const rto = estimator({ max: '60s' });
    rto.onRttSample(30); // 30 + 4·15 = 90
    expect(rto.unflooredRto).toBe(90);
    expect(rto.rto).toBe(60);
    rto.onExpiry();
    expect(rto.rto).toBe(60);
  });

  it('adds the clock granularity once k·RTTVAR falls below it', () => {
    const rto = estimator({ min: '1ms', granularity: '10ms' });
    rto.onRttSample(0.1);
    expect(rto.rto).toBeCloseTo(0.3, 15);
    // RTTVAR = 0.05·0.75^(n-1): 4·RTTVAR < 10 ms from the 12th equal sample on.
    for (let n = 2; n <= 11; n++) rto.onRttSample(0.1);
    expect(rto.rto).toBeGreaterThan(0.11);
    rto.onRttSample(0.1);
    expect(rto.rto).toBeCloseTo(0.11, 12);
  });

  it('uses its own backoff factor', () => {
    const rto = estimator({ initial: '2s', backoff: 3, max: '100s' });
    const armed = [];
    for (let i = 0; i < 5; i++) {
      armed.push(rto.rto);
      rto.onExpiry();
    }
    expect(armed).toEqual([2, 6, 18, 54, 100]);
  });

  it('keeps the RTO within [min, max] and SRTT within the samples, whatever comes', () => {
    const event = fc.oneof(fc.constant('expiry' as const), fc.double({ min: 1e-4, max: 200, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 60 }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        (events, minSeconds) => {
          const rto = estimator({ min: minSeconds, initial: minSeconds, max: 60 });
          const samples: number[] = [];
          for (const e of events) {
            if (e === 'expiry') rto.onExpiry();
            else {
              rto.onRttSample(e);
              samples.push(e);
              expect(rto.rto).toBe(Math.min(Math.max(rto.unflooredRto, minSeconds), 60));
              expect(rto.srtt).toBeGreaterThanOrEqual(Math.min(...samples) * (1 - 1e-12));
              expect(rto.srtt).toBeLessThanOrEqual(Math.max(...samples) * (1 + 1e-12));
            }
            expect(rto.rto).toBeGreaterThanOrEqual(minSeconds);
            expect(rto.rto).toBeLessThanOrEqual(60);
          }
        },
      ),
    );
  });

  describe('rejects', () => {
    it('min above max, naming both', () => {
      expect(issuesOf({ min: '2s', max: '1s' })).toEqual(['max: expected min (2 s) to be at most max (1 s)']);
    });

    it('an initial RTO outside [min, max]', () => {
      expect(issuesOf({ initial: '200ms' })).toEqual([
        'initial: expected initial (0.2 s) within [min, max] = [1 s, 60 s]: the RTO never leaves that range',
      ]);
      expect(issuesOf({ initial: '200ms', min: '100ms' })).toEqual([]);
      expect(issuesOf({ initial: '2m' })).toHaveLength(1);
    });

    it('gains outside (0, 1), a negative k, a backoff below 1, non-positive times, unknown keys', () => {
      expect(issuesOf({ alpha: 0 })).toEqual([
        'alpha: expected a gain greater than 0 (0 would ignore every sample)',
      ]);
      expect(issuesOf({ alpha: 1 })).toEqual([
        'alpha: expected a gain less than 1 (1 would forget all history)',
      ]);
      expect(issuesOf({ beta: 1.5 })).toEqual([
        'beta: expected a gain less than 1 (1 would forget all history)',
      ]);
      expect(issuesOf({ k: -1 })).toEqual(['k: expected k of at least 0']);
      expect(issuesOf({ backoff: 0.5 })).toEqual([
        'backoff: expected a backoff factor of at least 1 (below 1 an expiry would shorten the timeout)',
      ]);
      expect(issuesOf({ min: 0 }).map((issue) => issue.split(':')[0])).toContain('min');
      expect(issuesOf({ granularity: '-1ms' }).map((issue) => issue.split(':')[0])).toEqual(['granularity']);
      expect(issuesOf({ gain: 0.1 })).toHaveLength(1);
    });
  });
});
