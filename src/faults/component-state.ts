/** Independent reasons a component can be held down; it is up only when none holds. */
export type DownCause = 'random' | 'scripted';

/**
 * Up/down state of one node (or, later, link) under several fault sources at once: a random
 * failure process and scripted faults compose, and the component is up only when no source
 * holds it down. Transitions are reported once each.
 */
export class ComponentState {
  private readonly causes = new Set<DownCause>();

  constructor(
    private readonly onDown: () => void,
    private readonly onUp: () => void,
  ) {}

  get isUp(): boolean {
    return this.causes.size === 0;
  }

  /** `cause` starts holding the component down. */
  hold(cause: DownCause): void {
    const wasUp = this.isUp;
    this.causes.add(cause);
    if (wasUp) this.onDown();
  }

  /** `cause` stops holding the component down. */
  release(cause: DownCause): void {
    if (!this.causes.delete(cause)) return;
    if (this.isUp) this.onUp();
  }
}
