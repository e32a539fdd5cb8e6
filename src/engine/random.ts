import seedrandom from 'seedrandom';

/** A stream of independent uniform draws in [0, 1). */
export type RandomStream = () => number;

/**
 * Hands out one random stream per component, each derived from the master seed, the replication
 * index and the component's stable path (`link/a-b/loss`, `flow/f1/arrivals`). Because a stream
 * depends only on those three, adding a component never changes what another one draws.
 */
export class RandomStreams {
  constructor(
    readonly seed: number,
    readonly replication = 0,
  ) {}

  /** The stream of the component named `path`; the same path always gives the same sequence. */
  stream(path: string): RandomStream {
    // alea: small state, fast, and seeded identically on every platform from a string.
    return seedrandom.alea(`msgsim|seed=${this.seed}|replication=${this.replication}|${path}`);
  }
}
