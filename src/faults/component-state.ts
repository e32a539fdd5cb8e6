/** Independent reasons a component can be held down; it is up only when none holds. */
export type DownCause = 'random' | 'scripted';

/**
 * Up/down state of one node or link under several fault sources at once: a random failure
 * process and scripted faults compose, and the component is up only when no source holds it
 * down. Transitions are reported once each: first to the model (`onDown`/`onUp`), then to the
 * watchers (services built on it, the run-length counter).
 */
export class ComponentState {
  private readonly causes = new Set<DownCause>();
  private readonly watchers: Array<(up: boolean) => void> = [];

  constructor(
    private readonly onDown: () => void,
    private readonly onUp: () => void,
  ) {}

  get isUp(): boolean {
    return this.causes.size === 0;
  }

  /** Calls `watcher` after every transition, with the new state. */
  watch(watcher: (up: boolean) => void): void {
    this.watchers.push(watcher);
  }

  /** `cause` starts holding the component down. */
  hold(cause: DownCause): void {
    const wasUp = this.isUp;
    this.causes.add(cause);
    if (!wasUp) return;
    this.onDown();
    for (const watcher of this.watchers) watcher(false);
  }

  /** `cause` stops holding the component down. */
  release(cause: DownCause): void {
    if (!this.causes.delete(cause)) return;
    if (!this.isUp) return;
    this.onUp();
    for (const watcher of this.watchers) watcher(true);
  }
}
