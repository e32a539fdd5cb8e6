/**
 * A replicated service: up while at least `needs` of its members are up (series when it needs
 * all of them, parallel when it needs one). Members are nodes, links or other services, which
 * report their transitions through `memberChanged`; every member starts up.
 */
export class ServiceState {
  private membersUp: number;
  private readonly watchers: Array<(up: boolean) => void> = [];

  constructor(
    readonly memberCount: number,
    readonly needs: number,
  ) {
    this.membersUp = memberCount;
  }

  get isUp(): boolean {
    return this.membersUp >= this.needs;
  }

  /** Members up now. */
  get upCount(): number {
    return this.membersUp;
  }

  /** Calls `watcher` after every transition of the service, with its new state. */
  watch(watcher: (up: boolean) => void): void {
    this.watchers.push(watcher);
  }

  /** One member went down (`up` false) or came back up. */
  memberChanged(up: boolean): void {
    const wasUp = this.isUp;
    this.membersUp += up ? 1 : -1;
    const isUp = this.isUp;
    if (isUp === wasUp) return;
    for (const watcher of this.watchers) watcher(isUp);
  }
}
