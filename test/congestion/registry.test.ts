import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCongestionRegistry } from '../../src/congestion/index.js';
import { congestionSchema } from '../../src/transport/strategy-schemas.js';

const registry = createCongestionRegistry();
const schema = congestionSchema(registry);

describe('congestion-control registry', () => {
  it('holds none, tahoe, reno, newreno and cubic, in that order', () => {
    expect(registry.ids()).toEqual(['none', 'tahoe', 'reno', 'newreno', 'cubic']);
  });

  it('accepts a bare name with every parameter at its default', () => {
    expect(schema.parse('reno')).toEqual({ strategy: 'reno', initialWindow: 1, duplicateAckThreshold: 3 });
    expect(schema.parse('cubic')).toEqual({
      strategy: 'cubic',
      initialWindow: 1,
      duplicateAckThreshold: 3,
      c: 0.4,
      beta: 0.7,
      fastConvergence: true,
    });
  });

  it('accepts parameters in the object form and refuses bad or unknown ones', () => {
    expect(schema.parse({ strategy: 'newreno', initialWindow: 10, initialSsthresh: 64 })).toEqual({
      strategy: 'newreno',
      initialWindow: 10,
      initialSsthresh: 64,
      duplicateAckThreshold: 3,
    });
    expect(schema.safeParse({ strategy: 'tahoe', initialWindow: 0 }).success).toBe(false);
    expect(schema.safeParse({ strategy: 'reno', duplicateAckThreshold: 2.5 }).success).toBe(false);
    expect(schema.safeParse({ strategy: 'cubic', beta: 1 }).success).toBe(false);
    expect(schema.safeParse({ strategy: 'reno', beta: 0.5 }).success).toBe(false);
  });

  it('describes every parameter (for the published JSON Schema and the CLI help)', () => {
    for (const definition of registry.all()) {
      const json = z.toJSONSchema(definition.schema, { io: 'input' }) as {
        properties: Record<string, { description?: string }>;
      };
      for (const [key, property] of Object.entries(json.properties)) {
        if (key !== 'strategy') expect(property.description, `${definition.id}.${key}`).toBeTruthy();
      }
      expect(definition.description.length).toBeGreaterThan(0);
    }
  });

  it('creates a fresh state per call, starting at the configured window', () => {
    for (const id of ['tahoe', 'reno', 'newreno', 'cubic']) {
      const definition = registry.get(id);
      const config = definition.schema.parse({ strategy: id });
      const first = definition.create(config);
      const second = definition.create(config);
      expect(first).not.toBe(second);
      expect(first.cwnd).toBe(1);
      expect(first.ssthresh).toBe(Number.POSITIVE_INFINITY);
      expect(first.inFastRecovery).toBe(false);
      expect(first.detectsLosses).toBe(true);
    }
  });

  it("none leaves loss detection to the transport's timers (selective repeat then times each segment)", () => {
    const none = registry.get('none').create({ strategy: 'none' });
    expect(none.detectsLosses).toBe(false);
    expect(none.cwnd).toBe(Number.POSITIVE_INFINITY);
  });
});
