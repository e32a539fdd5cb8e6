import type { Distribution } from '../engine/distributions.js';
import type { RandomStream } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import type { ComponentState } from './component-state.js';
import type { RepairCrew, RepairJob } from './repair-crew.js';

/** Time-to-failure and time-to-repair of a repairable component. */
export interface FailureSpec {
  timeToFailure: Distribution;
  timeToRepair: Distribution;
  initiallyUp: boolean;
}

/**
 * An alternating renewal process: up for a draw of the time to failure, down for a draw of the
 * time to repair, and so on. Only two events per cycle, so years of simulated time cost nothing
 * while nothing happens. With a shared crew, a failed component waits for the crew before its
 * repair begins.
 */
export class FailureProcess implements RepairJob {
  private readonly onFailure = (): void => this.fail();
  private readonly onRepair = (): void => this.finishRepair();

  constructor(
    private readonly simulator: Simulator,
    private readonly spec: FailureSpec,
    private readonly failureRandom: RandomStream,
    private readonly repairRandom: RandomStream,
    private readonly state: ComponentState,
    private readonly crew: RepairCrew | null = null,
  ) {}

  begin(): void {
    if (this.spec.initiallyUp) this.scheduleFailure();
    else this.fail();
  }

  beginRepair(): number {
    return this.spec.timeToRepair.sample(this.repairRandom);
  }

  finishRepair(): void {
    this.state.release('random');
    this.scheduleFailure();
  }

  private scheduleFailure(): void {
    this.simulator.schedule(this.spec.timeToFailure.sample(this.failureRandom), this.onFailure);
  }

  private fail(): void {
    this.state.hold('random');
    if (this.crew) this.crew.request(this);
    else this.simulator.schedule(this.beginRepair(), this.onRepair);
  }
}
