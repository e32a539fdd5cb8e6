import type { Distribution } from '../engine/distributions.js';
import type { RandomStream } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import type { ComponentState } from './component-state.js';

/** Time-to-failure and time-to-repair of a repairable component. */
export interface FailureSpec {
  timeToFailure: Distribution;
  timeToRepair: Distribution;
  initiallyUp: boolean;
}

/**
 * An alternating renewal process: up for a draw of the time to failure, down for a draw of the
 * time to repair, and so on. Only two events per cycle, so years of simulated time cost nothing
 * while nothing happens.
 */
export class FailureProcess {
  private readonly onFailure = (): void => this.fail();
  private readonly onRepair = (): void => this.repair();

  constructor(
    private readonly simulator: Simulator,
    private readonly spec: FailureSpec,
    private readonly failureRandom: RandomStream,
    private readonly repairRandom: RandomStream,
    private readonly state: ComponentState,
  ) {}

  /** Analytic steady-state availability MTTF / (MTTF + MTTR) from the distributions' means. */
  get analyticAvailability(): number {
    const mttf = this.spec.timeToFailure.mean;
    return mttf / (mttf + this.spec.timeToRepair.mean);
  }

  begin(): void {
    if (this.spec.initiallyUp) this.scheduleFailure();
    else this.fail();
  }

  private scheduleFailure(): void {
    this.simulator.schedule(this.spec.timeToFailure.sample(this.failureRandom), this.onFailure);
  }

  private fail(): void {
    this.state.hold('random');
    this.simulator.schedule(this.spec.timeToRepair.sample(this.repairRandom), this.onRepair);
  }

  private repair(): void {
    this.state.release('random');
    this.scheduleFailure();
  }
}
