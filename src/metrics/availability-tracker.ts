import { DowntimeBins } from './downtime-bins.js';
import { RunningMoments } from './stats.js';
import type { NodeTimeline } from './summary.js';

/** Most up/down periods kept per component for the timeline chart and CSV; statistics use all. */
export const MAX_TIMELINE_PERIODS = 20_000;

/** Most points kept per component of the running-availability curve (thinned as the run grows). */
export const MAX_CURVE_POINTS = 1024;

/**
 * Completed failure cycles (an up period, then the down period that ends it, both after the
 * warm-up): the running means of up time U and cycle length C and their centred co-moments
 * (Welford), which the regenerative ratio estimator of availability needs.
 */
export class CycleSums {
  count = 0;
  meanUp = 0;
  meanCycle = 0;
  /** Σ (U - Ū)², Σ (C - C̄)², Σ (U - Ū)(C - C̄). */
  upSquares = 0;
  cycleSquares = 0;
  upCycleProducts = 0;

  add(upSeconds: number, downSeconds: number): void {
    const cycle = upSeconds + downSeconds;
    this.count++;
    const upDelta = upSeconds - this.meanUp;
    this.meanUp += upDelta / this.count;
    const cycleDelta = cycle - this.meanCycle;
    this.meanCycle += cycleDelta / this.count;
    this.upSquares += upDelta * (upSeconds - this.meanUp);
    this.cycleSquares += cycleDelta * (cycle - this.meanCycle);
    this.upCycleProducts += upDelta * (cycle - this.meanCycle);
  }
}

interface ComponentRecord {
  up: boolean;
  since: number;
  upSeconds: number;
  downSeconds: number;
  upPeriods: RunningMoments;
  downPeriods: RunningMoments;
  cycles: CycleSums;
  /** Length of the last counted up period, waiting for its down period to make a cycle; NaN if none. */
  pendingUp: number;
  failures: number;
  periods: Array<{ start: number; end: number; up: boolean }>;
  truncated: boolean;
  /** Time down per bin over the whole run (past the periods' cap too); null until first down. */
  downtime: DowntimeBins | null;
  /** Running availability after the warm-up: [time, fraction up so far] pairs. */
  curve: number[];
  /** Record every `curveStride`-th change, doubled each time the curve is thinned. */
  curveStride: number;
  changesSinceCurvePoint: number;
}

/**
 * Up/down history of a set of components (nodes, links or services): time up and down after
 * the warm-up, the lengths of completed up periods (observed times to failure), down periods
 * (observed repair times) and whole failure cycles, the periods for the timeline chart, and a
 * thinned curve of the running measured availability.
 */
export class AvailabilityTracker {
  private readonly records: ComponentRecord[];

  constructor(
    count: number,
    private readonly warmupSeconds: number,
  ) {
    this.records = Array.from({ length: count }, () => ({
      up: true,
      since: 0,
      upSeconds: 0,
      downSeconds: 0,
      upPeriods: new RunningMoments(),
      downPeriods: new RunningMoments(),
      cycles: new CycleSums(),
      pendingUp: Number.NaN,
      failures: 0,
      periods: [],
      truncated: false,
      downtime: null,
      curve: [],
      curveStride: 1,
      changesSinceCurvePoint: 0,
    }));
  }

  /** Number of components tracked. */
  get count(): number {
    return this.records.length;
  }

  /** Component `index` changed state to `up` at time `now`. */
  change(index: number, up: boolean, now: number): void {
    const record = this.records[index];
    if (record.up === up) return;
    // A change at the very instant the period began (a component that starts down) closes nothing.
    if (now > record.since) this.close(record, now);
    record.up = up;
    record.since = now;
    if (!up) {
      record.failures++;
      record.downtime ??= new DowntimeBins();
    }
    this.addCurvePoint(record, now);
  }

  /** Is component `index` up now? */
  isUp(index: number): boolean {
    return this.records[index].up;
  }

  /** Totals at `end` without changing the state. */
  snapshot(index: number, end: number) {
    const record = this.records[index];
    const open = Math.max(0, end - Math.max(record.since, this.warmupSeconds));
    return {
      upSeconds: record.upSeconds + (record.up ? open : 0),
      downSeconds: record.downSeconds + (record.up ? 0 : open),
      upPeriods: record.upPeriods,
      downPeriods: record.downPeriods,
      cycles: record.cycles,
      failures: record.failures,
      currentlyUp: record.up,
    };
  }

  /**
   * Periods up to `end`, the open one cut at `end` (the first MAX_TIMELINE_PERIODS only), and,
   * for a component ever down, its time down per bin over the whole run.
   */
  timeline(index: number, id: string, end: number): NodeTimeline {
    const record = this.records[index];
    const periods = record.periods.slice();
    if (!record.truncated && end > record.since) periods.push({ start: record.since, end, up: record.up });
    const open = !record.up && end > record.since;
    if (record.downtime === null) return { node: id, periods };
    // Reaching `end` may widen the bins: their width is read after.
    const downSeconds = record.downtime.binsTo(end, open ? record.since : undefined);
    return {
      node: id,
      periods,
      downtime: { binSeconds: record.downtime.width, downSeconds, downPeriods: record.failures },
    };
  }

  /**
   * The running measured availability (up time / time since the warm-up) at changes of state,
   * thinned to at most about MAX_CURVE_POINTS points, ending with the value at `end`.
   */
  curve(index: number, end: number): Array<{ time: number; availability: number }> {
    const record = this.records[index];
    const points: Array<{ time: number; availability: number }> = [];
    for (let i = 0; i < record.curve.length; i += 2) {
      points.push({ time: record.curve[i], availability: record.curve[i + 1] });
    }
    if (end > this.warmupSeconds) {
      const { upSeconds, downSeconds } = this.snapshot(index, end);
      points.push({ time: end, availability: upSeconds / (upSeconds + downSeconds) });
    }
    return points;
  }

  private close(record: ComponentRecord, now: number): void {
    const length = now - record.since;
    const afterWarmup = Math.max(0, now - Math.max(record.since, this.warmupSeconds));
    if (record.up) record.upSeconds += afterWarmup;
    else record.downSeconds += afterWarmup;
    // A period counts as an observation of MTTF/MTTR only when it began after the warm-up
    // (the first up period, starting at 0 from a fresh component, counts when there is none).
    if (record.since >= this.warmupSeconds) {
      if (record.up) {
        record.upPeriods.add(length);
        record.pendingUp = length;
      } else {
        record.downPeriods.add(length);
        if (!Number.isNaN(record.pendingUp)) record.cycles.add(record.pendingUp, length);
        record.pendingUp = Number.NaN;
      }
    }
    if (!record.up) record.downtime?.addDown(record.since, now);
    if (record.periods.length < MAX_TIMELINE_PERIODS) {
      record.periods.push({ start: record.since, end: now, up: record.up });
    } else {
      record.truncated = true;
    }
  }

  private addCurvePoint(record: ComponentRecord, now: number): void {
    if (now <= this.warmupSeconds) return;
    if (++record.changesSinceCurvePoint < record.curveStride) return;
    record.changesSinceCurvePoint = 0;
    const measured = now - this.warmupSeconds;
    record.curve.push(now, record.upSeconds / measured);
    if (record.curve.length >= 4 * MAX_CURVE_POINTS) {
      // Keep every other point: the curve covers the whole run at half the resolution.
      const thinned: number[] = [];
      for (let i = 0; i < record.curve.length; i += 4) thinned.push(record.curve[i], record.curve[i + 1]);
      record.curve = thinned;
      record.curveStride *= 2;
    }
  }
}
