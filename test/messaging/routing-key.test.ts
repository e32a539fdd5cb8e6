import { describe, expect, it } from 'vitest';
import { partitionOfKey, topicPatternMatches } from '../../src/messaging/routing-key.js';

describe('AMQP topic patterns', () => {
  it.each([
    ['order.*', 'order.created', true],
    ['order.*', 'order.eu.created', false],
    ['order.*', 'order', false],
    ['order.#', 'order', true],
    ['order.#', 'order.eu.created', true],
    ['#.created', 'order.eu.created', true],
    ['#', 'anything.at.all', true],
    ['*.eu.*', 'order.eu.paid', true],
    ['*.eu.*', 'order.us.paid', false],
    ['a.#.z', 'a.z', true],
    ['a.#.z', 'a.b.c.z', true],
    ['a.#.z', 'a.b.c', false],
    ['order.created', 'order.created', true],
  ])('%s against %s: %s', (pattern, key, matches) => {
    expect(topicPatternMatches(pattern, key)).toBe(matches);
  });
});

describe('partition of a key', () => {
  it('is stable and within range, and spreads keys over the partitions', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 64; i++) {
      const partition = partitionOfKey(`user-${i}`, 4);
      expect(partition).toBe(partitionOfKey(`user-${i}`, 4));
      expect(partition).toBeGreaterThanOrEqual(0);
      expect(partition).toBeLessThan(4);
      seen.add(partition);
    }
    expect(seen.size).toBe(4);
  });
});
