import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RandomStream, RandomStreams } from '../../src/engine/random.js';

function draw(stream: RandomStream, count: number): number[] {
  return Array.from({ length: count }, () => stream());
}

const pathArbitrary = fc.string({ minLength: 1, maxLength: 20 });

describe('RandomStreams', () => {
  it('gives the same sequence for the same seed, replication and path', () => {
    const a = new RandomStreams(7, 2).stream('link/a-b/loss');
    const b = new RandomStreams(7, 2).stream('link/a-b/loss');
    expect(draw(a, 1000)).toEqual(draw(b, 1000));
  });

  it('gives the same sequence each time a path is asked for, from one RandomStreams', () => {
    const streams = new RandomStreams(1);
    const first = streams.stream('flow/f1/arrivals');
    const firstDraws = draw(first, 100);
    expect(draw(streams.stream('flow/f1/arrivals'), 100)).toEqual(firstDraws);
  });

  it('uses replication 0 by default', () => {
    expect(draw(new RandomStreams(3).stream('x'), 50)).toEqual(draw(new RandomStreams(3, 0).stream('x'), 50));
  });

  it('gives different sequences for different paths, seeds or replications', () => {
    const base = draw(new RandomStreams(1, 0).stream('link/a-b/loss'), 20);
    const variants = [
      new RandomStreams(1, 0).stream('link/b-a/loss'),
      new RandomStreams(1, 0).stream('link/a-b/delay'),
      new RandomStreams(2, 0).stream('link/a-b/loss'),
      new RandomStreams(1, 1).stream('link/a-b/loss'),
      new RandomStreams(11, 0).stream('link/a-b/loss'),
    ].map((stream) => draw(stream, 20));
    for (const variant of variants) expect(variant).not.toEqual(base);
    // Pairwise distinct as well, not just distinct from the base.
    expect(new Set(variants.map((values) => values.join(','))).size).toBe(variants.length);
  });

  it('gives distinct streams for distinct (seed, replication, path) triples (property)', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.nat(10), pathArbitrary),
        fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.nat(10), pathArbitrary),
        ([seedA, replicationA, pathA], [seedB, replicationB, pathB]) => {
          const a = draw(new RandomStreams(seedA, replicationA).stream(pathA), 4);
          const b = draw(new RandomStreams(seedB, replicationB).stream(pathB), 4);
          const same = seedA === seedB && replicationA === replicationB && pathA === pathB;
          expect(a.join(',') === b.join(',')).toBe(same);
        },
      ),
    );
  });

  it('draws of a stream do not depend on which other streams exist or how draws interleave (property)', () => {
    const scenario = fc.uniqueArray(pathArbitrary, { minLength: 1, maxLength: 6 }).chain((paths) =>
      fc.record({
        paths: fc.constant(paths),
        creationOrder: fc.shuffledSubarray(paths, { minLength: paths.length, maxLength: paths.length }),
        lazy: fc.boolean(),
        schedule: fc.array(fc.nat(), { maxLength: 200 }),
        seed: fc.integer({ min: 0, max: 2 ** 31 }),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ paths, creationOrder, lazy, schedule, seed }) => {
        // Streams created eagerly in a shuffled order, or lazily at their first draw, then
        // drawn from in a random interleaving.
        const streams = new RandomStreams(seed);
        const live = new Map<string, RandomStream>();
        if (!lazy) for (const path of creationOrder) live.set(path, streams.stream(path));
        const got = new Map(paths.map((path) => [path, [] as number[]]));
        for (const pick of schedule) {
          const path = paths[pick % paths.length];
          if (!live.has(path)) live.set(path, streams.stream(path));
          got.get(path)!.push(live.get(path)!());
        }
        // Each stream alone, from a fresh RandomStreams that never saw the others.
        for (const path of paths) {
          const alone = new RandomStreams(seed).stream(path);
          expect(got.get(path)).toEqual(draw(alone, got.get(path)!.length));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('is unaffected by adding a component (a new stream created and drawn first)', () => {
    const before = draw(new RandomStreams(9).stream('link/a-b/loss'), 100);
    const streams = new RandomStreams(9);
    const added = streams.stream('node/new/processing');
    draw(added, 1234);
    expect(draw(streams.stream('link/a-b/loss'), 100)).toEqual(before);
  });

  it('yields values in [0, 1) that look uniform', () => {
    const stream = new RandomStreams(5).stream('uniformity');
    const n = 200_000;
    const buckets = new Array<number>(10).fill(0);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = stream();
      if (u < min) min = u;
      if (u > max) max = u;
      sum += u;
      buckets[Math.floor(u * 10)]++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    // SE of the mean is sqrt(1/12 / n) ≈ 6.5e-4.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    // Chi-square with 9 degrees of freedom: 40 is far beyond the 0.9999 quantile (~33.7).
    const expected = n / 10;
    const chiSquare = buckets.reduce((acc, count) => acc + (count - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(40);
  });
});
