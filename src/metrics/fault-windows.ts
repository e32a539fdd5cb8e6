import type { FaultWindow } from './summary.js';

/** The periods of one partition or degraded link, the open one's start in `since` (NaN: none open). */
interface WindowRecord {
  kind: FaultWindow['kind'];
  /** Partition id, or link index for a degradation (its id is known only to the summary). */
  key: string | number;
  oneWay?: boolean;
  periods: Array<{ start: number; end: number }>;
  since: number;
}

/**
 * When scripted partitions and link degradations were in force, as reported while the run
 * went: one record per partition (a partition split again one-way instead of both ways, or back,
 * is another record) and per degraded link, in the order each first came into force.
 */
export class FaultWindowRecorder {
  private readonly records: WindowRecord[] = [];
  private readonly byKey = new Map<string, WindowRecord>();

  /** Partition `id` (one-way or not) came into force (`active`) or ended at `now`. */
  partition(id: string, oneWay: boolean, active: boolean, now: number): void {
    this.change(`partition:${oneWay}:${id}`, { kind: 'partition', key: id, oneWay }, active, now);
  }

  /** Link `linkIndex` began or stopped being degraded at `now`. */
  degradation(linkIndex: number, degraded: boolean, now: number): void {
    this.change(`degradation:${linkIndex}`, { kind: 'degradation', key: linkIndex }, degraded, now);
  }

  /**
   * The windows, partitions first then degraded links (ids from `linkIds`), a window still in
   * force ending at `endSeconds`. Windows of no length (begun and ended at one instant) are left
   * out, and so is a partition or link with none left.
   */
  windows(linkIds: readonly string[], endSeconds: number): FaultWindow[] {
    const ordered = [
      ...this.records.filter((record) => record.kind === 'partition'),
      ...this.records.filter((record) => record.kind === 'degradation'),
    ];
    return ordered.flatMap((record): FaultWindow[] => {
      const periods = [...record.periods];
      if (!Number.isNaN(record.since)) periods.push({ start: record.since, end: endSeconds });
      const lasting = periods.filter((period) => period.end > period.start);
      if (lasting.length === 0) return [];
      const id = typeof record.key === 'number' ? linkIds[record.key] : record.key;
      return [
        {
          kind: record.kind,
          id,
          ...(record.oneWay !== undefined && { oneWay: record.oneWay }),
          periods: lasting,
        },
      ];
    });
  }

  private change(
    mapKey: string,
    identity: Pick<WindowRecord, 'kind' | 'key' | 'oneWay'>,
    active: boolean,
    now: number,
  ): void {
    let record = this.byKey.get(mapKey);
    if (!record) {
      record = { ...identity, periods: [], since: Number.NaN };
      this.byKey.set(mapKey, record);
      this.records.push(record);
    }
    const open = !Number.isNaN(record.since);
    if (active === open) return;
    if (active) record.since = now;
    else {
      record.periods.push({ start: record.since, end: now });
      record.since = Number.NaN;
    }
  }
}
