import type { Simulator } from '../engine/simulator.js';

/** A failed component waiting for a crew: it draws its repair time when the repair begins. */
export interface RepairJob {
  /** The crew starts on it: how long the repair takes (s). */
  beginRepair(): number;
  /** The repair is done: the component is repaired. */
  finishRepair(): void;
}

/**
 * One repair crew shared by several components: it repairs one failed component at a time, in
 * the order they failed (FIFO). A component's down time includes its wait for the crew.
 */
export class RepairCrew {
  private readonly waiting: RepairJob[] = [];
  private busy = false;
  private readonly onRepaired = (job: RepairJob): void => {
    job.finishRepair();
    this.startNext();
  };

  constructor(private readonly simulator: Simulator) {}

  /** Components failed and not yet being repaired. */
  get queueLength(): number {
    return this.waiting.length;
  }

  /** `job` failed: it is repaired at once if the crew is free, otherwise after those before it. */
  request(job: RepairJob): void {
    this.waiting.push(job);
    if (!this.busy) this.startNext();
  }

  private startNext(): void {
    const job = this.waiting.shift();
    this.busy = job !== undefined;
    if (job) this.simulator.schedule(job.beginRepair(), this.onRepaired, job);
  }
}
