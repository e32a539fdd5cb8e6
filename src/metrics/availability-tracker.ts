import { RunningMoments } from './stats.js';
import type { NodeTimeline } from './summary.js';

/** Most up/down periods kept per node for the timeline chart and CSV; statistics use all. */
export const MAX_TIMELINE_PERIODS = 20_000;

interface NodeRecord {
  up: boolean;
  since: number;
  upSeconds: number;
  downSeconds: number;
  upPeriods: RunningMoments;
  downPeriods: RunningMoments;
  failures: number;
  periods: Array<{ start: number; end: number; up: boolean }>;
  truncated: boolean;
}

/**
 * Up/down history of every node: time up and down after the warm-up, the lengths of completed
 * up periods (observed times to failure) and down periods (observed repair times).
 */
export class AvailabilityTracker {
  private readonly nodes: NodeRecord[];

  constructor(
    nodeCount: number,
    private readonly warmupSeconds: number,
  ) {
    this.nodes = Array.from({ length: nodeCount }, () => ({
      up: true,
      since: 0,
      upSeconds: 0,
      downSeconds: 0,
      upPeriods: new RunningMoments(),
      downPeriods: new RunningMoments(),
      failures: 0,
      periods: [],
      truncated: false,
    }));
  }

  /** Node `node` changed state to `up` at time `now`. */
  change(node: number, up: boolean, now: number): void {
    const record = this.nodes[node];
    if (record.up === up) return;
    // A change at the very instant the period began (a node that starts down) closes nothing.
    if (now > record.since) this.close(record, now, true);
    record.up = up;
    record.since = now;
    if (!up) record.failures++;
  }

  /** Totals at `end` without changing the state. */
  snapshot(node: number, end: number) {
    const record = this.nodes[node];
    const open = Math.max(0, end - Math.max(record.since, this.warmupSeconds));
    return {
      upSeconds: record.upSeconds + (record.up ? open : 0),
      downSeconds: record.downSeconds + (record.up ? 0 : open),
      upPeriods: record.upPeriods,
      downPeriods: record.downPeriods,
      failures: record.failures,
      currentlyUp: record.up,
    };
  }

  /** Periods up to `end`, the open one cut at `end`. */
  timeline(node: number, nodeId: string, end: number): NodeTimeline {
    const record = this.nodes[node];
    const periods = record.periods.slice();
    if (!record.truncated && end > record.since) periods.push({ start: record.since, end, up: record.up });
    return { node: nodeId, periods };
  }

  private close(record: NodeRecord, now: number, completed: boolean): void {
    const length = now - record.since;
    const afterWarmup = Math.max(0, now - Math.max(record.since, this.warmupSeconds));
    if (record.up) record.upSeconds += afterWarmup;
    else record.downSeconds += afterWarmup;
    // A period counts as an observation of MTTF/MTTR only when it began after the warm-up
    // (the first up period, starting at 0 from a fresh component, counts when there is none).
    if (completed && record.since >= this.warmupSeconds) {
      (record.up ? record.upPeriods : record.downPeriods).add(length);
    }
    if (record.periods.length < MAX_TIMELINE_PERIODS) {
      record.periods.push({ start: record.since, end: now, up: record.up });
    } else {
      record.truncated = true;
    }
  }
}
